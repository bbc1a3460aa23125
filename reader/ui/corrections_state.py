"""The reader's corrections of the article on screen: owned by the `ReadingSession`.

    state.reset(article)          # another article: no corrections until they are read
    state.load(library)           # its stored log (a short indexed read, like the cached analysis)
    shown = state.corrected(engine_analysis)   # after every analysis: the edits on top
    state.add(correction)         # in memory now, written to the library off the GUI thread
    state.delete(uid)             # the reader deletes one (one that no longer applies): undoable
    state.undo()                  # this session's latest add or delete is taken back; with none,
                                  # the latest correction of the log (made in an earlier session)

The log in memory is the truth the window shows; `CorrectionWriter` writes it to the library
on a thread of its own, in the order made, each write one transaction. A write that fails is
said in `writeFailed` as a sentence; the correction stays applied on screen for this session.
The notes on claims are kept here too (`notes`, `note_of`, `remember_notes`) but written by
the notes' library thread, with the notes on sources (reader/ui/claim_note_panel.py).
No widget here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from reader.analysis import Analysis
from reader.corrections import Correction, Unapplied, apply, corrected_ids
from reader.corrections.notes import ClaimNote, notes_by_claim
from reader.documents import Article

log = logging.getLogger("reader.ui.corrections")
ADDED, DELETED = "added", "deleted"  # what the reader did to the log, as undo takes it back
WRITER_BUSY_TIMEOUT_MS = 2_000  # the writer thread may wait this long for a lock (nothing waits on it)


class CorrectionWriter(QObject):
    """Correction writes on one thread of their own, in order, through their own connection.

    `writeFailed` is emitted from that thread: connect it to bound methods of GUI-thread
    objects only (Qt then queues it onto the GUI thread)."""

    writeFailed = Signal(str)  # a sentence for the user
    written = Signal()  # a write is committed (a renamed card's notes have moved with it)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="corrections")
        self._writer = None  # a Library connection, only touched on the pool's thread
        self._places: dict[str, int] = {}  # uid → seq of deleted corrections; the pool's thread only
        self._closed = False

    def add(self, library, article_id: str, correction: Correction) -> None:  # noqa: ANN001
        self._submit(library, lambda w: w.add_correction(article_id, correction))

    def remove(self, library, article_id: str, uid: str) -> None:  # noqa: ANN001
        """Delete it from the log, remembering its place there for `restore`."""
        self._submit(library, lambda w: self._remember_place(uid, w.delete_correction(article_id, uid)))

    def restore(self, library, article_id: str, correction: Correction) -> None:  # noqa: ANN001
        """Put a correction `remove` deleted back in its place in the log (at the end if it had none)."""
        self._submit(library, lambda w: w.add_correction(article_id, correction,
                                                         self._places.pop(correction.uid, None)))

    def _remember_place(self, uid: str, seq: int | None) -> None:  # on the pool's thread, as `_places`
        if seq is not None:
            self._places[uid] = seq

    def _submit(self, library, write) -> None:  # noqa: ANN001
        if not self._closed:
            self._pool.submit(self._run, library, write)

    def _run(self, library, write) -> None:  # noqa: ANN001 - on the pool's thread
        try:
            if self._writer is None:
                self._writer = library.writer(WRITER_BUSY_TIMEOUT_MS)
            write(self._writer)
            self.written.emit()
        except Exception as exc:  # noqa: BLE001 - StoreError (read-only, locked, disk full) or worse
            log.warning("correction not written: %s", exc)
            self.writeFailed.emit(f"Your correction is shown but was not saved to your library: {exc}")

    def wait(self) -> None:
        """Until every write asked for so far is done (tests, and close)."""
        if not self._closed:
            self._pool.submit(lambda: None).result()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._pool.submit(self._close_writer)
        self._pool.shutdown(wait=True)

    def _close_writer(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None


@dataclass
class Corrected:
    """An analysis with the reader's edits on top, and what `CorrectionsState` remembers of it."""

    analysis: Analysis
    doc: dict[str, Any] | None  # as contract JSON; None: keep the one remembered (a partial result)
    claim_ids: set[str]
    source_ids: set[str]
    note_of: dict[str, ClaimNote]
    unapplied: list[Unapplied] | None  # None: a partial result, which does not say


