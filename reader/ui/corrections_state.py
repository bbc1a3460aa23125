"""The reader's corrections of the article on screen: owned by the `ReadingSession`.

    state.reset(article)          # another article: no corrections until they are read
    state.load(library)           # its stored log (a short indexed read, like the cached analysis)
    shown = state.corrected(engine_analysis)   # after every analysis: the edits on top
    state.add(correction)         # in memory now, written to the library off the GUI thread
    state.undo()                  # the latest correction is taken back (and deleted from the log)

The log in memory is the truth the window shows; `CorrectionWriter` writes it to the library
on a thread of its own, in the order made, each write one transaction. A write that fails is
said in `writeFailed` as a sentence; the correction stays applied on screen for this session.
No widget here.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

from reader.analysis import Analysis
from reader.corrections import Correction, Unapplied, apply, corrected_ids
from reader.corrections.notes import ClaimNote, notes_by_claim
from reader.documents import Article

log = logging.getLogger("reader.ui.corrections")
WRITER_BUSY_TIMEOUT_MS = 2_000  # the writer thread may wait this long for a lock (nothing waits on it)


class CorrectionWriter(QObject):
    """Correction writes on one thread of their own, in order, through their own connection.

    `writeFailed` is emitted from that thread: connect it to bound methods of GUI-thread
    objects only (Qt then queues it onto the GUI thread)."""

    writeFailed = Signal(str)  # a sentence for the user

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="corrections")
        self._writer = None  # a Library connection, only touched on the pool's thread
        self._closed = False

    def add(self, library, article_id: str, correction: Correction) -> None:  # noqa: ANN001
        self._submit(library, lambda w: w.add_correction(article_id, correction))

    def remove(self, library, article_id: str, uid: str) -> None:  # noqa: ANN001
        self._submit(library, lambda w: w.remove_correction(article_id, uid))

    def save_note(self, library, article_id: str, note: ClaimNote) -> None:  # noqa: ANN001
        self._submit(library, lambda w: w.save_claim_note(article_id, note))

    def _submit(self, library, write) -> None:  # noqa: ANN001
        if not self._closed:
            self._pool.submit(self._run, library, write)

    def _run(self, library, write) -> None:  # noqa: ANN001 - on the pool's thread
        try:
            if self._writer is None:
                self._writer = library.writer(WRITER_BUSY_TIMEOUT_MS)
            write(self._writer)
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


class CorrectionsState(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.writer = CorrectionWriter(self)
        self._library = None
        self.article_id = ""
        self.text = ""
        self.log: list[Correction] = []
        self.unapplied: list[Unapplied] = []
        self.claim_ids: set[str] = set()  # claims a correction touched, in the analysis shown
        self.source_ids: set[str] = set()
        self.doc: dict[str, Any] = {}  # the corrected analysis as contract JSON (for new corrections)
        self.notes: list[ClaimNote] = []  # the reader's notes on claims of this article
        self.note_of: dict[str, ClaimNote] = {}  # claim id (in the analysis shown) → its note

    def reset(self, article: Article) -> None:
        self.article_id, self.text = article.id, article.text
        self.log, self.unapplied, self.doc = [], [], {}
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
        doc, unapplied = apply(analysis.to_dict(self.article_id), self.log, self.text)
        self.doc = doc
        self.claim_ids, self.source_ids = corrected_ids(doc)
        self.note_of = notes_by_claim(doc, self.text, self.notes) if self.notes else {}
        if final:
            self.unapplied = unapplied
        return Analysis.from_dict(doc) if self.log else analysis

    def add(self, correction: Correction) -> None:
        self.log.append(correction)
        if self._writable():
            self.writer.add(self._library, self.article_id, correction)

    def undo(self) -> Correction | None:
        if not self.log:
            return None
        correction = self.log.pop()
        if self._writable():
            self.writer.remove(self._library, self.article_id, correction.uid)
        return correction

    def set_note(self, claim_id: str, text: str) -> bool:
        """Write (or, empty, delete) the note on a claim of the analysis shown; False if no such claim."""
        claim = self.claim(claim_id)
        if claim is None:
            return False
        old = self.note_of.get(claim_id)
        note = ClaimNote.of(self.text, claim, text.strip(), old.uid if old else None)
        self.notes = [n for n in self.notes if n.uid != note.uid] + ([note] if note.text else [])
        self.note_of = notes_by_claim(self.doc, self.text, self.notes)
        if self._writable():
            self.writer.save_note(self._library, self.article_id, note)
        return True

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
