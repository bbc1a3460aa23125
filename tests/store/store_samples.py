"""A small analysed article for the store tests (imported as `store_samples`)."""

from __future__ import annotations

from reader.store import Library

TEXT = ("Yoav Mordechai said the crossing would reopen on Sunday. "
        "Officials familiar with the talks denied it, according to Reuters.")


def span(text: str, words: str) -> list[int]:
    start = text.index(words)
    return [start, start + len(words)]


def make_analysis(text: str = TEXT) -> dict:
    """`Analysis.to_dict()` for TEXT: two sourced claims and one hedged one."""
    return {
        "id": "",
        "claims": [
            {"id": "c1", "kind": "indirect", "cue": [span(text, "said")],
             "content": [span(text, "the crossing would reopen on Sunday.")],
             "source_mention": [span(text, "Yoav Mordechai")], "source_id": "s1", "parent": None,
             "confidence": 0.9, "rule": "said-that"},
            {"id": "c2", "kind": "according_to", "cue": [span(text, "according to")],
             "content": [span(text, "Officials familiar with the talks denied it")],
             "source_mention": [span(text, "Reuters")], "source_id": "s2", "parent": None,
             "confidence": 0.8, "rule": "according-to"},
        ],
        "sources": [
            {"id": "s1", "name": "Yoav Mordechai", "kind": "person", "title": "IDF Maj.-Gen.",
             "role": "coordinator of government activities", "affiliation": "IDF",
             "mentions": [span(text, "Yoav Mordechai")], "claim_ids": ["c1"]},
            {"id": "s2", "name": "Reuters", "kind": "media", "title": "", "role": "news agency",
             "affiliation": "", "mentions": [span(text, "Reuters")], "claim_ids": ["c2"]},
        ],
        "boilerplate": [],
    }


def add_article(lib: Library, article_id: str, title: str = "Crossing to reopen", text: str = TEXT,
                origin: str = "https://example.org/crossing") -> None:
    lib.remember_article(article_id, title, origin, text)
    lib.save_analysis(article_id, "test-engine", make_analysis(text))
