"""Schema versions of the user's library and the steps between them.

`PRAGMA user_version` holds the version. Each step below brings a database from the
version before it to its own number. `upgrade()` runs every pending step in ONE
transaction, after a backup copy of the file has been written next to it: either the
database reaches the current version or it stays exactly as it was.

To change the schema: append a step, bump nothing else (SCHEMA_VERSION follows the
list), and add a fixture for the version you are leaving in tests/store/make_fixtures.py.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import sqlite_utils

from reader.store.keys import source_key

Step = Callable[[sqlite_utils.Database], None]


def _v1_first_library(db: sqlite_utils.Database) -> None:
    """The schema of the first release (reader/store/library.py before versioning).

    That code never set user_version, so its files say 0; `stored_version` recognises
    them by their tables. IF NOT EXISTS makes this step a no-op on such a file.
    """
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


# Porter stemming so "denied" finds "denies"; diacritics folded so "Muller" finds "Müller".
FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"


def _v2_sources_and_search(db: sqlite_utils.Database) -> None:
    """Source cards as rows, the note's source kind, indexes, full-text search."""
    # No FOREIGN KEY clauses: a first-release file may hold notes or analyses whose
    # article row is missing, and refusing to migrate it would lock the user out.
    db.execute("""
        CREATE TABLE sources (
            article_id  TEXT NOT NULL,
            source_id   TEXT NOT NULL,  -- the card id inside the stored analysis ("s2")
            source_key  TEXT NOT NULL,  -- keys.source_key(name, kind): one per real-world source
            name        TEXT NOT NULL,
            kind        TEXT NOT NULL,
            title       TEXT NOT NULL DEFAULT '',
            role        TEXT NOT NULL DEFAULT '',
            affiliation TEXT NOT NULL DEFAULT '',
            claims      INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (article_id, source_id)
        )""")
    db.execute("ALTER TABLE notes ADD COLUMN source_kind TEXT NOT NULL DEFAULT ''")
    # the key is "kind:normalised name", so the kind of an old note is its prefix
    db.execute("UPDATE notes SET source_kind = substr(source_key, 1, instr(source_key, ':') - 1)")
    db.execute("CREATE INDEX idx_sources_key ON sources(source_key, article_id)")
    # (key, article): covers the per-source counts and the "note without a card" check
    db.execute("CREATE INDEX idx_notes_key ON notes(source_key, article_id)")
    # The first release kept a row when a note was emptied; from now on emptying deletes it.
    db.execute("DELETE FROM notes WHERE trim(text, ' ' || char(9, 10, 13)) = ''")
    # covering: the library list (10,000 articles) never has to read the article texts
    db.execute("CREATE INDEX idx_articles_recent ON articles(last_opened, id, title, origin, added)")
    for row in db.query("SELECT article_id, analysis FROM analyses"):
        try:
            cards = json.loads(row["analysis"]).get("sources", [])
        except (ValueError, AttributeError):
            continue  # an unreadable cache entry is re-analysed later; not worth failing over
        insert_source_cards(db, row["article_id"], cards)
    # Triggers keep the indexes in step with every insert, update and delete.
    db["notes"].enable_fts(["source_name", "text"], create_triggers=True, tokenize=FTS_TOKENIZER)
    db["sources"].enable_fts(["name", "title", "role", "affiliation"], create_triggers=True,
                             tokenize=FTS_TOKENIZER)


def insert_source_cards(db: sqlite_utils.Database, article_id: str, cards: list[dict]) -> None:
    """Rows for the cards of one analysis (shared by save_analysis and the v2 migration)."""
    for card in cards:
        name, kind = card.get("name") or "", card.get("kind") or "person"
        db.execute(
            "INSERT OR REPLACE INTO sources (article_id, source_id, source_key, name, kind, title, role,"
            " affiliation, claims) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [article_id, str(card.get("id", "")), source_key(name, kind), name, kind,
             card.get("title") or "", card.get("role") or "", card.get("affiliation") or "",
             len(card.get("claim_ids") or [])])


