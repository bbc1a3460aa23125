"""The source-card dialogs: edit a card, merge it into another, split mentions off; a new card.

    dialog = CardEditor(text, card, cards, parent)       # card: the card as contract JSON
    dialog.accepted.connect(lambda: session.correct(dialog.correction()))
    dialog.open()

`CardEditor.correction()` is the `reader.corrections.Correction` the reader asked for on the
tab that is showing (None when nothing changed). `NewSourceDialog.spec()` is the `CardSpec`
of a card to create (for "change the source" and "add a claim"). The dialogs only gather
what the reader typed: the session applies and stores it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QTabWidget, QVBoxLayout, QWidget,
)

from reader.analysis.types import SOURCE_KINDS
from reader.corrections import CardSpec, Correction, edit_card, merge_cards, split_mentions
from reader.corrections.model import CARD_FIELDS
from reader.ui.sources_panel import KIND_NAMES

EDIT_TAB, MERGE_TAB, SPLIT_TAB = 0, 1, 2
MENTION_CONTEXT = 24  # characters of text shown on each side of a mention in the split list
MENTION_SPAN = Qt.ItemDataRole.UserRole
TEXT_FIELDS = ("name", "title", "role", "affiliation")


class CardForm(QWidget):
    """Name, kind, title, role, affiliation."""

    def __init__(self, values: dict[str, Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        values = values or {}
        form = QFormLayout(self)
        self.fields: dict[str, QLineEdit] = {}
        for field in TEXT_FIELDS:
            edit = QLineEdit(str(values.get(field) or ""), objectName=f"card_{field}")
            edit.setAccessibleName(field.capitalize())
            self.fields[field] = edit
        self.kind = QComboBox(objectName="card_kind")
        self.kind.setAccessibleName("Kind")
        for kind in SOURCE_KINDS:
            self.kind.addItem(KIND_NAMES.get(kind, kind), kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(values.get("kind") or "person")))
        form.addRow("&Name", self.fields["name"])
        form.addRow("&Kind", self.kind)
        form.addRow("&Title", self.fields["title"])
        form.addRow("&Role", self.fields["role"])
        form.addRow("&Affiliation", self.fields["affiliation"])

    def values(self) -> dict[str, str]:
        out = {field: " ".join(edit.text().split()) for field, edit in self.fields.items()}
        out["kind"] = self.kind.currentData()
        return out

    def spec(self) -> CardSpec:
        return CardSpec.from_dict(self.values())


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class NewSourceDialog(QDialog):
    def __init__(self, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newSourceDialog")
        self.setWindowTitle("New source")
        self.form = CardForm({"name": name})
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("The source the claim comes from:"))
        layout.addWidget(self.form)
        self.buttons = _buttons(self)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        if not self.form.values()["name"]:
            self.form.fields["name"].setFocus()
            self.form.fields["name"].setPlaceholderText("A source needs a name")
            return
        super().accept()

    def spec(self) -> CardSpec:
        return self.form.spec()


class CardEditor(QDialog):
    def __init__(self, text: str, card: dict[str, Any], cards: list[dict[str, Any]],
                 parent: QWidget | None = None, tab: int = EDIT_TAB) -> None:
        super().__init__(parent)
        self.setObjectName("cardEditor")
        self.setWindowTitle(f"Source card: {card.get('name') or 'unnamed'}")
        self.setMinimumWidth(460)
        self._text, self._card = text, card
        self.tabs = QTabWidget(objectName="cardEditorTabs")

        self.form = CardForm(card)
        self.tabs.addTab(self.form, "&Edit")

        merge = QWidget()
        merge_form = QFormLayout(merge)
        self.merge_into = QComboBox(objectName="mergeInto")
        self.merge_into.setAccessibleName("Merge into")
        self._others = [c for c in cards if c.get("id") != card.get("id")]
        for other in sorted(self._others, key=lambda c: (c.get("name") or "").casefold()):
            self.merge_into.addItem(f"{other.get('name')} ({KIND_NAMES.get(other.get('kind'), other.get('kind'))})",
                                    other.get("id"))
        merge_form.addRow(QLabel("Every claim and mention of this card moves to the card you pick; "
                                 "this card goes.", wordWrap=True))
        merge_form.addRow("Merge &into", self.merge_into)
        self.tabs.addTab(merge, "&Merge")
        self.tabs.setTabEnabled(MERGE_TAB, bool(self._others))

        split = QWidget()
        split_layout = QVBoxLayout(split)
        split_layout.addWidget(QLabel("Tick the mentions that name someone else; they and their claims "
                                      "go to a new card:", wordWrap=True))
        self.mentions = QListWidget(objectName="splitMentions")
        self.mentions.setAccessibleName("Mentions")
        self.mentions.setWordWrap(True)
        for s, e in card.get("mentions") or []:
            before = text[max(0, s - MENTION_CONTEXT):s].replace("\n", " ")
            after = text[e:e + MENTION_CONTEXT].replace("\n", " ")
            item = QListWidgetItem(f"…{before}[{text[s:e]}]{after}…")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(MENTION_SPAN, (s, e))
            self.mentions.addItem(item)
        split_layout.addWidget(self.mentions, 1)
        split_layout.addWidget(QLabel("The new card:"))
        self.split_form = CardForm({"kind": card.get("kind")})
        split_layout.addWidget(self.split_form)
        self.tabs.addTab(split, "&Split")
        self.tabs.setTabEnabled(SPLIT_TAB, len(card.get("mentions") or []) > 1)
        self.mentions.itemChanged.connect(self._suggest_split_name)

        self.problem = QLabel(objectName="cardEditorProblem")
        self.problem.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.problem)
        self.buttons = _buttons(self)
        layout.addWidget(self.buttons)
        self.tabs.setCurrentIndex(tab if self.tabs.isTabEnabled(tab) else EDIT_TAB)

    def _checked(self) -> list[tuple[int, int]]:
        items = (self.mentions.item(i) for i in range(self.mentions.count()))
        return [tuple(item.data(MENTION_SPAN)) for item in items if item.checkState() == Qt.CheckState.Checked]

    def _suggest_split_name(self) -> None:
        checked = self._checked()
        name = self.split_form.fields["name"]
        if checked and not name.text():
            name.setText(self._text[slice(*checked[0])])

    def correction(self) -> Correction | None:
        """What the showing tab asks for; None when it asks for nothing."""
        tab = self.tabs.currentIndex()
        if tab == MERGE_TAB:
            into = next((c for c in self._others if c.get("id") == self.merge_into.currentData()), None)
            return merge_cards(self._text, self._card, into) if into is not None else None
        if tab == SPLIT_TAB:
            checked = self._checked()
            return split_mentions(self._text, self._card, checked, self.split_form.spec()) if checked else None
        changed = {k: v for k, v in self.form.values().items()
                   if k in CARD_FIELDS and v != (self._card.get(k) or "")}
        return edit_card(self._text, self._card, **changed) if changed else None

    def accept(self) -> None:
        tab = self.tabs.currentIndex()
        if tab == SPLIT_TAB and not self._checked():
            self.problem.setText("Tick at least one mention to split off.")
            return
        if tab == SPLIT_TAB and len(self._checked()) == self.mentions.count():
            self.problem.setText("Leave at least one mention on this card (to rename it, use Edit).")
            return
        if tab == EDIT_TAB and not self.form.values()["name"]:
            self.problem.setText("A source needs a name.")
            return
        super().accept()
