"""The reader's source book: every source across the library, with its articles and notes.

Left, the sources (filterable by name, title or role), the name column taking the width;
expand one to see the articles it appears in. Right, the selected source's details, notes
and claims (each with its verb, under its article). "Open article" is enabled as soon as
anything is selected: on a source it opens the most recently read article it appears in.
Choosing (Enter, double-click or "Open article") emits `hitChosen(article_id, source_key)`,
the same signal as the search dialog, and closes the dialog.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.store import Appearance, Library, SourceSummary, StoreError, labels
from reader.ui.plain_text import plain_label, plain_tooltip

SOURCE_ROLE = Qt.ItemDataRole.UserRole  # top-level items: index into self.sources
ARTICLE_ROLE = Qt.ItemDataRole.UserRole + 1  # child items: (article_id, source_key)


class SourceBookDialog(QDialog):
    hitChosen = Signal(str, str)  # article_id, source_key

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="sourceBookDialog")
        self.library = library
        self.sources: list[SourceSummary] = []
        # appearances per source key, read when a source is first expanded or selected
        self._appearances: dict[str, list[Appearance]] = {}
        self._shown_before = False
        self.setWindowTitle("Sources")
        self.resize(900, 600)

        self.filter = QLineEdit(objectName="sourceFilter")
        self.filter.setPlaceholderText("Filter by name, title or role…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter sources")
        self.tree = QTreeWidget(objectName="sourceTree")
        self.tree.setHeaderLabels(["Source", "Articles", "Notes"])
        self.tree.setAccessibleName("Sources and the articles they appear in")
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)  # the name takes the width, the counts only theirs
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.details = QTextBrowser(objectName="sourceDetails")
        self.details.setOpenLinks(False)
        self.details.setAccessibleName("Source details and notes")
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tree)
        split.addWidget(self.details)
        split.setSizes([450, 450])
        self.status = plain_label(QLabel(objectName="sourceBookStatus"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = self.buttons.addButton("Open article", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.filter.textChanged.connect(self.apply_filter)
        self.tree.itemExpanded.connect(self._fill_articles)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemActivated.connect(self._activated)
        self.buttons.accepted.connect(self._open_current)
        self.buttons.rejected.connect(self.reject)
        self.refresh()

    # public ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload every source from the library (after notes or articles changed)."""
        self._appearances.clear()
        try:
            # the index, not the whole book: at 10,000 articles it is several times faster,
            # and the articles of a source are read when it is opened
            self.sources = self.library.source_index()
        except StoreError as exc:
            self.sources = []
            self.status.setText(str(exc))
            return
        self.tree.clear()
        items = []
        for index, src in enumerate(self.sources):
            item = QTreeWidgetItem([f"{src.name} ({labels.source_kind(src.kind)})", str(src.articles),
                                    str(src.notes or "")])
            item.setData(0, SOURCE_ROLE, index)
            item.setToolTip(0, plain_tooltip(_describe(src)))
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            items.append(item)
        self.tree.addTopLevelItems(items)
        self.apply_filter(self.filter.text())

    def apply_filter(self, text: str) -> None:
        words = text.casefold().split()
        shown = 0
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            src = self.sources[item.data(0, SOURCE_ROLE)]
            hay = f"{src.name} {src.title} {src.role} {src.affiliation}".casefold()
            hide = not all(w in hay for w in words)
            item.setHidden(hide)
            shown += not hide
        total = len(self.sources)
        self.status.setText(f"{total} sources" if shown == total else f"{shown} of {total} sources")

    def select_source(self, key: str) -> bool:
        """Select (and expand) the source with this canonical key; False if absent."""
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if self.sources[item.data(0, SOURCE_ROLE)].key == key:
                item.setHidden(False)
                self.tree.setCurrentItem(item)
                item.setExpanded(True)
                return True
        return False

    # internals -------------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().showEvent(event)
        if self._shown_before:
            self.refresh()  # shown again later: notes may have been edited meanwhile
        self._shown_before = True
        self.filter.setFocus()

    def _appearances_of(self, src: SourceSummary) -> list[Appearance]:
        if src.key not in self._appearances:
            try:
                self._appearances[src.key] = self.library.appearances(src.key)
            except StoreError as exc:
                self.status.setText(str(exc))
                return []
        return self._appearances[src.key]

    def _fill_articles(self, item: QTreeWidgetItem) -> None:
        if item.parent() is not None or item.childCount():
            return
        src = self.sources[item.data(0, SOURCE_ROLE)]
        for app in self._appearances_of(src):
            child = QTreeWidgetItem([app.article_title or "untitled article", "", "✎" if app.note else ""])
            child.setData(0, ARTICLE_ROLE, (app.article_id, src.key))
            child.setToolTip(0, plain_tooltip("\n".join(x for x in (app.title, app.role, app.origin) if x)))
            if app.note:
                child.setToolTip(2, plain_tooltip(app.note[:500]))
            item.addChild(child)

    def _claims_of(self, src: SourceSummary) -> list:
        try:
            return self.library.claims_for_key(src.key)
        except StoreError as exc:
            self.status.setText(str(exc))
            return []

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is None:
            self.open_button.setEnabled(False)
            self.details.clear()
            return
        top = current.parent() or current
        src = self.sources[top.data(0, SOURCE_ROLE)]
        only = current.data(0, ARTICLE_ROLE)[0] if current.parent() is not None else None
        appearances = self._appearances_of(src)
        self.open_button.setEnabled(bool(only or appearances))
        self.details.setHtml(_details_html(src, appearances, only, self._claims_of(src)))

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        data = item.data(0, ARTICLE_ROLE)
        if data:
            self.hitChosen.emit(data[0], data[1])
            self.accept()
        else:
            item.setExpanded(not item.isExpanded())

    def _open_current(self) -> None:
        """Open the chosen article; on a source, the latest article it appears in."""
        item = self.tree.currentItem()
        if item is None:
            return
        if item.data(0, ARTICLE_ROLE):
            self._activated(item, 0)
            return
        src = self.sources[item.data(0, SOURCE_ROLE)]
        appearances = self._appearances_of(src)
        if appearances:
            self.hitChosen.emit(appearances[0].article_id, src.key)
            self.accept()


