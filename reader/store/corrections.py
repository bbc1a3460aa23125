"""The reader's corrections in the library: an ordered log per article; and notes on claims.

Each row is one `reader.corrections.Correction` (its `to_dict()` as JSON), in the order the
reader made them (`seq`); `uid` is the correction's own id, so the window can undo one it
has only just queued. Undo deletes the latest row; deleting one that no longer applies
returns its `seq`, and `add(..., seq=)` puts it back in that place (undoing the delete). Every write is one transaction that also
rewrites the article's rows in `sources` from the corrected analysis, so the source book,
the search and the exports see the cards as the reader corrected them.

Rows are never dropped for not applying: `corrected()` returns those that no longer apply
beside the corrected analysis. A row that cannot even be read (a damaged file) is skipped
with a log line and left in the table. No Qt.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import sqlite_utils

from reader.corrections import Anchor, Correction, Unapplied, apply
from reader.corrections.notes import ClaimNote
from reader.store.migrations import insert_source_cards
from reader.store.search import replace_claims
from reader.store.transactions import writing

log = logging.getLogger("reader.store.corrections")

Doc = dict[str, Any]


def _parse(row_json: str) -> Correction | None:
    try:
        return Correction.from_dict(json.loads(row_json))
    except (ValueError, KeyError, TypeError) as exc:
        log.warning("a stored correction could not be read and is left as it is: %s", exc)
        return None


def for_article(db: sqlite_utils.Database, article_id: str) -> list[Correction]:
    """The article's corrections, oldest first."""
    rows = db.execute("SELECT correction FROM corrections WHERE article_id = ? ORDER BY seq", [article_id])
    return [c for (text,) in rows if (c := _parse(text)) is not None]


def by_article(db: sqlite_utils.Database) -> dict[str, list[Correction]]:
    """Every article's corrections, oldest first (one query, for the exports)."""
    out: dict[str, list[Correction]] = {}
    for article_id, text in db.execute("SELECT article_id, correction FROM corrections ORDER BY seq"):
        if (c := _parse(text)) is not None:
            out.setdefault(article_id, []).append(c)
    return out


def _stored(db: sqlite_utils.Database, article_id: str) -> tuple[Doc, str] | None:
    """The engine's stored analysis of an article and the article's text, if both are there."""
    row = db.execute("SELECT an.analysis, a.text FROM analyses an JOIN articles a ON a.id = an.article_id"
                     " WHERE an.article_id = ?", [article_id]).fetchone()
    if row is None:
        return None
    try:
        return json.loads(row[0]), row[1] or ""
    except ValueError:
        return None


def corrected(analysis: Doc, text: str, corrections: list[Correction]) -> tuple[Doc, list[Unapplied]]:
    """The analysis with the corrections on top (no query: for callers holding both)."""
    return apply(analysis, corrections, text) if corrections else (analysis, [])


def refresh_cards(db: sqlite_utils.Database, article_id: str, analysis: Doc | None = None) -> None:
    """Rewrite the article's `sources` rows from its corrected analysis (inside the caller's
    transaction). Without `analysis` the stored one is read; nothing happens when there is none."""
    if analysis is None:
        stored = _stored(db, article_id)
        if stored is None:
            return
        analysis, text = stored
    else:
        row = db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
        text = (row[0] or "") if row else ""
    # without the article's text no anchor can be found: the engine's cards stand
    doc, _ = corrected(analysis, text, for_article(db, article_id) if text else [])
    db.execute("DELETE FROM sources WHERE article_id = ?", [article_id])
    insert_source_cards(db, article_id, doc.get("sources", []))
    replace_claims(db, article_id, doc)  # the claims too, and by trigger the search index

def _follow_renamed_cards(db: sqlite_utils.Database, article_id: str, before: dict[str, str]) -> None:
    """A card the reader renamed (or gave another kind) keeps its notes: they are keyed by
    name and kind, so they move to the card's new key. `before`: card id → key before the write."""
    after = _cards_now(db, article_id)
    for source_id, old in before.items():
        new = after.get(source_id)
        if new is not None and new != old:
            name, kind = db.execute("SELECT name, kind FROM sources WHERE article_id = ? AND source_id = ?",
                                    [article_id, source_id]).fetchone()
            # OR IGNORE: when the new key has a note of its own, neither is overwritten
            db.execute("UPDATE OR IGNORE notes SET source_key = ?, source_name = ?, source_kind = ?"
                       " WHERE article_id = ? AND source_key = ?", [new, name, kind, article_id, old])


