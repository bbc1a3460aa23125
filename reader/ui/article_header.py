"""The quiet line above the article: who wrote it, when, where it was published, its address.

Shows `Article.header()` (author(s), date, site name, URL) as one small, muted, selectable
line of plain text ("Jane Whitford and Tom Ng · 3 March 2024 · City Desk · citydesk.example/…"),
centred over the text column. Hidden when the article says nothing about itself. A long
address is shortened on screen; the tooltip has it whole. Page text is never markup here.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel

from reader.documents import Article
from reader.ui.plain_text import plain_label, plain_tooltip

SEPARATOR = "  ·  "
MAX_URL_CHARS = 60
FONT_SCALE = 0.9  # of the window's font: quieter than the article
_URL_PREFIXES = ("https://www.", "http://www.", "https://", "http://")


class ArticleHeader(QLabel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("articleHeader")
        self.setAccessibleName("About this article")
        plain_label(self)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setContentsMargins(12, 8, 12, 4)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.setBackgroundRole(QPalette.ColorRole.Base)  # part of the page the article is on
        self.setAutoFillBackground(True)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * FONT_SCALE)
        self.setFont(font)
        self.fields: dict[str, str] = {}
        self.hide()

    @Slot(object)
    def show_article(self, article: Article) -> None:
        self.fields = article.header()
        parts = [shown_value(key, value) for key, value in self.fields.items()]
        self.setText(SEPARATOR.join(parts))
        self.setToolTip(plain_tooltip(self.fields.get("url", "")))
        self.setVisible(bool(parts))


def shown_value(key: str, value: str) -> str:
    """A header field as the line shows it: a readable date, a short address."""
    if key == "date":
        try:
            day = date.fromisoformat(value[:10])
        except ValueError:
            return value
        return f"{day.day} {day.strftime('%B')} {day.year}"
    if key == "url":
        for prefix in _URL_PREFIXES:
            if value.lower().startswith(prefix):
                value = value[len(prefix):]
                break
        value = value.rstrip("/")
        return value if len(value) <= MAX_URL_CHARS else value[: MAX_URL_CHARS - 1] + "…"
    return value
