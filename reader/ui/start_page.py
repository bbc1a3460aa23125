"""The start page: what the window shows while no article is open.

Contract: `install(window)` puts a `StartPage` in the window's central column in place of the
(empty) article view and its bars, and wires its buttons to the window's own commands — Open
file, Open URL, Paste article, Try the sample — and its recent list to `window.open_path`.
`leave()` (called by the window when an article is shown) hides it and shows the article view
and its bars again. The page keeps no state: the recent list is read from the window's settings each time the page is shown. It also
says what the highlight colours mean, with the very formats the article uses.
"""

from __future__ import annotations

from collections.abc import Sequence

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader import APP_NAME, documents
from reader.ui import highlights
from reader.ui.plain_text import plain_label, plain_tooltip

PATH_ROLE = Qt.ItemDataRole.UserRole
PAGE_WIDTH = 640
RECENT_ROWS = 8  # the list grows to this many rows, then scrolls
MEANINGS = [
    ("Direct quote", "the source's own words, in quotation marks"),
    ("Reported speech", "the writer's paraphrase: “she said that …”"),
    ("According to", "the claim is credited to a source"),
    ("Hedged / unsourced", "“reportedly”, “is believed to”: nobody is named"),
]


class StartPage(QFrame):
    openFileRequested = Signal()
    openUrlRequested = Signal()
    pasteRequested = Signal()
    sampleRequested = Signal()
    recentChosen = Signal(str)  # a path or URL

    def __init__(self, covered: Sequence[QWidget] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="startPage")
        # the article view and its bars (legend, class toggles): hidden while the page shows,
        # since they say nothing before an article is open and the page has its own legend
        self._covered = list(covered)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAccessibleName("Start page")
        self.setAccessibleDescription("Open an article, paste one, or try the sample.")

        title = QLabel(APP_NAME, objectName="startTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        title.setFont(font)
        lead = QLabel("Read a news article and see who says what: every attributed claim is highlighted, "
                      "every source gets a card, and your notes stay in your own library.", wordWrap=True)

        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text, tip, signal in (
                ("open", "Open file…", "A text, Markdown, HTML or PDF file (Ctrl+O)", self.openFileRequested),
                ("url", "Open URL…", "A web page (Ctrl+L)", self.openUrlRequested),
                ("paste", "Paste article", "The article you copied (Ctrl+Shift+V)", self.pasteRequested),
                ("sample", "Try the sample", "A short article written for Sourcelight", self.sampleRequested)):
            button = QPushButton(text, objectName=f"start_{key}")
            button.setToolTip(tip)
            button.setAccessibleDescription(tip)
            button.clicked.connect(signal)
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)

        self.recent = QListWidget(objectName="startRecent")
        self.recent.setAccessibleName("Recent articles")
        self.recent.itemActivated.connect(self._choose_recent)
        self.no_recent = plain_label(QLabel("Articles you open will be listed here.", objectName="startNoRecent"))

        self.legend = QTextBrowser(objectName="startLegend")
        self.legend.setAccessibleName("What the colours mean")
        self.legend.setFrameShape(QFrame.Shape.NoFrame)
        self.legend.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.legend.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.legend.setFixedHeight(self.legend.fontMetrics().lineSpacing() + 16)
        meanings = QGridLayout()
        for r, (label, meaning) in enumerate(MEANINGS):
            meanings.addWidget(QLabel(f"<b>{label}</b>"), r, 0)
            meanings.addWidget(plain_label(QLabel(meaning, wordWrap=True)), r, 1)
        meanings.setColumnStretch(1, 1)

        column = QWidget(objectName="startColumn")
        column.setMaximumWidth(PAGE_WIDTH)
        inner = QVBoxLayout(column)
        inner.addWidget(title)
        inner.addWidget(lead)
        inner.addSpacing(12)
        inner.addLayout(row)
        inner.addSpacing(18)
        inner.addWidget(QLabel("<b>Recent articles</b>"))
        inner.addWidget(self.recent)
        inner.addWidget(self.no_recent)
        inner.addSpacing(18)
        inner.addWidget(QLabel("<b>What the colours mean</b>"))
        inner.addWidget(self.legend)
        inner.addLayout(meanings)
        inner.addStretch(1)
        # in a scroll area, so the page never makes the window wider or taller than it is
        content = QWidget(objectName="startContent")
        content.setAutoFillBackground(False)
        row_of_column = QHBoxLayout(content)
        row_of_column.addStretch(1)
        row_of_column.addWidget(column, 4)
        row_of_column.addStretch(1)
        scroller = QScrollArea(objectName="startScroller")
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(content)
        scroller.viewport().setAutoFillBackground(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroller)
        self.setTabOrder(self.buttons["open"], self.buttons["url"])

    def set_recent(self, items: list[str]) -> None:
        self.recent.clear()
        for path in items:
            label = path if documents.is_url(path) else f"{Path(path).name} — {Path(path).parent}"
            item = QListWidgetItem(label)
            item.setData(PATH_ROLE, path)
            item.setToolTip(plain_tooltip(path))
            self.recent.addItem(item)
        rows = min(len(items), RECENT_ROWS)
        self.recent.setFixedHeight(self.recent.sizeHintForRow(0) * rows + 2 * self.recent.frameWidth() + 2
                                   if items else 0)
        self.recent.setVisible(bool(items))
        self.no_recent.setVisible(not items)
        if items:
            self.recent.setCurrentRow(0)

    def set_legend_palette(self, palette: highlights.Palette) -> None:
        highlights.fill_legend(self.legend.document(), palette)

    def _choose_recent(self, item: QListWidgetItem) -> None:
        self.recentChosen.emit(item.data(PATH_ROLE))

    def leave(self) -> None:
        """An article is shown: give the place back to the article view and its bars."""
        self.hide()
        for widget in self._covered:
            widget.show()


def install(window) -> StartPage:  # noqa: ANN001 - reader.ui.main_window.MainWindow
    """Put the start page where the article will be, wired to the window's commands."""
    from reader.app import sample_article_path

    covered = (window.view, window.legend, window.class_toggles)
    page = StartPage(covered)
    column = window.centralWidget().layout()
    column.insertWidget(column.indexOf(window.view), page, 1)
    for widget in covered:
        widget.hide()
    page.set_recent(window.settings.recent_files())
    dark = window.palette().color(QPalette.ColorRole.Base).lightness() < 128
    page.set_legend_palette(highlights.Palette(dark=dark))
    page.openFileRequested.connect(window.open_dialog)
    page.openUrlRequested.connect(window.open_url_dialog)
    page.pasteRequested.connect(window.paste_article)
    page.recentChosen.connect(window.open_path)
    page.sampleRequested.connect(lambda: window.open_path(sample_article_path()))
    page.buttons["sample"].setEnabled(sample_article_path().is_file())
    page.buttons["open"].setFocus()
    return page