def _v3_corrections(db: sqlite_utils.Database) -> None:
    """The reader's corrections of analyses, an ordered log per article, and notes on single
    claims (store/corrections.py)."""
    db.execute("""
        CREATE TABLE corrections (
            seq         INTEGER PRIMARY KEY AUTOINCREMENT,  -- the log order; undo removes the latest
            uid         TEXT NOT NULL UNIQUE,  -- Correction.uid: the id the window knows it by
            article_id  TEXT NOT NULL,
            kind        TEXT NOT NULL,  -- Correction.kind, for a look without parsing
            correction  TEXT NOT NULL,  -- Correction.to_dict() as JSON: anchored to the article text
            created     TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX idx_corrections_article ON corrections(article_id, seq)")
    db.execute("""
        CREATE TABLE claim_notes (
            uid         TEXT PRIMARY KEY,  -- ClaimNote.uid
            article_id  TEXT NOT NULL,
            anchor      TEXT NOT NULL,  -- Anchor.to_dict() as JSON: the claim's text, not its id
            text        TEXT NOT NULL,
            created     TEXT NOT NULL,
            updated     TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX idx_claim_notes_article ON claim_notes(article_id)")


def _v4_search_everything(db: sqlite_utils.Database) -> None:
    """One index over article titles and text, claims (cue, content, source), cards and notes."""
    from reader.store.search import create_index

    create_index(db, FTS_TOKENIZER)


def _v5_article_metadata(db: sqlite_utils.Database) -> None:
    """What an article says about itself: its author(s), publication date (YYYY-MM-DD) and
    site name, for the exports' front matter. NULL where the article did not say, and in
    every row written before this version (they are filled when the article is opened again)."""
    db.execute("ALTER TABLE articles ADD COLUMN author TEXT")  # "Jane Whitford and Tom Ng"
    db.execute("ALTER TABLE articles ADD COLUMN published TEXT")  # as the article says it, mostly YYYY-MM-DD
    db.execute("ALTER TABLE articles ADD COLUMN site TEXT")  # the site's name ("City Desk"), not its host


# (version reached, step). Append only: a released step never changes.
MIGRATIONS: list[tuple[int, Step]] = [
    (1, _v1_first_library),
    (2, _v2_sources_and_search),
    (3, _v3_corrections),
    (4, _v4_search_everything),
    (5, _v5_article_metadata),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


def stored_version(conn: sqlite3.Connection) -> int:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == 0 and conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'notes'").fetchone():
        return 1  # a first-release file: it never wrote a version
    return version


# The tables and columns each version must have: a file that claims a version and lacks
# any of them is not whole, and must not be opened as if it were (every save would fail).
_V1_TABLES = {
    "articles": {"id", "title", "origin", "text", "added", "last_opened"},
    "analyses": {"article_id", "engine_version", "analysis", "created"},
    "notes": {"article_id", "source_id", "source_key", "source_name", "text", "created", "updated"},
}
_V2_TABLES = {
    **_V1_TABLES,
    "notes": _V1_TABLES["notes"] | {"source_kind"},
    "sources": {"article_id", "source_id", "source_key", "name", "kind", "title", "role", "affiliation",
                "claims"},
    "notes_fts": {"source_name", "text"},
    "sources_fts": {"name", "title", "role", "affiliation"},
}
_V3_TABLES = {
    **_V2_TABLES,
    "corrections": {"seq", "uid", "article_id", "kind", "correction", "created"},
    "claim_notes": {"uid", "article_id", "anchor", "text", "created", "updated"},
}
_V4_TABLES = {
    **{t: c for t, c in _V3_TABLES.items() if t not in ("notes_fts", "sources_fts")},
    "claims": {"article_id", "claim_id", "kind", "cue_class", "cue", "content", "source_id", "source_name",
               "source_key", "position", "corrected"},
    "search_fts": {"title", "cue", "content", "source", "note"},
}
_V5_TABLES = {**_V4_TABLES, "articles": _V4_TABLES["articles"] | {"author", "published", "site"}}
REQUIRED_TABLES = {1: _V1_TABLES, 2: _V2_TABLES, 3: _V3_TABLES, 4: _V4_TABLES, 5: _V5_TABLES}


def schema_problem(conn: sqlite3.Connection, version: int) -> str | None:
    """Why a database with this `stored_version` is not a whole Sourcelight library, or None.

    Versions newer than ours are the caller's business (refused untouched, not moved).
    """
    if version < 0:
        return f"it says library format {version}, which no Sourcelight writes"
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if version == 0:
        if tables:  # an empty file is a new library; a database of something else is not ours
            return f"it is a database of another program (tables {', '.join(sorted(tables)[:5])})"
        return None
    for table, columns in REQUIRED_TABLES.get(version, {}).items():
        if table not in tables:
            return f"it says library format {version} but has no {table} table"
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}  # noqa: S608 - our names
        if columns - have:
            return (f"it says library format {version} but its {table} table lacks "
                    f"{', '.join(sorted(columns - have))}")
    return None


def timestamped_sibling(path: Path, label: str) -> Path:
    """A free name next to `path`: `<name>.<label>-<time>` (with `-2`, `-3` … if taken)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
    return target


def backup_copy(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Write `<name>.bak-v<version>-<time>` next to `path`, readable by its owner only.

    SQLite's online backup rather than a file copy: it includes whatever still sits in
    the -wal file, so the copy is a complete, consistent database.
    """
    target = timestamped_sibling(path, f"bak-v{version}")
    os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    return target


def upgrade(db: sqlite_utils.Database, path: Path | None, target: int | None = None) -> Path | None:
    """Bring `db` to `target` (the latest version by default); return the backup written
    first (None if nothing to do).

    `path` None means an in-memory copy (a read-only library): no backup is needed.
    The caller has already refused versions newer than SCHEMA_VERSION.
    """
    target = MIGRATIONS[-1][0] if target is None else target
    current = stored_version(db.conn)
    pending = [(v, step) for v, step in MIGRATIONS if current < v <= target]
    if not pending:
        return None
    backup = backup_copy(db.conn, path, current) if path is not None and current > 0 else None
    with db.atomic():
        for version, step in pending:
            step(db)
        # user_version lives in the file header, which is written inside the transaction
        db.execute(f"PRAGMA user_version = {int(pending[-1][0])}")
    return backup
