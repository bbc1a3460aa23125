"""A (corrected) analysis in the evaluation format of ../shared/eval/ (README there).

`gold_record(article_id, text, analysis, title)` turns the contract JSON into one gold line:
every claim an attribution (`source` = its source mention, `cue`, `content`, `kind`,
`cue_class`, `source_id`, `nested_in` = the index of its parent), every card a gold source
(name, kind, title, role, affiliation, and its mentions' text as aliases), the boilerplate
as `boilerplate_spans`. So `reader eval` scores the engine against the reader's own
corrections, and a corrected analysis scores 100 % against its own record. Pure.
"""

from __future__ import annotations

from typing import Any

from reader.corrections.model import CORRECTED_KEY

SOURCE_CORPUS = "reader-corrections"


def gold_record(article_id: str, text: str, analysis: dict[str, Any], title: str = "") -> dict[str, Any]:
    claims = analysis.get("claims", [])
    index = {c["id"]: i for i, c in enumerate(claims)}
    attributions = []
    for claim in claims:
        att = {"kind": claim.get("kind"), "source": claim.get("source_mention") or [],
               "cue": claim.get("cue") or [], "content": claim.get("content") or [],
               "cue_class": claim.get("cue_class"), "source_id": claim.get("source_id")}
        if claim.get("parent") in index:
            att["nested_in"] = index[claim["parent"]]
        if claim.get(CORRECTED_KEY):
            att[CORRECTED_KEY] = True
        attributions.append(att)
    sources = []
    for card in analysis.get("sources", []):
        aliases = sorted({text[s:e] for s, e in card.get("mentions") or []})
        sources.append({"id": card.get("id"), "name": card.get("name"), "kind": card.get("kind"),
                        "title": card.get("title") or None, "role": card.get("role") or None,
                        "affiliation": card.get("affiliation") or None, "aliases": aliases,
                        **({CORRECTED_KEY: True} if card.get(CORRECTED_KEY) else {})})
    return {"id": article_id, "source_corpus": SOURCE_CORPUS, "title": title or None, "text": text,
            "attributions": attributions, "sources": sources,
            "boilerplate_spans": analysis.get("boilerplate") or [],
            CORRECTED_KEY: int(analysis.get(CORRECTED_KEY) or 0)}
