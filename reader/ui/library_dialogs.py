"""The File and Library dialogs: open a file or URL, recent files, export notes, the notes
search and the source book. The library calls of the session are in `library_access`.

A library problem (corrupt file moved aside, read-only folder, locked database) is shown as a
message; reading never depends on the library working.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QLineEdit, QMenu

from reader import documents
from reader.ui.plain_text import plain_tooltip

if TYPE_CHECKING:  # the dialogs import the store (sqlite-utils, ~0.3 s): only when first opened
    from reader.ui.search_dialog import NotesSearchDialog
    from reader.ui.source_book import SourceBookDialog

log = logging.getLogger("reader.ui.library")
OPEN_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm *.pdf);;All files (*)"
URL_PROMPT_PREFIX = "https://"


@dataclass
class OpenDialogs:
    """The library dialogs a window has opened (each made once, then shown again)."""

    search: NotesSearchDialog | None = None
    source_book: SourceBookDialog | None = None


# menus and dialogs -------------------------------------------------------------------------
def open_file_dialog(window) -> None:  # noqa: ANN001
    """File > Open: starts in the folder it was last used in."""
    start = str(window.settings.last_folder())
    path, _ = QFileDialog.getOpenFileName(window, "Open an article", start, OPEN_FILTER)
    if path:
        window.settings.set_last_folder(Path(path).parent)
        window.open_path(path)


def open_url_dialog(window) -> None:  # noqa: ANN001
    url, ok = QInputDialog.getText(window, "Open URL", "Address of the article:", QLineEdit.EchoMode.Normal,
                                   URL_PROMPT_PREFIX)
    url = url.strip()
    if ok and url and url != URL_PROMPT_PREFIX:
        if not documents.is_url(url):
            url = URL_PROMPT_PREFIX + url
        window.open_url(url)


def fill_recent_menu(window, menu: QMenu) -> None:  # noqa: ANN001
    """File > Open Recent: article titles (the path or address as tooltip); a file that has
    moved is marked, and choosing it asks whether to take it off the list."""
    from reader.ui import recent_files

    menu.clear()
    recent = window.settings.recent_files()
    titles = window.settings.recent_titles()
    for path in recent:
        entry = recent_files.entry(path, titles.get(path, ""))
        action = menu.addAction(entry.label)
        action.setToolTip(plain_tooltip(path))
        action.setData(path)
        action.triggered.connect(lambda _checked=False, e=entry: recent_files.choose(window, e))
    menu.setToolTipsVisible(True)
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
                                          "Markdown (*.md);;CSV (*.csv);;JSON (*.json);;"
                                          "Your corrected articles, for reader eval (*.jsonl)")
    if path:
        export_notes(window, path)


def export_notes(window, path: str, write: Callable | None = None) -> Path | None:  # noqa: ANN001
    """Save pending typing, then export (everything, or what `write(library, path)` writes:
    one source's page); the outcome is a message either way."""
    from reader.store.export import export

    window.notes.flush()
    # the analysis just drawn and the corrections made so far are in the library
    window.session.wait_for_library_writes()
    try:
        written = (write or export)(window.ensure_library(), path)
    except Exception as exc:  # noqa: BLE001 - OSError, StoreError: the user must hear of it
        log.warning("export failed: %s", exc)
        window.show_message(f"The notes could not be exported: {exc}")
        return None
    window.show_message(f"Notes exported to {written}", "info")
    return written


def _make_dialog(window, make: Callable) -> QDialog | None:  # noqa: ANN001 - make(library, parent)
    if window.ensure_library() is None:
        window.show_message("Your library is not available in this session.", "warning")
        return None
    try:
        dialog = make(window.ensure_library(), window)
    except Exception as exc:  # noqa: BLE001 - a broken dialog must not break the window
        log.exception("could not open %s", make.__name__)
        window.show_message(f"This feature is not available: {exc}", "info")
        return None
    dialog.hitChosen.connect(window.open_library_hit)
    return dialog


def _show(dialog: QDialog | None) -> None:
    if dialog is not None:
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()


def open_search(window) -> None:  # noqa: ANN001
    """Library > Search notes and quotes (Ctrl+Shift+F)."""
    from reader.ui.search_dialog import NotesSearchDialog  # a plain import: PyInstaller must see it

    if window.dialogs.search is None:
        window.dialogs.search = _make_dialog(window, NotesSearchDialog)
        if window.dialogs.search is not None:
            window.dialogs.search.claimChosen.connect(window.open_library_claim)
    _show(window.dialogs.search)


def open_source_book(window) -> None:  # noqa: ANN001
    """Library > Source book: every source across the articles you have read."""
    from reader.ui.source_book import SourceBookDialog

    if window.dialogs.source_book is None:
        window.dialogs.source_book = _make_dialog(window, SourceBookDialog)
        if window.dialogs.source_book is not None:  # a claim: its article, scrolled to it and outlined
            window.dialogs.source_book.claimChosen.connect(window.session.open_library_hit)
    _show(window.dialogs.source_book)
