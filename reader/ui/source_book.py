"""The reader's source book: every source across the library, with its articles and notes.

Left, the sources (filterable by name, title or role); expand one to see the articles it
appears in. Right, the selected source's details and notes. Choosing an article (Enter,
double-click or "Open article") emits `hitChosen(article_id, source_key)`, the same
signal as the search dialog, and closes the dialog. The sources are read off the GUI thread
(reader/ui/library_reads.py): at 10,000 articles that takes several frames.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.store import Appearance, Library, SourceSummary, StoreError
from reader.ui.library_reads import LibraryReads
from reader.ui.plain_text import plain_label, plain_tooltip

SOURCE_ROLE = Qt.ItemDataRole.UserRole  # top-level items: index into self.sources
ARTICLE_ROLE = Qt.ItemDataRole.UserRole + 1  # child items: (article_id, source_key)


class SourceBookDialog(QDialog):
    hitChosen = Signal(str, str)  # article_id, source_key
    indexShown = Signal()  # the sources read by `refresh` are listed

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
        self._reads = LibraryReads(self)
        self._reads.done.connect(self._show_index)
        self._reads.failed.connect(self._index_failed)
        self.refresh()

    # public ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload every source from the library (after notes or articles changed), off the GUI
        thread; `indexShown` once they are listed."""
        # the index, not the whole book: at 10,000 articles it is several times faster,
        # and the articles of a source are read when it is opened
        self.status.setText("Reading your sources…")
        self._reads.start(self.library, _source_index)

    @Slot(str)
    def _index_failed(self, message: str) -> None:
        self.status.setText(message)

    @Slot(object)
    def _show_index(self, sources: list[SourceSummary]) -> None:
        self._appearances.clear()
        self.sources = sources
        self.tree.clear()
        items = []
        for index, src in enumerate(self.sources):
            item = QTreeWidgetItem([f"{src.name} ({src.kind})", str(src.articles), str(src.notes or "")])
            item.setData(0, SOURCE_ROLE, index)
            item.setToolTip(0, plain_tooltip(_describe(src)))
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            items.append(item)
        self.tree.addTopLevelItems(items)
        self.tree.resizeColumnToContents(1)
        self.apply_filter(self.filter.text())
        self.indexShown.emit()

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

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        self.open_button.setEnabled(current is not None and current.parent() is not None)
        if current is None:
            self.details.clear()
            return
        top = current.parent() or current
        src = self.sources[top.data(0, SOURCE_ROLE)]
        only = current.data(0, ARTICLE_ROLE)[0] if current.parent() is not None else None
        self.details.setHtml(_details_html(src, self._appearances_of(src), only))

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        data = item.data(0, ARTICLE_ROLE)
        if data:
            self.hitChosen.emit(data[0], data[1])
            self.accept()
        else:
            item.setExpanded(not item.isExpanded())

    def _open_current(self) -> None:
        item = self.tree.currentItem()
        if item is not None and item.data(0, ARTICLE_ROLE):
            self._activated(item, 0)


def _source_index(library: Library) -> list[SourceSummary]:
    return library.source_index()


def _describe(src: SourceSummary) -> str:
    return " · ".join(x for x in (src.kind, src.title, src.role, src.affiliation) if x)


def _details_html(src: SourceSummary, appearances: list[Appearance], only_article: str | None) -> str:
    """The source and its notes as HTML; every piece of user or article text escaped."""
    esc = html.escape
    parts = [f"<h2>{esc(src.name)}</h2><p><i>{esc(_describe(src))}</i></p>"]
    quiet = 0
    for app in appearances:
        if only_article and app.article_id != only_article:
            continue
        if not only_article and not app.note:
            quiet += 1  # the overview shows the notes; the tree lists every article
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
    if quiet:
        parts.append(f"<p>Also in {quiet} article{'s' if quiet != 1 else ''} without a note.</p>")
    return "".join(parts)
