"""Article and network text in widgets: always shown as text, never interpreted as markup.

Qt guesses whether a label's or tooltip's string is rich text (`Qt.mightBeRichText`), and
rich text loads images: a source called `<img src=/dev/zero>` made the app read that file
until it died. A QLabel can be told (`plain_label`, or `setTextFormat(PlainText)`); a
tooltip cannot, so `plain_tooltip` makes it rich text we wrote ourselves, with the untrusted
text escaped inside.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def plain_label(label: QLabel) -> QLabel:
    """`label`, set to show its text literally (returned for chaining)."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_tooltip(text: str) -> str:
    """A tooltip string that shows `text` exactly (line breaks kept, markup shown as written)."""
    if not text:
        return ""
    return f"<p style='white-space:pre-wrap'>{html.escape(text, quote=False)}</p>"


def escaped(text: str) -> str:
    """`text` for a place inside our own rich text (a bold name in a sentence, say)."""
    return html.escape(text, quote=False)
