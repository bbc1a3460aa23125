"""Versioned schema: every earlier version migrates (notes kept, backup first), a failed
step changes nothing, and a newer file is refused untouched."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from reader.store import SCHEMA_VERSION, Library, StoreError
from reader.store import migrations as migrations_module
from reader.store.library import DB_NAME
from reader.store.migrations import MIGRATIONS, stored_version

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_FILES = sorted(FIXTURES.glob("library-v*.db"))


def fixture_version(path: Path) -> int:
    return int(re.search(r"-v(\d+)\.db$", path.name)[1])


def rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_there_is_a_fixture_for_every_earlier_schema_version():
    earlier = {v for v, _step in MIGRATIONS if v < SCHEMA_VERSION}
    assert {fixture_version(p) for p in FIXTURE_FILES} == earlier
    assert sorted(p.name for p in FIXTURES.iterdir()) == [p.name for p in FIXTURE_FILES]  # no -wal/-shm


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=lambda p: p.name)
def test_an_earlier_library_is_backed_up_then_migrated_keeping_every_note(fixture, data_dir):
    path = data_dir / DB_NAME
    shutil.copyfile(fixture, path)
    # Read the original through a second copy: opening a WAL file, even read-only, writes
    # -shm/-wal files beside it, and the fixtures folder must stay as committed.
    original = shutil.copyfile(fixture, data_dir.parent / fixture.name)
    # every note with text; a note the user emptied (the first release kept its row) has none
    notes_before = rows(path, "SELECT article_id, source_key, source_name, text, created FROM notes "
                              "WHERE trim(text) != '' ORDER BY article_id, source_key")
    assert notes_before, "a fixture without notes would prove nothing"

    lib = Library.open(data_dir)
    assert not lib.read_only and lib.notice is None
    assert stored_version(lib.db.conn) == SCHEMA_VERSION
    notes_after = list(lib.db.execute("SELECT article_id, source_key, source_name, text, created FROM notes "
                                      "ORDER BY article_id, source_key").fetchall())
    assert notes_after == notes_before
    for article_id, key, name, text, _created in notes_before:
        kind = key.split(":", 1)[0]
        assert lib.note(article_id, name, kind) == text
    # the migrated notes are searchable and their sources listed
    assert any(h.source_key == "person:yoav mordechai" for h in lib.search("transcript"))
    assert "person:yoav mordechai" in {s.key for s in lib.source_book()}
    lib.close()

    backups = list(data_dir.glob(f"{DB_NAME}.bak-v{fixture_version(fixture)}-*"))
    assert len(backups) == 1
    assert rows(backups[0], "SELECT article_id, source_key, source_name, text, created FROM notes "
                            "ORDER BY article_id, source_key") == rows(original, "SELECT article_id, source_key, "
                                                                       "source_name, text, created FROM notes "
                                                                       "ORDER BY article_id, source_key")
    assert rows(backups[0], "PRAGMA user_version") == rows(original, "PRAGMA user_version")


def test_the_v1_migration_fills_source_cards_from_stored_analyses(data_dir):
    shutil.copyfile(FIXTURES / "library-v1.db", data_dir / DB_NAME)
    lib = Library.open(data_dir)
    cards = lib.db.execute("SELECT source_id, source_key, role FROM sources ORDER BY source_id").fetchall()
    assert cards == [("s1", "person:yoav mordechai", "coordinator of government activities"),
                     ("s2", "media:reuters", "")]
    assert lib.db.execute("SELECT DISTINCT source_kind FROM notes ORDER BY 1").fetchall() == [
        ("media",), ("person",)]  # the emptied anonymous note is gone: emptying now deletes
    lib.close()


def test_a_failing_migration_step_leaves_the_library_as_it_was(data_dir, monkeypatch):
    path = data_dir / DB_NAME
    shutil.copyfile(FIXTURES / "library-v1.db", path)
    before = rows(path, "SELECT * FROM notes ORDER BY 1, 3")

    def broken(db):  # noqa: ANN001
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("step failed halfway")

    monkeypatch.setattr(migrations_module, "MIGRATIONS", [*MIGRATIONS, (SCHEMA_VERSION + 1, broken)])
    with pytest.raises(StoreError, match="could not be upgraded.*left as it was"):
        Library.open(data_dir)
    assert rows(path, "SELECT * FROM notes ORDER BY 1, 3") == before
    assert rows(path, "SELECT count(*) FROM sqlite_master WHERE name IN ('half_done', 'sources')") == [(0,)]
    assert stored_version(sqlite3.connect(path)) == 1
    assert len(list(data_dir.glob("*.bak-v1-*"))) == 1  # the backup was made before trying


def test_a_library_from_a_newer_version_is_refused_and_left_byte_identical(data_dir):
    lib = Library.open(data_dir)
    lib.save_note("a1", "s1", "Yoav Mordechai", "person", "keep me")
    lib.close()
    path = data_dir / DB_NAME
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")  # a newer app may use any journal mode
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before, listing = digest(path), sorted(p.name for p in data_dir.iterdir())

    with pytest.raises(StoreError) as err:
        Library.open(data_dir)
    message = str(err.value)
    assert "newer version of Sourcelight" in message and "has not been changed" in message
    assert digest(path) == before
    assert sorted(p.name for p in data_dir.iterdir()) == listing
    with pytest.raises(StoreError, match="newer version"):
        Library.open(data_dir, read_only=True)
    assert digest(path) == before


def test_the_v3_migration_adds_an_empty_corrections_log_and_keeps_the_cards(data_dir):
    shutil.copyfile(FIXTURES / "library-v2.db", data_dir / DB_NAME)
    # read through a copy: opening a WAL file writes -shm/-wal beside it
    before = rows(shutil.copyfile(FIXTURES / "library-v2.db", data_dir.parent / "v2.db"),
                  "SELECT * FROM sources ORDER BY source_id")
    lib = Library.open(data_dir)
    assert lib.db.execute("SELECT count(*) FROM corrections").fetchone() == (0,)
    assert lib.claim_notes("a" * 32) == []
    assert lib.db.execute("SELECT * FROM sources ORDER BY source_id").fetchall() == before
    assert lib.corrections("a" * 32) == []
    lib.close()
