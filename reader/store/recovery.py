"""The write-ahead file of notes typed but not yet in the library: `<data>/unsaved-notes.json`.

Two kinds of note go through it: notes on a source (`PendingNote`) and notes on one claim
(`PendingClaimNote`, anchored to the claim's text); each knows how to `save` itself to a
library, so the library thread (reader/ui/library_thread.py) treats them alike.

The library thread rewrites it (atomically, fsynced) with every note it has been given
and not yet committed, before it tries the database, and deletes it once everything is
saved. So when the process is killed, the power fails, the disk is full or the database is
locked, what the user typed is in this file; the next start (`load`) puts it back into the
library. A file that cannot be read is moved aside, never deleted: it holds the user's text.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from reader.corrections import Anchor
from reader.corrections.model import one_line
from reader.corrections.notes import ClaimNote
from reader.store.export import write_atomically
from reader.store.keys import source_key
from reader.store.migrations import timestamped_sibling

log = logging.getLogger("reader.store.recovery")
RECOVERY_NAME = "unsaved-notes.json"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class NoteTarget:
    """The source a note is about, in one article."""

    article_id: str
    source_id: str
    name: str
    kind: str

    @property
    def key(self) -> tuple[str, str]:
        """Which note this is: one per (article, real-world source)."""
        return self.article_id, source_key(self.name, self.kind)


@dataclass(frozen=True)
class PendingNote(NoteTarget):
    """One note's text as the user last typed it, waiting to be saved."""

    text: str

    def save(self, library) -> None:  # noqa: ANN001 - reader.store.Library; raises StoreError
        library.save_note(self.article_id, self.source_id, self.name, self.kind, self.text)


CLAIM_NOTE_KEY = "claim note"  # no article id is this: a claim note's key never meets a source note's
CLAIM_NAME_CHARS = 40  # of the claim's words in the name messages use


@dataclass(frozen=True)
class PendingClaimNote:
    """A note on one claim as the user last typed it (empty: delete it), waiting to be saved."""

    article_id: str
    uid: str  # ClaimNote.uid
    anchor: dict[str, Any]  # Anchor.to_dict(): the claim's text
    text: str

    @classmethod
    def of(cls, article_id: str, note: ClaimNote) -> PendingClaimNote:
        return cls(article_id, note.uid, note.anchor.to_dict(), note.text)

    @property
    def key(self) -> tuple[str, str]:
        return CLAIM_NOTE_KEY, self.uid

    @property
    def name(self) -> str:
        """How messages name it: "the claim “…”"."""
        return f"the claim “{one_line(str(self.anchor.get('quote', '')), CLAIM_NAME_CHARS)}”"

    def claim_note(self) -> ClaimNote:
        return ClaimNote(Anchor.from_dict(self.anchor), self.text, self.uid)

    def save(self, library) -> None:  # noqa: ANN001 - reader.store.Library; raises StoreError
        library.save_claim_note(self.article_id, self.claim_note())


Pending = PendingNote | PendingClaimNote


def recovery_path(data_dir: Path) -> Path:
    return Path(data_dir) / RECOVERY_NAME


def write(path: Path, notes: list[Pending]) -> None:
    """Replace the file with `notes` (deleting it when there are none). Raises OSError."""
    if not notes:
        path.unlink(missing_ok=True)
        return
    payload = {"version": FORMAT_VERSION,
               "notes": [asdict(n) for n in notes if isinstance(n, PendingNote)],
               "claim_notes": [asdict(n) for n in notes if isinstance(n, PendingClaimNote)]}
    write_atomically(path, json.dumps(payload, ensure_ascii=False), durable=True)


def load(path: Path) -> list[Pending]:
    """The notes left by a session that ended before saving them ([] when there is no file).

    A file that is not what we write is moved aside (and logged) so that nothing in it is lost.
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        return _set_aside(path, f"cannot be read ({exc})")
    try:
        data = json.loads(raw)
        if data.get("version") != FORMAT_VERSION:
            return _set_aside(path, f"has format {data.get('version')!r}")
        notes: list[Pending] = [PendingNote(str(n["article_id"]), str(n["source_id"]), str(n["name"]),
                                            str(n["kind"]), str(n["text"])) for n in data["notes"]]
        for n in data.get("claim_notes") or []:  # a file of an older version has none
            Anchor.from_dict(n["anchor"])  # one that cannot be read sets the file aside
            notes.append(PendingClaimNote(str(n["article_id"]), str(n["uid"]), dict(n["anchor"]), str(n["text"])))
        return notes
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        return _set_aside(path, f"is not a notes recovery file ({exc})")


def _set_aside(path: Path, why: str) -> list[Pending]:
    target = timestamped_sibling(path, "unreadable")
    try:
        path.rename(target)
        log.warning("the unsaved-notes file %s %s; moved aside to %s", path, why, target)
    except OSError as exc:
        log.warning("the unsaved-notes file %s %s and could not be moved aside: %s", path, why, exc)
    return []
