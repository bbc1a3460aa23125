"""Full-text search over notes, source names and roles (FTS5 tables made by sqlite-utils).

One hit per (article, source): a note and a source card that both match are one hit,
ranked by the better of the two. Ranks are FTS5 bm25 (lower is better).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import sqlite_utils

_WORD = re.compile(r"\w+")
_SUFFIX = re.compile(r"(ies|ied|es|ed|ing|s)$")
SNIPPET_WORDS = 16


@dataclass(frozen=True)
class SearchHit:
    article_id: str
    article_title: str
    source_name: str
    source_kind: str
    source_key: str
    snippet: str  # one line of plain text: the note (or the card) around the first match
    marks: list[tuple[int, int]] = field(default_factory=list)  # matched words, offsets into snippet
    in_note: bool = False  # True when the best match is the user's note, False for the source card
    rank: float = 0.0


# Words that stand in nearly every note: ranking their matches means scoring the whole
# library (~0.1-0.2 s at 50,000 notes), and they narrow nothing down.
STOPWORDS = frozenset("""a an and are as at be but by for from has have he her his i in is it its
of on or our she that the their them they this to was we were what when which who will with you""".split())


def query_words(text: str) -> list[str]:
    """The words a search looks for: stop words are dropped unless there is nothing else."""
    words = _WORD.findall(text)
    content = [w for w in words if w.casefold() not in STOPWORDS]
    return content or words


def fts_query(text: str) -> str:
    """The user's words as an FTS5 query: every word must appear, as a word prefix.

    Words are quoted, so nothing the user types (AND, NOT, quotes, `*`, `:`) is read as
    FTS5 syntax; the prefix makes search-as-you-type find "Morde" → "Mordechai".
    """
    return " ".join(f'"{w}"*' for w in query_words(text))


# Ranking on rowids only: bm25 is computed for every matching row, so nothing dearer is.
# Each side keeps its best 2 × limit rows; a pair (article, source) has one note at most,
# so its best row is always among them.
_RANK_SQL = """
WITH n AS (
    SELECT rowid, bm25(notes_fts, 4.0, 1.0) AS rank FROM notes_fts
    WHERE notes_fts MATCH :query ORDER BY rank LIMIT :k
), s AS (
    SELECT rowid, bm25(sources_fts, 4.0, 2.0, 2.0, 1.0) AS rank FROM sources_fts
    WHERE sources_fts MATCH :query ORDER BY rank LIMIT :k
), hits AS (
    SELECT notes.article_id, notes.source_key, notes.source_name AS name,
           notes.source_kind AS kind, n.rank, 1 AS in_note, notes.text AS body
    FROM n JOIN notes ON notes.rowid = n.rowid
    UNION ALL
    SELECT sources.article_id, sources.source_key, sources.name, sources.kind, s.rank, 0,
           sources.name || char(31) || sources.title || char(31) || sources.role
                        || char(31) || sources.affiliation
    FROM s JOIN sources ON sources.rowid = s.rowid
), best AS (
    -- SQLite takes the bare columns from the row that holds the MIN(): the best match
    SELECT article_id, source_key, name, kind, MIN(rank) AS rank, in_note, body
    FROM hits GROUP BY article_id, source_key
)
SELECT best.*, COALESCE(a.title, '') AS title
FROM best LEFT JOIN articles a ON a.id = best.article_id
ORDER BY best.rank, a.last_opened DESC
LIMIT :limit
"""


# Newest first: FTS5 walks its rowids backwards and stops after :k, scoring nothing.
_RECENT_SQL = (_RANK_SQL.replace("bm25(notes_fts, 4.0, 1.0)", "-rowid")
               .replace("bm25(sources_fts, 4.0, 2.0, 2.0, 1.0)", "-rowid")
               .replace("ORDER BY rank LIMIT :k", "ORDER BY rowid DESC LIMIT :k"))


def _fold(word: str) -> str:
    """As the FTS tokenizer sees a word: case and diacritics folded."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _matches(word: str, terms: list[str]) -> bool:
    # Prefix match as in the query; the crude suffix rule stands in for the Porter stemmer
    # FTS used, so "denies" is marked for "denied". It only decides what is highlighted.
    w = _fold(word)
    return any(w.startswith(t) or (len(t) > 3 and _SUFFIX.sub("", w) == _SUFFIX.sub("", t)) for t in terms)


def snippet(body: str, query: str, words: int = SNIPPET_WORDS) -> tuple[str, list[tuple[int, int]]]:
    """About `words` words of `body` on one line, from just before the first match, and
    the spans of the matching words in it. Made here rather than by FTS5's snippet(),
    which re-runs the whole query for each hit."""
    terms = [_fold(t) for t in query_words(query)]
    found = list(re.finditer(r"\S+", body))
    first = next((i for i, m in enumerate(found) if any(_matches(w, terms) for w in _WORD.findall(m[0]))), 0)
    start = max(0, min(first - 3, len(found) - words))
    chosen = found[start:start + words]
    text = ("… " if start > 0 else "") + " ".join(m[0] for m in chosen)
    text += " …" if start + words < len(found) else ""
    marks = [(m.start(), m.end()) for m in _WORD.finditer(text) if _matches(m[0], terms)]
    return text, marks


def search(db: sqlite_utils.Database, query: str, limit: int = 50) -> list[SearchHit]:
    match = fts_query(query)
    if not match or limit <= 0:
        return []
    hits = []
    # A query of stop words alone ("the") matches almost everything: newest first, not ranked.
    sql = _RECENT_SQL if all(w.casefold() in STOPWORDS for w in query_words(query)) else _RANK_SQL
    for row in db.query(sql, {"query": match, "k": 2 * int(limit), "limit": int(limit)}):
        in_note = bool(row["in_note"])
        body = row["body"] or ""
        if not in_note:  # the card: name · title · role · affiliation
            body = " · ".join(part for part in body.split("\x1f") if part)
        text, marks = snippet(body, query)
        hits.append(SearchHit(
            article_id=row["article_id"], article_title=row["title"], source_name=row["name"] or "",
            source_kind=row["kind"] or "", source_key=row["source_key"], snippet=text, marks=marks,
            in_note=in_note, rank=float(row["rank"])))
    return hits
