"""The reading session's calls into the library, each guarded: a library problem is logged and
gives a default, so reading never depends on the library working.

`open_library` says what the user must hear (a damaged file moved aside, a read-only folder)
as `OpenedLibrary.message`. `AnalysisSaver` writes analyses (JSON plus SQLite's fsync, tens of
milliseconds) and remembers opened articles on a thread of its own, through its own connection,
in the order asked; `close()` waits for what was asked.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reader.analysis import Analysis
from reader.documents import Article

if TYPE_CHECKING:  # sqlite-utils takes ~0.3 s to import: the store is imported on first use
    from reader.store import Library

log = logging.getLogger("reader.ui.library")
T = TypeVar("T")


@dataclass(frozen=True)
class OpenedLibrary:
    library: Library | None
    message: str = ""  # for the user: why notes cannot be saved, or what open() had to repair


def open_library(data_dir: Path) -> OpenedLibrary:
    from reader.store import Library, StoreError

    try:
        library = Library.open(data_dir)
    except StoreError as exc:
        return OpenedLibrary(None, f"{exc} Notes cannot be saved in this session.")
    except Exception as exc:  # noqa: BLE001 - an unexpected store failure must not stop the reader
        log.exception("library did not open")
        return OpenedLibrary(None, f"Your library could not be opened ({exc}). Notes cannot be saved.")
    return OpenedLibrary(library, library.notice or "")


def _guarded(what: str, call: Callable[[], T], default: T) -> T:
    try:
        return call()
    except Exception as exc:  # noqa: BLE001 - StoreError, a locked or damaged database
        log.warning("library: %s failed: %s", what, exc)
        return default


def cached_analysis(library: Library | None, article_id: str, engine_version: str | None) -> Analysis | None:
    if library is None or engine_version is None:
        return None
    data = _guarded("cached analysis", lambda: library.cached_analysis(article_id, engine_version), None)
    if not data:
        return None
    try:
        return Analysis.from_dict(data)
    except (KeyError, TypeError, ValueError) as exc:
        log.warning("cached analysis unreadable, analysing again: %s", exc)
        return None


def noted_keys(library: Library | None, article_id: str) -> set[str]:
    if library is None:
        return set()
    return _guarded("noted keys", lambda: library.noted_keys(article_id), set())


def stored_article(library: Library | None, article_id: str) -> Article | None:
    """An article as the library keeps it (its text is what the notes and analyses refer to)."""
    stored = _guarded("stored article", lambda: library.article(article_id), None) if library else None
    if stored is None or not stored.text:
        return None
    return Article(title=stored.title or "Untitled", text=stored.text, origin=stored.origin,
                   metadata=stored.metadata())


def close_library(library: Library | None) -> None:
    if library is not None:
        _guarded("close", library.close, None)


# An export waits this long for the analysis being saved (a save takes ~10-100 ms; a locked
# library retries for a few seconds before it gives up).
SAVES_WAIT_S = 10.0
# The saver's connection waits this long for another program's write lock (a backup or sync
# tool): nothing on screen waits for it, and a save given up on leaves the article out of
# search and exports.
SAVER_BUSY_TIMEOUT_MS = 5_000


class AnalysisSaver:
    """Library writes that must not hold the GUI thread, done in order on one thread of their own.

    That thread opens its own connection (SQLite connections belong to their thread; the
    library is in WAL mode, so the GUI's reads see each commit)."""

    def __init__(self, data_dir: Path) -> None:
        self._data_dir = data_dir
        self._library: Library | None = None  # only touched on the saver's thread
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="analysis-saver")
        self._closed = False

    def open_first(self, done: Callable[[], None]) -> Future:
        """Open the library (creating, repairing or upgrading its file: up to ~0.2 s) on the
        saver's thread, then call `done` there; an open on the GUI thread afterwards only
        connects. The future's result is what that first open had to tell the user."""
        return self._pool.submit(self._open_then, done)

    def _open_then(self, done: Callable[[], None]) -> str:
        opened = self._ensure_open()
        done()
        return opened.message if opened is not None and opened.library is not None else ""

    def _ensure_open(self) -> OpenedLibrary | None:
        """Open the saver's own connection if it is not open; the result of that open, if one ran."""
        if self._library is not None:
            return None
        opened = open_library(self._data_dir)
        self._library = opened.library
        if self._library is not None:
            _guarded("set the saver's lock wait", lambda: self._library.db.execute(
                f"PRAGMA busy_timeout = {SAVER_BUSY_TIMEOUT_MS}"), None)
        return opened

    def remember(self, article: Article) -> None:
        # with what the article says about itself (author, date, site), for the exports
        self._submit("remember article", lambda lib: lib.remember_article(
            article.id, article.title, article.origin, article.text, article.header()))

    def save(self, article_id: str, engine_version: str, analysis: Analysis) -> None:
        # serialised on the saver's thread too: a final analysis is never changed once made
        self._submit("save analysis",
                          lambda lib: lib.save_analysis(article_id, engine_version, analysis.to_dict(article_id)))

    def _submit(self, what: str, write: Callable[[Library], None]) -> None:
        if not self._closed:
            self._pool.submit(self._run, what, write)

    def _run(self, what: str, write: Callable[[Library], None]) -> None:
        opened = self._ensure_open()
        if self._library is None:
            log.warning("library: %s skipped: %s", what, opened.message if opened else "not open")
            return
        _guarded(what, lambda: write(self._library), None)

    def wait(self, timeout_s: float = SAVES_WAIT_S) -> bool:
        """Wait until every write asked for so far is done (an export must see the analysis
        just drawn); False if they take longer than `timeout_s`."""
        if self._closed:
            return True
        try:
            self._pool.submit(lambda: None).result(timeout=timeout_s)
        except TimeoutError:
            return False
        return True

    def close(self) -> None:
        """Wait for every write asked for, then close the saver's connection. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self._pool.submit(self._close_connection)
        self._pool.shutdown(wait=True)

    def _close_connection(self) -> None:
        close_library(self._library)
        self._library = None
