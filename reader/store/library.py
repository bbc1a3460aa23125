"""The user's SQLite library: articles, cached analyses, source cards and notes."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlite_utils

from reader.store.keys import source_key

DB_NAME = "library.db"


class StoreError(Exception):
    """A problem with the user's database; `str(err)` is meant for the user."""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class Library:
    def __init__(self, db: sqlite_utils.Database, path: Path) -> None:
        self.db = db
        self.path = path

    @classmethod
    def open(cls, data_dir: str | Path) -> Library:
        data_dir = Path(data_dir)
        data_dir.mkdir(parents=True, exist_ok=True)
        path = data_dir / DB_NAME
        if not path.exists():
            # created readable by its owner only: notes are private
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        try:
            conn = sqlite3.connect(path, isolation_level=None)
            db = sqlite_utils.Database(conn)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            lib = cls(db, path)
            lib._ensure_schema()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"Cannot open your library {path}: {exc}") from exc
        return lib

    def _ensure_schema(self) -> None:
        with self.db.conn:
            self.db["articles"].create(
                {"id": str, "title": str, "origin": str, "text": str, "added": str, "last_opened": str},
                pk="id", if_not_exists=True)
            self.db["analyses"].create(
                {"article_id": str, "engine_version": str, "analysis": str, "created": str},
                pk="article_id", if_not_exists=True)
            self.db["notes"].create(
                {"article_id": str, "source_id": str, "source_key": str, "source_name": str,
                 "text": str, "created": str, "updated": str},
                pk=("article_id", "source_key"), if_not_exists=True)

    def close(self) -> None:
        self.db.conn.close()

    # articles and analyses -------------------------------------------------------------
    def remember_article(self, article_id: str, title: str, origin: str, text: str) -> None:
        now = _now()
        with self.db.conn:
            if self.db["articles"].count_where("id = ?", [article_id]):
                self.db["articles"].update(article_id, {"last_opened": now, "origin": origin})
            else:
                self.db["articles"].insert({"id": article_id, "title": title, "origin": origin, "text": text,
                                            "added": now, "last_opened": now})

    def cached_analysis(self, article_id: str, engine_version: str) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT analysis FROM analyses WHERE article_id = ? AND engine_version = ?",
                                  [article_id, engine_version]))
        return json.loads(rows[0]["analysis"]) if rows else None

    def save_analysis(self, article_id: str, engine_version: str, analysis: dict[str, Any]) -> None:
        with self.db.conn:
            self.db["analyses"].upsert({"article_id": article_id, "engine_version": engine_version,
                                        "analysis": json.dumps(analysis), "created": _now()}, pk="article_id")

    # notes ------------------------------------------------------------------------------
    def note(self, article_id: str, name: str, kind: str) -> str:
        rows = list(self.db.query("SELECT text FROM notes WHERE article_id = ? AND source_key = ?",
                                  [article_id, source_key(name, kind)]))
        return rows[0]["text"] if rows else ""

    def save_note(self, article_id: str, source_id: str, name: str, kind: str, text: str) -> None:
        """One committed transaction per save: when this returns, the note is on disk."""
        key = source_key(name, kind)
        now = _now()
        with self.db.conn:
            existing = list(self.db.query("SELECT created FROM notes WHERE article_id = ? AND source_key = ?",
                                          [article_id, key]))
            created = existing[0]["created"] if existing else now
            self.db["notes"].upsert({"article_id": article_id, "source_id": source_id, "source_key": key,
                                     "source_name": name, "text": text, "created": created, "updated": now},
                                    pk=("article_id", "source_key"))

    def noted_keys(self, article_id: str) -> set[str]:
        return {r["source_key"] for r in self.db.query(
            "SELECT source_key FROM notes WHERE article_id = ? AND text != ''", [article_id])}