def _describe(src: SourceSummary) -> str:
    return " · ".join(x for x in (labels.source_kind(src.kind), src.title, src.role, src.affiliation) if x)


CLAIMS_SHOWN = 12  # per article in the details; the rest are counted


def _claims_html(claims: list) -> str:
    """Each claim as 'said: “…”' with the verb bold (the source is the heading above)."""
    esc = html.escape
    rows = []
    for claim in claims[:CLAIMS_SHOWN]:
        parts = labels.claim_parts("", claim.cue, labels.clip(claim.content, 300), claim.kind)
        rows.append(f"<li><b>{esc(parts.verb)}</b>: “{esc(' '.join(parts.content.split()))}” "
                    f"<span style='color:gray'>({esc(labels.claim_kind(claim.kind))})</span></li>")
    more = len(claims) - CLAIMS_SHOWN
    tail = f"<p>… and {more} more claim{'s' * (more != 1)}.</p>" if more > 0 else ""
    return f"<ul>{''.join(rows)}</ul>{tail}" if rows else ""


def _details_html(src: SourceSummary, appearances: list[Appearance], only_article: str | None,
                  claims: list | None = None) -> str:
    """The source, its notes and its claims as HTML; every piece of user or article text escaped."""
    esc = html.escape
    by_article: dict[str, list] = {}
    for claim in claims or []:
        by_article.setdefault(claim.article_id, []).append(claim)
    parts = [f"<h2>{esc(src.name)}</h2><p><i>{esc(_describe(src))}</i></p>"]
    quiet = 0
    for app in appearances:
        if only_article and app.article_id != only_article:
            continue
        if not only_article and not app.note and not by_article.get(app.article_id):
            quiet += 1  # the overview shows notes and claims; the tree lists every article
            continue
        about = " · ".join(x for x in (app.title, app.role) if x)
        parts.append(f"<h3>{esc(app.article_title or 'untitled article')}</h3>")
        if about:
            parts.append(f"<p><i>{esc(about)}</i></p>")
        if app.note:
            # pre-wrap keeps the user's line breaks and spaces without interpreting anything
            parts.append(f"<p style='white-space: pre-wrap'>{esc(app.note)}</p>")
        else:
            parts.append("<p>No note yet.</p>")
        parts.append(_claims_html(by_article.get(app.article_id, [])))
    if quiet:
        parts.append(f"<p>Also in {quiet} article{'s' if quiet != 1 else ''} without a note or claim.</p>")
    return "".join(parts)
