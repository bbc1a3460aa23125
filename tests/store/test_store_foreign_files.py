"""A library file that is SQLite but not a whole library of ours is moved aside untouched
(issue 17, item 5): another program's database, a file missing tables or columns its version
promises, a negative version. `reader export` says one line about each."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.cli import main
from reader.store import Library
from reader.store.library import DB_NAME


def _run_sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _foreign(path: Path) -> None:
    _run_sql(path, "CREATE TABLE bookmarks (url TEXT, title TEXT)",
             "INSERT INTO bookmarks VALUES ('https://example.org', 'Example')")


def _claims_ours_without_notes(path: Path) -> None:
    _run_sql(path, "CREATE TABLE articles (id TEXT PRIMARY KEY, title TEXT)", "PRAGMA user_version = 2")


def _lacks_a_column(path: Path) -> None:
    Library.open(path.parent).close()
    _run_sql(path, "DROP TABLE sources", "CREATE TABLE sources (article_id TEXT, source_id TEXT)")


def _negative_version(path: Path) -> None:
    _run_sql(path, "CREATE TABLE notes (article_id TEXT, source_key TEXT, text TEXT)", "PRAGMA user_version = -3")


KINDS = {"foreign": _foreign, "no notes table": _claims_ours_without_notes,
         "missing column": _lacks_a_column, "negative version": _negative_version}


@pytest.mark.parametrize("make", KINDS.values(), ids=KINDS.keys())
def test_a_file_that_is_not_our_whole_library_is_moved_aside_untouched(data_dir, make):
    path = data_dir / DB_NAME
    make(path)
    original = path.read_bytes()
    lib = Library.open(data_dir)
    try:
        moved = [p for p in data_dir.glob(f"{DB_NAME}.damaged-*") if not p.name.endswith(("-wal", "-shm"))]
        assert len(moved) == 1
        assert moved[0].read_bytes() == original  # the other program's data, byte for byte
        assert lib.notice and str(moved[0]) in lib.notice
        lib.save_note("a1", "s1", "Yoav Mordechai", "person", "works")  # the fresh library saves
        assert lib.note("a1", "Yoav Mordechai", "person") == "works"
    finally:
        lib.close()


@pytest.mark.parametrize("make", KINDS.values(), ids=KINDS.keys())
def test_export_says_one_line_and_changes_nothing(data_dir, make, capsys):
    path = data_dir / DB_NAME
    make(path)
    original = path.read_bytes()
    assert main(["export"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "not a Sourcelight library" in err
    assert path.read_bytes() == original


def test_an_empty_database_is_a_new_library(data_dir):
    sqlite3.connect(data_dir / DB_NAME).close()  # zero bytes: SQLite writes nothing yet
    conn = sqlite3.connect(data_dir / DB_NAME)
    conn.execute("PRAGMA user_version = 0")
    conn.close()
    lib = Library.open(data_dir)
    try:
        assert lib.notice is None
    finally:
        lib.close()


def test_a_path_with_a_newline_stays_on_one_line(tmp_path, monkeypatch, capsys):
    odd = tmp_path / "two\nlines"
    odd.mkdir()
    _foreign(odd / DB_NAME)
    monkeypatch.setenv("SOURCELIGHT_DATA_DIR", str(odd))
    assert main(["export"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "two\\nlines" in err
