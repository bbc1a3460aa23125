"""The reader's note on one claim: a small dialog showing the claim's words and the note.

    dialog = ClaimNoteDialog(quote, note_text, parent)
    dialog.accepted.connect(lambda: session.note_claim(claim_id, dialog.text()))

It only gathers the text; the session keeps and stores it (an empty text removes the note).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from reader.ui.plain_text import plain_label

QUOTE_CHARS = 240  # of the claim's words shown above the note


class ClaimNoteDialog(QDialog):
    def __init__(self, quote: str, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("claimNoteDialog")
        self.setWindowTitle("Note on this claim")
        self.setMinimumWidth(420)
        one_line = " ".join(quote.split())
        shown = one_line if len(one_line) <= QUOTE_CHARS else one_line[:QUOTE_CHARS - 1] + "…"
        self.quote = plain_label(QLabel(f"“{shown}”", objectName="claimNoteQuote"))
        self.quote.setWordWrap(True)
        self.editor = QPlainTextEdit(text, objectName="claimNoteEditor")
        self.editor.setAccessibleName("Your note on this claim")
        self.editor.setPlaceholderText("What do you know about this claim? Leave it empty to remove the note.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.quote)
        layout.addWidget(self.editor, 1)
        layout.addWidget(buttons)
        self.editor.setFocus()

    def text(self) -> str:
        return self.editor.toPlainText()
