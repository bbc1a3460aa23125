"""The library file: schema, versioning, permissions, and the calls the window makes."""

from __future__ import annotations

import sqlite3
import stat

from store_samples import TEXT, add_article, make_analysis

from reader.store import SCHEMA_VERSION, Library, source_key
from reader.store.library import DB_NAME


def test_a_new_library_has_the_current_schema_in_wal_mode_private_to_its_owner(data_dir):
    lib = Library.open(data_dir)
    assert lib.notice is None and not lib.read_only
    lib.close()
    path = data_dir / DB_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "analyses", "sources", "notes", "claims", "search_fts"} <= tables
    assert not {"notes_fts", "sources_fts"} & tables  # v3: one index for everything
    conn.close()


def test_open_creates_a_missing_data_folder(tmp_path):
    lib = Library.open(tmp_path / "new" / "folder")
    assert (tmp_path / "new" / "folder" / DB_NAME).exists()
    lib.close()


def test_reopening_keeps_everything_and_makes_no_backup(data_dir):
    lib = Library.open(data_dir)
    add_article(lib, "a1")
    lib.save_note("a1", "s1", "Yoav Mordechai", "person", "first note")
    lib.close()
    lib = Library.open(data_dir)
    assert lib.note("a1", "Yoav Mordechai", "person") == "first note"
    lib.close()
    assert not list(data_dir.glob("*.bak-*"))


def test_articles_and_analyses_are_cached_by_engine_version(library):
    add_article(library, "a1")
    assert library.cached_analysis("a1", "test-engine") == make_analysis()
    assert library.cached_analysis("a1", "newer-engine") is None
    assert library.cached_analysis("missing", "test-engine") is None
    stored = library.article("a1")
    assert stored.text == TEXT and stored.title == "Crossing to reopen"
    assert library.article("missing") is None
    library.remember_article("a1", "Other title", "/elsewhere.txt", TEXT)  # reopened from a file
    assert library.article("a1").origin == "/elsewhere.txt"
    assert [a.id for a in library.articles()] == ["a1"]


def test_saving_an_analysis_stores_its_source_cards_and_replaces_older_ones(library):
    add_article(library, "a1")
    rows = list(library.db.query("SELECT source_id, source_key, name, kind, role, claims FROM sources"))
    assert rows == [
        {"source_id": "s1", "source_key": "person:yoav mordechai", "name": "Yoav Mordechai", "kind": "person",
         "role": "coordinator of government activities", "claims": 1},
        {"source_id": "s2", "source_key": "media:reuters", "name": "Reuters", "kind": "media",
         "role": "news agency", "claims": 1},
    ]
    newer = make_analysis()
    newer["sources"] = newer["sources"][:1]
    library.save_analysis("a1", "engine-2", newer)
    assert library.db["sources"].count == 1


def test_notes_are_saved_per_source_key_and_an_empty_note_is_deleted(library):
    add_article(library, "a1")
    library.save_note("a1", "s1", "Yoav  Mordechai", "person", "He said this before.")
    assert library.note("a1", "yoav mordechai", "person") == "He said this before."
    assert library.noted_keys("a1") == {source_key("Yoav Mordechai", "person")}
    created = library.db.execute("SELECT created FROM notes").fetchone()[0]
    library.save_note("a1", "s1", "Yoav Mordechai", "person", "Edited.")
    assert library.db.execute("SELECT created, text FROM notes").fetchone() == (created, "Edited.")
    library.save_note("a1", "s1", "Yoav Mordechai", "person", "  \n")
    assert library.note("a1", "Yoav Mordechai", "person") == ""
    assert library.noted_keys("a1") == set()


def test_notes_for_a_key_span_articles_newest_first(library):
    add_article(library, "a1", title="First")
    add_article(library, "a2", title="Second", text=TEXT + " More.")
    library.save_note("a1", "s1", "Yoav Mordechai", "person", "one")
    library.save_note("a2", "s1", "Yoav Mordechai", "person", "two")
    library.save_note("a2", "s2", "Reuters", "media", "wire")
    notes = library.notes_for_key("person:yoav mordechai")
    assert [(n.article_title, n.text) for n in notes] == [("Second", "two"), ("First", "one")]
    assert notes[0].source_kind == "person" and notes[0].origin == "https://example.org/crossing"
