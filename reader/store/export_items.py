"""What every export format is made of: the library's sources as cards, each with its notes
and its claims in words, and the articles they come from.

Named people, outlets, organisations and government bodies are one card across articles
(same canonical key); generic sources ("officials", "a senior official") are one card per
article, never merged. Hedged claims (no source) go under their article's "No named source".
A claim keeps its cue verb as the article has it ("denied", "reportedly", "according to")
and its kind; the formats turn both into words through reader/store/labels.py.
`collect_all(lib)` reads everything in one pass; StoreError when the library cannot be read.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import sqlite_utils

from reader.store import labels
from reader.store.library import Library
from reader.store.opening import StoreError

# Sources of these kinds are one card across articles when their canonical key matches
# ("Maria Okafor", "Reuters"); the others ("officials", "a senior official") are only ever
# the same source within one article, so they are keyed per article.
MERGED_KINDS = frozenset({"person", "media", "organization", "government"})
# How a claim the reader corrected is marked, in every format that marks it.
CORRECTED_LABEL = "corrected by you"


def is_web(origin: str) -> bool:
    """An http(s) address: the only origins an export links to (a file:// link breaks elsewhere)."""
    parts = urlsplit(origin)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def web_address(origin: str) -> str:
    """The origin when it is a web address, else ''."""
    return origin if is_web(origin) else ""


@dataclass
class ExportItem:
    """A note, or a claim in words (its verb as the article has it, its kind in words)."""

    article_id: str
    article_title: str
    origin: str
    text: str  # the note, or the claim's content (quotation marks of the article removed)
    kind: str = ""  # claim kind, internal ("according_to"); shown through labels.claim_kind
    updated: str = ""  # notes only
    cue: str = ""  # claims only: "said", "denied", "reportedly", "according to"
    cue_class: str = ""  # claims only: speech, belief, intention, evidence, decree, perception, hedge
    who: str = ""  # claims only: the source's name ("" for a hedged claim)
    position: int = 0
    corrected: bool = False  # claims only: the reader corrected it
    note: str = ""  # claims only: the reader's note on the claim

    def parts(self) -> labels.ClaimParts:
        return labels.claim_parts(self.who, self.cue, self.text, self.kind)


@dataclass
class ExportSource:
    key: str  # the canonical key; for a per-article source "<key>@<article id>"
    name: str
    kind: str
    title: str = ""
    role: str = ""
    affiliation: str = ""
    notes: list[ExportItem] = field(default_factory=list)
    claims: list[ExportItem] = field(default_factory=list)
    article_id: str = ""  # set when the card stands for this article only
    article_title: str = ""
    origin: str = ""

    @property
    def merged(self) -> bool:
        """One card across articles: linked as [[name]] in Markdown."""
        return not self.article_id


@dataclass(frozen=True)
class ExportArticle:
    id: str
    title: str
    origin: str
    # what the article said about itself (schema v5); "" when it did not, or was stored before
    author: str = ""
    published: str = ""  # mostly YYYY-MM-DD
    site_name: str = ""

    @property
    def url(self) -> str:
        return web_address(self.origin)

    @property
    def site(self) -> str:
        """The site's own name when the page gave one, else the host of its address."""
        return self.site_name or (urlsplit(self.url).hostname or "" if self.url else "")


def group_key(article_id: str, key: str, kind: str) -> str:
    """Which card a source's claims and notes go under (see MERGED_KINDS); hedged claims
    (no source) go under their article's "No named source"."""
    if not key:
        return f"@{article_id}"
    return key if kind in MERGED_KINDS else f"{key}@{article_id}"


def collect(lib: Library) -> list[ExportSource]:
    """Every source with its notes and every claim (hedged ones too), sorted by name."""
    return collect_all(lib)[1]


def collect_all(lib: Library) -> tuple[list[ExportArticle], list[ExportSource]]:
    try:
        claim_notes = {(c.article_id, c.claim_id): c.note for c in lib.claims() if c.note}
        return _collect(lib.db, claim_notes)
    except sqlite3.Error as exc:
        raise StoreError(f"Could not read your library for the export: {exc}") from exc


def _collect(db: sqlite_utils.Database,
             claim_notes: dict[tuple[str, str], str]) -> tuple[list[ExportArticle], list[ExportSource]]:
    articles = {r["id"]: ExportArticle(r["id"], r["title"] or "", r["origin"] or "", r["author"] or "",
                                       r["published"] or "", r["site"] or "")
                for r in db.query("SELECT id, title, origin, author, published, site FROM articles"
                                  " ORDER BY added, id")}
    sources: dict[str, ExportSource] = {}

    def card(article_id: str, key: str, name: str, kind: str) -> ExportSource:
        gkey = group_key(article_id, key, kind)
        if gkey not in sources:
            here = articles.get(article_id, ExportArticle(article_id, "", "")) if gkey != key else None
            sources[gkey] = ExportSource(gkey, name or labels.UNNAMED_SOURCE, kind)
            if here is not None:
                sources[gkey].article_id, sources[gkey].article_title = article_id, here.title
                sources[gkey].origin = here.origin
            if not key:
                sources[gkey].name = labels.UNSOURCED
        return sources[gkey]

    for r in db.query("SELECT article_id, source_key, name, kind, title, role, affiliation FROM sources"
                      " ORDER BY article_id, source_id"):
        src = card(r["article_id"], r["source_key"], r["name"], r["kind"])
        for attr in ("title", "role", "affiliation"):  # the first card that says it
            setattr(src, attr, getattr(src, attr) or r[attr] or "")
    for r in db.query("SELECT c.*, s.kind AS source_kind FROM claims c LEFT JOIN sources s"
                      " ON s.article_id = c.article_id AND s.source_id = c.source_id"
                      " ORDER BY c.article_id, c.position"):
        art = articles.get(r["article_id"], ExportArticle(r["article_id"], "", ""))
        src = card(r["article_id"], r["source_key"], r["source_name"], r["source_kind"] or "")
        src.claims.append(ExportItem(art.id, art.title, art.origin, r["content"], kind=r["kind"], cue=r["cue"],
                                     cue_class=r["cue_class"], who=r["source_name"], position=r["position"],
                                     corrected=bool(r["corrected"]),
                                     note=claim_notes.get((r["article_id"], r["claim_id"]), "")))
    for r in db.query("SELECT article_id, source_key, source_name, source_kind, text, updated FROM notes"
                      " ORDER BY article_id, source_key"):
        art = articles.get(r["article_id"], ExportArticle(r["article_id"], "", ""))
        src = card(r["article_id"], r["source_key"], r["source_name"], r["source_kind"] or "")
        src.notes.append(ExportItem(art.id, art.title, art.origin, r["text"] or "", updated=r["updated"] or ""))
    ordered = sorted(sources.values(), key=lambda s: (s.name == labels.UNSOURCED, s.name.casefold(),
                                                      s.article_title.casefold(), s.key))
    return list(articles.values()), ordered


def articles_of(sources: list[ExportSource]) -> list[ExportArticle]:
    """The articles the sources' notes and claims come from (for a render without the library)."""
    seen: dict[str, ExportArticle] = {}
    for src in sources:
        for item in src.notes + src.claims:
            seen.setdefault(item.article_id, ExportArticle(item.article_id, item.article_title, item.origin))
    return list(seen.values())


def source_label(src: ExportSource) -> str:
    """The card's heading: its name, and for a per-article card the article it is in."""
    if src.merged:
        return src.name
    return f"{src.name} (in “{' '.join(src.article_title.split()) or 'untitled article'}”)"


def about(src: ExportSource) -> str:
    """Kind in words, title, role, affiliation: 'person · regional coordinator · WFP'."""
    kind = labels.source_kind(src.kind) if src.kind else ""
    return " · ".join(a for a in (kind, src.title, src.role, src.affiliation) if a)
