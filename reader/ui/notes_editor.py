"""Notes on the selected source, saved to the library as you type.

Saves are debounced (500 ms after the last keystroke), and forced when the source changes and
when the window closes, so nothing typed is lost. A failed save (read-only library) keeps the
text in the editor and reports once through `saveFailed`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

log = logging.getLogger("reader.ui.notes")
AUTOSAVE_MS = 500


@dataclass(frozen=True)
class NoteTarget:
    article_id: str
    source_id: str
    name: str
    kind: str


class NotesPanel(QWidget):
    noteSaved = Signal(str, bool)  # source id, whether the note now has text
    saveFailed = Signal(str)  # message for the user

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.library = None
        self.target: NoteTarget | None = None
        self._dirty = False
        self._saved_text = ""
        self.heading = QLabel(objectName="notesHeading")
        self.editor = QPlainTextEdit(objectName="notesEditor")
        self.editor.setAccessibleName("Notes on the selected source")
        self.editor.setTabChangesFocus(True)
        self.editor.textChanged.connect(self._on_text_changed)
        self.state = QLabel(objectName="notesState")
        self.state.setStyleSheet("color: gray")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.state)
        self._timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._timer.timeout.connect(self.flush)
        self.set_target(None)

    def set_library(self, library) -> None:  # noqa: ANN001 - reader.store.Library or None
        self.library = library

    def set_target(self, target: NoteTarget | None) -> None:
        """Show the note of `target` (saving the previous one first)."""
        if target == self.target and target is not None:
            return
        self.flush()
        self.target = target
        text = ""
        if target is not None and self.library is not None:
            try:
                text = self.library.note(target.article_id, target.name, target.kind)
            except Exception as exc:  # noqa: BLE001 - a broken library must not block reading
                log.warning("could not read note: %s", exc)
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)
        self._saved_text = text
        self._dirty = False
        usable = target is not None and self.library is not None
        self.editor.setEnabled(usable)
        if target is None:
            self.heading.setText("<b>Notes</b>")
            self.editor.setPlaceholderText("Select a source to take notes on it.")
        elif self.library is None:
            self.heading.setText(f"<b>Notes on {target.name}</b>")
            self.editor.setPlaceholderText("Notes are unavailable: the library could not be opened.")
        else:
            self.heading.setText(f"<b>Notes on {target.name}</b>")
            self.editor.setPlaceholderText(f"What do you know about {target.name}? Saved as you type.")
        self.state.setText("")

    def _on_text_changed(self) -> None:
        if self.target is None:
            return
        self._dirty = True
        self.state.setText("Editing…")
        self._timer.start()

    def flush(self) -> bool:
        """Save now if there is anything unsaved; True when the note is on disk."""
        self._timer.stop()
        if not self._dirty or self.target is None or self.library is None:
            return not self._dirty
        text = self.editor.toPlainText()
        t = self.target
        try:
            self.library.save_note(t.article_id, t.source_id, t.name, t.kind, text)
        except Exception as exc:  # noqa: BLE001 - StoreError (read-only) or a locked database
            log.warning("note not saved: %s", exc)
            self.state.setText("Not saved — your text stays here.")
            self.saveFailed.emit(f"Your note on {t.name} could not be saved: {exc}")
            self._dirty = False  # report once; the next keystroke tries again
            return False
        self._dirty = False
        self._saved_text = text
        self.state.setText("Saved")
        self.noteSaved.emit(t.source_id, bool(text.strip()))
        return True

    def has_unsaved_changes(self) -> bool:
        return self._dirty
