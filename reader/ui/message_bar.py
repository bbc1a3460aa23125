"""A non-modal message strip above the article: errors never block the window."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton

_STYLES = {
    # background, border: readable in light and dark themes because the text colour is set too
    "error": ("#fbe3e4", "#c0392b", "#3b0d0c"),
    "warning": ("#fff4d6", "#b8860b", "#3a2a00"),
    "info": ("#e3eefb", "#2f6db5", "#0c2340"),
}


class MessageBar(QFrame):
    """One message at a time; a newer message replaces the older one."""

    dismissed = Signal()

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setAccessibleName("Message")
        self.level = ""
        self._label = QLabel(objectName="messageText", textFormat=Qt.TextFormat.PlainText)
        self._label.setWordWrap(True)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton(text="✕", objectName="messageClose")
        close.setAutoRaise(True)
        close.setToolTip("Dismiss")
        close.clicked.connect(self.dismiss)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 6, 6)
        row.addWidget(self._label, 1)
        row.addWidget(close)
        self.hide()

    def show_message(self, text: str, level: str = "error") -> None:
        bg, border, fg = _STYLES.get(level, _STYLES["info"])
        self.level = level
        self.setStyleSheet(f"#messageBar {{ background: {bg}; border-bottom: 2px solid {border}; }}"
                           f"#messageText, #messageClose {{ color: {fg}; }}")
        self._label.setText(text)
        self.show()

    def text(self) -> str:
        return "" if self.isHidden() else self._label.text()

    def dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()
