"""Search everything: one FTS5 index over article titles and text, claims, source cards and notes.

Contract
- `search_fts` (schema v4, made by `create_index`) holds one row per article, claim, source card
  and note. Its rowid is the row's own rowid × 4 + a kind code (ROW_KINDS), so a trigger finds
  and replaces exactly its row, and a hit finds its table row without a lookup table.
  Triggers on `articles`, `claims`, `sources` and `notes` keep the index in step inside the
  writer's own transaction: a save and its index entry commit together or not at all.
- `claims` holds every claim of the stored analyses, as the reader corrected them, in words
  (cue, content, source name), written by `replace_claims` inside the transaction that
  saves the analysis or a correction (store/corrections.py `refresh_cards`).
- `search()` ranks with bm25 (lower is better), matches each word as a prefix, and returns
  `SearchHit`s best first; `group_by_article` puts them under their article, best article first.
  A query of stop words alone lists the newest rows, unranked.
- The article row's rowid is SQLite's implicit rowid: a VACUUM may renumber it, so anything
  that VACUUMs must call `rebuild_index` afterwards (nothing does today).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import sqlite_utils

from reader.corrections import CORRECTED_KEY
from reader.store.keys import source_key
from reader.store.labels import CONTENT_JOINER, claim_line, claim_parts, clip

_WORD = re.compile(r"\w+")
_SUFFIX = re.compile(r"(ies|ied|es|ed|ing|s)$")
SNIPPET_WORDS = 16
CONTENT_CHARS = 160  # of a claim's words in a hit line
DEFAULT_LIMIT = 50

# rowid = table rowid * ROW_STRIDE + code
ROW_STRIDE = 4
ROW_KINDS = {0: "article", 1: "claim", 2: "note", 3: "source"}
# bm25 weights of the index columns (title, cue, content, source, note): a word in a title,
# a source name or a note says more than one among an article's thousands
WEIGHTS = (8.0, 3.0, 1.0, 4.0, 2.0)


@dataclass(frozen=True)
class SearchHit:
    article_id: str
    article_title: str
    source_name: str
    source_kind: str
    source_key: str
    snippet: str  # one line of plain text: the claim in words, the note, the card or the text
    marks: list[tuple[int, int]] = field(default_factory=list)  # matched words, offsets into snippet
    in_note: bool = False  # the match is the user's note
    rank: float = 0.0
    kind: str = "source"  # "article" | "claim" | "note" | "source"
    claim_id: str = ""  # for a claim: the id in the stored analysis, to scroll to and outline
    verb: tuple[int, int] | None = None  # for a claim: the cue's span in snippet
    position: int = -1  # for a claim: its first character in the article text


@dataclass(frozen=True)
class ArticleHits:
    """The hits of one article, best first; `title_marks` are the matched words of the title."""

    article_id: str
    title: str
    hits: list[SearchHit]
    title_marks: list[tuple[int, int]] = field(default_factory=list)
    rank: float = 0.0


# Words that stand in nearly every note: ranking their matches means scoring the whole
# library, and they narrow nothing down.
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


# the schema (v4) ----------------------------------------------------------------------------
_CLAIMS_TABLE = """
CREATE TABLE claims (
    article_id  TEXT NOT NULL,
    claim_id    TEXT NOT NULL,
    kind        TEXT NOT NULL DEFAULT '',
    cue_class   TEXT NOT NULL DEFAULT '',
    cue         TEXT NOT NULL DEFAULT '',  -- the cue words as the article has them ("denied")
    content     TEXT NOT NULL DEFAULT '',  -- the content spans, joined by " … "
    source_id   TEXT NOT NULL DEFAULT '',
    source_name TEXT NOT NULL DEFAULT '',  -- '' for a hedged claim
    source_key  TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,  -- first character of the claim in the article text
    corrected   INTEGER NOT NULL DEFAULT 0,  -- 1 when a correction of the reader touched it
    PRIMARY KEY (article_id, claim_id)
)"""

# (table, code, columns of search_fts ← expressions over the row, columns whose change re-indexes)
_INDEXED = [
    ("articles", 0, {"title": "{r}.title", "content": "{r}.text"}, "title, text"),
    ("claims", 1, {"cue": "{r}.cue", "content": "{r}.content", "source": "{r}.source_name"},
     "cue, content, source_name"),
    ("notes", 2, {"source": "{r}.source_name", "note": "{r}.text"}, "source_name, text"),
    ("sources", 3, {"source": "{r}.name",
                    "content": "{r}.title || ' ' || {r}.role || ' ' || {r}.affiliation"},
     "name, title, role, affiliation"),
]


def _index_values(table_alias: str, code: int, columns: dict[str, str]) -> tuple[str, str]:
    """The index's column names and the expressions that fill them from a row."""
    values = ", ".join(expr.format(r=table_alias) for expr in columns.values())
    return f"rowid, {', '.join(columns)}", f"{table_alias}.rowid * {ROW_STRIDE} + {code}, {values}"


