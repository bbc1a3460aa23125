"""The reader's source book: every source across the library, with its articles, notes and claims.

Left, the sources (filterable by name, title or role): the name column takes the free width,
the counts only theirs, and the first listing widens the left pane to the longest name (up to
NAME_SHARE_MAX of the dialog). Expand a source to see the articles it appears in. Right, the
selected source's details and notes, and below them its claims across the library, grouped
by article (reader/ui/source_book_claims.py).

Choosing:
- an article (Enter, double-click or "Open") emits `hitChosen(article_id, source_key)`, the
  same signal as the search dialog;
- a source row with "Open" emits `hitChosen` for the most recently opened article it appears in;
- a claim (Enter, double-click, or "Open" while it is selected) emits
  `claimChosen(article_id, source_key, claim_id)`: the window opens the article scrolled to the
  claim and outlines it.
Each closes the dialog. "Open" is enabled whenever a source, an article or a claim is selected.

Reads are off the GUI thread (reader/ui/library_reads.py): the index when the dialog is shown,
and a source's details (its articles and claims, `Library.source_details`) the first time it is
selected or expanded; `detailsShown(key)` once they are on screen.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal, Slot
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

from reader.store import Appearance, Library, SourceSummary, labels
from reader.store.source_book import SourceDetails
from reader.ui.library_reads import LibraryReads
from reader.ui.plain_text import plain_label, plain_tooltip
from reader.ui.source_book_claims import UNTITLED, SourceBookClaims, claims_count

SOURCE_ROLE = Qt.ItemDataRole.UserRole  # top-level items: index into self.sources
ARTICLE_ROLE = Qt.ItemDataRole.UserRole + 1  # child items: (article_id, source_key)
NAME_COLUMN, ARTICLES_COLUMN, NOTES_COLUMN = 0, 1, 2
DIALOG_SIZE = (900, 600)
NAME_SHARE_MAX = 0.6  # of the dialog's width for the sources at first; the details need the rest
NAME_PADDING = 24  # px around a name: the item's margins and the focus frame
EMPTY_LIBRARY = ("Your library has no sources yet. Open an article: the people and bodies it quotes "
                 "are listed here, with your notes on them and what they claimed.")
CLAIMS_LABEL = "&Claims"
NOTHING_SELECTED = "Select a source, one of its articles or one of its claims to open it."


class SourceBookDialog(QDialog):
    hitChosen = Signal(str, str)  # article_id, source_key
    claimChosen = Signal(str, str, str)  # article_id, source_key, claim_id
    indexShown = Signal()  # the sources read by `refresh` are listed
    detailsShown = Signal(str)  # a source's articles and claims (this key's) have been read

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="sourceBookDialog")
        self.library = library
        self.sources: list[SourceSummary] = []
        self._items: dict[str, QTreeWidgetItem] = {}  # source key → its top-level row
        self._details: dict[str, SourceDetails] = {}  # read when a source is first selected or expanded
        self._asked: set[str] = set()  # keys whose details are being read
        self._generation = 0  # of the index listed: details read for an older one are dropped
        self._open_when_read = ""  # a source whose "Open" came before its articles were read
        self._shown_before = self._fitted = False
        self.setWindowTitle("Sources")
        self.resize(*DIALOG_SIZE)

        self.filter = QLineEdit(objectName="sourceFilter")
        self.filter.setPlaceholderText("Filter by name, title or role…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter sources")
        self.tree = QTreeWidget(objectName="sourceTree")
        self.tree.setHeaderLabels(["Source", "Articles", "Notes"])
        self.tree.setAccessibleName("Sources and the articles they appear in")
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)  # the name takes the free width, the counts only theirs
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        for column in (ARTICLES_COLUMN, NOTES_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.details = QTextBrowser(objectName="sourceDetails")
        self.details.setOpenLinks(False)
        self.details.setAccessibleName("Source details and notes")
        self.claims = SourceBookClaims()
        self.claims_label = QLabel(CLAIMS_LABEL, objectName="sourceClaimsLabel")
        self.claims_label.setBuddy(self.claims)
        claims_box = QWidget()
        claims_layout = QVBoxLayout(claims_box)
        claims_layout.setContentsMargins(0, 0, 0, 0)
        claims_layout.addWidget(self.claims_label)
        claims_layout.addWidget(self.claims, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.details)
        right.addWidget(claims_box)
        right.setSizes([DIALOG_SIZE[1] // 3, 2 * DIALOG_SIZE[1] // 3])  # the notes above, the claims below
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.tree)
        self.split.addWidget(right)
        half = DIALOG_SIZE[0] // 2
        self.split.setSizes([half, half])
        self.status = plain_label(QLabel(objectName="sourceBookStatus"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = self.buttons.addButton("&Open", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setObjectName("sourceBookOpen")
        self.open_button.setAccessibleName("Open")

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.split, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.filter.textChanged.connect(self.apply_filter)
        self.tree.itemExpanded.connect(self._fill_articles)
        self.tree.currentItemChanged.connect(self._show_selected)
        self.tree.itemPressed.connect(self._tree_pressed)
        self.tree.itemActivated.connect(self._activated)
        self.claims.itemSelectionChanged.connect(self._update_open)
        self.claims.claimChosen.connect(self._choose_claim)
        self.buttons.accepted.connect(self._open_current)
        self.buttons.rejected.connect(self.reject)
        self._reads = LibraryReads(self)
        self._reads.done.connect(self._show_index)
        self._reads.failed.connect(self._read_failed)
        self._details_reads = LibraryReads(self, every_result=True)  # one per source: none replaces another
        self._details_reads.done.connect(self._details_read)
        self._details_reads.failed.connect(self._details_failed)
        self._update_open()
        self.refresh()

    # public ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload every source from the library (after notes or articles changed), off the GUI
        thread; `indexShown` once they are listed."""
        # the index, not the whole book: at 10,000 articles it is several times faster,
        # and the articles of a source are read when it is opened
        self.status.setText("Reading your sources…")
        self._reads.start(self.library, _source_index)

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
        if not total:
            self.status.setText(EMPTY_LIBRARY)
        else:
            self.status.setText(f"{total} sources" if shown == total else f"{shown} of {total} sources")

    def select_source(self, key: str) -> bool:
        """Select (and expand) the source with this canonical key; False if absent."""
        item = self._items.get(key)
        if item is None:
            return False
        item.setHidden(False)
        self.tree.setCurrentItem(item)
        item.setExpanded(True)
        return True

    # the reads' answers (on the GUI thread) ----------------------------------------------------
    @Slot(str)
    def _read_failed(self, message: str) -> None:
        self.status.setText(message)

    @Slot(object)
    def _show_index(self, sources: list[SourceSummary]) -> None:
        self._generation += 1
        self._details.clear()
        self._asked.clear()
        self._items.clear()
        self.sources = sources
        self.tree.clear()
        items = []
        for index, src in enumerate(self.sources):
            item = QTreeWidgetItem([f"{src.name} ({labels.source_kind(src.kind)})", str(src.articles),
                                    str(src.notes or "")])
            item.setData(0, SOURCE_ROLE, index)
            item.setToolTip(0, plain_tooltip(f"{src.name}\n{_describe(src)}"))
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            items.append(item)
            self._items[src.key] = item
        self.tree.addTopLevelItems(items)
        self.apply_filter(self.filter.text())
        if not sources:
            self.details.setPlainText(EMPTY_LIBRARY)
            self.claims.show_message("No claims yet.")
        elif not self._fitted:
            self._fitted = True  # once: later the user's own split is kept
            self._fit_names()
        self.indexShown.emit()

    @Slot(object)
    def _details_read(self, result: tuple[int, SourceDetails]) -> None:
        generation, details = result
        if generation != self._generation:
            return  # read for an index that has been replaced since
        self._asked.discard(details.key)
        self._details[details.key] = details
        item = self._items.get(details.key)
        if item is not None and item.isExpanded():
            self._fill_articles(item)
        current = self.tree.currentItem()
        if current is not None and (current.parent() or current) is item:
            self._show_selected(current)
        if self._open_when_read == details.key:
            self._open_when_read = ""
            self._open_latest(details)
        self.detailsShown.emit(details.key)

    @Slot(str)
    def _details_failed(self, message: str) -> None:
        self._asked.clear()  # asked again when selected again
        self._open_when_read = ""
        self.status.setText(message)
        self.claims.show_message(message)

    # internals -------------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().showEvent(event)
        if self._shown_before:
            self.refresh()  # shown again later: notes may have been edited meanwhile
        self._shown_before = True
        self.filter.setFocus()

    def _fit_names(self) -> None:
        """Widen the sources pane so the longest name shows whole, up to NAME_SHARE_MAX of the
        dialog (and the dialog up to the screen's width)."""
        metrics, header = self.tree.fontMetrics(), self.tree.header()
        widest = max((metrics.horizontalAdvance(self.tree.topLevelItem(i).text(NAME_COLUMN))
                      for i in range(self.tree.topLevelItemCount())), default=0)
        counts = sum(max(self.tree.sizeHintForColumn(c), header.sectionSizeHint(c))
                     for c in (ARTICLES_COLUMN, NOTES_COLUMN))
        scrollbar = self.tree.verticalScrollBar().sizeHint().width()
        needed = widest + NAME_PADDING + self.tree.indentation() + counts + scrollbar
        total = max(sum(self.split.sizes()), self.split.width())
        if needed > total * NAME_SHARE_MAX and self.screen() is not None:
            # a very long name: a wider dialog, as far as the screen allows
            margins = self.width() - total
            wider = min(int(needed / NAME_SHARE_MAX), self.screen().availableGeometry().width() - margins)
            if wider > total:
                self.resize(wider + margins, self.height())
                total = wider
        left = min(max(needed, total // 2), int(total * NAME_SHARE_MAX))
        self.split.setSizes([left, total - left])

    def _request_details(self, key: str) -> None:
        if key in self._details or key in self._asked:
            return
        self._asked.add(key)
        generation = self._generation
        self._details_reads.start(self.library, lambda library: (generation, library.source_details(key)))

    def _source_of(self, item: QTreeWidgetItem) -> SourceSummary:
        return self.sources[(item.parent() or item).data(0, SOURCE_ROLE)]

    def _fill_articles(self, item: QTreeWidgetItem) -> None:
        if item.parent() is not None or item.childCount():
            return
        src = self._source_of(item)
        details = self._details.get(src.key)
        if details is None:
            self._request_details(src.key)  # filled when read
            return
        for app in details.appearances:
            child = QTreeWidgetItem([app.article_title or UNTITLED, "", "✎" if app.note else ""])
            child.setData(0, ARTICLE_ROLE, (app.article_id, src.key))
            child.setToolTip(0, plain_tooltip("\n".join(x for x in (app.title, app.role, app.origin) if x)))
            if app.note:
                child.setToolTip(NOTES_COLUMN, plain_tooltip(app.note[:500]))
            item.addChild(child)

    def _show_selected(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None = None) -> None:
        if current is None:
            self.details.clear()
            self.claims.clear()
            self.claims_label.setText(CLAIMS_LABEL)
            self._update_open()
            return
        src = self._source_of(current)
        only = current.data(0, ARTICLE_ROLE)[0] if current.parent() is not None else ""
        details = self._details.get(src.key)
        self.details.setHtml(_details_html(src, details.appearances if details else None, only))
        if details is None:
            self.claims_label.setText(CLAIMS_LABEL)
            self.claims.show_reading()
            self._request_details(src.key)
        else:
            self.claims_label.setText(f"{CLAIMS_LABEL} ({claims_count(details, only)})")
            self.claims.show_claims(details, only)
        self._update_open()

    def _tree_pressed(self, _item: QTreeWidgetItem, _column: int) -> None:
        self.claims.clearSelection()  # "Open" follows what was picked last: now the tree row

    def _update_open(self) -> None:
        item, claim = self.tree.currentItem(), self.claims.chosen_claim()
        if claim is not None:
            tip = "Open the article at this claim."
        elif item is None:
            tip = NOTHING_SELECTED  # the only time "Open" is disabled
        elif item.parent() is not None:
            tip = f"Open “{item.text(NAME_COLUMN)}” with {self._source_of(item).name} selected."
        else:
            name = self._source_of(item).name
            tip = f"Open the article you read most recently that quotes {name}, with {name} selected."
        self.open_button.setEnabled(claim is not None or item is not None)
        self.open_button.setToolTip(plain_tooltip(tip))

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        data = item.data(0, ARTICLE_ROLE)
        if data:
            self._choose(*data)
        else:
            item.setExpanded(not item.isExpanded())

    def _open_current(self) -> None:
        claim = self.claims.chosen_claim()
        if claim is not None:
            self._choose_claim(*claim)
            return
        item = self.tree.currentItem()
        if item is None:
            return
        if item.parent() is not None:
            self._activated(item, NAME_COLUMN)
            return
        src = self._source_of(item)
        details = self._details.get(src.key)
        if details is None:
            self._open_when_read = src.key  # opened once its articles are read
            self._request_details(src.key)
        else:
            self._open_latest(details)

    def _open_latest(self, details: SourceDetails) -> None:
        if details.appearances:
            self._choose(details.appearances[0].article_id, details.key)

    def _choose(self, article_id: str, key: str) -> None:
        self.hitChosen.emit(article_id, key)
        self.accept()

    def _choose_claim(self, article_id: str, key: str, claim_id: str) -> None:
        self.claimChosen.emit(article_id, key, claim_id)
        self.accept()


def _source_index(library: Library) -> list[SourceSummary]:
    return library.source_index()


def _describe(src: SourceSummary) -> str:
    return " · ".join(x for x in (labels.source_kind(src.kind), src.title, src.role, src.affiliation) if x)


def _details_html(src: SourceSummary, appearances: list[Appearance] | None, only_article: str) -> str:
    """The source and its notes as HTML; every piece of user or article text escaped.
    `appearances` None: they are being read."""
    esc = html.escape
    parts = [f"<h2>{esc(src.name)}</h2><p><i>{esc(_describe(src))}</i></p>"]
    if appearances is None:
        return "".join(parts + ["<p>Reading the articles of this source…</p>"])
    quiet = 0
    for app in appearances:
        if only_article and app.article_id != only_article:
            continue
        if not only_article and not app.note:
            quiet += 1  # the overview shows the notes; the tree lists every article
            continue
        about = " · ".join(x for x in (app.title, app.role) if x)
        parts.append(f"<h3>{esc(app.article_title or UNTITLED)}</h3>")
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
