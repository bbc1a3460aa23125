"""Apply the reader's corrections on top of the engine's analysis.

    corrected, unapplied = apply(analysis_dict, corrections, text)

`analysis_dict` is the contract JSON (`Analysis.to_dict()`); it is not changed. The
corrections are applied in their order (the library's log order), each one whole or not at
all: one that no longer finds its text, claim or card is returned in `unapplied` with the
reason, as a sentence for the user, and the next ones still apply. Nothing is dropped: the
caller keeps every correction, applied or not.

Every claim and card a correction touched carries `CORRECTED_KEY: True`; the result's
`CORRECTED_KEY` counts the corrections applied. Cards left without claims by a correction
are removed. Pure: no Qt, no store, no model.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reader.corrections.model import (
    ADD_CLAIM,
    CARD_FIELDS,
    CHANGE_KIND,
    CLAIM_FIELDS,
    CHANGE_SOURCE,
    CORRECTED_KEY,
    EDIT_CARD,
    EDIT_SPAN,
    MERGE_CARDS,
    NOT_A_CLAIM,
    READER_ID_PREFIX,
    SPLIT_MENTIONS,
    Anchor,
    CardRef,
    CardSpec,
    Correction,
    one_line,
)

HEDGED = "hedged"
HEDGE_CLASS = "hedge"
SOURCED_KIND_OF_HEDGE = "indirect"  # a hedged claim the reader gives a source becomes indirect
READER_RULE = "reader"  # the `rule` of a claim the reader added
READER_CONFIDENCE = 1.0
MENTION_REACH = 300  # characters around a claim in which its source's name is looked for
REASON_QUOTE_CHARS = 48  # of the quoted text in a reason
QUOTE_MARKS = "\"“”„«»‘’‚'"

Doc = dict[str, Any]


@dataclass(frozen=True)
class Unapplied:
    correction: Correction
    reason: str  # a sentence for the user


class NotApplied(Exception):
    """A correction (or a claim note) whose text, claim or card is no longer there."""


def _short(quote: str) -> str:
    return one_line(quote, REASON_QUOTE_CHARS)


def _overlap(a: list[int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _locate(text: str, anchor: Anchor | None) -> tuple[int, int]:
    if anchor is None:
        raise NotApplied("This correction names no text of the article; it may come from a damaged library.")
    found = anchor.find(text)
    if found is None:
        raise NotApplied(f"The text “{_short(anchor.quote)}” is no longer in the article.")
    return found


def find_claim(doc: Doc, text: str, anchor: Anchor | None) -> dict[str, Any]:
    """The claim whose content covers the anchor's text most (the shortest on a tie)."""
    span = _locate(text, anchor)
    best, best_key = None, None
    for claim in doc["claims"]:
        common = sum(_overlap(s, span) for s in claim.get("content") or [])
        if common:
            key = (-common, sum(e - s for s, e in claim["content"]))
            if best_key is None or key < best_key:
                best, best_key = claim, key
    if best is None:
        raise NotApplied(f"No claim covers “{_short(anchor.quote)}” any more.")
    return best


def _find_card(doc: Doc, text: str, ref: CardRef | None) -> dict[str, Any]:
    if ref is None:
        raise NotApplied("This correction names no source card; it may come from a damaged library.")
    cards = doc["sources"]
    if ref.card_id.startswith(READER_ID_PREFIX):
        found = next((c for c in cards if c["id"] == ref.card_id), None)
        if found is None:
            raise NotApplied(f"The source “{ref.name}” you created is no longer there.")
        return found
    span = ref.mention.find(text) if ref.mention else None
    if span is not None:
        for card in cards:
            if any(_overlap(m, span) for m in card.get("mentions") or []):
                return card
    name = ref.name.casefold()
    same = [c for c in cards if (c.get("name") or "").casefold() == name]
    found = next((c for c in same if c.get("kind") == ref.kind), same[0] if same else None)
    if found is None:
        raise NotApplied(f"The source “{ref.name}” is no longer among the sources found.")
    return found


def _card_by_id(doc: Doc, card_id: str | None) -> dict[str, Any] | None:
    return next((c for c in doc["sources"] if c["id"] == card_id), None)


def _new_card(doc: Doc, spec: CardSpec, card_id: str) -> dict[str, Any]:
    card = {"id": card_id, **spec.to_dict(), "mentions": [], "claim_ids": [], CORRECTED_KEY: True}
    doc["sources"].append(card)
    return card


