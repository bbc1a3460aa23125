"""Find in the article (Ctrl+F): a slim bar under the text, like a browser's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextBrowser, QToolButton, QWidget


class FindBar(QWidget):
    def __init__(self, view: QTextBrowser, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("findBar")
        self.view = view
        self.field = QLineEdit(objectName="findField", placeholderText="Find in article")
        self.field.setAccessibleName("Find in article")
        self.field.returnPressed.connect(self.find_next)
        self.field.textChanged.connect(self._incremental)
        self.status = QLabel()
        self.status.setStyleSheet("color: gray")
        prev_btn = QToolButton(text="↑", toolTip="Previous match (Shift+Enter)")
        next_btn = QToolButton(text="↓", toolTip="Next match (Enter)")
        close_btn = QToolButton(text="✕", toolTip="Close (Esc)")
        prev_btn.clicked.connect(self.find_previous)
        next_btn.clicked.connect(self.find_next)
        close_btn.clicked.connect(self.close_bar)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 8, 2)
        row.addWidget(self.field, 1)
        row.addWidget(prev_btn)
        row.addWidget(next_btn)
        row.addWidget(self.status)
        row.addWidget(close_btn)
        self.field.installEventFilter(self)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        selected = self.view.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.field.setText(selected)
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.view.setFocus()

    def _incremental(self, _text: str) -> None:
        cursor = self.view.textCursor()
        cursor.setPosition(cursor.selectionStart())
        self.view.setTextCursor(cursor)
        self.find_next()

    def find_next(self) -> bool:
        return self._find(QTextDocument.FindFlag(0))

    def find_previous(self) -> bool:
        return self._find(QTextDocument.FindFlag.FindBackward)

    def _find(self, flags: QTextDocument.FindFlag) -> bool:
        needle = self.field.text()
        if not needle:
            self.status.setText("")
            return False
        found = self.view.find(needle, flags)
        if not found:  # wrap around
            cursor = self.view.textCursor()
            backward = bool(flags & QTextDocument.FindFlag.FindBackward)
            cursor.movePosition(cursor.MoveOperation.End if backward else cursor.MoveOperation.Start)
            self.view.setTextCursor(cursor)
            found = self.view.find(needle, flags)
        self.status.setText("" if found else "Not found")
        return found

    def eventFilter(self, obj, event) -> bool:  # noqa: ANN001, N802
        if obj is self.field and isinstance(event, QKeyEvent) and event.type() == event.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.find_previous()
                return True
        return super().eventFilter(obj, event)
