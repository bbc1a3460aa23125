"""Opening articles: files, URLs (fetched by the worker), the clipboard, drops, library hits.

A mixin of `MainWindow`, kept apart so that the window module stays about layout and flow.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QUrl, Slot
from PySide6.QtGui import QGuiApplication

from reader import documents
from reader.documents import Article, DocumentError
from reader.ui import library_dialogs

log = logging.getLogger("reader.ui")


# Plain text this size is read in well under a frame; anything larger goes to the worker.
READ_HERE_BYTES = 256 * 1024


def _slow_to_read(target: str) -> bool:
    from reader.documents.loader import HTML_SUFFIXES

    path = Path(target).expanduser()
    try:
        # missing files, folders and empty files stay on this thread: their message is instant
        return path.is_file() and (path.suffix.lower() in HTML_SUFFIXES or path.stat().st_size > READ_HERE_BYTES)
    except OSError:
        return False


class ArticleOpening:
    def open_path(self, path: str | Path) -> bool:
        """Open a small local file now; a URL, a saved page or a large file in the background.

        False (and a message) when it fails at once; background failures arrive as a message too."""
        target = str(path).strip()
        if target.lower().startswith(("http://", "https://")):
            self.open_url(target)
            return True
        if _slow_to_read(target):
            # a saved page (trafilatura's parse, its import the first time) or a big file
            # would hold the GUI thread for longer than a frame: the worker reads it
            self._load_request = self.worker.load(str(Path(target).expanduser()))
            self.statusBar().showMessage(f"Opening {Path(target).name} …")
            return True
        try:
            # paths and file:// URLs are read here: a local file is quicker than a round trip
            article = documents.load(target) if documents.is_url(target) else documents.load_path(path)
        except DocumentError as exc:
            log.info("could not open %s: %s", path, exc)
            self.show_message(str(exc))
            return False
        self.show_article(article)
        self.settings.add_recent(article.origin if documents.is_url(target) else str(Path(path).resolve()))
        return True

    def open_url(self, url: str) -> None:
        # the article on screen (and its analysis) stays until the new one has arrived
        self._load_request = self.worker.load(url)
        self.statusBar().showMessage(f"Fetching {url} …")

    @Slot(int, object)
    def _on_article_loaded(self, request_id: int, article: Article) -> None:
        if request_id == self._load_request:
            self.show_article(article)
            if article.origin:
                self.settings.add_recent(article.origin)

    def paste_article(self) -> None:
        """File > New from clipboard: the copied text, cleaned up the way a .txt file would be."""
        from reader.documents.loader import article_from_text

        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self.show_message("The clipboard holds no text to read.", "warning")
            return
        try:
            article = article_from_text(text, "clipboard", fallback_title="Pasted article", name="The clipboard")
        except DocumentError as exc:
            self.show_message(str(exc), "warning")
            return
        self.show_article(article)

    def open_library_hit(self, article_id: str, source_key: str) -> None:
        """A hit chosen in the notes search or the source book: that article, that source."""
        self.ensure_library()
        article = library_dialogs.stored_article(self, article_id)
        if article is None or not article.text:
            self.show_message("That article is no longer in your library.", "warning")
            return
        self._pending_source_key = source_key
        if self.article is None or self.article.id != article.id:
            self.show_article(article)
        if self.analysis_done:
            self._select_pending_source()

    def _select_pending_source(self) -> None:
        from reader.store import source_key

        key, self._pending_source_key = self._pending_source_key, ""
        for source in (self.analysis.sources if key and self.analysis else []):
            if source_key(source.name, source.kind) == key:
                self.select_source(source.id)
                return

    def dragEnterEvent(self, event) -> None:  # noqa: ANN001, N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: ANN001, N802
        urls: list[QUrl] = event.mimeData().urls()
        if urls:
            event.acceptProposedAction()
            url = urls[0]
            self.open_path(url.toLocalFile() if url.isLocalFile() else url.toString())
