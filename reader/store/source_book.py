"""The reader's personal source book: every source across the library, with the articles
it appears in, the notes on it and the claims it made.

A source is identified by its canonical key (keys.source_key: normalised name + kind),
so "Yoav Mordechai" in three articles is one entry with three appearances.
`source_details(key)` is what the source book shows of one selected source: its appearances
(most recently opened article first) and its claims from the claims table (as the reader
corrected them), grouped by article in that same order, each in words with its verb
(reader.store.search.claim_words).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from dataclasses import dataclass, field

import sqlite_utils

from reader.corrections import CORRECTED_KEY
from reader.corrections.notes import notes_by_claim
from reader.store.corrections import by_article, claim_notes_by_article, corrected
from reader.store.keys import source_key
from reader.store.search import claim_words


@dataclass
class Appearance:
    """One source in one article: its card there (if analysed) and the note (if any)."""

    article_id: str
    article_title: str
    origin: str
    source_id: str = ""
    title: str = ""
    role: str = ""
    affiliation: str = ""
    claims: int = 0
    note: str = ""
    note_updated: str = ""


@dataclass
class BookSource:
    key: str
    name: str
    kind: str
    title: str = ""
    role: str = ""
    affiliation: str = ""
    appearances: list[Appearance] = field(default_factory=list)

    @property
    def note_count(self) -> int:
        return sum(1 for a in self.appearances if a.note)


@dataclass(frozen=True)
class NoteRecord:
    article_id: str
    article_title: str
    origin: str
    source_id: str
    source_key: str
    source_name: str
    source_kind: str
    text: str
    created: str
    updated: str


@dataclass(frozen=True)
class ClaimRecord:
    """A claim of a source, its quote text cut from the stored article text."""

    source_key: str
    article_id: str
    article_title: str
    origin: str
    claim_id: str
    kind: str
    quote: str
    corrected: bool = False  # a correction of the reader touched this claim
    note: str = ""  # the reader's note on this claim


@dataclass(frozen=True)
class SourceSummary:
    """One line of the source book, without its appearances (see Library.source_index)."""

    key: str
    name: str
    kind: str
    title: str
    role: str
    affiliation: str
    articles: int
    notes: int


@dataclass(frozen=True)
class SourceClaim:
    """One claim of a source in one article, in words, as the source book lists it."""

    article_id: str
    claim_id: str
    line: str  # 'Maria Okafor said: “We are relieved…”'
    verb: tuple[int, int]  # the cue's span in `line`
    kind: str  # internal claim kind ("according_to"); shown through labels.claim_kind
    position: int  # first character of the claim in the article text


@dataclass(frozen=True)
class ArticleClaims:
    """The claims of one source in one article, in reading order."""

    article_id: str
    article_title: str
    claims: list[SourceClaim]


@dataclass(frozen=True)
class SourceDetails:
    """One source as the source book shows it when selected."""

    key: str
    appearances: list[Appearance]  # most recently opened article first
    claims: list[ArticleClaims]  # by article, in the order of `appearances`

    @property
    def claim_count(self) -> int:
        return sum(len(group.claims) for group in self.claims)


# Cards of analysed articles, plus notes whose article has no card with that key (notes
# kept from before sources were stored, or from an older analysis). {only} narrows both
# halves to one source key. Article titles are looked up separately: joining the articles
# table here reads one big row (it holds the text) per appearance.
_APPEARANCES_SQL = """
SELECT s.source_key, s.article_id, s.source_id, s.name, s.kind, s.title, s.role, s.affiliation,
       s.claims, COALESCE(n.text, ''), COALESCE(n.updated, '')
FROM sources s LEFT JOIN notes n ON n.article_id = s.article_id AND n.source_key = s.source_key
WHERE {only_s}
UNION ALL
SELECT n.source_key, n.article_id, n.source_id, n.source_name, n.source_kind, '', '', '', 0,
       n.text, n.updated
