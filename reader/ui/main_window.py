"""The main window: the article in the middle, its sources in a dock on the right."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QStatusBar,
    QTextBrowser,
)

from reader import APP_NAME
from reader.documents import Article, DocumentError, load_path

log = logging.getLogger("reader.ui")


class MainWindow(QMainWindow):
    articleOpened = Signal(str)  # article id
    analysisFinished = Signal(str)  # article id

    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.data_dir = Path(data_dir)
        self.article: Article | None = None
        self.setWindowTitle(APP_NAME)
        self.resize(1200, 800)

        self.article_view = QTextBrowser(objectName="articleView")
        self.article_view.setOpenLinks(False)
        self.setCentralWidget(self.article_view)

        self.sources_list = QListWidget(objectName="sourcesList")
        self.notes_editor = QPlainTextEdit(objectName="notesEditor")
        self.notes_editor.setPlaceholderText("Notes on the selected source")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.sources_list)
        split.addWidget(self.notes_editor)
        dock = QDockWidget("Sources", self, objectName="sourcesPanel")
        dock.setWidget(split)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)

        self.setStatusBar(QStatusBar(objectName="statusBar"))

    def open_path(self, path: str | Path) -> bool:
        try:
            article = load_path(path)
        except DocumentError as exc:
            log.info("could not open %s: %s", path, exc)
            QMessageBox.warning(self, APP_NAME, str(exc))
            self.statusBar().showMessage(str(exc))
            return False
        self.show_article(article)
        return True

    def show_article(self, article: Article) -> None:
        self.article = article
        self.article_view.setPlainText(article.text)
        self.setWindowTitle(f"{article.title} — {APP_NAME}")
        self.statusBar().showMessage(f"Opened {article.title}")
        self.articleOpened.emit(article.id)
