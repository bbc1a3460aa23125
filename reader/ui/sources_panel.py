"""The sources panel: every source of the article, grouped, with claim counts and note markers.

"All sources" (the first row), Esc and a click on empty space in the list select no source,
which shows every claim. Group headings are never current: the arrow keys step over them.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QKeyEvent, QMouseEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
    QWidget,
)

from reader.ui.plain_text import plain_tooltip
from reader.ui.source_claims import SourceClaims

UNSOURCED = "*unsourced"  # the pseudo-source of claims without a source (hedges)
ALL_SOURCES = ""  # the id of the "All sources" row: no source selected, every claim shown
ALL_SOURCES_LABEL = "All sources"
UNSOURCED_LABEL = "Hedged & unattributed"
UNSOURCED_DESCRIPTION = "Claims that name no source: “reportedly”, “is believed to” …"
SOURCE_ID = Qt.ItemDataRole.UserRole
NOTED = Qt.ItemDataRole.UserRole + 1
CURSOR_FORWARD = {QAbstractItemView.CursorAction.MoveDown, QAbstractItemView.CursorAction.MoveNext,
                  QAbstractItemView.CursorAction.MovePageDown, QAbstractItemView.CursorAction.MoveEnd}
DESCRIPTION = Qt.ItemDataRole.UserRole + 2  # the tooltip's text, for the filter
GROUPS = (
    ("people", "People & officials"),
    ("media", "Media"),
    ("organisations", "Organisations & government"),
    ("anonymous", "Anonymous & unnamed"),
    ("unsourced", "Unsourced"),
)
GROUP_OF_KIND = {"person": "people", "media": "media", "organization": "organisations",
                 "government": "organisations", "document": "organisations",
                 "unnamed_group": "anonymous", "anonymous": "anonymous"}
KIND_NAMES = {"person": "person", "media": "media outlet", "organization": "organisation",
              "government": "government body", "document": "document", "unnamed_group": "unnamed group",
              "anonymous": "anonymous source"}


def _note_icon() -> QIcon:
    """A small filled note mark, drawn so it needs no image plugin; paired with a tooltip."""
    pix = QPixmap(QSize(14, 14))
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QColor("#8a6d00"))
    p.setBrush(QColor("#f2c94c"))
    p.drawRoundedRect(1, 1, 12, 12, 2, 2)
    p.setPen(QColor("#5c4800"))
    for y in (5, 8, 11):
        p.drawLine(4, y, 10, y)
    p.end()
    return QIcon(pix)


def _is_heading(index: QModelIndex) -> bool:
    return index.isValid() and not index.flags() & Qt.ItemFlag.ItemIsSelectable


class SourceTree(QTreeWidget):
    """The list itself: headings are skipped by the keyboard; Esc and empty space mean "All sources"."""

    allRequested = Signal()

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers) -> QModelIndex:  # noqa: ANN001, N802
        index = super().moveCursor(action, modifiers)
        forward = action in CURSOR_FORWARD
        while _is_heading(index):  # on, in the direction of the key; back the other way at the end
            following = self.indexBelow(index) if forward else self.indexAbove(index)
            if not following.isValid():
                following = self.indexAbove(index) if forward else self.indexBelow(index)
                forward = not forward
                if _is_heading(following) or not following.isValid():
                    return self.currentIndex()
            index = following
        return index

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.allRequested.emit()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        index = self.indexAt(event.position().toPoint())
        if not index.isValid():
            self.allRequested.emit()
            return
        if _is_heading(index):
            return  # a heading is a label: clicking it keeps the source you had
        super().mousePressEvent(event)


class SourcesPanel(QWidget):
    sourceSelected = Signal(str)  # source id, UNSOURCED, or "" when nothing is selected

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.filter = QLineEdit(objectName="sourcesFilter", placeholderText="Filter sources…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter sources")
        self.filter.textChanged.connect(self._apply_filter)
        self.tree = SourceTree(objectName="sourcesList")
        self.tree.allRequested.connect(self.select_all)
        self.tree.setAccessibleName("Sources")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Source", "Claims"])
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(10)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(self._on_current_changed)
        self.card = QLabel(objectName="sourceCard")
        self.card.setWordWrap(True)
        self.card.setTextFormat(Qt.TextFormat.RichText)
        self.card.setContentsMargins(4, 4, 4, 4)
        self.claim_position = QLabel(objectName="claimPosition")  # "3 of 6" while stepping with n / p
        self.claim_position.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.claim_position.setContentsMargins(4, 4, 4, 4)
        card_row = QHBoxLayout()
        card_row.addWidget(self.card, 1)
        card_row.addWidget(self.claim_position)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addLayout(card_row)
        self.claims = SourceClaims()  # the selected source's claims; the window fills it
        layout.addWidget(self.claims)
        self._note_icon = _note_icon()
        self._analysis = None
        self._noted: set[str] = set()
        self._items: dict[str, QTreeWidgetItem] = {}
        self._groups: dict[str, QTreeWidgetItem] = {}  # group key → heading row, for groups with members
        self._all_item: QTreeWidgetItem | None = None
        self._last_signature: tuple = ()
        self._show_card(None)

    # content -----------------------------------------------------------------------------
    def set_analysis(self, analysis, noted_keys: set[str] | None = None) -> None:  # noqa: ANN001
        """Bring the list up to date, keeping the current selection (partial results arrive repeatedly).

        Rows are updated in place: counts change, new sources get a row, vanished ones lose theirs,
        a group is re-sorted only when its order changed. None empties the list (another article)."""
        keep = self.current_source_id()
        signature = self._signature(analysis, noted_keys)
        self._analysis = analysis
        if signature == self._last_signature and analysis is not None:
            self._show_card(keep or None)  # same list: keep the user's scroll position and filter
            return
        self._last_signature = signature
        self._noted = set(noted_keys or ())
        self.tree.blockSignals(True)
        if analysis is None:
            self.tree.clear()
            self._items, self._groups, self._all_item = {}, {}, None
        else:
            self._sync(analysis)
        self.tree.blockSignals(False)
        self._apply_filter(self.filter.text())
        if keep and keep in self._items:
            if self.tree.currentItem() is not self._items[keep]:  # its group was re-sorted
                self.select_source(keep, emit=False)
            else:
                self._show_card(keep)
        else:
            self._make_all_current()
            self.claim_position.clear()  # the source stepped through is gone (another article)
            if keep:
                self._show_card(None)
                self.sourceSelected.emit(ALL_SOURCES)

    @staticmethod
    def _signature(analysis, noted_keys) -> tuple:  # noqa: ANN001
        if analysis is None:
            return ()
        sources = tuple((s.id, s.name, s.kind, s.title, s.role, len(s.claim_ids)) for s in analysis.sources)
        unsourced = sum(1 for c in analysis.claims if c.source_id is None)
        return sources, unsourced, len(analysis.claims), frozenset(noted_keys or ())

    def _rows(self, analysis) -> dict[str, list[tuple[str, str, int, bool, str]]]:  # noqa: ANN001
        """Per group, in display order: (source id, name, claims, has notes, description)."""
        from reader.store import source_key  # imported when needed: sqlite-utils is slow to import

        groups: dict[str, list] = {key: [] for key, _ in GROUPS}
        for source in analysis.sources:
            groups[GROUP_OF_KIND.get(source.kind, "anonymous")].append(source)
        rows: dict[str, list[tuple[str, str, int, bool, str]]] = {}
        for key, _label in GROUPS:
            members = sorted(groups[key], key=lambda s: (-len(s.claim_ids), s.name.casefold()))
            rows[key] = [(s.id, s.name, len(s.claim_ids), source_key(s.name, s.kind) in self._noted,
                          self._tooltip(s)) for s in members]
        unsourced = sum(1 for c in analysis.claims if c.source_id is None)
        if unsourced:
            rows["unsourced"].append((UNSOURCED, UNSOURCED_LABEL, unsourced, False, UNSOURCED_DESCRIPTION))
        return rows

    def _sync(self, analysis) -> None:  # noqa: ANN001
        """Make the rows those of `analysis`, touching only what differs."""
        if self._all_item is None:
            self._all_item = QTreeWidgetItem(self.tree, [ALL_SOURCES_LABEL, ""])
            self._all_item.setData(0, SOURCE_ID, ALL_SOURCES)
            self._all_item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self._all_item.setToolTip(0, "Every claim in the article (Esc)")
        self._set_text(self._all_item, 1, str(len(analysis.claims)))
        rows = self._rows(analysis)
        wanted: set[str] = set()
        position = 1  # top-level rows: "All sources", then the groups that have members
        for key, label in GROUPS:
            group = self._groups.get(key)
            if not rows[key]:
                if group is not None:
                    self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(group))
                    del self._groups[key]
                continue
            if group is None:
                group = self._groups[key] = self._new_group(label, position)
            position += 1
            children = [self._row(group, *row) for row in rows[key]]
            wanted.update(row[0] for row in rows[key])
            if [group.child(i) for i in range(group.childCount())] != children:
                group.takeChildren()
                group.addChildren(children)
            group.setExpanded(True)
        for source_id in [i for i in self._items if i not in wanted]:
            del self._items[source_id]  # its group was re-filled without it

    def _new_group(self, label: str, position: int) -> QTreeWidgetItem:
        group = QTreeWidgetItem([label, ""])
        group.setFlags(Qt.ItemFlag.ItemIsEnabled)
        bold = QFont(self.tree.font())
        bold.setBold(True)
        group.setFont(0, bold)
        self.tree.insertTopLevelItem(position, group)
        group.setFirstColumnSpanned(True)
        return group

    def _row(self, group: QTreeWidgetItem, source_id: str, name: str, count: int, noted: bool,
             tooltip: str) -> QTreeWidgetItem:
        """The row of one source, updated or new (a row that changed group is made anew)."""
        item = self._items.get(source_id)
        if item is None or item.parent() is not group:
            if item is not None and item.parent() is not None:
                item.parent().removeChild(item)
            item = QTreeWidgetItem()
            item.setData(0, SOURCE_ID, source_id)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self._items[source_id] = item
        self._set_text(item, 0, name)
        if self._set_text(item, 1, str(count)):
            item.setData(1, Qt.ItemDataRole.AccessibleTextRole, f"{count} claims")
        if item.data(0, DESCRIPTION) != tooltip:
            item.setToolTip(0, plain_tooltip(tooltip))
            item.setData(0, DESCRIPTION, tooltip)
        if item.data(0, NOTED) is not noted:
            self._set_marker(item, noted)
        return item

    @staticmethod
    def _set_text(item: QTreeWidgetItem, column: int, text: str) -> bool:
        if item.text(column) == text:
            return False
        item.setText(column, text)
        return True

    def _set_marker(self, item: QTreeWidgetItem, noted: bool) -> None:
        item.setIcon(0, self._note_icon if noted else QIcon())
        item.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, "has notes" if noted else "")
        item.setData(0, NOTED, noted)

    @staticmethod
    def _tooltip(source) -> str:  # noqa: ANN001
        bits = [b for b in (source.title, source.role, source.affiliation) if b]
        return " · ".join([source.name, *bits, KIND_NAMES.get(source.kind, source.kind)])

    def set_noted(self, source_id: str, noted: bool) -> None:
        item = self._items.get(source_id)
        if item is not None:
            self._set_marker(item, noted)

    def set_corrected(self, source_ids: set[str], label: str) -> None:
        """Underline the cards the reader corrected; their tooltip ends with `label`."""
        for source_id, item in self._items.items():
            corrected = source_id in source_ids
            font = item.font(0)
            font.setUnderline(corrected)
            item.setFont(0, font)
            description = item.data(0, DESCRIPTION) or ""
            item.setToolTip(0, plain_tooltip(f"{description} · {label}" if corrected else description))

    def has_marker(self, source_id: str) -> bool:
        item = self._items.get(source_id)
        return bool(item is not None and item.data(0, NOTED))

    def source_ids(self) -> list[str]:
        """The sources listed, in the order shown."""
        return [group.child(i).data(0, SOURCE_ID) for group in self._groups_in_order()
                for i in range(group.childCount())]

    def _groups_in_order(self) -> list[QTreeWidgetItem]:
        return [self._groups[key] for key, _ in GROUPS if key in self._groups]

    def count_of(self, source_id: str) -> int:
        item = self._items.get(source_id)
        return int(item.text(1)) if item is not None else 0

    # selection ---------------------------------------------------------------------------
    def current_source_id(self) -> str:
        item = self.tree.currentItem()
        return (item.data(0, SOURCE_ID) or "") if item is not None else ""

    def select_source(self, source_id: str, emit: bool = True) -> bool:
        item = self._items.get(source_id)
        if item is None:
            return False
        if item.isHidden():
            self.filter.clear()  # a click in the text must be able to reach a filtered-out source
        if not emit:
            self.tree.blockSignals(True)
        self.tree.setCurrentItem(item)
        item.setSelected(True)
        self.tree.scrollToItem(item)
        self.tree.blockSignals(False)
        self._show_card(source_id)
        return True

    def select_all(self) -> None:
        """No source: every claim is shown (the "All sources" row, Esc, a click on empty space)."""
        had_source = bool(self.current_source_id()) or self.tree.currentItem() is None
        self._make_all_current()
        if had_source:
            self.claim_position.clear()
            self._show_card(None)
            self.sourceSelected.emit(ALL_SOURCES)

    def clear_current(self) -> None:
        """No row current (the sourcing bars chose the claims); "All sources" or Esc brings all back."""
        self.tree.blockSignals(True)
        self.tree.setCurrentItem(None)
        self.tree.clearSelection()
        self.tree.blockSignals(False)
        self.claim_position.clear()
        self._show_card(None)

    def _make_all_current(self) -> None:
        self.tree.blockSignals(True)
        self.tree.clearSelection()
        self.tree.setCurrentItem(self._all_item)
        if self._all_item is not None:
            self._all_item.setSelected(True)
        self.tree.blockSignals(False)

    def show_claim_position(self, text: str) -> None:
        self.claim_position.setText(text)

    def _on_current_changed(self, current: QTreeWidgetItem | None, _previous) -> None:  # noqa: ANN001
        source_id = (current.data(0, SOURCE_ID) or "") if current is not None else ""
        self.claim_position.clear()  # another choice: stepping starts again
        self._show_card(source_id or None)
        self.sourceSelected.emit(source_id)

    def _show_card(self, source_id: str | None) -> None:
        """Name, title, role, affiliation and kind of the selected source, above its notes."""
        source = self._analysis.source(source_id) if (self._analysis and source_id) else None
        if source is None:
            text = ("Claims with no named source." if source_id == UNSOURCED
                    else "<span style='color:gray'>Pick a source, or click a highlight in the text.</span>")
            self.card.setText(text)
            return
        esc = html.escape
        lines = [f"<b style='font-size:larger'>{esc(source.name)}</b>"]
        if source.title or source.role:
            lines.append(esc(", ".join(b for b in (source.title, source.role) if b)))
        if source.affiliation:
            lines.append(esc(source.affiliation))
        n = len(source.claim_ids)
        lines.append(f"<span style='color:gray'>{esc(KIND_NAMES.get(source.kind, source.kind))} · "
                     f"{n} claim{'s' if n != 1 else ''} · n / p to step through</span>")
        self.card.setText("<br>".join(lines))

    # filter ------------------------------------------------------------------------------
    def _apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            if group is self._all_item:
                continue
            visible = 0
            for j in range(group.childCount()):
                child = group.child(j)
                hit = not needle or needle in (child.text(0) + " " + (child.data(0, DESCRIPTION) or "")).casefold()
                child.setHidden(not hit)
                visible += hit
            group.setHidden(visible == 0)
