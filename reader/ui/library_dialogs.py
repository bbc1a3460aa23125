"""The window's side of the library: opening it, caching analyses, and the File/Library dialogs.

A library problem (corrupt file moved aside, read-only folder, locked database) is shown as a
message; reading never depends on the library working.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMenu

from reader.analysis import Analysis
from reader.ui.plain_text import plain_tooltip

log = logging.getLogger("reader.ui.library")
OPEN_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm);;All files (*)"


def open_library(window):  # noqa: ANN001, ANN201 - MainWindow → Library | None
    from reader.store import Library, StoreError  # not at start-up: sqlite-utils takes ~0.3 s to import

    try:
        library = Library.open(window.data_dir)
    except StoreError as exc:
        window.show_message(f"{exc} Notes cannot be saved in this session.", "warning")
        return None
    except Exception as exc:  # noqa: BLE001 - an unexpected store failure must not stop the reader
        log.exception("library did not open")
        window.show_message(f"Your library could not be opened ({exc}). Notes cannot be saved.", "warning")
        return None
    notice = getattr(library, "notice", None)
    if notice:
        window.show_message(notice, "warning")
    return library


def _call(window, what: str, fn, *args, default=None):  # noqa: ANN001, ANN202
    """Run one library call; a failure is logged (and not fatal) and gives `default`."""
    if window.library is None:
        return default
    try:
        if isinstance(fn, str):
            return getattr(window.library, fn)(*args)
        return fn(window.library, *args)
    except Exception as exc:  # noqa: BLE001
        log.warning("library: %s failed: %s", what, exc)
        return default


def remember(window, article) -> None:  # noqa: ANN001
    if window.library is not None and getattr(window.library, "read_only", False):
        return
    _call(window, "remember article", "remember_article", article.id, article.title,
          article.origin, article.text)


def cached_analysis(window, article_id: str, engine_version: str | None):  # noqa: ANN001, ANN201
    if engine_version is None:
        return None
    data = _call(window, "cached analysis", "cached_analysis", article_id, engine_version)
    if not data:
        return None
    try:
        return Analysis.from_dict(data)
    except (KeyError, TypeError, ValueError) as exc:
        log.warning("cached analysis unreadable, analysing again: %s", exc)
        return None


def save_analysis(window, article_id: str, engine_version: str | None, analysis) -> None:  # noqa: ANN001
    if engine_version is not None and not getattr(window.library, "read_only", False):
        _call(window, "save analysis", "save_analysis", article_id, engine_version,
              analysis.to_dict(article_id))


def noted_keys(window, article_id: str) -> set[str]:  # noqa: ANN001
    return _call(window, "noted keys", "noted_keys", article_id, default=set()) or set()


def close_library(window) -> None:  # noqa: ANN001
    if window.library is not None:
        _call(window, "close", "close")
        window.library = None
        window.notes.set_library(None)


# menus and dialogs -------------------------------------------------------------------------
def open_file_dialog(window) -> None:  # noqa: ANN001
    recent = window.settings.recent_files()
    start = str(Path(recent[0]).parent) if recent and not recent[0].startswith("http") else str(Path.home())
    path, _ = QFileDialog.getOpenFileName(window, "Open an article", start, OPEN_FILTER)
    if path:
        window.open_path(path)


def open_url_dialog(window) -> None:  # noqa: ANN001
    url, ok = QInputDialog.getText(window, "Open URL", "Address of the article:", QLineEdit.EchoMode.Normal,
                                   "https://")
    url = url.strip()
    if ok and url and url != "https://":
        if not url.startswith(("http://", "https://")):
            url = "https://" + url
        window.open_url(url)


def fill_recent_menu(window, menu: QMenu) -> None:  # noqa: ANN001
    menu.clear()
    recent = window.settings.recent_files()
    for path in recent:
        action = menu.addAction(Path(path).name if not path.startswith("http") else path)
        action.setToolTip(plain_tooltip(path))
        action.setData(path)
        action.triggered.connect(lambda _checked=False, p=path: window.open_path(p))
    if not recent:
        menu.addAction("No recent articles").setEnabled(False)
    else:
        menu.addSeparator()
        menu.addAction("Clear list").triggered.connect(window.settings.clear_recent)


def export_notes_dialog(window) -> None:  # noqa: ANN001
    """File > Export notes…: every source with its notes and claims, as Markdown, CSV or JSON."""
    library = window.ensure_library()
    if library is None:
        window.show_message("There is no library to export from in this session.", "warning")
        return
    path, _ = QFileDialog.getSaveFileName(window, "Export notes", str(Path.home() / "sourcelight-notes.md"),
                                          "Markdown (*.md);;CSV (*.csv);;JSON (*.json)")
    if path:
        export_notes(window, path)


def export_notes(window, path: str) -> Path | None:  # noqa: ANN001
    """Save pending typing, then export; the outcome is a message either way."""
    from reader.store.export import export

    window.notes.flush()
    try:
        written = export(window.ensure_library(), path)
    except Exception as exc:  # noqa: BLE001 - OSError, StoreError: the user must hear of it
        log.warning("export failed: %s", exc)
        window.show_message(f"The notes could not be exported: {exc}")
        return None
    window.show_message(f"Notes exported to {written}", "info")
    return written


def _open_dialog(window, attr: str, make) -> None:  # noqa: ANN001 - make(library, parent) -> QDialog
    dialog = getattr(window, attr, None)
    if dialog is None and window.ensure_library() is None:
        window.show_message("Your library is not available in this session.", "warning")
        return
    if dialog is None:
        try:
            dialog = make(window.library, window)
        except Exception as exc:  # noqa: BLE001 - a broken dialog must not break the window
            log.exception("could not open %s", attr)
            window.show_message(f"This feature is not available: {exc}", "info")
            return
        dialog.hitChosen.connect(window.open_library_hit)
        setattr(window, attr, dialog)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()


def open_search(window) -> None:  # noqa: ANN001
    """Library > Search notes and quotes (Ctrl+Shift+F)."""
    from reader.ui.search_dialog import NotesSearchDialog  # a plain import: PyInstaller must see it

    _open_dialog(window, "_search_dialog", NotesSearchDialog)


def open_source_book(window) -> None:  # noqa: ANN001
    """Library > Source book: every source across the articles you have read."""
    from reader.ui.source_book import SourceBookDialog

    _open_dialog(window, "_source_book", SourceBookDialog)


def stored_article(window, article_id: str):  # noqa: ANN001, ANN201 - Article | None
    """An article as the library keeps it (its text is what the notes and analyses refer to)."""
    from reader.documents import Article

    stored = _call(window, "stored article", "article", article_id)
    if stored is None or not stored.text:
        return None
    return Article(title=stored.title or "Untitled", text=stored.text, origin=stored.origin)