FROM notes n
WHERE {only_n} AND NOT EXISTS (
    SELECT 1 FROM sources s WHERE s.source_key = n.source_key AND s.article_id = n.article_id)
"""
_ALL_SQL = _APPEARANCES_SQL.format(only_s="1", only_n="1")
_ONE_SQL = _APPEARANCES_SQL.format(only_s="s.source_key = :key", only_n="n.source_key = :key")
_ARTICLES_SQL = "SELECT id, title, origin, last_opened FROM articles"  # from the covering index
_ARTICLES_OF_KEY_SQL = _ARTICLES_SQL + """ WHERE id IN (
    SELECT article_id FROM sources WHERE source_key = :key
    UNION SELECT article_id FROM notes WHERE source_key = :key)"""


def _build(rows, articles: dict[str, tuple]) -> list[BookSource]:  # noqa: ANN001 - a sqlite3 cursor
    book: dict[str, BookSource] = {}
    seen: set[tuple[str, str]] = set()
    no_article = ("", "", "", "")
    for key, article_id, source_id, name, kind, title, role, affil, claims, note, updated in rows:
        if (key, article_id) in seen:
            continue  # two cards with one key in one article: the note is per key
        seen.add((key, article_id))
        entry = book.get(key)
        if entry is None:
            entry = book[key] = BookSource(key, name, kind)
        # the first non-empty title/role seen describes the source in the list
        entry.title = entry.title or title
        entry.role = entry.role or role
        entry.affiliation = entry.affiliation or affil
        art = articles.get(article_id, no_article)
        entry.appearances.append(Appearance(article_id, art[1] or "", art[2] or "", source_id or "", title,
                                            role, affil, claims, note or "", updated or ""))
    for entry in book.values():
        entry.appearances.sort(key=lambda a: (articles.get(a.article_id, no_article)[3] or "", a.article_id),
                               reverse=True)
    return sorted(book.values(), key=lambda b: (b.name.casefold(), b.kind))


def source_book(db: sqlite_utils.Database) -> list[BookSource]:
    # Plain tuples from the connection: at 50,000 appearances, building a dict per row
    # (db.query) costs as much as the query itself.
    articles = {row[0]: row for row in db.conn.execute(_ARTICLES_SQL)}
    return _build(db.conn.execute(_ALL_SQL), articles)


def _appearances(db: sqlite_utils.Database, key: str) -> tuple[list[Appearance], dict[str, tuple]]:
    articles = {row[0]: row for row in db.conn.execute(_ARTICLES_OF_KEY_SQL, {"key": key})}
    found = _build(db.conn.execute(_ONE_SQL, {"key": key}), articles)
    return (found[0].appearances if found else []), articles


def appearances(db: sqlite_utils.Database, key: str) -> list[Appearance]:
    """Where one source appears, most recently opened article first."""
    return _appearances(db, key)[0]


# Through idx_claims_source (source_key, article_id): only this source's rows are read.
_CLAIMS_OF_KEY_SQL = """SELECT article_id, claim_id, kind, cue, content, source_name, position FROM claims
WHERE source_key = :key ORDER BY article_id, position"""


def source_details(db: sqlite_utils.Database, key: str) -> SourceDetails:
    """Where one source appears and every claim it made there, grouped by article (the most
    recently opened first), each claim in reading order."""
    found, articles = _appearances(db, key)
    by_article: dict[str, list[SourceClaim]] = {}
    for row in db.query(_CLAIMS_OF_KEY_SQL, {"key": key}):
        line, verb = claim_words(row)
        by_article.setdefault(row["article_id"], []).append(
            SourceClaim(row["article_id"], row["claim_id"], line, verb, row["kind"], row["position"]))
    order = {app.article_id: rank for rank, app in enumerate(found)}
    groups = [ArticleClaims(article_id, (articles.get(article_id) or ("", ""))[1] or "", claims)
              for article_id, claims in sorted(by_article.items(), key=lambda g: order.get(g[0], len(order)))]
    return SourceDetails(key, found, groups)


# Three cheap passes, each over one index or table, rather than one query that reads a
# note row per appearance (seconds at 50,000 notes). Notes are never empty: an emptied
# note is deleted.
# NOT INDEXED: one sequential scan and a sort beat walking the key index with a random
# table read per card (measured 3x at 50,000 cards).
_CARDS_BY_KEY_SQL = """SELECT source_key, MAX(name), MAX(kind), MAX(title), MAX(role), MAX(affiliation),
                              COUNT(DISTINCT article_id) FROM sources NOT INDEXED GROUP BY source_key"""
_NOTES_BY_KEY_SQL = "SELECT source_key, COUNT(*) FROM notes GROUP BY source_key"
_NOTES_WITHOUT_CARD_SQL = """
SELECT n.source_key, MAX(n.source_name), MAX(n.source_kind), COUNT(*) FROM notes n
WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.source_key = n.source_key AND s.article_id = n.article_id)
GROUP BY n.source_key"""


def source_index(db: sqlite_utils.Database) -> list[SourceSummary]:
    notes = dict(db.conn.execute(_NOTES_BY_KEY_SQL).fetchall())
    index = {key: SourceSummary(key, name, kind, title, role, affil, articles, notes.get(key, 0))
             for key, name, kind, title, role, affil, articles in db.conn.execute(_CARDS_BY_KEY_SQL)}
    for key, name, kind, count in db.conn.execute(_NOTES_WITHOUT_CARD_SQL):
        known = index.get(key)
        index[key] = (SourceSummary(key, name, kind, "", "", "", count, notes.get(key, 0)) if known is None
                      else dataclasses.replace(known, articles=known.articles + count))
    return sorted(index.values(), key=lambda s: (s.name.casefold(), s.kind))


def notes_for_key(db: sqlite_utils.Database, key: str) -> list[NoteRecord]:
    return [NoteRecord(r["article_id"], r["title"] or "", r["origin"] or "", r["source_id"] or "",
                       r["source_key"], r["source_name"] or "", r["source_kind"] or "", r["text"],
                       r["created"] or "", r["updated"] or "")
            for r in db.query(
                "SELECT n.*, a.title, a.origin FROM notes n LEFT JOIN articles a ON a.id = n.article_id"
                " WHERE n.source_key = ? AND n.text != ''"
                " ORDER BY n.updated DESC, n.rowid DESC", [key])]


def quote_text(text: str, spans: list) -> str:
    """The words of a claim: its content spans, joined by an ellipsis where they are apart."""
    parts = [text[s:e].strip() for s, e in spans if 0 <= s < e <= len(text)]
    return " … ".join(p for p in parts if p)


def claims(db: sqlite_utils.Database) -> Iterator[ClaimRecord]:
    """Every sourced claim in every stored analysis, as the reader corrected it (hedged
    claims have no source)."""
    logs, notes = by_article(db), claim_notes_by_article(db)
    rows = db.query("SELECT an.article_id, an.analysis, a.title, a.origin, a.text FROM analyses an"
                    " JOIN articles a ON a.id = an.article_id ORDER BY a.added")
    for row in rows:
        try:
            analysis = json.loads(row["analysis"])
        except ValueError:
            continue
        text = row["text"] or ""
        analysis, _ = corrected(analysis, text, logs.get(row["article_id"], []))
        noted = notes_by_claim(analysis, text, notes.get(row["article_id"], []))
        keys = {s.get("id"): source_key(s.get("name") or "", s.get("kind") or "person")
                for s in analysis.get("sources", [])}
        for claim in analysis.get("claims", []):
            key = keys.get(claim.get("source_id"))
            quote = quote_text(text, claim.get("content") or [])
            note = noted.get(claim.get("id", ""))
            if key and quote:
                yield ClaimRecord(key, row["article_id"], row["title"] or "", row["origin"] or "",
                                  claim.get("id", ""), claim.get("kind", ""), quote,
                                  bool(claim.get(CORRECTED_KEY)), note.text if note else "")
