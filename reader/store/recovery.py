"""The write-ahead file of notes typed but not yet in the library: `<data>/unsaved-notes.json`.

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


def recovery_path(data_dir: Path) -> Path:
    return Path(data_dir) / RECOVERY_NAME


def write(path: Path, notes: list[PendingNote]) -> None:
    """Replace the file with `notes` (deleting it when there are none). Raises OSError."""
    if not notes:
        path.unlink(missing_ok=True)
        return
    payload = {"version": FORMAT_VERSION, "notes": [asdict(n) for n in notes]}
    write_atomically(path, json.dumps(payload, ensure_ascii=False), durable=True)


def load(path: Path) -> list[PendingNote]:
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
        return [PendingNote(str(n["article_id"]), str(n["source_id"]), str(n["name"]), str(n["kind"]),
                            str(n["text"])) for n in data["notes"]]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        return _set_aside(path, f"is not a notes recovery file ({exc})")


def _set_aside(path: Path, why: str) -> list[PendingNote]:
    target = timestamped_sibling(path, "unreadable")
    try:
        path.rename(target)
        log.warning("the unsaved-notes file %s %s; moved aside to %s", path, why, target)
    except OSError as exc:
        log.warning("the unsaved-notes file %s %s and could not be moved aside: %s", path, why, exc)
    return []
