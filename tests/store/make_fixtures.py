"""Write one small library file per earlier schema version into tests/store/fixtures/.

Run `python tests/store/make_fixtures.py` after adding a migration: first add a builder
here for the version you are leaving (it must write exactly what that release wrote),
then commit the new .db file. Existing fixtures are never regenerated differently: they
stand for files users already have.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import sqlite_utils

FIXTURES = Path(__file__).resolve().parent / "fixtures"

ARTICLE_TEXT = ("Yoav Mordechai said the crossing would reopen on Sunday. "
                "Officials familiar with the talks denied it, according to Reuters.")
ANALYSIS = {
    "id": "a" * 32,
    "claims": [
        {"id": "c1", "kind": "indirect", "cue": [[15, 19]], "content": [[20, 56]],
         "source_mention": [[0, 14]], "source_id": "s1", "parent": None, "confidence": 0.9,
         "rule": "said-that"},
        {"id": "c2", "kind": "according_to", "cue": [[102, 114]], "content": [[57, 100]],
         "source_mention": [[115, 122]], "source_id": "s2", "parent": None, "confidence": 0.8,
         "rule": "according-to"},
    ],
    "sources": [
        {"id": "s1", "name": "Yoav Mordechai", "kind": "person", "title": "IDF Maj.-Gen.",
         "role": "coordinator of government activities", "affiliation": "IDF",
         "mentions": [[0, 14]], "claim_ids": ["c1"]},
        {"id": "s2", "name": "Reuters", "kind": "media", "title": "", "role": "", "affiliation": "",
         "mentions": [[115, 122]], "claim_ids": ["c2"]},
    ],
    "boilerplate": [],
}
# What a first-release user may have typed: several lines, markup, emoji, a pipe.
V1_NOTES = [
    ("a" * 32, "s1", "person:yoav mordechai", "Yoav Mordechai",
     "Said the same in March.\n> check | the transcript <b>#1</b> 🙂"),
    ("a" * 32, "s2", "media:reuters", "Reuters", "Wire copy, not their own reporting."),
    ("b" * 32, "s1", "person:yoav mordechai", "Yoav Mordechai", "Second article: contradicts the first."),
    ("b" * 32, "s3", "anonymous:officials", "officials", ""),  # v1 kept emptied notes
]


def build_v1(path: Path) -> None:
    """Exactly what reader/store/library.py of the first release created: the same
    sqlite-utils calls, WAL mode, and no user_version (it stayed 0)."""
    conn = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(conn)
    db.execute("PRAGMA journal_mode=WAL")
    db["articles"].create(
        {"id": str, "title": str, "origin": str, "text": str, "added": str, "last_opened": str},
        pk="id", if_not_exists=True)
    db["analyses"].create(
        {"article_id": str, "engine_version": str, "analysis": str, "created": str},
        pk="article_id", if_not_exists=True)
    db["notes"].create(
        {"article_id": str, "source_id": str, "source_key": str, "source_name": str,
         "text": str, "created": str, "updated": str},
        pk=("article_id", "source_key"), if_not_exists=True)
    stamp = "2025-01-02T03:04:05.000+00:00"
    db["articles"].insert({"id": "a" * 32, "title": "Crossing to reopen", "origin": "https://example.org/a",
                           "text": ARTICLE_TEXT, "added": stamp, "last_opened": stamp})
    db["articles"].insert({"id": "b" * 32, "title": "Second article", "origin": "/home/u/b.txt",
                           "text": "Yoav Mordechai said nothing.", "added": stamp, "last_opened": stamp})
    db["analyses"].insert({"article_id": "a" * 32, "engine_version": "0.1",
                           "analysis": json.dumps(ANALYSIS), "created": stamp})
    for article_id, source_id, key, name, text in V1_NOTES:
        db["notes"].insert({"article_id": article_id, "source_id": source_id, "source_key": key,
                            "source_name": name, "text": text, "created": stamp, "updated": stamp})
    conn.close()


# A v2 user: an analysed article, its source cards, notes with their kind, searchable.
V2_NOTES = [
    ("a" * 32, "s1", "Yoav Mordechai", "person", "Checked against the transcript of the ministry's statement."),
    ("a" * 32, "s2", "Reuters", "media", "Wire copy | not their own 🙂"),
]


def build_v2(path: Path) -> None:
    """What the second release wrote: the v1 and v2 steps on an empty file (as its
    Library.open did), then its own inserts: an article, its analysis, the analysis's
    source cards and notes with their source kind."""
    from reader.store.keys import source_key
    from reader.store.migrations import insert_source_cards

    conn, db = _schema_of_release(path, 2)
    stamp = "2025-06-07T08:09:10.000+00:00"
    with db.atomic():
        db.execute("INSERT INTO articles (id, title, origin, text, added, last_opened) VALUES (?, ?, ?, ?, ?, ?)",
                   ["a" * 32, "Crossing to reopen", "https://example.org/a", ARTICLE_TEXT, stamp, stamp])
        db.execute("INSERT INTO analyses (article_id, engine_version, analysis, created) VALUES (?, ?, ?, ?)",
                   ["a" * 32, "1.0.1", json.dumps(ANALYSIS), stamp])
        insert_source_cards(db, "a" * 32, ANALYSIS["sources"])
        for article_id, source_id, name, kind, text in V2_NOTES:
            db.execute("INSERT INTO notes (article_id, source_id, source_key, source_name, source_kind, text,"
                       " created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       [article_id, source_id, source_key(name, kind), name, kind, text, stamp, stamp])
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


# A v3 user: the v2 library plus an article with a hedged and a denied claim, its card and a
# note, and a correction log (empty): what search everything (v4) must index.
V3_TEXT = ("The minister reportedly resigned on Friday. A senior official denied that the request had "
           "anything to do with pressure from donors.")
V3_ANALYSIS = {
    "id": "c" * 32,
    "claims": [
        {"id": "c1", "kind": "hedged", "cue": [[13, 23]], "content": [[4, 12], [24, 42]],
         "source_mention": [], "source_id": None, "parent": None, "confidence": 0.7, "rule": "hedge-adverb",
         "cue_class": "hedge"},
        {"id": "c2", "kind": "indirect", "cue": [[62, 68]], "content": [[69, 130]],
         "source_mention": [[44, 61]], "source_id": "s1", "parent": None, "confidence": 0.9,
         "rule": "said-that", "cue_class": "speech"},
    ],
    "sources": [
        {"id": "s1", "name": "A senior official", "kind": "anonymous", "title": "", "role": "", "affiliation": "",
         "mentions": [[44, 61]], "claim_ids": ["c2"]},
    ],
    "boilerplate": [],
}


def build_v3(path: Path) -> None:
    """What the third release wrote: the v1 to v3 steps on an empty file, the v2 user's rows,
    and an article with a hedged and a denied claim, its card and a note."""
    conn, db = _schema_of_release(path, 3)
    with db.atomic():
        _v3_rows(db, "2025-09-10T11:12:13.000+00:00")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _v3_rows(db: sqlite_utils.Database, stamp: str) -> None:
    """The v3 user's articles, analyses, cards and notes (inside the caller's transaction)."""
    from reader.store.keys import source_key
    from reader.store.migrations import insert_source_cards

    for article_id, title, origin, text, analysis in V3_ARTICLES:
        db.execute("INSERT INTO articles (id, title, origin, text, added, last_opened) VALUES (?, ?, ?, ?, ?, ?)",
                   [article_id, title, origin, text, stamp, stamp])
        db.execute("INSERT INTO analyses (article_id, engine_version, analysis, created) VALUES (?, ?, ?, ?)",
                   [article_id, "1.0.1", json.dumps(analysis), stamp])
        insert_source_cards(db, article_id, analysis["sources"])
    notes = [*V2_NOTES, ("c" * 32, "s1", "A senior official", "anonymous", "Denial only; the donors were not asked.")]
    for article_id, source_id, name, kind, text in notes:
        db.execute("INSERT INTO notes (article_id, source_id, source_key, source_name, source_kind, text,"
                   " created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [article_id, source_id, source_key(name, kind), name, kind, text, stamp, stamp])


V3_ARTICLES = [("a" * 32, "Crossing to reopen", "https://example.org/a", ARTICLE_TEXT, ANALYSIS),
               ("c" * 32, "Minister resigns", "https://example.org/c", V3_TEXT, V3_ANALYSIS)]
# A v4 user also wrote a note on the denied claim; the claims table and the one search index
# are filled from the analyses, as the fourth release's save_analysis did.
V4_CLAIM_NOTE = ("c" * 32, "c2", "Ask the donors themselves.")


def build_v4(path: Path) -> None:
    """What the fourth release wrote: the v1 to v4 steps on an empty file, the v3 user's rows,
    each article's claims (and by trigger the search index), and a note on a claim. Its
    articles table has no author, date or site: those came with v5."""
    from reader.corrections.notes import ClaimNote
    from reader.store.corrections import refresh_cards, save_claim_note

    conn, db = _schema_of_release(path, 4)
    stamp = "2026-01-02T03:04:05.000+00:00"
    with db.atomic():
        _v3_rows(db, stamp)
        for article_id, *_rest in V3_ARTICLES:
            refresh_cards(db, article_id)
        article_id, claim_id, text = V4_CLAIM_NOTE
        claim = next(c for c in V3_ANALYSIS["claims"] if c["id"] == claim_id)
        save_claim_note(db, article_id, ClaimNote.of(V3_TEXT, claim, text, uid="n" * 32), stamp)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


BUILDERS = {1: build_v1, 2: build_v2, 3: build_v3, 4: build_v4}


def main(versions: list[int] | None = None) -> None:
    """Write the fixtures of `versions` (default: all); `python make_fixtures.py 3` writes only v3."""
    FIXTURES.mkdir(exist_ok=True)
    for version, build in BUILDERS.items():
        if versions and version not in versions:
            continue
        path = FIXTURES / f"library-v{version}.db"
        path.unlink(missing_ok=True)
        build(path)
        print(f"wrote {path}", file=sys.stderr)


def _schema_of_release(path: Path, version: int) -> tuple[sqlite3.Connection, sqlite_utils.Database]:
    """An empty file brought to `version` by the migration steps, as that release's Library.open did."""
    from reader.store.migrations import MIGRATIONS

    conn = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(conn)
    db.execute("PRAGMA journal_mode=WAL")
    with db.atomic():
        for step_version, step in MIGRATIONS:
            if step_version <= version:
                step(db)
        db.execute(f"PRAGMA user_version = {version}")
    return conn, db


if __name__ == "__main__":
    sys.path.insert(0, str(FIXTURES.parents[2]))  # the reader package, for the earlier steps
    main([int(v) for v in sys.argv[1:]])

