"""What a reader's correction is: an edit of the engine's analysis, anchored to the article text.

A `Correction` never names a claim by the engine's id ("c3" is a different claim after a
re-analysis). It names text: an `Anchor` holds the offsets, the quoted characters and a few
characters of context on each side, and `Anchor.find(text)` finds it again when the offsets
have moved (or returns None when the quoted text is gone). Claims are found by their content,
source cards by one of their mentions (`CardRef`); cards the reader creates get an id of
their own (`READER_ID_PREFIX` + the correction's uid) that stays the same across analyses.

Kinds (`CORRECTION_KINDS`) and what each one uses:
- not_a_claim:     claim
- change_source:   claim, and source (an existing card) or new_card (None for "unsourced")
- change_kind:     claim, fields {"kind"?, "cue_class"?}
- edit_span:       claim, span (the new content)
- add_claim:       span (content), cue (optional), source or new_card (neither: unsourced),
                   fields {"kind"?, "cue_class"?}
- edit_card:       card, fields {"name"?, "kind"?, "title"?, "role"?, "affiliation"?}
- merge_cards:     card (merged away), source (the card it merges into)
- split_mentions:  card, mentions (split off), new_card (the card they go to)

The factory functions at the bottom build each kind from the dicts of a (corrected) analysis.
`to_dict` / `from_dict` are the stored form (JSON in the library). Pure: no Qt, no store.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

NOT_A_CLAIM = "not_a_claim"
CHANGE_SOURCE = "change_source"
CHANGE_KIND = "change_kind"
EDIT_SPAN = "edit_span"
ADD_CLAIM = "add_claim"
EDIT_CARD = "edit_card"
MERGE_CARDS = "merge_cards"
SPLIT_MENTIONS = "split_mentions"
CORRECTION_KINDS = (NOT_A_CLAIM, CHANGE_SOURCE, CHANGE_KIND, EDIT_SPAN, ADD_CLAIM, EDIT_CARD,
                    MERGE_CARDS, SPLIT_MENTIONS)
CLAIM_FIELDS = ("kind", "cue_class")
CARD_FIELDS = ("name", "kind", "title", "role", "affiliation")

DESCRIPTION_CHARS = 58  # of the quoted text in a one-line description
CONTEXT_CHARS = 24  # context kept on each side of an anchor: enough to tell repeats apart
READER_ID_PREFIX = "r-"  # ids of claims and cards the reader created
CORRECTED_KEY = "corrected_by_reader"  # set on every claim and card a correction touched

# What the user reads in the list of corrections that no longer apply.
DESCRIPTIONS = {
    NOT_A_CLAIM: "Not a claim",
    CHANGE_SOURCE: "Changed source",
    CHANGE_KIND: "Changed kind",
    EDIT_SPAN: "Edited span",
    ADD_CLAIM: "Added claim",
    EDIT_CARD: "Edited source card",
    MERGE_CARDS: "Merged source cards",
    SPLIT_MENTIONS: "Split source card",
}


def one_line(text: str, chars: int) -> str:
    """`text` on one line (runs of white space made one space), cut to `chars` with an ellipsis."""
    one = " ".join(text.split())
    return one if len(one) <= chars else one[:chars - 1] + "…"


def _score(a: str, b: str, from_end: bool) -> int:
    """Length of the common suffix (from_end) or prefix of two strings."""
    n = 0
    for x, y in zip(reversed(a) if from_end else a, reversed(b) if from_end else b):
        if x != y:
            break
        n += 1
    return n


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    quote: str
    before: str = ""
    after: str = ""

    @classmethod
    def at(cls, text: str, start: int, end: int) -> Anchor:
        start, end = max(0, start), min(len(text), end)
        return cls(start, end, text[start:end], text[max(0, start - CONTEXT_CHARS):start],
                   text[end:end + CONTEXT_CHARS])

    def find(self, text: str) -> tuple[int, int] | None:
        """Where the quoted text is now: at its offsets if unchanged, else the occurrence whose
        context matches best (the nearest one on a tie); None if the quote is gone."""
        if not self.quote:
            return None
        if text[self.start:self.end] == self.quote:
            return self.start, self.end
        best, best_key = None, None
        at = text.find(self.quote)
        while at >= 0:
            end = at + len(self.quote)
            context = (_score(text[max(0, at - CONTEXT_CHARS):at], self.before, from_end=True)
                       + _score(text[end:end + CONTEXT_CHARS], self.after, from_end=False))
            key = (-context, abs(at - self.start))
            if best_key is None or key < best_key:
                best, best_key = (at, end), key
            at = text.find(self.quote, at + 1)
        return best

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "quote": self.quote, "before": self.before,
                "after": self.after}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Anchor:
        return cls(int(d["start"]), int(d["end"]), str(d["quote"]), str(d.get("before", "")),
                   str(d.get("after", "")))


@dataclass(frozen=True)
class CardSpec:
    """A source card the reader creates."""

    name: str
    kind: str = "person"
    title: str = ""
    role: str = ""
    affiliation: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "title": self.title, "role": self.role,
                "affiliation": self.affiliation}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CardSpec:
        return cls(**{k: str(d.get(k) or "") for k in CARD_FIELDS if k != "kind"},
                   kind=str(d.get("kind") or "person"))


@dataclass(frozen=True)
class CardRef:
    """An existing card: its id (kept for cards the reader made), name, kind and one mention."""

    card_id: str
    name: str
    kind: str
    mention: Anchor | None = None

    @classmethod
    def of(cls, text: str, card: dict[str, Any]) -> CardRef:
        mentions = card.get("mentions") or []
        mention = Anchor.at(text, *mentions[0]) if mentions else None
        return cls(str(card.get("id", "")), str(card.get("name") or ""), str(card.get("kind") or ""),
                   mention)

    def to_dict(self) -> dict[str, Any]:
        return {"card_id": self.card_id, "name": self.name, "kind": self.kind,
                "mention": self.mention.to_dict() if self.mention else None}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CardRef:
        mention = d.get("mention")
        return cls(str(d.get("card_id", "")), str(d.get("name", "")), str(d.get("kind", "")),
                   Anchor.from_dict(mention) if mention else None)


@dataclass(frozen=True)
class Correction:
    kind: str
    uid: str = field(default_factory=lambda: uuid.uuid4().hex)
    claim: Anchor | None = None
    card: CardRef | None = None
    source: CardRef | None = None
    new_card: CardSpec | None = None
    span: Anchor | None = None
    cue: Anchor | None = None
    mentions: tuple[Anchor, ...] = ()
    fields: dict[str, str] = field(default_factory=dict)
    created: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))

    def __post_init__(self) -> None:
        if self.kind not in CORRECTION_KINDS:
            raise ValueError(f"unknown correction kind {self.kind!r}")

    @property
    def reader_id(self) -> str:
        """The id of the claim or card this correction creates."""
        return READER_ID_PREFIX + self.uid

    @property
    def label(self) -> str:
        """What was done, for the user ("Changed source")."""
        return DESCRIPTIONS[self.kind]

    @property
    def quote(self) -> str:
        """The text it was made on: the claim's (or added span's) words, or the card's name."""
        what = self.claim or self.span
        return what.quote if what else (self.card.name if self.card else "")

    @property
    def description(self) -> str:
        """One line for the user: what was done, to which text."""
        short = one_line(self.quote, DESCRIPTION_CHARS)
        return f"{self.label}: “{short}”" if short else self.label

    def to_dict(self) -> dict[str, Any]:
        def opt(x: Any) -> Any:
            return x.to_dict() if x is not None else None

        return {"kind": self.kind, "uid": self.uid, "claim": opt(self.claim), "card": opt(self.card),
                "source": opt(self.source), "new_card": opt(self.new_card), "span": opt(self.span),
                "cue": opt(self.cue), "mentions": [m.to_dict() for m in self.mentions],
                "fields": dict(self.fields), "created": self.created}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Correction:
        def opt(kind: Any, key: str) -> Any:
            return kind.from_dict(d[key]) if d.get(key) else None

        return cls(kind=d["kind"], uid=d["uid"], claim=opt(Anchor, "claim"), card=opt(CardRef, "card"),
                   source=opt(CardRef, "source"), new_card=opt(CardSpec, "new_card"),
                   span=opt(Anchor, "span"), cue=opt(Anchor, "cue"),
                   mentions=tuple(Anchor.from_dict(m) for m in d.get("mentions") or []),
                   fields={str(k): str(v) for k, v in (d.get("fields") or {}).items()},
                   created=str(d.get("created", "")))


