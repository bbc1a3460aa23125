"""The reader's note on one claim, anchored like a correction (to the claim's text, not its id).

`ClaimNote.of(text, claim, note_text)` anchors a note to a claim of the analysis on screen;
`notes_by_claim(doc, text, notes)` finds each note's claim in another analysis (after a
re-analysis, or with corrections applied): the claim whose content covers the anchor most.
A note whose claim is gone is left out of the map and kept in the library. Pure.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from reader.corrections.apply import NotApplied, find_claim
from reader.corrections.model import Anchor, claim_anchor


@dataclass(frozen=True)
class ClaimNote:
    anchor: Anchor
    text: str
    uid: str = field(default_factory=lambda: uuid.uuid4().hex)

    @classmethod
    def of(cls, article_text: str, claim: dict[str, Any], text: str, uid: str | None = None) -> ClaimNote:
        anchor = claim_anchor(article_text, claim)
        return cls(anchor, text, uid) if uid else cls(anchor, text)


def notes_by_claim(doc: dict[str, Any], text: str, notes: list[ClaimNote]) -> dict[str, ClaimNote]:
    """Claim id → its note, for the notes whose claim is in `doc`."""
    out: dict[str, ClaimNote] = {}
    if not notes:
        return out
    for note in notes:
        try:
            out[find_claim(doc, text, note.anchor)["id"]] = note
        except NotApplied:
            continue
    return out
