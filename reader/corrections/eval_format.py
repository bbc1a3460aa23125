"""A (corrected) analysis in the evaluation format of ../shared/eval/ (README there).

`gold_record(article_id, text, analysis, title)` turns the contract JSON into one gold line:
every claim an attribution (`source` = its source mention, `cue`, `content`, `kind`,
`cue_class`, `source_id`, `nested_in` = the index of its parent), every card a gold source
(name, kind, title, role, affiliation, and its mentions' text as aliases), the boilerplate
as `boilerplate_spans`. So `reader eval` scores the engine against the reader's own
corrections.

The record is the corrected contract object too (`claims`, and `sources` whose entries are
the contract's cards plus the gold `aliases`; a card without mentions is `optional`), so `reader eval FILE --pred FILE` scores the
corrections against themselves: 100 %. Pure.
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
    # A card with no mention in the text (one the reader named in other words) has no span
    # the scorer could pair it by: it is optional, neither a miss nor a hit.
    sources = [{**card, "aliases": sorted({text[s:e] for s, e in card.get("mentions") or []}),
                **({} if card.get("mentions") else {"optional": True})}
               for card in analysis.get("sources", [])]
    return {"id": article_id, "source_corpus": SOURCE_CORPUS, "title": title or None, "text": text,
            "attributions": attributions, "sources": sources, "claims": claims,
            "boilerplate": analysis.get("boilerplate") or [],
            "boilerplate_spans": analysis.get("boilerplate") or [],
            CORRECTED_KEY: int(analysis.get(CORRECTED_KEY) or 0)}
