"""Search everything in the library (Ctrl+Shift+F): article titles and text, claims, sources, notes.

Type to search (debounced). The search runs on a thread of its own (`SearchRunner`, its own
read-only connection; the newest query wins) and the hits come back by signal to the dialog on
the GUI thread. They are listed under their article (a heading row, not selectable), best
article first; matched words and a claim's verb are bold.
Enter, a double-click or "Open" on a hit emits `claimChosen(article_id, claim_id)` for a claim
(the window scrolls to it and outlines it) or `hitChosen(article_id, source_key)` for a note,
a card or the article's text (source_key "" then), and closes the dialog.
"""

from __future__ import annotations

import html
import logging
import threading
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader.store import Library, SearchHit, StoreError
from reader.ui.plain_text import plain_label, plain_tooltip

log = logging.getLogger("reader.ui.search")
HIT_ROLE = Qt.ItemDataRole.UserRole  # (article_id, source_key) or (article_id, source_key, claim_id)
HTML_ROLE = Qt.ItemDataRole.UserRole + 1  # the row as rich text, for the delegate
DEBOUNCE_MS = 150  # a search costs a few ms to ~25 ms at 10,000 articles: not per keystroke
LIMIT = 50
STOP_WAIT_S = 5.0
IDLE_S = 30.0  # a search thread with nothing to do this long ends (and closes its connection)
KIND_WORDS = {"claim": "claim", "note": "your note", "source": "source card", "article": "in the text"}


