"""The reader's note on the chosen claim, under the note on its source, saved as you type.

    panel = ClaimNotePanel(session, notes_panel)   # notes_panel: the source notes' NotesPanel
    panel.show_claim(claim_id)                     # the claim clicked or stepped to; None: none

The claim's words stand above a small editor. What is typed goes the way of the notes on
sources (reader/ui/notes_editor.py), with the same durability: the same typing rhythm
(`HandOverTimers`), then the session's corrections state keeps it (the tooltips read it
there) and `NotesPanel.submit` hands a `PendingClaimNote` to the one library thread, which
writes the recovery file first and saves it in one transaction off the GUI thread, retrying
while the library is locked; a note left unsaved by a crash is put back at the next start.
Blank text removes the note. The panel lays out and shows; the session owns the notes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from reader.corrections.model import one_line
from reader.corrections.notes import ClaimNote
from reader.store import labels
from reader.store.recovery import PendingClaimNote
from reader.ui.notes_editor import HandOverTimers

QUOTE_CHARS = 160  # of the claim's words shown above its note
HEADING = "Note on this claim"
NO_CLAIM = "Click a highlight, or step to a claim with n / p, to take a note on that claim."
NO_LIBRARY = "Notes are unavailable: the library could not be opened."
PLACEHOLDER = "What do you know about this claim? Saved as you type; leave it empty for no note."


class ClaimNotePanel(QWidget):
    def __init__(self, session, notes, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("claimNotePanel")
        self.session, self.notes = session, notes  # ReadingSession, NotesPanel
        self.claim_id: str | None = None
        self._note: tuple[str, ClaimNote] | None = None  # (article id, the shown claim's note as loaded)
        self._dirty = False
        self._restored: dict[str, tuple[str, ClaimNote]] = {}  # uid → (article id, note) put back after a crash
        self.heading = QLabel(HEADING, objectName="claimNoteHeading", textFormat=Qt.TextFormat.PlainText)
        bold = QFont(self.heading.font())
        bold.setBold(True)
        self.heading.setFont(bold)
        self.quote = QLabel(objectName="claimNoteQuote", textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.quote.setStyleSheet("font-style: italic")
        self.editor = QPlainTextEdit(objectName="claimNoteEditor")
        self.editor.setAccessibleName("Your note on the chosen claim")
        self.editor.setTabChangesFocus(True)
        self.editor.textChanged.connect(self._on_text_changed)
        self.state = QLabel(objectName="claimNoteState", textFormat=Qt.TextFormat.PlainText)
        self.state.setStyleSheet("color: gray")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.quote)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.state)
        self._timers = HandOverTimers(self)
        self._timers.due.connect(self.hand_over)
        notes.flushing.connect(self.hand_over)
        notes.claimNoteSaved.connect(self._on_saved)
        session.articleShown.connect(self._on_article)
        session.libraryChanged.connect(self._on_library)  # after the NotesPanel took the recovery file
        session.analysisUpdated.connect(self._on_analysis)
        self.show_claim(None)

    def show_claim(self, claim_id: str | None) -> None:
        """Show the note of `claim_id` (handing over what was typed on the previous one first)."""
        if claim_id == self.claim_id and claim_id is not None:
            return
        self.hand_over()
        state, article = self.session.corrections, self.session.article
        claim = state.claim(claim_id) if claim_id and article is not None else None
        self.claim_id = claim_id if claim is not None else None
        note = state.note_of.get(claim_id) if claim is not None else None
        if claim is not None:  # anchored now: typing is kept even if the claim goes meanwhile
            self._note = article.id, note or ClaimNote.of(article.text, claim, "")
        else:
            self._note = None
        usable = claim is not None and self.notes.library is not None
        self.editor.blockSignals(True)
        self.editor.setPlainText(note.text if note else "")
        self.editor.blockSignals(False)
        self._dirty = False
        self.editor.setEnabled(usable)
        self.editor.setPlaceholderText(PLACEHOLDER if usable else NO_LIBRARY if claim is not None else NO_CLAIM)
        words = labels.unquote(labels.CONTENT_JOINER.join(article.text[s:e] for s, e in claim.get("content") or [])
                               ) if claim is not None else ""  # the label adds its own marks
        self.quote.setText(f"“{one_line(words, QUOTE_CHARS)}”" if claim is not None else "")
        self.quote.setVisible(claim is not None)
        self.state.setText("")

    def focus_editor(self) -> None:
        self.editor.moveCursor(QTextCursor.MoveOperation.End)
        self.editor.setFocus()

    def _on_text_changed(self) -> None:
        if self.claim_id is None:
            return
        self._dirty = True
        self.state.setText("Editing…")
        self._timers.typed()

    @Slot()
    def hand_over(self) -> None:
        """Give what was typed to the session and the library thread now (returns at once)."""
        self._timers.stop()
        if not self._dirty or self._note is None:
            return
        self._dirty = False
        article_id, shown = self._note
        self._restored.pop(shown.uid, None)  # what is typed now is newer
        text = self.editor.toPlainText()
        note = ClaimNote(shown.anchor, text if text.strip() else "", shown.uid)
        if self.session.article is not None and self.session.article.id == article_id:
            self.session.corrections.remember_notes([note])
        self.notes.submit(PendingClaimNote.of(article_id, note))

    @Slot(object)
    def _on_library(self, _library) -> None:  # noqa: ANN001
        """The notes on claims the recovery file put back are newer than the library's until
        the reader types on them: the session is told so after each article's notes are read."""
        self._restored = {n.uid: (n.article_id, n.claim_note()) for n in self.notes.unsaved.values()
                          if isinstance(n, PendingClaimNote)}

    @Slot(object)
    def _on_saved(self, note: PendingClaimNote) -> None:
        current = self.session.corrections.note_of.get(self.claim_id) if self.claim_id else None
        if current is not None and current.uid == note.uid and not self._dirty:
            self.state.setText("Saved")

    @Slot(object)
    def _on_article(self, _article) -> None:  # noqa: ANN001
        self.show_claim(None)  # what was typed is handed over, to the claim of the article it was on

    @Slot(object, bool)
    def _on_analysis(self, _analysis, final: bool) -> None:  # noqa: ANN001
        """A correction or a re-analysis: the claim may be gone (what was typed is kept, on its
        text), its note may have changed."""
        article = self.session.article
        restored = [note for article_id, note in self._restored.values() if article and article_id == article.id]
        if final and restored:
            self.session.corrections.remember_notes(restored)
        if self.claim_id is not None and self.session.corrections.claim(self.claim_id) is None:
            self.show_claim(None)
        elif final and not self._dirty and self.claim_id is not None:
            claim_id, self.claim_id = self.claim_id, None
            self.show_claim(claim_id)  # the text of its note as the session has it