# factories: from the dicts of the analysis on screen ------------------------------------------
def claim_anchor(text: str, claim: dict[str, Any]) -> Anchor:
    """A claim is anchored by its first content span."""
    spans = claim.get("content") or claim.get("cue")
    return Anchor.at(text, *spans[0])


def _target(text: str, card: dict[str, Any] | None, new_card: CardSpec | None) -> dict[str, Any]:
    return {"source": CardRef.of(text, card) if card is not None else None, "new_card": new_card}


def not_a_claim(text: str, claim: dict[str, Any]) -> Correction:
    return Correction(NOT_A_CLAIM, claim=claim_anchor(text, claim))


def change_source(text: str, claim: dict[str, Any], card: dict[str, Any] | None = None,
                  new_card: CardSpec | None = None) -> Correction:
    """To an existing card, a new one, or (neither) to no source at all."""
    return Correction(CHANGE_SOURCE, claim=claim_anchor(text, claim), **_target(text, card, new_card))


def change_kind(text: str, claim: dict[str, Any], kind: str | None = None,
                cue_class: str | None = None) -> Correction:
    fields = {k: v for k, v in (("kind", kind), ("cue_class", cue_class)) if v}
    return Correction(CHANGE_KIND, claim=claim_anchor(text, claim), fields=fields)


def edit_span(text: str, claim: dict[str, Any], start: int, end: int) -> Correction:
    return Correction(EDIT_SPAN, claim=claim_anchor(text, claim), span=Anchor.at(text, start, end))


def add_claim(text: str, start: int, end: int, card: dict[str, Any] | None = None,
              new_card: CardSpec | None = None, cue: tuple[int, int] | None = None,
              kind: str | None = None) -> Correction:
    return Correction(ADD_CLAIM, span=Anchor.at(text, start, end),
                      cue=Anchor.at(text, *cue) if cue else None,
                      fields={"kind": kind} if kind else {}, **_target(text, card, new_card))


def edit_card(text: str, card: dict[str, Any], **fields: str) -> Correction:
    unknown = set(fields) - set(CARD_FIELDS)
    if unknown:
        raise ValueError(f"a card has no {', '.join(sorted(unknown))}")
    return Correction(EDIT_CARD, card=CardRef.of(text, card), fields=dict(fields))


def merge_cards(text: str, card: dict[str, Any], into: dict[str, Any]) -> Correction:
    return Correction(MERGE_CARDS, card=CardRef.of(text, card), source=CardRef.of(text, into))


def split_mentions(text: str, card: dict[str, Any], mentions: list[tuple[int, int]],
                   new_card: CardSpec) -> Correction:
    return Correction(SPLIT_MENTIONS, card=CardRef.of(text, card),
                      mentions=tuple(Anchor.at(text, s, e) for s, e in mentions), new_card=new_card)
