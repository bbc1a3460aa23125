"""Notes on the selected source, saved to the library as you type; nothing typed is lost.

While you type, the text is handed to the library thread (reader/ui/library_thread.py)
SAVE_PAUSE_MS after the last keystroke (Preferences' autosave delay changes it), and at least
every SAVE_MAX_INTERVAL_MS (or that delay, if longer) however fast you type; switching
source, exporting and closing hand it over at once. The thread writes a recovery file before
it touches the database, so a kill loses at most the last SAVE_MAX_INTERVAL_MS (or the longer
delay) of typing, and the next start puts that file's notes back.

A note the library could not take yet (locked, disk full) stays in `unsaved` — shown again
when you come back to its source, retried in the background and on close — and the panel
names every note not yet saved. A read-only library refuses at once, keeping the text.

Notes on single claims (reader/ui/claim_note_panel.py) go the same way: that panel hands its
`PendingClaimNote`s to `submit`, hears back through `claimNoteSaved`, and hands over what
was typed when `flushing` is emitted (before every flush, so exports and close see it).
`HandOverTimers` is the typing rhythm both editors share.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from reader.store import recovery
from reader.store.recovery import NoteTarget, Pending, PendingClaimNote, PendingNote
from reader.ui.library_thread import CLOSE_DRAIN_S, LibraryThread

log = logging.getLogger("reader.ui.notes")
SAVE_PAUSE_MS = 250  # a pause in typing this long hands the text over
SAVE_MAX_INTERVAL_MS = 600  # and continuous typing is handed over at least this often
EXPORT_DRAIN_S = 2.0  # an export or search waits this long for saves (a locked library)

UNSAVED_PREFIX = "Not saved yet"
__all__ = ["HandOverTimers", "NoteTarget", "NotesPanel"]


class HandOverTimers(QObject):
    """`due` SAVE_PAUSE_MS after the last keystroke, and at least every SAVE_MAX_INTERVAL_MS
    while typing goes on; `typed()` at every change, `stop()` once handed over."""

    due = Signal()

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._pause = QTimer(self, singleShot=True, interval=SAVE_PAUSE_MS)
        self._pause.timeout.connect(self.due)
        self._longest = QTimer(self, singleShot=True, interval=SAVE_MAX_INTERVAL_MS)
        self._longest.timeout.connect(self.due)

    def set_pause(self, pause_ms: int) -> None:
        """Preferences' autosave delay: due `pause_ms` after the last keystroke, and while typing
        goes on at least every SAVE_MAX_INTERVAL_MS or `pause_ms`, whichever is longer."""
        self._pause.setInterval(pause_ms)
        self._longest.setInterval(max(SAVE_MAX_INTERVAL_MS, pause_ms))

    def typed(self) -> None:
        self._pause.start()
        if not self._longest.isActive():
            self._longest.start()

    def stop(self) -> None:
        self._pause.stop()
        self._longest.stop()


class NoteEdit(QPlainTextEdit):
    """The note's text box: Tab (or Shift+Tab) into it puts the cursor after the note."""

    def focusInEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().focusInEvent(event)
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            self.moveCursor(QTextCursor.MoveOperation.End)