def _nearest_mention(text: str, card: dict[str, Any], span: tuple[int, int]) -> list[list[int]]:
    """The card's mention (or an occurrence of its name) nearest the claim, within reach;
    added to the card's mentions. [] when there is none."""
    candidates = [tuple(m) for m in card.get("mentions") or []]
    name = card.get("name") or ""
    if name:
        lower, needle = text.casefold(), name.casefold()
        at = lower.find(needle, max(0, span[0] - MENTION_REACH))
        while 0 <= at <= span[1] + MENTION_REACH and len(lower) == len(text):
            candidates.append((at, at + len(name)))
            at = lower.find(needle, at + 1)

    def distance(m: tuple[int, int]) -> int:
        return max(0, span[0] - m[1], m[0] - span[1])

    near = [m for m in candidates if distance(m) <= MENTION_REACH and not _overlap(list(m), span)]
    if not near:
        return []
    best = list(min(near, key=lambda m: (distance(m), m)))
    if best not in card["mentions"]:
        card["mentions"] = sorted([*card["mentions"], best])
    return [best]


def _detach(doc: Doc, claim: dict[str, Any], emptied: set[str]) -> None:
    card = _card_by_id(doc, claim.get("source_id"))
    if card is not None and claim["id"] in card["claim_ids"]:
        card["claim_ids"].remove(claim["id"])
        if not card["claim_ids"]:
            emptied.add(card["id"])
    claim["source_id"], claim["source_mention"] = None, []


def _attach(doc: Doc, text: str, claim: dict[str, Any], card: dict[str, Any] | None) -> None:
    if card is None:  # unsourced
        return
    claim["source_id"] = card["id"]
    claim["source_mention"] = _nearest_mention(text, card, tuple(claim["content"][0]))
    if claim["id"] not in card["claim_ids"]:
        card["claim_ids"].append(claim["id"])
    card[CORRECTED_KEY] = True
    if claim["kind"] == HEDGED:
        claim["kind"] = SOURCED_KIND_OF_HEDGE


def _target_card(doc: Doc, text: str, c: Correction) -> dict[str, Any] | None:
    if c.source is not None:
        return _find_card(doc, text, c.source)
    if c.new_card is not None:
        return _card_by_id(doc, c.reader_id) or _new_card(doc, c.new_card, c.reader_id)
    return None


# one function per kind ----------------------------------------------------------------------
def _not_a_claim(doc: Doc, text: str, c: Correction, emptied: set[str]) -> None:
    claim = find_claim(doc, text, c.claim)
    _detach(doc, claim, emptied)
    doc["claims"].remove(claim)
    for other in doc["claims"]:
        if other.get("parent") == claim["id"]:
            other["parent"] = None


def _change_source(doc: Doc, text: str, c: Correction, emptied: set[str]) -> None:
    claim = find_claim(doc, text, c.claim)
    target = _target_card(doc, text, c)
    _detach(doc, claim, emptied)
    _attach(doc, text, claim, target)
    if target is not None:
        emptied.discard(target["id"])
    claim[CORRECTED_KEY] = True


def _change_kind(doc: Doc, text: str, c: Correction, emptied: set[str]) -> None:
    claim = find_claim(doc, text, c.claim)
    claim.update({k: v for k, v in c.fields.items() if k in CLAIM_FIELDS})
    if claim["kind"] == HEDGED:  # the contract: a hedged claim has no source
        _detach(doc, claim, emptied)
    claim[CORRECTED_KEY] = True


def _edit_span(doc: Doc, text: str, c: Correction, emptied: set[str]) -> None:
    claim = find_claim(doc, text, c.claim)
    claim["content"] = [list(_locate(text, c.span))]
    claim[CORRECTED_KEY] = True


def _add_claim(doc: Doc, text: str, c: Correction, emptied: set[str]) -> None:
    start, end = _locate(text, c.span)
    cue = list(_locate(text, c.cue)) if c.cue else [start, end]
    target = _target_card(doc, text, c)
    quoted = text[start:end].lstrip()[:1] in QUOTE_MARKS
    kind = c.fields.get("kind") or (HEDGED if target is None else "direct" if quoted else "indirect")
    claim = {"id": c.reader_id, "kind": kind, "cue": [cue], "content": [[start, end]], "source_mention": [],
             "source_id": None, "parent": None, "confidence": READER_CONFIDENCE, "rule": READER_RULE,
             "cue_class": c.fields.get("cue_class") or (HEDGE_CLASS if kind == HEDGED else "speech"),
             CORRECTED_KEY: True}
    doc["claims"].append(claim)
    _attach(doc, text, claim, target)
    if target is not None:
        emptied.discard(target["id"])
    doc["claims"].sort(key=lambda x: (x["content"][0][0], x["id"]))


def _edit_card(doc: Doc, text: str, c: Correction, emptied: set[str]) -> None:
    card = _find_card(doc, text, c.card)
    card.update({k: v for k, v in c.fields.items() if k in CARD_FIELDS})
    card[CORRECTED_KEY] = True