class CorrectionsState(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.writer = CorrectionWriter(self)
        self._library = None
        self.article_id = ""
        self.text = ""
        self.log: list[Correction] = []
        self._done: list[tuple[str, Correction, int]] = []  # this session's (ADDED / DELETED, correction, index)
        self.unapplied: list[Unapplied] = []
        self.claim_ids: set[str] = set()  # claims a correction touched, in the analysis shown
        self.source_ids: set[str] = set()
        self.doc: dict[str, Any] = {}  # the corrected analysis as contract JSON (for new corrections)
        self.notes: list[ClaimNote] = []  # the reader's notes on claims of this article
        self.note_of: dict[str, ClaimNote] = {}  # claim id (in the analysis shown) → its note

    def reset(self, article: Article) -> None:
        self.article_id, self.text = article.id, article.text
        self.log, self.unapplied, self.doc, self._done = [], [], {}, []
        self.notes, self.note_of = [], {}
        self.claim_ids, self.source_ids = set(), set()

    def load(self, library) -> None:  # noqa: ANN001 - reader.store.Library | None
        self._library = library
        if library is None or not self.article_id:
            return
        try:
            self.log = library.corrections(self.article_id)
            self.notes = library.claim_notes(self.article_id)
        except Exception as exc:  # noqa: BLE001 - reading never depends on the library working
            log.warning("corrections not read: %s", exc)

    def corrected(self, analysis: Analysis, final: bool = True) -> Analysis:
        """The analysis with the log on top; remembers which claims and cards were touched and
        (for a final analysis) which corrections no longer apply."""
        return self.adopt(self.job(analysis, final)())

    def has_edits(self) -> bool:
        return bool(self.log or self.notes)

    def job(self, analysis: Analysis, final: bool = True) -> Callable[[], Corrected]:
        """`corrected`'s work (a deep copy, the edits, the objects again: ~10 ms at 20,000
        words) as a call that may run on another thread: it reads copies of the log and notes
        taken now, never this object. `adopt` its result on this object's thread."""
        edits, notes, text, article_id = list(self.log), list(self.notes), self.text, self.article_id

        def work() -> Corrected:
            if not edits and not notes:
                # nothing to put on top: no deep copy and re-reading of it per batch
                return Corrected(analysis, analysis.to_dict(article_id) if final else None, set(), set(), {},
                                 [] if final else None)
            doc, unapplied = apply(analysis.to_dict(article_id), edits, text)
            claim_ids, source_ids = corrected_ids(doc)
            note_of = notes_by_claim(doc, text, notes) if notes else {}
            return Corrected(Analysis.from_dict(doc) if edits else analysis, doc, claim_ids, source_ids, note_of,
                             unapplied if final else None)
        return work

    def adopt(self, result: Corrected) -> Analysis:
        self.claim_ids, self.source_ids, self.note_of = result.claim_ids, result.source_ids, result.note_of
        if result.doc is not None:
            self.doc = result.doc
        if result.unapplied is not None:
            self.unapplied = result.unapplied
        return result.analysis

    def add(self, correction: Correction) -> None:
        self.log.append(correction)
        self._done.append((ADDED, correction, len(self.log) - 1))
        if self._writable():
            self.writer.add(self._library, self.article_id, correction)

    def delete(self, uid: str) -> Correction | None:
        """Delete a correction from the log (and the library); undo puts it back in its place."""
        index = next((i for i, c in enumerate(self.log) if c.uid == uid), None)
        if index is None:
            return None
        correction = self.log.pop(index)
        self._done.append((DELETED, correction, index))
        if self._writable():
            self.writer.remove(self._library, self.article_id, uid)
        return correction

    def undo(self) -> tuple[Correction, bool] | None:
        """Take back the latest add or delete: the correction, and whether it was a delete (now
        put back). None when there is nothing to undo."""
        if self._done:
            what, correction, index = self._done.pop()
        elif self.log:
            what, correction, index = ADDED, self.log[-1], len(self.log) - 1
        else:
            return None
        if what == DELETED:
            self.log.insert(index, correction)
            if self._writable():
                self.writer.restore(self._library, self.article_id, correction)
            return correction, True
        self.log.remove(correction)  # the latest: every later add or delete was undone first
        if self._writable():
            self.writer.remove(self._library, self.article_id, correction.uid)
        return correction, False

    def remember_notes(self, notes: list[ClaimNote]) -> None:
        """Take these as the newest text of their notes on claims (same uid: replaced; an empty
        text removes one): as typed in the claim's note panel, or typed before a crash and being
        put back. The notes' library thread writes them (reader/ui/claim_note_panel.py)."""
        uids = {n.uid for n in notes}
        self.notes = [n for n in self.notes if n.uid not in uids] + [n for n in notes if n.text]
        self.note_of = notes_by_claim(self.doc, self.text, self.notes) if self.doc else {}

    def saved_here(self) -> bool:
        """False when corrections live only in this session (no library, or read-only)."""
        return self._writable()

    def _writable(self) -> bool:
        return self._library is not None and not self._library.read_only

    def claim(self, claim_id: str) -> dict[str, Any] | None:
        return next((c for c in self.doc.get("claims", []) if c["id"] == claim_id), None)

    def card(self, source_id: str) -> dict[str, Any] | None:
        return next((s for s in self.doc.get("sources", []) if s["id"] == source_id), None)

    def close(self) -> None:
        self.writer.close()