class NotesPanel(QWidget):
    noteSaved = Signal(str, bool)  # source id, whether the note now has text
    claimNoteSaved = Signal(object)  # the PendingClaimNote now on disk
    saveFailed = Signal(str)  # message for the user
    flushing = Signal()  # every editor hands over what was typed (emitted before each flush)

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.library = None
        self.target: NoteTarget | None = None
        self._thread: LibraryThread | None = None
        self._dirty = False  # typed since the last hand-over
        # notes handed over but not yet confirmed on disk, by PendingNote.key
        self.unsaved: dict[tuple[str, str], Pending] = {}
        self._failing: set[tuple[str, str]] = set()  # of those, the ones the library refused
        self.heading = QLabel(objectName="notesHeading", textFormat=Qt.TextFormat.PlainText)
        bold = QFont(self.heading.font())
        bold.setBold(True)
        self.heading.setFont(bold)
        self.editor = NoteEdit(objectName="notesEditor")
        self.editor.setAccessibleName("Notes on the selected source")
        self.editor.setTabChangesFocus(True)
        self.editor.textChanged.connect(self._on_text_changed)
        self.state = QLabel(objectName="notesState", textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.state.setStyleSheet("color: gray")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.state)
        self._timers = HandOverTimers(self)
        self._timers.due.connect(self.hand_over)
        self.set_target(None)

    def set_library(self, library) -> None:  # noqa: ANN001 - reader.store.Library or None
        """Use `library` (None: none). Stops the previous library thread after saving; starts
        one for a writable library and gives it the notes a previous session left unsaved."""
        if library is self.library:
            return
        self.flushing.emit()
        self.hand_over()
        self._stop_thread()
        self.library = library
        if library is not None and not library.read_only:
            self._thread = LibraryThread(library, self)
            self._thread.saved.connect(self._on_saved)
            self._thread.failed.connect(self._on_failed)
            self._restore(recovery.load(recovery.recovery_path(library.path.parent)))

    def _restore(self, notes: list[Pending]) -> None:
        if notes:
            log.info("restoring %d note(s) typed before the last session ended", len(notes))
        for note in notes:
            self._submit(note)

    def _stop_thread(self) -> None:
        if self._thread is not None:
            if not self._thread.stop(CLOSE_DRAIN_S):
                log.warning("%d note(s) not saved; kept in the recovery file for the next start",
                            len(self._thread.pending()))
            self._thread.deleteLater()
            self._thread = None

    def set_target(self, target: NoteTarget | None) -> None:
        """Show the note of `target` (handing over the previous one first)."""
        if target is not None and self.target is not None and target.key == self.target.key:
            return
        self.hand_over()
        self.target = target
        text = ""
        if target is not None and target.key in self.unsaved:
            text = self.unsaved[target.key].text  # typed, not yet on disk: newer than the library
        elif target is not None and self.library is not None:
            try:
                text = self.library.note(target.article_id, target.name, target.kind)
            except Exception as exc:  # noqa: BLE001 - a broken library must not block reading
                log.warning("could not read note: %s", exc)
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)
        self._dirty = False
        self.editor.setEnabled(target is not None and self.library is not None)
        if target is None:
            self.heading.setText("Notes")
            self.editor.setPlaceholderText("Select a source to take notes on it.")
        elif self.library is None:
            self.heading.setText(f"Notes on {target.name}")
            self.editor.setPlaceholderText("Notes are unavailable: the library could not be opened.")
        else:
            self.heading.setText(f"Notes on {target.name}")
            self.editor.setPlaceholderText(f"What do you know about {target.name}? Saved as you type.")
        self._show_state("")

    def _on_text_changed(self) -> None:
        if self.target is None:
            return
        self._dirty = True
        self._show_state("Editing…")
        self._timers.typed()

    def hand_over(self) -> None:
        """Give what was typed to the library thread now (returns at once)."""
        self._timers.stop()
        if not self._dirty or self.target is None or self.library is None:
            return
        self._dirty = False
        t = self.target
        self._submit(PendingNote(t.article_id, t.source_id, t.name, t.kind, self.editor.toPlainText()))

    def submit(self, note: Pending) -> None:
        """Save `note` off the GUI thread (a read-only library refuses it at once)."""
        if self.library is not None:
            self._submit(note)

    def _submit(self, note: Pending) -> None:
        first = note.key not in self.unsaved
        self.unsaved[note.key] = note
        if self._thread is None:  # read-only: the library says why, at once, with no I/O
            try:
                note.save(self.library)
            except Exception as exc:  # noqa: BLE001 - StoreError: read-only
                if first:  # said once; the text stays in the editor and in `unsaved`
                    self._on_failed(note, str(exc))
                self._show_state(None)
                return
            self._on_saved(note)
            return
        self._thread.submit(note)

    def flush(self, timeout_s: float = EXPORT_DRAIN_S) -> bool:
        """Hand over and wait (up to `timeout_s`) until every note is on disk; True if all are."""
        self.flushing.emit()
        self.hand_over()
        if self._thread is not None:
            self._thread.drain(timeout_s)
            # the thread's `saved` signals are still queued for this thread: settle them now
            waiting = {n.key: n for n in self._thread.pending()}
            for note in list(self.unsaved.values()):
                if waiting.get(note.key) != note:
                    self._on_saved(note)
        return not self.unsaved

    def _on_saved(self, note: Pending) -> None:
        if self.unsaved.get(note.key) == note:
            del self.unsaved[note.key]
            self._failing.discard(note.key)
        if isinstance(note, PendingClaimNote):
            self.claimNoteSaved.emit(note)
        else:
            self.noteSaved.emit(note.source_id, bool(note.text.strip()))
        if self.target is not None and note.key == self.target.key and not self._dirty:
            self._show_state("Saved")
        else:
            self._show_state(None)

    def _on_failed(self, note: Pending, why: str) -> None:
        if note.key not in self.unsaved:
            return  # saved since (a retry succeeded before this report arrived)
        self._failing.add(note.key)
        retry = "" if self._thread is None else " Sourcelight keeps trying and saves it when it can."
        self.saveFailed.emit(f"Your note on {note.name} is not saved yet: {why}{retry}")
        self._show_state(None)

    def _show_state(self, text: str | None) -> None:
        """The line under the editor: `text`, or (None) as it is. While any note is not on
        disk it names them all instead."""
        refused = [n for n in self.unsaved.values() if n.key in self._failing]
        if refused:
            names = ", ".join(sorted({n.name for n in refused}))
            text = f"{UNSAVED_PREFIX}: your notes on {names}. Your text is kept; "
            text += "saving is retried." if self._thread is not None else "the library is read-only."
        elif text is None:
            text = "" if self.state.text().startswith(UNSAVED_PREFIX) else self.state.text()
        self.state.setText(text)

    def has_unsaved_changes(self) -> bool:
        return self._dirty or bool(self.unsaved)