def _cards_now(db: sqlite_utils.Database, article_id: str) -> dict[str, str]:
    return dict(db.execute("SELECT source_id, source_key FROM sources WHERE article_id = ?", [article_id]))


def add(db: sqlite_utils.Database, article_id: str, correction: Correction, now: str,
        seq: int | None = None) -> None:
    """Append one correction to the article's log, or (`seq`: the place `delete` returned) put a
    deleted one back where it was (one transaction)."""
    # Each transaction writes first (it also takes the write lock at BEGIN: transactions.writing).
    with writing(db):
        db.execute("INSERT INTO corrections (seq, uid, article_id, kind, correction, created)"
                   " VALUES (?, ?, ?, ?, ?, ?)",
                   [seq, correction.uid, article_id, correction.kind,
                    json.dumps(correction.to_dict(), ensure_ascii=False), now])
        before = _cards_now(db, article_id)  # the cards table is not yet rewritten
        refresh_cards(db, article_id)
        _follow_renamed_cards(db, article_id, before)


def delete(db: sqlite_utils.Database, article_id: str, uid: str) -> int | None:
    """Delete one correction (undo, or the reader deleting one that no longer applies); its
    place in the log (`seq`), None when it was not there (one transaction)."""
    with writing(db):  # writes first, as in add()
        row = db.execute("DELETE FROM corrections WHERE article_id = ? AND uid = ? RETURNING seq",
                         [article_id, uid]).fetchone()
        before = _cards_now(db, article_id)
        refresh_cards(db, article_id)
        _follow_renamed_cards(db, article_id, before)
    return int(row[0]) if row else None


def remove(db: sqlite_utils.Database, article_id: str, uid: str) -> bool:
    """Delete one correction (undo); False when it was not there (one transaction)."""
    return delete(db, article_id, uid) is not None


def corrected_articles(db: sqlite_utils.Database) -> Iterator[tuple[str, str, str, Doc, list[Unapplied]]]:
    """(article id, title, text, corrected analysis, unapplied) of every analysed article that
    has corrections, oldest article first."""
    logs = by_article(db)
    rows = db.execute("SELECT an.article_id, a.title, a.text, an.analysis FROM analyses an"
                      " JOIN articles a ON a.id = an.article_id ORDER BY a.added, a.id")
    for article_id, title, text, analysis in rows:
        if article_id not in logs:
            continue
        try:
            raw = json.loads(analysis)
        except ValueError:
            continue
        doc, unapplied = corrected(raw, text or "", logs[article_id])
        yield article_id, title or "", text or "", doc, unapplied


# notes on single claims --------------------------------------------------------------------
def claim_notes(db: sqlite_utils.Database, article_id: str) -> list[ClaimNote]:
    return claim_notes_by_article(db, article_id).get(article_id, [])


def claim_notes_by_article(db: sqlite_utils.Database, article_id: str | None = None) -> dict[str, list[ClaimNote]]:
    """The notes on claims of one article (or of all, for the exports), oldest first."""
    where, params = (" WHERE article_id = ?", [article_id]) if article_id is not None else ("", [])
    out: dict[str, list[ClaimNote]] = {}
    for article, uid, anchor, text in db.execute(
            f"SELECT article_id, uid, anchor, text FROM claim_notes{where} ORDER BY created, uid", params):  # noqa: S608
        try:
            out.setdefault(article, []).append(ClaimNote(Anchor.from_dict(json.loads(anchor)), text, uid))
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("a claim note could not be read and is left as it is: %s", exc)
    return out


def save_claim_note(db: sqlite_utils.Database, article_id: str, note: ClaimNote, now: str) -> None:
    """Insert or update one note (one transaction); an empty text deletes it."""
    with writing(db):
        if not note.text.strip():
            db.execute("DELETE FROM claim_notes WHERE uid = ?", [note.uid])
            return
        db.execute("INSERT INTO claim_notes (uid, article_id, anchor, text, created, updated)"
                   " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(uid) DO UPDATE SET anchor = excluded.anchor,"
                   " text = excluded.text, updated = excluded.updated",
                   [note.uid, article_id, json.dumps(note.anchor.to_dict(), ensure_ascii=False), note.text,
                    now, now])