def _insert_sql(table_alias: str, code: int, columns: dict[str, str]) -> str:
    names, values = _index_values(table_alias, code, columns)
    return f"INSERT INTO search_fts({names}) VALUES ({values})"


def create_index(db: sqlite_utils.Database, tokenizer: str) -> None:
    """Schema v4: the claims table, the one index and its triggers, filled from what is stored.

    Replaces v2's notes_fts and sources_fts (and their triggers). Runs inside the migration's
    transaction. A released step never changes: later schema changes are new steps.
    """
    db.execute(_CLAIMS_TABLE)
    db.execute("CREATE INDEX idx_claims_source ON claims(source_key, article_id)")
    db.execute("CREATE VIRTUAL TABLE search_fts USING fts5("
               f"title, cue, content, source, note, tokenize = '{tokenizer}')")
    for table in ("notes", "sources"):  # v2's indexes, made by sqlite-utils' enable_fts
        for suffix in ("ai", "ad", "au"):
            db.execute(f"DROP TRIGGER IF EXISTS {table}_{suffix}")
        db.execute(f"DROP TABLE IF EXISTS {table}_fts")
    for table, code, columns, watched in _INDEXED:
        delete = f"DELETE FROM search_fts WHERE rowid = old.rowid * {ROW_STRIDE} + {code};"
        db.execute(f"CREATE TRIGGER search_{table}_ai AFTER INSERT ON {table} BEGIN "
                   f"{_insert_sql('new', code, columns)}; END")
        db.execute(f"CREATE TRIGGER search_{table}_ad AFTER DELETE ON {table} BEGIN {delete} END")
        db.execute(f"CREATE TRIGGER search_{table}_au AFTER UPDATE OF {watched} ON {table} BEGIN "
                   f"{delete} {_insert_sql('new', code, columns)}; END")
    from reader.store.corrections import refresh_cards  # the corrected analysis, cards and claims

    for article_id, _analysis in _stored_analyses(db):
        refresh_cards(db, article_id)
    rebuild_index(db)


def _stored_analyses(db: sqlite_utils.Database):  # noqa: ANN202 - Iterator[tuple[str, dict]]
    import json

    for row in db.query("SELECT article_id, analysis FROM analyses"):
        try:
            analysis = json.loads(row["analysis"])
        except ValueError:
            continue  # an unreadable cache entry is analysed again later
        if isinstance(analysis, dict):
            yield row["article_id"], analysis


def rebuild_index(db: sqlite_utils.Database) -> None:
    """Index every stored row anew (after a migration, or anything that renumbers rowids)."""
    db.execute("DELETE FROM search_fts")
    for table, code, columns, _watched in _INDEXED:
        names, values = _index_values(table, code, columns)
        db.execute(f"INSERT INTO search_fts({names}) SELECT {values} FROM {table}")


def _span_text(text: str, spans: list) -> list[str]:
    return [text[s:e].strip() for s, e in (spans or []) if 0 <= s < e <= len(text)]


