"""Schema v5 on a file a user already has: the v4 fixture gains the articles' author, date and
site (NULL until the article is opened again), after a backup, keeping every row of every
table; its export then has front matter without those keys, and gains them on reopening."""

from __future__ import annotations

import datetime
import shutil
import sqlite3
from pathlib import Path

import yaml

from reader.store import Library
from reader.store.export import collect_all, render
from reader.store.library import DB_NAME
from reader.store.migrations import stored_version

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "library-v4.db"
# Every table a v4 library keeps rows in (the search index is checked through search).
TABLES = ["articles", "analyses", "notes", "sources", "claims", "claim_notes", "corrections"]
V4_ARTICLE_COLUMNS = "id, title, origin, text, added, last_opened"


def table_rows(conn: sqlite3.Connection, table: str, columns: str = "*") -> list[tuple]:
    return conn.execute(f"SELECT {columns} FROM {table} ORDER BY 1, 2").fetchall()  # noqa: S608 - our names


def v4_rows(tmp_path: Path) -> dict[str, list[tuple]]:
    # read through a copy: opening a WAL file, even read-only, writes -shm/-wal beside it
    conn = sqlite3.connect(shutil.copyfile(FIXTURE, tmp_path / "v4-copy.db"))
    try:
        return {t: table_rows(conn, t, V4_ARTICLE_COLUMNS if t == "articles" else "*") for t in TABLES}
    finally:
        conn.close()


def front_matter_articles(lib: Library) -> list[dict]:
    articles, sources = collect_all(lib)
    markdown = render(sources, "markdown", articles)
    return yaml.safe_load(markdown.split("\n---\n", 1)[0].removeprefix("---\n"))["articles"]


def test_the_v4_library_keeps_every_row_and_its_articles_say_nothing_yet(data_dir, tmp_path):
    before = v4_rows(tmp_path)
    assert all(before[t] for t in ("articles", "notes", "claims", "claim_notes")), "the fixture must hold rows"
    shutil.copyfile(FIXTURE, data_dir / DB_NAME)
    lib = Library.open(data_dir)
    assert stored_version(lib.db.conn) == 5 and lib.notice is None
    after = {t: table_rows(lib.db.conn, t, V4_ARTICLE_COLUMNS if t == "articles" else "*") for t in TABLES}
    assert after == before
    assert lib.db.execute("SELECT DISTINCT author, published, site FROM articles").fetchall() == [(None, None, None)]
    assert [h.claim_id for h in lib.search("donors") if h.kind == "claim"] == ["c2"]  # the index came along
    assert [n.text for n in lib.claim_notes("c" * 32)] == ["Ask the donors themselves."]
    lib.close()
    backups = list(data_dir.glob(f"{DB_NAME}.bak-v4-*"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    assert {t: table_rows(conn, t) for t in TABLES} == before
    conn.close()


def test_old_rows_export_without_author_or_date_until_reopened(data_dir):
    shutil.copyfile(FIXTURE, data_dir / DB_NAME)
    lib = Library.open(data_dir)
    assert front_matter_articles(lib) == [
        {"title": "Crossing to reopen", "url": "https://example.org/a", "site": "example.org"},
        {"title": "Minister resigns", "url": "https://example.org/c", "site": "example.org"}]
    stored = lib.article("c" * 32)
    lib.remember_article(stored.id, stored.title, stored.origin, stored.text,
                         {"author": "Ana Ruiz", "date": "2025-09-09", "site_name": "Example News"})
    assert front_matter_articles(lib)[1] == {"title": "Minister resigns", "author": "Ana Ruiz",
                                             "date": datetime.date(2025, 9, 9),
                                             "url": "https://example.org/c", "site": "Example News"}
    lib.close()
