"""Regression: a write on a fresh connection gave up at once ("database is locked", 0 ms) while
another program held the library's write lock for half a second, whatever the busy timeout: a
plain BEGIN starts as a reader and SQLite refuses its upgrade without waiting. Every write now
takes the lock at BEGIN (reader/store/transactions.py) and waits its busy timeout."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from reader.store import Library

LOCK_HELD_S = 0.5
WRITER_BUSY_MS = 10_000


@pytest.fixture
def locked_briefly(tmp_path):
    Library.open(tmp_path).close()  # the file exists, at the current schema
    writer = Library.open(tmp_path)
    writer.db.execute(f"PRAGMA busy_timeout = {WRITER_BUSY_MS}")
    other_program = sqlite3.connect(writer.path, check_same_thread=False, isolation_level=None)
    other_program.execute("BEGIN IMMEDIATE")
    release = threading.Timer(LOCK_HELD_S, other_program.execute, ["COMMIT"])
    release.start()
    yield writer
    release.join()
    other_program.close()
    writer.close()


def test_remembering_an_article_waits_for_the_lock(locked_briefly):
    locked_briefly.remember_article("a1", "Harbour news", "pasted", "The harbour master said so.")
    assert locked_briefly.article("a1").title == "Harbour news"


def test_a_note_waits_for_the_lock(locked_briefly):
    locked_briefly.save_note("a1", "s1", "The harbour master", "person", "Ask about the pier")
    assert locked_briefly.note("a1", "The harbour master", "person") == "Ask about the pier"


def test_an_analysis_waits_for_the_lock(locked_briefly):
    locked_briefly.remember_article("a1", "Harbour news", "pasted", "The harbour master said so.")
    locked_briefly.save_analysis("a1", "e1", {"id": "a1", "claims": [], "sources": [], "boilerplate": []})
    assert locked_briefly.cached_analysis("a1", "e1") is not None
