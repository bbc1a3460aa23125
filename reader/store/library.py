"""The user's SQLite library: articles, cached analyses, source cards and notes.

A Library belongs to the thread that opened it (a sqlite3 connection does). The window's
reads run on the GUI thread with a short busy timeout; note saves run on the library thread
(reader/ui/library_thread.py) through their own connection from `writer()`.
Every write is one explicit transaction (`transactions.writing`, which waits for a lock); `save_note` returns after COMMIT,
with synchronous=FULL, so a returned save survives a crash.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlite_utils

from reader.corrections import Correction, Unapplied
from reader.corrections.notes import ClaimNote
from reader.documents.names import shown

from reader.store import corrections as _corrections
from reader.store import search as _search
from reader.store import source_book as _book
from reader.store.keys import source_key
from reader.store.opening import DAMAGE_CODES, StoreError, open_database
from reader.store.search import SearchHit
from reader.store.transactions import writing
from reader.store.source_book import Appearance, BookSource, ClaimRecord, NoteRecord, SourceDetails, SourceSummary

DB_NAME = "library.db"

__all__ = ["DB_NAME", "Appearance", "BookSource", "ClaimRecord", "Library", "NoteRecord", "SearchHit",
           "SourceSummary", "StoreError", "StoredArticle"]


# What the library keeps of `Article.header()` (what the article says about itself), and the
# articles column each field goes in (schema v5). A field the article does not give is NULL.
ABOUT_COLUMNS = {"author": "author", "date": "published", "site_name": "site"}


@dataclass(frozen=True)
class StoredArticle:
    id: str
    title: str
    origin: str
    added: str
    last_opened: str
    text: str = ""  # filled by Library.article(); listing leaves it out
    # what the article said about itself (Library.article() fills them; "" when it did not say)
    author: str = ""
    published: str = ""
    site: str = ""

    def metadata(self) -> dict[str, str]:
        """The stored fields as `Article.metadata` entries (author, date, site_name), known ones only."""
        found = {field: getattr(self, column) for field, column in ABOUT_COLUMNS.items()}
        return {field: value for field, value in found.items() if value}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class Library:
    def __init__(self, db: sqlite_utils.Database, path: Path, read_only: bool = False,
                 notice: str | None = None) -> None:
        self.db = db
        self.path = path
        self.read_only = read_only
        # One paragraph for the user when open() had to do something they must know
        # (damaged file moved aside, read-only). The UI shows it once; None otherwise.
        self.notice = notice

    @classmethod
    def open(cls, data_dir: str | Path, read_only: bool = False) -> Library:
        """Open the library in `data_dir`, creating, migrating or repairing it as needed.

        `read_only=True` (for `reader export`) changes nothing on disk and raises
        StoreError when there is no usable library.
        """
        data_dir = Path(data_dir)
        path = data_dir / DB_NAME
        if not read_only:
            try:
                data_dir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"Cannot create the folder for your library {shown(data_dir)}: "
                                 f"{exc.strerror}") from exc
        opened = open_database(path, read_only=read_only)
        return cls(opened.db, path, read_only=opened.read_only, notice=opened.notice)

    def writer(self, busy_timeout_ms: int) -> Library:
        """A second connection to the same file, for the thread that saves notes.

        A sqlite3 connection belongs to the thread that made it, so the library thread
        calls this itself. Nothing is migrated: the file was opened (and upgraded) first.
        """
        if self.read_only:
            raise StoreError(f"Your library {shown(self.path)} is open read-only.")
        with self._sqlite_errors("open your library for saving"):
            conn = sqlite3.connect(self.path, isolation_level=None)
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            conn.execute("PRAGMA synchronous = FULL")  # a returned save survives a crash
        return Library(sqlite_utils.Database(conn), self.path)

    def close(self) -> None:
        self.db.close()

    def quick_check(self) -> list[str]:
        """SQLite's quick_check over the whole file: [] when sound, else its findings.
        Too slow for every start at 10,000 articles (~200 ms); for an idle moment or a
        "Check library" command."""
        try:
            found = [row[0] for row in self.db.conn.execute("PRAGMA quick_check")]
        except sqlite3.DatabaseError as exc:
            if getattr(exc, "sqlite_errorcode", 0) & 0xFF not in DAMAGE_CODES:
                raise StoreError(f"Could not check your library {shown(self.path)}: {exc}") from exc
            return [str(exc)]  # so damaged the check itself stops
        return [] if found == ["ok"] else found

    @contextlib.contextmanager
    def _sqlite_errors(self, doing: str) -> Iterator[None]:
        # The environment's failures (disk full, locked, damaged) reach the UI as StoreError
        # with a sentence it can show; the caller keeps whatever the user typed.
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(f"Could not {doing}: {exc} (your library is {shown(self.path)})") from exc

    # articles and analyses -------------------------------------------------------------
    def remember_article(self, article_id: str, title: str, origin: str, text: str,
                         about: Mapping[str, str] | None = None) -> None:
        """Add the article, or mark it opened now. A cache: skipped when read-only.

        `about` is `Article.header()`: its author, date and site name are kept (ABOUT_COLUMNS).
        Reopening the article without them (a paste, the library's own copy) keeps what was known.
        """
        if self.read_only:
            return
        now = _now()
        known = [" ".join(str((about or {}).get(field) or "").split()) or None for field in ABOUT_COLUMNS]
        columns = ", ".join(ABOUT_COLUMNS.values())
        kept = ", ".join(f"{c} = coalesce(excluded.{c}, articles.{c})" for c in ABOUT_COLUMNS.values())
        with self._sqlite_errors("remember this article"), writing(self.db):
            self.db.execute(
                f"INSERT INTO articles (id, title, origin, text, added, last_opened, {columns})"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET last_opened = excluded.last_opened,"
                f" origin = excluded.origin, {kept}",
                [article_id, title, origin, text, now, now, *known])

    def article(self, article_id: str) -> StoredArticle | None:
        with self._sqlite_errors("read an article"):
            rows = list(self.db.query("SELECT * FROM articles WHERE id = ?", [article_id]))
        if not rows:
            return None
        r = rows[0]
        return StoredArticle(r["id"], r["title"] or "", r["origin"] or "", r["added"] or "",
                             r["last_opened"] or "", r["text"] or "", author=r["author"] or "",
                             published=r["published"] or "", site=r["site"] or "")

    def articles(self, limit: int | None = None) -> list[StoredArticle]:
        """Most recently opened first, without their text (read from a covering index)."""
        sql = "SELECT id, title, origin, added, last_opened FROM articles ORDER BY last_opened DESC"
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        with self._sqlite_errors("list your articles"):
            # tuples straight from the connection: a dict per row doubles the time at 10,000
            return [StoredArticle(i, t or "", o or "", a or "", lo or "")
                    for i, t, o, a, lo in self.db.conn.execute(sql, params)]

    def cached_analysis(self, article_id: str, engine_version: str) -> dict[str, Any] | None:
        with self._sqlite_errors("read a stored analysis"):
            rows = list(self.db.query(
                "SELECT analysis FROM analyses WHERE article_id = ? AND engine_version = ?",
                [article_id, engine_version]))
        if not rows:
            return None
        try:
            return json.loads(rows[0]["analysis"])
        except ValueError:
            return None  # a damaged cache entry: the caller simply analyses again

    def save_analysis(self, article_id: str, engine_version: str, analysis: dict[str, Any]) -> None:
        """Store `Analysis.to_dict()` and its source cards (replacing older ones). A cache:
        skipped when read-only."""
        if self.read_only:
            return
        with self._sqlite_errors("store the analysis"), writing(self.db):
            self.db.execute(
                "INSERT INTO analyses (article_id, engine_version, analysis, created) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(article_id) DO UPDATE SET engine_version = excluded.engine_version,"
                " analysis = excluded.analysis, created = excluded.created",
                [article_id, engine_version, json.dumps(analysis, ensure_ascii=False), _now()])
            _corrections.refresh_cards(self.db, article_id, analysis)  # the cards as the reader corrected them

    # corrections (reader/store/corrections.py) ---------------------------------------------
    def corrections(self, article_id: str) -> list[Correction]:
        """The reader's corrections of one article, oldest first."""
        with self._sqlite_errors("read your corrections"):
            return _corrections.for_article(self.db, article_id)

    def add_correction(self, article_id: str, correction: Correction, seq: int | None = None) -> None:
        """One committed transaction: the correction is in the log when this returns (at the
        end, or with `seq` from `delete_correction` back in its place)."""
        self._refuse_read_only("This correction was not saved")
        with self._sqlite_errors("save your correction"):
            _corrections.add(self.db, article_id, correction, _now(), seq)

    def remove_correction(self, article_id: str, uid: str) -> bool:
        """Undo one correction (one transaction); False when it was not stored."""
        self._refuse_read_only("This correction was not undone")
        with self._sqlite_errors("undo your correction"):
            return _corrections.remove(self.db, article_id, uid)

    def delete_correction(self, article_id: str, uid: str) -> int | None:
        """Delete one correction (one transaction); its place in the log for `add_correction`
        to put it back (undo), None when it was not stored."""
        self._refuse_read_only("This correction was not deleted")
        with self._sqlite_errors("delete your correction"):
            return _corrections.delete(self.db, article_id, uid)

    def corrected_articles(self) -> list[tuple[str, str, str, dict[str, Any], list[Unapplied]]]:
        """(id, title, text, corrected analysis, what no longer applies) of every corrected article."""
        with self._sqlite_errors("read your corrections"):
            return list(_corrections.corrected_articles(self.db))

    def claim_notes(self, article_id: str) -> list[ClaimNote]:
        with self._sqlite_errors("read your notes on claims"):
            return _corrections.claim_notes(self.db, article_id)

    def save_claim_note(self, article_id: str, note: ClaimNote) -> None:
        """One committed transaction; an empty text deletes the note."""
        self._refuse_read_only("This note was not saved")
        with self._sqlite_errors("save your note on the claim"):
            _corrections.save_claim_note(self.db, article_id, note, _now())

    def _refuse_read_only(self, what: str) -> None:
        if self.read_only:
            raise StoreError(f"{what}: your library is open read-only ({shown(self.path)}).")

    # notes ------------------------------------------------------------------------------
    def note(self, article_id: str, name: str, kind: str) -> str:
        with self._sqlite_errors("read a note"):
            rows = list(self.db.query("SELECT text FROM notes WHERE article_id = ? AND source_key = ?",
                                      [article_id, source_key(name, kind)]))
        return rows[0]["text"] if rows else ""

    def save_note(self, article_id: str, source_id: str, name: str, kind: str, text: str) -> None:
        """One committed transaction: when this returns, the note is on disk.

        An empty (or all-whitespace) text deletes the note. Raises StoreError when the
        library is read-only or the write fails; the caller keeps the text on screen.
        """
        if self.read_only:
            raise StoreError(
                "This note was not saved: your library is open read-only "
                f"({shown(self.path)}). Your text is still in the editor; copy it somewhere safe, make the "
                "library writable and restart Sourcelight.")
        key = source_key(name, kind)
        now = _now()
        with self._sqlite_errors("save your note"), writing(self.db):
            if not text.strip():
                self.db.execute("DELETE FROM notes WHERE article_id = ? AND source_key = ?",
                                [article_id, key])
                return
            # ON CONFLICT keeps `created` and the row (and so its full-text index entry's rowid)
            self.db.execute(
                "INSERT INTO notes (article_id, source_id, source_key, source_name, source_kind, text,"
                " created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(article_id, source_key) DO UPDATE SET source_id = excluded.source_id,"
                " source_name = excluded.source_name, source_kind = excluded.source_kind,"
                " text = excluded.text, updated = excluded.updated",
                [article_id, source_id, key, name, kind, text, now, now])

    def noted_keys(self, article_id: str) -> set[str]:
        with self._sqlite_errors("read your notes"):
            return {r["source_key"] for r in self.db.query(
                "SELECT source_key FROM notes WHERE article_id = ? AND text != ''", [article_id])}

    def notes_for_key(self, key: str) -> list[NoteRecord]:
        """Every note on one source (canonical key) across articles, newest first."""
        with self._sqlite_errors("read your notes"):
            return _book.notes_for_key(self.db, key)

    # across the library ---------------------------------------------------------------------
    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Ranked hits over notes, source names, titles and roles; one per (article, source)."""
        with self._sqlite_errors("search"):
            return _search.search(self.db, query, limit)

    def source_book(self) -> list[BookSource]:
        """Every source across the library with its articles and notes, sorted by name."""
        with self._sqlite_errors("list your sources"):
            return _book.source_book(self.db)

    def source_index(self) -> list[SourceSummary]:
        """One line per source (name, kind, title, role, article and note counts), sorted by
        name: the source book without its appearances, several times faster to build."""
        with self._sqlite_errors("list your sources"):
            return _book.source_index(self.db)

    def appearances(self, key: str) -> list[Appearance]:
        """The articles one source (canonical key) appears in, with its card and note there."""
        with self._sqlite_errors("list your sources"):
            return _book.appearances(self.db, key)

    def source_details(self, key: str) -> SourceDetails:
        """One source (canonical key) as the source book shows it: its articles and its claims."""
        with self._sqlite_errors("read the claims of a source"):
            return _book.source_details(self.db, key)

    def claims(self) -> list[ClaimRecord]:
        """Every sourced claim with its quote text, from the stored analyses."""
        with self._sqlite_errors("read the stored analyses"):
            return list(_book.claims(self.db))
