"""Corrections that no longer apply to the article on screen: a Sources menu entry and a dialog.

    UnappliedControls(window)   # once, after the window made its session, menus and CorrectionControls

Sources > "Corrections that no longer apply (N)…" is enabled while the analysis on screen
leaves N of the reader's corrections unapplied (`session.corrections.unapplied`, worked out
after every final analysis). It opens `UnappliedDialog`, which lists each one: what it was,
the text it was made on and why it no longer applies (a sentence). "Delete" deletes the
selected one through `ReadingSession.delete_correction` (the library's log, one transaction
written off the GUI thread); Ctrl+Z, in the dialog or the window, puts it back in its place.
"Keep" closes the dialog and keeps them all. Nothing is dropped unless the reader says so.

The dialog only shows what it is given and says which one the reader wants deleted; the
state stays the session's.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QMenu, QPushButton,
    QVBoxLayout, QWidget,
)

from reader.corrections import Correction, Unapplied
from reader.corrections.model import CHANGE_KIND, CHANGE_SOURCE, EDIT_CARD, MERGE_CARDS, one_line
from reader.ui.plain_text import plain_tooltip

MENU_TEXT = "Corrections that no longer &apply"
UID_ROLE = Qt.ItemDataRole.UserRole
FIELD_LABELS = {"cue_class": "class"}  # as the claim's menu calls it
QUOTE_CHARS = 160  # of the quoted text shown in a row (all of it in the tooltip)
INTRO = ("These corrections of yours no longer apply to the analysis of this article: the text or the "
         "claim they were made on has changed. They are kept in your library and apply again if it comes "
         "back. Delete the ones you no longer want; Ctrl+Z puts a deleted one back.")
NONE_LEFT = "Every one of your corrections applies to this article now."


def menu_text(count: int) -> str:
    return f"{MENU_TEXT} ({count})…" if count else f"{MENU_TEXT}…"


def what_it_did(c: Correction) -> str:
    """The correction's kind, with what it changed where that tells two apart."""
    details = []
    if c.kind in (CHANGE_KIND, EDIT_CARD):
        details = [f"{FIELD_LABELS.get(name, name)} → {value}" for name, value in c.fields.items()]
    elif c.kind in (CHANGE_SOURCE, MERGE_CARDS):
        target = c.source.name if c.source else c.new_card.name if c.new_card else "no source"
        details = [f"→ {target}"]
    return f"{c.label} ({', '.join(details)})" if details else c.label


def row_text(u: Unapplied) -> str:
    """One row: what it did, the text it was made on, why it no longer applies (three lines)."""
    quote = f"“{one_line(u.correction.quote, QUOTE_CHARS)}”" if u.correction.quote else ""
    return "\n".join(line for line in (what_it_did(u.correction), quote, u.reason) if line)


class UnappliedDialog(QDialog):
    deleteRequested = Signal(str)  # the uid of the correction the reader wants deleted

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unappliedDialog")
        self.setWindowTitle("Corrections that no longer apply")
        self.setMinimumSize(640, 300)
        self.intro = QLabel(INTRO, objectName="unappliedIntro", wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.list = QListWidget(objectName="unappliedList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAccessibleName("Your corrections that no longer apply")
        self.list.itemSelectionChanged.connect(self._update_buttons)
        buttons = QDialogButtonBox()
        self.delete_button = QPushButton("&Delete", objectName="deleteUnapplied")
        self.delete_button.setToolTip("Delete the selected correction from your library (Ctrl+Z puts it back)")
        self.keep_button = QPushButton("&Keep", objectName="keepUnapplied")
        self.keep_button.setToolTip("Keep them all in your library and close")
        self.keep_button.setDefault(True)
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.delete_button.clicked.connect(self._delete_selected)
        self.keep_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def set_unapplied(self, unapplied: list[Unapplied]) -> None:
        """Show these (the selection stays on the same correction, else on the first one)."""
        selected = self.selected_uid()
        self.list.clear()
        for u in unapplied:
            item = QListWidgetItem(row_text(u))
            item.setData(UID_ROLE, u.correction.uid)
            item.setToolTip(plain_tooltip(u.correction.quote))
            self.list.addItem(item)
        uids = self.uids()
        if uids:
            self.list.setCurrentRow(uids.index(selected) if selected in uids else 0)
        self.intro.setText(INTRO if uids else NONE_LEFT)
        self._update_buttons()

    def uids(self) -> list[str]:
        return [self.list.item(i).data(UID_ROLE) for i in range(self.list.count())]

    def selected_uid(self) -> str | None:
        items = self.list.selectedItems()
        return items[0].data(UID_ROLE) if items else None

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(self.selected_uid() is not None)

    def _delete_selected(self) -> None:
        uid = self.selected_uid()
        if uid is not None:
            self.deleteRequested.emit(uid)


class UnappliedControls(QObject):
    """The menu entry and the dialog, kept up to date with the session's corrections."""

    def __init__(self, window) -> None:  # noqa: ANN001 - reader.ui.main_window.MainWindow
        super().__init__(window)
        self.window, self.session = window, window.session
        self.state = self.session.corrections
        self.dialog: UnappliedDialog | None = None
        self.action = QAction(menu_text(0), window, objectName="actionUnappliedCorrections")
        self.action.setEnabled(False)
        self.action.triggered.connect(self.open_dialog)
        sources_menu = next((o for o in window.actions_.all_sources.associatedObjects() if isinstance(o, QMenu)),
                            None)
        if sources_menu is not None:
            sources_menu.addSeparator()
            sources_menu.addAction(self.action)
        self.session.analysisUpdated.connect(self._on_analysis)
        self.session.articleShown.connect(self._on_article)

    @Slot(object, bool)
    def _on_analysis(self, _analysis, final: bool) -> None:  # noqa: ANN001
        if final:
            self._show(self.state.unapplied)

    @Slot(object)
    def _on_article(self, _article) -> None:  # noqa: ANN001
        self._show([])  # until the new article's analysis says which apply

    def _show(self, unapplied: list[Unapplied]) -> None:
        self.action.setText(menu_text(len(unapplied)))
        self.action.setEnabled(bool(unapplied))
        if self.dialog is not None:
            self.dialog.set_unapplied(unapplied)

    def open_dialog(self) -> UnappliedDialog:
        if self.dialog is None:
            self.dialog = UnappliedDialog(self.window)
            self.dialog.deleteRequested.connect(self.session.delete_correction)
            self.dialog.addAction(self.window.correcting.undo_action)  # Ctrl+Z works in the dialog too
            self.dialog.finished.connect(self._on_closed)
        self.dialog.set_unapplied(self.state.unapplied)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    @Slot(int)
    def _on_closed(self, _result: int) -> None:
        self.dialog.deleteLater()
        self.dialog = None