def replace_claims(db: sqlite_utils.Database, article_id: str, analysis: dict) -> None:
    """The claims of one analysis as rows (replacing the article's older ones): the caller's
    transaction covers it, and the triggers index each row."""
    db.execute("DELETE FROM claims WHERE article_id = ?", [article_id])
    found = list(db.query("SELECT text FROM articles WHERE id = ?", [article_id]))
    text = (found[0]["text"] or "") if found else ""
    sources = {s.get("id"): s for s in analysis.get("sources", []) if isinstance(s, dict)}
    rows = []
    for claim in analysis.get("claims", []):
        source = sources.get(claim.get("source_id")) or {}
        name, kind = source.get("name") or "", source.get("kind") or "person"
        spans = [s for part in ("cue", "content", "source_mention") for s in (claim.get(part) or [])]
        rows.append([article_id, str(claim.get("id", "")), claim.get("kind") or "", claim.get("cue_class") or "",
                     " ".join(_span_text(text, claim.get("cue"))),
                     CONTENT_JOINER.join(p for p in _span_text(text, claim.get("content")) if p),
                     str(source.get("id") or ""), name, source_key(name, kind) if name else "",
                     min((s[0] for s in spans), default=0), int(bool(claim.get(CORRECTED_KEY)))])
    db.conn.executemany(
        "INSERT OR REPLACE INTO claims (article_id, claim_id, kind, cue_class, cue, content, source_id,"
        " source_name, source_key, position, corrected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


# highlighting ------------------------------------------------------------------------------
def _fold(word: str) -> str:
    """As the FTS tokenizer sees a word: case and diacritics folded."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _matches(word: str, terms: list[str]) -> bool:
    # Prefix match as in the query; the crude suffix rule stands in for the Porter stemmer
    # FTS used, so "denies" is marked for "denied". It only decides what is highlighted.
    w = _fold(word)
    return any(w.startswith(t) or (len(t) > 3 and _SUFFIX.sub("", w) == _SUFFIX.sub("", t)) for t in terms)


def _terms(query: str) -> list[str]:
    return [_fold(t) for t in query_words(query)]


def marks_in(text: str, query: str) -> list[tuple[int, int]]:
    """The spans of the words of `text` that the query matched."""
    terms = _terms(query)
    return [(m.start(), m.end()) for m in _WORD.finditer(text) if _matches(m[0], terms)]


def snippet(body: str, query: str, words: int = SNIPPET_WORDS) -> tuple[str, list[tuple[int, int]]]:
    """About `words` words of `body` on one line, from just before the first match, and
    the spans of the matching words in it. Made here rather than by FTS5's snippet(),
    which re-runs the whole query for each hit."""
    terms = _terms(query)
    found = list(re.finditer(r"\S+", body))
    first = next((i for i, m in enumerate(found) if any(_matches(w, terms) for w in _WORD.findall(m[0]))), 0)
    start = max(0, min(first - 3, len(found) - words))
    chosen = found[start:start + words]
    text = ("… " if start > 0 else "") + " ".join(m[0] for m in chosen)
    text += " …" if start + words < len(found) else ""
    return text, marks_in(text, query)


# searching ---------------------------------------------------------------------------------
_RANK_SQL = (f"SELECT rowid, bm25(search_fts, {', '.join(map(str, WEIGHTS))}) AS rank FROM search_fts"
             " WHERE search_fts MATCH :query ORDER BY rank LIMIT :k")
# Newest first: FTS5 walks its rowids backwards and stops after :k, scoring nothing.
_RECENT_SQL = ("SELECT rowid, -rowid AS rank FROM search_fts WHERE search_fts MATCH :query"
               " ORDER BY rowid DESC LIMIT :k")
_DETAILS = {
    "article": "SELECT rowid, id AS article_id, title, text FROM articles",
    "claim": "SELECT rowid, * FROM claims",
    "note": "SELECT rowid, article_id, source_key, source_name, source_kind, text FROM notes",
    "source": "SELECT rowid, article_id, source_key, name, kind, title, role, affiliation FROM sources",
}


def _rows(db: sqlite_utils.Database, kind: str, rowids: list[int]) -> dict[int, dict]:
    if not rowids:
        return {}
    marks = ", ".join("?" * len(rowids))
    return {r["rowid"]: r for r in db.query(f"{_DETAILS[kind]} WHERE rowid IN ({marks})", rowids)}


def claim_words(row: dict) -> tuple[str, tuple[int, int]]:
    """A row of the claims table (source_name, cue, content, kind) as one line of prose and
    the span of its verb: 'Maria Okafor said: “We are relieved…”' (search hits, the source book)."""
    parts = claim_parts(row["source_name"], row["cue"], clip(row["content"], CONTENT_CHARS), row["kind"])
    return claim_line(parts)


def _claim_hit(row: dict, query: str) -> tuple[str, list[tuple[int, int]], tuple[int, int]]:
    line, verb = claim_words(row)
    return line, marks_in(line, query), verb


def _hit(kind: str, row: dict, query: str, rank: float) -> SearchHit:
    if kind == "claim":
        line, marks, verb = _claim_hit(row, query)
        return SearchHit(row["article_id"], "", row["source_name"], "", row["source_key"], line, marks,
                         rank=rank, kind=kind, claim_id=row["claim_id"], verb=verb, position=row["position"])
    if kind == "note":
        line, marks = snippet(row["text"] or "", query)
        return SearchHit(row["article_id"], "", row["source_name"] or "", row["source_kind"] or "",
                         row["source_key"], line, marks, in_note=True, rank=rank, kind=kind)
    if kind == "source":
        body = " · ".join(p for p in (row["name"], row["title"], row["role"], row["affiliation"]) if p)
        line, marks = snippet(body, query)
        return SearchHit(row["article_id"], "", row["name"] or "", row["kind"] or "", row["source_key"],
                         line, marks, rank=rank, kind=kind)
    line, marks = snippet(row["text"] or "", query)
    return SearchHit(row["article_id"], "", "", "", "", line, marks, rank=rank, kind=kind)


def search(db: sqlite_utils.Database, query: str, limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
    """The best `limit` hits over everything, best first. A note and the card of the same
    source in the same article are one hit (the better of the two, as before v4)."""
    match = fts_query(query)
    if not match or limit <= 0:
        return []
    recent = all(w.casefold() in STOPWORDS for w in query_words(query))
    found = [(rowid, rank) for rowid, rank in db.execute(
        _RECENT_SQL if recent else _RANK_SQL, {"query": match, "k": 2 * int(limit)})]
    by_kind: dict[str, list[int]] = {k: [] for k in ROW_KINDS.values()}
    for rowid, _rank in found:
        by_kind[ROW_KINDS[rowid % ROW_STRIDE]].append(rowid // ROW_STRIDE)
    details = {kind: _rows(db, kind, ids) for kind, ids in by_kind.items()}
    hits: list[SearchHit] = []
    seen: set[tuple[str, str]] = set()  # (article, source key) of the notes and cards listed
    for rowid, rank in found:
        kind = ROW_KINDS[rowid % ROW_STRIDE]
        row = details[kind].get(rowid // ROW_STRIDE)
        if row is None:
            continue  # deleted between the two reads
        if kind in ("note", "source"):
            pair = (row["article_id"], row["source_key"])
            if pair in seen:
                continue
            seen.add(pair)
        hits.append(_hit(kind, row, query, float(rank)))
        if len(hits) >= limit:
            break
    return _with_titles(db, hits)


def _with_titles(db: sqlite_utils.Database, hits: list[SearchHit]) -> list[SearchHit]:
    ids = sorted({h.article_id for h in hits})
    titles: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        titles.update(db.execute(f"SELECT id, title FROM articles WHERE id IN ({', '.join('?' * len(chunk))})",
                                 chunk).fetchall())
    from dataclasses import replace

    return [replace(h, article_title=titles.get(h.article_id) or "") for h in hits]


def group_by_article(hits: list[SearchHit], query: str) -> list[ArticleHits]:
    """The hits under their article, articles in the order of their best hit. An article's
    own row (its title or text matched) is listed only when nothing more precise matched."""
    groups: dict[str, list[SearchHit]] = {}
    for hit in hits:
        groups.setdefault(hit.article_id, []).append(hit)
    out = []
    for article_id, members in groups.items():
        precise = [h for h in members if h.kind != "article"]
        title = members[0].article_title
        out.append(ArticleHits(article_id, title, precise or members, marks_in(title, query),
                               min(h.rank for h in members)))
    return out