def rich(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` as HTML with each span bold (spans merged); everything else escaped."""
    from reader.commands.search import merge_spans

    out, at = [], 0
    for start, end in merge_spans(spans):
        out += [html.escape(text[at:start]), "<b>", html.escape(text[start:end]), "</b>"]
        at = end
    return "".join(out + [html.escape(text[at:])])


class _Lane:
    """One search thread's inbox: the newest query not started yet, and whether to stop."""

    def __init__(self) -> None:
        self.wake = threading.Condition()
        self.next: tuple[int, str] | None = None
        self.stopping = False
        self.done = False  # the thread has ended (stopped, or idle for IDLE_S)


class SearchRunner(QObject):
    """Runs searches on a thread of its own through its own read-only connection; the newest
    query wins. The thread starts with a search and ends with `stop()` (the dialog closing) or
    after IDLE_S without one, closing its connection; the next search starts another.

    `finished(serial, groups)` / `failed(serial, message)` are emitted from that thread:
    connect them only to bound methods of GUI-thread objects (Qt queues them).
    """

    finished = Signal(int, object)  # serial, list[ArticleHits]
    failed = Signal(int, str)  # serial, a sentence for the user

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._lane: _Lane | None = None
        self._thread: threading.Thread | None = None

    def search(self, serial: int, query: str) -> None:
        lane = self._lane
        if lane is not None:
            with lane.wake:
                if not lane.done and not lane.stopping:
                    lane.next = (serial, query)  # an older query not started yet is dropped
                    lane.wake.notify()
                    return
        self._lane = lane = _Lane()
        lane.next = (serial, query)
        self._thread = threading.Thread(target=self._run, args=(lane,), name="library-search", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """End the thread after the search it is running (at most one, ≤ 50 ms)."""
        lane, thread = self._lane, self._thread
        self._lane = self._thread = None
        if lane is None or thread is None:
            return
        with lane.wake:
            lane.stopping = True
            lane.next = None
            lane.wake.notify()
        thread.join(STOP_WAIT_S)

    def _run(self, lane: _Lane) -> None:
        from reader.store.search import group_by_article

        library: Library | None = None
        try:
            while True:
                with lane.wake:
                    if lane.next is None and not lane.stopping:
                        lane.wake.wait(IDLE_S)
                    if lane.stopping or lane.next is None:
                        lane.done = True
                        return
                    (serial, query), lane.next = lane.next, None
                try:
                    if library is None:
                        library = Library.open(self._data_dir, read_only=True)
                    groups = group_by_article(library.search(query, LIMIT), query)
                except StoreError as exc:
                    self.failed.emit(serial, str(exc))
                    continue
                except Exception as exc:  # noqa: BLE001 - a broken search must not end the thread
                    log.exception("search failed")
                    self.failed.emit(serial, f"The search did not work: {exc}")
                    continue
                self.finished.emit(serial, groups)
        finally:
            if library is not None:
                library.close()


class RichDelegate(QStyledItemDelegate):
    """Paints a row's HTML_ROLE (bold marks) in place of its plain text."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(HTML_ROLE) or html.escape(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        doc.setTextWidth(max(option.rect.width(), 200))
        return doc

    def paint(self, painter, option, index) -> None:  # noqa: ANN001
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(opt, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        painter.translate(opt.rect.topLeft())
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: ANN001, N802
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()))


class NotesSearchDialog(QDialog):
    hitChosen = Signal(str, str)  # article_id, source_key ("" for the article's own text)
    claimChosen = Signal(str, str)  # article_id, claim_id
    searched = Signal()  # the hits of the newest query are shown (tests and screenshots wait on it)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="notesSearchDialog")
        self.library = library
        self.groups: list = []  # list[ArticleHits] of the newest query
        self.hits: list[SearchHit] = []
        self._serial = 0
        self._shown_serial = 0
        self.setWindowTitle("Search your library")
        self.resize(720, 520)

        self.field = QLineEdit(objectName="searchField")
        self.field.setPlaceholderText("Search titles, article text, quotes, sources and your notes…")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Search your library")
        self.results = QListWidget(objectName="searchResults")
        self.results.setAccessibleName("Search results")
        self.results.setAccessibleDescription("Hits grouped by article; Enter opens the chosen hit.")
        self.results.setWordWrap(True)
        self.results.setItemDelegate(RichDelegate(self.results))
        self.results.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.status = plain_label(QLabel(objectName="searchStatus"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                        | QDialogButtonBox.StandardButton.Close)
        self.open_button = self.buttons.button(QDialogButtonBox.StandardButton.Open)
        self.open_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.runner = SearchRunner(Path(library.path).parent, self)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        self.field.textChanged.connect(self._text_changed)
        self.field.returnPressed.connect(self._choose_current)
        self.field.installEventFilter(self)
        self.results.itemActivated.connect(self._choose_item)
        self.results.currentRowChanged.connect(self._current_changed)
        self.buttons.accepted.connect(self._choose_current)
        self.buttons.rejected.connect(self.reject)
        self.finished.connect(self._on_closed)
        self._show_status()

    # public ----------------------------------------------------------------------------------
    def set_query(self, text: str) -> None:
        """Fill the field and search at once (no debounce)."""
        self.field.setText(text)
        self.refresh()

    def refresh(self) -> None:
        """Search for the field's text again (notes may have changed since), off this thread."""
        self._timer.stop()
        self._serial += 1
        query = self.field.text()
        if not query.strip():
            self._show([], self._serial)
            return
        self.status.setText("Searching…")
        self.runner.search(self._serial, query)

    def busy(self) -> bool:
        """True while the newest query's hits are not shown yet."""
        return self._timer.isActive() or self._shown_serial != self._serial

    # the runner's answers (queued onto this thread) -------------------------------------------
    def _on_finished(self, serial: int, groups: list) -> None:
        if serial == self._serial:
            self._show(groups, serial)

    def _on_failed(self, serial: int, message: str) -> None:
        if serial == self._serial:
            self._show([], serial)
            self.status.setText(message)

    def _show(self, groups: list, serial: int) -> None:
        self.groups = groups
        self.hits = [h for g in groups for h in g.hits]
        self.results.clear()
        for group in groups:
            heading = QListWidgetItem(group.title or "Untitled article")
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)  # not selectable: Up/Down skip it
            heading.setData(HTML_ROLE, f"<span style='font-size:large'>{rich(group.title, group.title_marks)}</span>")
            self.results.addItem(heading)
            for hit in group.hits:
                self.results.addItem(self._hit_item(hit))
        first = next((i for i in range(self.results.count()) if self.results.item(i).data(HIT_ROLE)), -1)
        self.results.setCurrentRow(first)
        self._shown_serial = serial
        self._show_status()
        self.searched.emit()

    def _hit_item(self, hit: SearchHit) -> QListWidgetItem:
        who = f"{hit.source_name} — " if hit.kind in ("note", "source") and hit.source_name else ""
        where = KIND_WORDS.get(hit.kind, hit.kind)
        item = QListWidgetItem(f"[{where}] {who}{hit.snippet}")
        bold = list(hit.marks) + ([hit.verb] if hit.verb else [])
        item.setData(HTML_ROLE, f"&nbsp;&nbsp;<span style='color:gray'>{html.escape(where)}</span>&nbsp; "
                                f"{html.escape(who)}{rich(hit.snippet, bold)}")
        item.setData(HIT_ROLE, (hit.article_id, hit.source_key, hit.claim_id) if hit.kind == "claim"
                     else (hit.article_id, hit.source_key))
        item.setToolTip(plain_tooltip(f"{hit.article_title or 'Untitled article'}\n\n{hit.snippet}"))
        return item

    # internals -------------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().showEvent(event)
        self.field.setFocus()
        self.field.selectAll()
        if self.field.text().strip():
            self.refresh()  # reopened later: notes may have been edited meanwhile

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802 - Qt override
        # Up/Down in the search field move through the hits (over the article headings), so
        # the keyboard never has to leave the field.
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(event.key())
            if step and self.hits:
                rows = [i for i in range(self.results.count()) if self.results.item(i).data(HIT_ROLE)]
                at = rows.index(self.results.currentRow()) if self.results.currentRow() in rows else -step
                self.results.setCurrentRow(rows[max(0, min(len(rows) - 1, at + step))])
                return True
        return super().eventFilter(watched, event)

    def _text_changed(self, _text: str) -> None:
        self._timer.start()  # restarts: the search runs once typing pauses

    def _current_changed(self, row: int) -> None:
        item = self.results.item(row) if row >= 0 else None
        self.open_button.setEnabled(bool(item is not None and item.data(HIT_ROLE)))

    def _show_status(self) -> None:
        if not self.field.text().strip():
            self.status.setText("Type to search article titles and text, quotes, sources and your notes.")
        elif not self.hits:
            self.status.setText("No matches.")
        else:
            n, articles = len(self.hits), len(self.groups)
            self.status.setText(f"{n} match{'es' if n != 1 else ''} in {articles} article{'s' * (articles != 1)}"
                                + (f" (the best {LIMIT} shown)" if n >= LIMIT else ""))

    def _choose_current(self) -> None:
        if self.busy():  # Enter typed before the hits came: choose once they are in
            if self._timer.isActive():
                self.refresh()
            self.searched.connect(self._choose_when_shown, Qt.ConnectionType.SingleShotConnection)
            return
        item = self.results.currentItem()
        if item is not None:
            self._choose_item(item)

    def _choose_when_shown(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self._choose_item(item)

    def _choose_item(self, item: QListWidgetItem) -> None:
        data = item.data(HIT_ROLE)
        if not data:
            return  # an article heading
        if len(data) == 3 and data[2]:
            self.claimChosen.emit(data[0], data[2])
        else:
            self.hitChosen.emit(data[0], data[1])
        self.accept()

    def _on_closed(self, _result: int) -> None:
        self._timer.stop()
        self.runner.stop()  # its connection closes; the next search starts it again