def _merge_cards(doc: Doc, text: str, c: Correction, emptied: set[str]) -> None:
    gone, into = _find_card(doc, text, c.card), _find_card(doc, text, c.source)
    if gone is into:
        raise NotApplied(f"“{c.card.name}” and “{c.source.name}” are one card now.")
    for claim in doc["claims"]:
        if claim.get("source_id") == gone["id"]:
            claim["source_id"] = into["id"]
            claim[CORRECTED_KEY] = True
    into["claim_ids"] += [cid for cid in gone["claim_ids"] if cid not in into["claim_ids"]]
    into["mentions"] = sorted({tuple(m) for m in into["mentions"] + gone["mentions"]})
    into["mentions"] = [list(m) for m in into["mentions"]]
    into[CORRECTED_KEY] = True
    doc["sources"].remove(gone)
    emptied.discard(into["id"])


def _split_mentions(doc: Doc, text: str, c: Correction, emptied: set[str]) -> None:
    card = _find_card(doc, text, c.card)
    spans = [_locate(text, m) for m in c.mentions]
    moved = [m for m in card["mentions"] if any(_overlap(m, s) for s in spans)]
    if not moved:
        raise NotApplied(f"“{c.card.name}” no longer has the mentions you split off.")
    new = _card_by_id(doc, c.reader_id) or _new_card(doc, c.new_card or CardSpec(c.card.name), c.reader_id)
    card["mentions"] = [m for m in card["mentions"] if m not in moved]
    new["mentions"] = sorted(new["mentions"] + moved)
    for claim in doc["claims"]:
        mention = claim.get("source_mention") or []
        if claim.get("source_id") == card["id"] and any(_overlap(m, tuple(x)) for m in moved for x in mention):
            _detach(doc, claim, emptied)
            claim["source_id"], claim["source_mention"] = new["id"], mention
            new["claim_ids"].append(claim["id"])
            claim[CORRECTED_KEY] = True
    card[CORRECTED_KEY] = True


_APPLY: dict[str, Callable[[Doc, str, Correction, set[str]], None]] = {
    NOT_A_CLAIM: _not_a_claim,
    CHANGE_SOURCE: _change_source,
    CHANGE_KIND: _change_kind,
    EDIT_SPAN: _edit_span,
    ADD_CLAIM: _add_claim,
    EDIT_CARD: _edit_card,
    MERGE_CARDS: _merge_cards,
    SPLIT_MENTIONS: _split_mentions,
}


class _Broken(Exception):
    def __init__(self, index: int, reason: str) -> None:
        super().__init__(reason)
        self.index, self.reason = index, reason


def apply(analysis: Doc, corrections: list[Correction], text: str) -> tuple[Doc, list[Unapplied]]:
    """The engine's analysis with the reader's corrections on top, and those that did not apply.

    Each kind's function finds everything it needs (raising NotApplied) before its first
    change, so a correction that does not apply has changed nothing. One that fails in an
    unforeseen way (a stored edit of an odd shape) may have changed something: the whole
    application starts again without it (rare, and bounded by the number of such edits).
    """
    broken: dict[int, str] = {}
    while True:
        try:
            return _apply_all(analysis, corrections, text, broken)
        except _Broken as exc:
            broken[exc.index] = exc.reason


def _apply_all(analysis: Doc, corrections: list[Correction], text: str,
               broken: dict[int, str]) -> tuple[Doc, list[Unapplied]]:
    doc = copy.deepcopy(analysis)  # once: the engine's analysis is never changed
    doc.setdefault("claims", [])
    doc.setdefault("sources", [])
    for card in doc["sources"]:  # a stored analysis of an older engine may leave these out
        card.setdefault("mentions", [])
        card.setdefault("claim_ids", [])
    unapplied: list[Unapplied] = []
    emptied: set[str] = set()
    applied = 0
    for index, correction in enumerate(corrections):
        if index in broken:
            unapplied.append(Unapplied(correction, broken[index]))
            continue
        try:
            _APPLY[correction.kind](doc, text, correction, emptied)
        except NotApplied as exc:
            unapplied.append(Unapplied(correction, str(exc)))
            continue
        except (AttributeError, KeyError, IndexError, TypeError, ValueError) as exc:
            raise _Broken(index, f"This correction could not be read ({exc}).") from exc
        applied += 1
    doc["sources"] = [s for s in doc["sources"] if s["claim_ids"] or s["id"] not in emptied]
    if applied:
        doc[CORRECTED_KEY] = applied
        doc.pop("profile", None)  # computed from the engine's claims: the caller recomputes it
    return doc, unapplied


def corrected_ids(doc: Doc) -> tuple[set[str], set[str]]:
    """Ids of the claims and of the cards a correction touched."""
    return ({c["id"] for c in doc.get("claims", []) if c.get(CORRECTED_KEY)},
            {s["id"] for s in doc.get("sources", []) if s.get(CORRECTED_KEY)})
