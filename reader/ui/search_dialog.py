"""Search the library's notes, source names and roles (Ctrl+Shift+F in the main window).

Type to search (debounced); hits are listed best first, one per (article, source).
Enter, a double-click or "Open" on a hit emits `hitChosen(article_id, source_key)` and
closes the dialog; the window then opens that article with that source selected.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.store import Library, SearchHit, StoreError
from reader.ui.plain_text import plain_label, plain_tooltip

HIT_ROLE = Qt.ItemDataRole.UserRole
DEBOUNCE_MS = 150  # a search costs a few ms to ~100 ms at 10,000 articles: not per keystroke


class NotesSearchDialog(QDialog):
    hitChosen = Signal(str, str)  # article_id, source_key

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="notesSearchDialog")
        self.library = library
        self.hits: list[SearchHit] = []
        self.setWindowTitle("Search notes and sources")
        self.resize(640, 480)

        self.field = QLineEdit(objectName="searchField")
        self.field.setPlaceholderText("Search your notes, source names and roles…")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Search notes and sources")
        self.results = QListWidget(objectName="searchResults")
        self.results.setAccessibleName("Search results")
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.status = plain_label(QLabel(objectName="searchStatus"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                        | QDialogButtonBox.StandardButton.Close)
        self.open_button = self.buttons.button(QDialogButtonBox.StandardButton.Open)
        self.open_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        self.field.textChanged.connect(self._text_changed)
        self.field.returnPressed.connect(self._choose_current)
        self.field.installEventFilter(self)
        self.results.itemActivated.connect(self._choose_item)
        self.results.currentRowChanged.connect(self._current_changed)
        self.buttons.accepted.connect(self._choose_current)
        self.buttons.rejected.connect(self.reject)
        self._show_status()

    # public ----------------------------------------------------------------------------------
    def set_query(self, text: str) -> None:
        """Fill the field and search at once (no debounce)."""
        self.field.setText(text)
        self._timer.stop()
        self.refresh()

    def refresh(self) -> None:
        """Run the search for the field's text again (notes may have changed since)."""
        self._timer.stop()
        query = self.field.text()
        try:
            self.hits = self.library.search(query) if query.strip() else []
        except StoreError as exc:
            self.hits = []
            self.results.clear()
            self.status.setText(str(exc))
            return
        self.results.clear()
        for hit in self.hits:
            item = QListWidgetItem(_label(hit))
            item.setData(HIT_ROLE, (hit.article_id, hit.source_key))
            item.setToolTip(plain_tooltip(f"{hit.source_name} in “{hit.article_title}”\n\n{hit.snippet}"))
            self.results.addItem(item)
        if self.hits:
            self.results.setCurrentRow(0)
        self._show_status()

    # internals -------------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().showEvent(event)
        self.field.setFocus()
        self.field.selectAll()
        if self.field.text().strip():
            self.refresh()  # reopened later: notes may have been edited meanwhile

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802 - Qt override
        # Up/Down in the search field move through the hits, so the keyboard never has to
        # leave the field.
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(event.key())
            if step and self.results.count():
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def _text_changed(self, _text: str) -> None:
        self._timer.start()  # restarts: the search runs once typing pauses

    def _current_changed(self, row: int) -> None:
        self.open_button.setEnabled(row >= 0)

    def _show_status(self) -> None:
        if not self.field.text().strip():
            self.status.setText("Type to search your notes and your sources' names and roles.")
        elif not self.hits:
            self.status.setText("No matches.")
        else:
            self.status.setText(f"{len(self.hits)} match{'es' if len(self.hits) != 1 else ''}"
                                + (" (the best 50 shown)" if len(self.hits) >= 50 else ""))

    def _choose_current(self) -> None:
        if self._timer.isActive():  # Enter typed before the debounce ran: search first
            self.refresh()
        item = self.results.currentItem()
        if item is not None:
            self._choose_item(item)

    def _choose_item(self, item: QListWidgetItem) -> None:
        article_id, key = item.data(HIT_ROLE)
        self.hitChosen.emit(article_id, key)
        self.accept()


def _label(hit: SearchHit) -> str:
    where = "note" if hit.in_note else "source"
    title = hit.article_title or "untitled article"
    return f"{hit.source_name} ({hit.source_kind}) — {title}\n[{where}] {hit.snippet}"
