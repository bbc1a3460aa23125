"""Export every source with its notes and claims: Markdown (for Obsidian), CSV, JSON.

Exports keep meaning: every claim carries its cue verb as the article has it ("denied",
"reportedly", "according to") and its kind in words; hedged claims (no source) are included
under "No named source"; labels are human (reader/store/labels.py), never internal ones.
Named people, outlets, organisations and government bodies are one card across articles
(same canonical key); generic sources ("officials", "a senior official") are one card per
article, never merged. Markdown has YAML front matter and [[Source name]] links for the
cross-article cards; links point at web addresses only (a local file is named, not linked).
CSV starts with a UTF-8 BOM (spreadsheets then read it as UTF-8), one column per field.

Everything that comes from the user or from an article (names, notes, quotes, titles,
origins) is untrusted text and is escaped for the format it lands in:
- Markdown: every character Markdown or Obsidian gives a meaning (`# | > * _ [ ] < & ...`)
  is backslash-escaped, lines that would start a list or a code block are defused, and
  line breaks are kept as hard breaks. Links are made only to http(s) and file origins.
- CSV: the csv module quotes commas, quotes and newlines; a cell that a spreadsheet would
  run as a formula (starting with = + - @ or a tab) is prefixed with an apostrophe.
- JSON: json.dumps; the text round-trips exactly.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote, urlsplit

import sqlite3

import sqlite_utils

from reader import __version__
from reader.store import labels
from reader.store.library import Library
from reader.store.opening import StoreError

FORMATS = ("markdown", "csv", "json")
SUFFIXES = {"markdown": ".md", "csv": ".csv", "json": ".json"}


# Sources of these kinds are one card across articles when their canonical key matches
# ("Maria Okafor", "Reuters"); the others ("officials", "a senior official") are only ever
# the same source within one article, so they are keyed per article.
MERGED_KINDS = frozenset({"person", "media", "organization", "government"})


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
    corrected: bool = False  # claims only: the reader corrected it (see "corrections" below)
    note: str = ""  # claims only: the reader's note on the claim
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

    @property
    def url(self) -> str:
        return self.origin if _is_web(self.origin) else ""

    @property
    def site(self) -> str:
        return urlsplit(self.url).hostname or "" if self.url else ""


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
    articles = {r["id"]: ExportArticle(r["id"], r["title"] or "", r["origin"] or "")
                for r in db.query("SELECT id, title, origin FROM articles ORDER BY added, id")}
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


def format_for(path: str | Path) -> str:
    """The format a file name asks for: .csv, .json, anything else Markdown."""
    suffix = Path(path).suffix.lower()
    return {".csv": "csv", ".json": "json", EVAL_SUFFIX: EVAL_FORMAT}.get(suffix, "markdown")


def export(lib: Library, path: str | Path, fmt: str | None = None) -> Path:
    """Write every source with its notes and claims to `path` (format from its suffix
    unless given; .jsonl: the corrected articles in the evaluation format); returns the
    path. Raises OSError when the file cannot be written."""
    path = Path(path)
    fmt = fmt or format_for(path)
    if fmt == EVAL_FORMAT:
        write_atomically(path, to_eval_jsonl(eval_records(lib)))
        return path
    articles, sources = collect_all(lib)
    write_atomically(path, render(sources, fmt, articles))
    return path


def export_per_source(lib: Library, folder: str | Path) -> list[Path]:
    """One Markdown file per source in `folder` (made if missing), for an Obsidian vault:
    "Maria Okafor.md" with its front matter, notes and claims. Returns the files written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    articles, sources = collect_all(lib)
    written, taken = [], set()
    for src in sources:
        name = file_name(source_label(src))
        stem, n = name, 1
        while stem.casefold() in taken:
            n += 1
            stem = f"{name} {n}"
        taken.add(stem.casefold())
        path = folder / f"{stem}.md"
        write_atomically(path, source_page(src, articles))
        written.append(path)
    return written


def write_atomically(path: Path, text: str, durable: bool = False) -> None:
    """Write beside the target, then rename: an interrupted export never leaves half a file
    where a previous good one was. newline="" keeps CSV's CRLF row ends as they are; the
    file is private to its owner (mkstemp), like the library it comes from.

    `durable=True` also fsyncs the file before the rename and the folder after it, so the
    new content survives a power cut (the notes recovery file needs that; an export does not).
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
        if durable:
            _fsync_folder(path.parent)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # some systems cannot open a folder; the rename is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass  # a folder fsync is not supported everywhere
    finally:
        os.close(fd)


def render(sources: list[ExportSource], fmt: str, articles: list[ExportArticle] | None = None) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    articles = articles if articles is not None else _articles_of(sources)
    return {"markdown": to_markdown, "csv": to_csv, "json": to_json}[fmt](sources, articles)


def _articles_of(sources: list[ExportSource]) -> list[ExportArticle]:
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


# Markdown ----------------------------------------------------------------------------------
# CommonMark lets a backslash escape any ASCII punctuation. These characters mean something
# anywhere in a line in CommonMark, GFM or Obsidian (*emphasis*, `code`, [links], [[wikilinks]],
# <html>, &entities;, #tags, | tables, ~~strike~~, ==highlight==, %%comments%%, ^block-ids,
# $math$); "!" needs none, as the "[" after it is escaped.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~=%^$&])")
# At the start of a line "-", "+" make a list or a rule, "1." / "1)" an ordered list.
_MD_BULLET = re.compile(r"^([-+])")
_MD_ORDERED = re.compile(r"^(\d+)([.)])")


def md_escape_line(line: str) -> str:
    """One line of untrusted text as inert Markdown."""
    line = line.strip("\r")
    body = line.lstrip(" \t")
    body = _MD_SPECIAL.sub(r"\\\1", body)
    body = _MD_ORDERED.sub(r"\1\\\2", _MD_BULLET.sub(r"\\\1", body))
    # leading spaces would make an indented code block; keep them visible as no-break
    # spaces, which Markdown does not count as indentation
    return "\u00a0" * (len(line) - len(line.lstrip(" \t"))) + body


def md_text(text: str) -> list[str]:
    """Multi-line untrusted text → Markdown lines; a line break stays a line break (a
    trailing backslash is CommonMark's hard break), a blank line stays a paragraph break."""
    lines = [md_escape_line(x) for x in text.strip("\n").split("\n")]
    out = []
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        out.append(line + "\\" if line and nxt else line)
    return out


def md_inline(text: str) -> str:
    """Untrusted text inside one line (a heading, a link text)."""
    return md_escape_line(" ".join(text.split()))


def _is_web(origin: str) -> bool:
    return urlsplit(origin).scheme.lower() in ("http", "https") and bool(urlsplit(origin).netloc)


def md_link(title: str, origin: str) -> str:
    """The article as a link to its web address; a local file or a paste is named, not
    linked (a file:// link breaks on every other computer). Other schemes (javascript:,
    data:) are never made into links."""
    label = md_inline(title or origin or "untitled article")
    if not _is_web(origin):
        where = Path(origin.replace("\\", "/")).name if origin and "://" not in origin else origin
        return f"*{label}*" + (f" ({md_inline(where)})" if where else "")
    # <...> destination: spaces and parentheses are fine; <, > and line breaks are not
    safe = quote(origin, safe="/:?#[]@!$&'()*+,;=%~-._")
    return f"[{label}](<{safe}>)"


_WIKILINK_UNSAFE = re.compile(r"[\[\]|#^\n\r]+")
_FILE_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f#^\[\]]+')


def wikilink(name: str) -> str:
    """[[name]] for Obsidian; characters a link target cannot hold are dropped."""
    target = " ".join(_WIKILINK_UNSAFE.sub(" ", name).split())
    return f"[[{target}]]" if target else md_inline(name)


def file_name(name: str) -> str:
    """A file name (without suffix) that every system and Obsidian accept."""
    cleaned = " ".join(_FILE_UNSAFE.sub(" ", name).split()).strip(". ")
    return cleaned[:120] or "source"


class YamlDate(str):
    """A YYYY-MM-DD date written bare, so Obsidian reads it as a date property."""


def yaml_front_matter(fields: dict) -> list[str]:
    """YAML front matter; strings double-quoted (JSON strings are valid YAML), lists of
    strings or of flat dicts."""
    out = ["---"]
    for key, value in fields.items():
        if isinstance(value, list):
            out.append(f"{key}:" + ("" if value else " []"))
            for item in value:
                if isinstance(item, dict):
                    pairs = [(k, v) for k, v in item.items() if v not in ("", None)]
                    for i, (k, v) in enumerate(pairs):
                        out.append(f"{'  - ' if i == 0 else '    '}{k}: {json.dumps(v, ensure_ascii=False)}")
                else:
                    out.append(f"  - {json.dumps(item, ensure_ascii=False)}")
        else:
            out.append(f"{key}: {value if isinstance(value, YamlDate) else json.dumps(value, ensure_ascii=False)}")
    return out + ["---", ""]


def md_claim(claim: ExportItem, linked: bool) -> str:
    """One claim as a Markdown line with its verb in bold: 'A senior official **denied**: “…”',
    '**Reportedly**: “…”', '**According to** [[Reuters]]: “…”'."""
    parts = claim.parts()
    line, (vs, ve) = labels.claim_line(parts)
    who = (wikilink(parts.who) if linked else md_inline(parts.who)) if parts.who else ""
    verb = f"**{md_inline(line[vs:ve])}**"
    content = f" “{md_inline(parts.content)}”" if parts.content else ""
    if parts.kind == "according_to" and parts.who:
        return f"{verb} {who}:{content}"
    return f"{who} {verb}:{content}" if who else f"{verb}:{content}"


def md_claim_source(claim: ExportItem) -> str:
    """Where the claim is and what kind it is: '— [Article](<url>) · direct quote · speech'."""
    # the class only where it adds something: most claims are speech
    shown_class = claim.cue_class not in ("", "speech", "hedge")
    bits = [labels.claim_kind(claim.kind)] + ([labels.cue_class(claim.cue_class)] if shown_class else [])
    return (f"— {md_link(claim.article_title, claim.origin)} · {md_inline(' · '.join(bits))}"
            + (f" ({CORRECTED_LABEL})" if claim.corrected else ""))


def md_source_body(src: ExportSource, level: int) -> list[str]:
    """A card's notes and claims under headings of `level`."""
    out = []
    if about(src):
        out += ["*" + md_inline(about(src)) + "*", ""]
    if not src.merged:
        out += [f"In {md_link(src.article_title, src.origin)}", ""]
    h = "#" * level
    if src.notes:
        out += [f"{h} Notes", ""]
        for note in src.notes:
            out += [f"On {md_link(note.article_title, note.origin)}:", ""]
            out += md_text(note.text) + [""]
    if src.claims:
        out += [f"{h} Claims", ""]
        for claim in src.claims:
            out += [f"> {md_claim(claim, src.merged)}", ">", f"> {md_claim_source(claim)}", ""]
            if claim.note:
                out += ["Your note on this claim:", ""] + md_text(claim.note) + [""]
    return out


def _article_fields(articles: list[ExportArticle]) -> list[dict]:
    return [{"title": a.title, "url": a.url, "site": a.site} for a in articles]


def counted(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def to_markdown(sources: list[ExportSource], articles: list[ExportArticle]) -> str:
    now = datetime.now(timezone.utc)
    notes, claims = sum(len(s.notes) for s in sources), sum(len(s.claims) for s in sources)
    out = yaml_front_matter({"title": "Sourcelight: sources and notes", "date": YamlDate(now.strftime("%Y-%m-%d")),
                             "app": f"Sourcelight {__version__}", "sources": len(sources), "notes": notes,
                             "claims": claims, "articles": _article_fields(articles), "tags": ["sourcelight"]})
    out += ["# Sourcelight: sources and notes", "",
            f"Exported {now.strftime('%Y-%m-%d %H:%M UTC')}: {counted(len(sources), 'source')}, "
            f"{counted(notes, 'note')}, {counted(claims, 'claim')} from {counted(len(articles), 'article')}.", ""]
    for src in sources:
        out += [f"## {md_inline(source_label(src))}", ""]
        out += md_source_body(src, 3)
    return "\n".join(out).rstrip("\n") + "\n"


def source_page(src: ExportSource, articles: list[ExportArticle]) -> str:
    """One source as its own Obsidian page (export_per_source)."""
    by_id = {a.id: a for a in articles}
    seen = dict.fromkeys(i.article_id for i in src.claims + src.notes)
    shown = [by_id[a] for a in seen if a in by_id]
    fields = {"title": source_label(src), "kind": labels.source_kind(src.kind) if src.kind else "",
              "role": " · ".join(x for x in (src.title, src.role) if x), "affiliation": src.affiliation,
              "articles": _article_fields(shown), "tags": ["sourcelight", "source"]}
    out = yaml_front_matter({k: v for k, v in fields.items() if v not in ("", [])})
    out += [f"# {md_inline(source_label(src))}", ""] + md_source_body(src, 2)
    return "\n".join(out).rstrip("\n") + "\n"


# CSV ---------------------------------------------------------------------------------------
BOM = "\ufeff"
CSV_COLUMNS = ["article", "url", "source", "source kind", "title", "role", "affiliation", "cue", "claim kind",
               "class", "content", "note", "updated", "corrected by reader", "claim note"]


def csv_cell(value: str) -> str:
    """Spreadsheets run a cell starting with = + - @ (or a tab/CR before one) as a formula:
    an article quote like '=HYPERLINK(...)' must stay text. The apostrophe is what Excel
    and LibreOffice themselves use to mark a text cell."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_rows(sources: list[ExportSource]) -> list[list[str]]:
    """One row per claim and per note (a card with neither gets one row of its own)."""
    rows = []
    for src in sources:
        head = [src.name, labels.source_kind(src.kind) if src.kind else "", src.title, src.role, src.affiliation]
        for claim in src.claims:
            url = claim.origin if _is_web(claim.origin) else ""
            rows.append([claim.article_title, url, *head, claim.parts().verb, labels.claim_kind(claim.kind),
                         labels.cue_class(claim.cue_class) if claim.cue_class else "", claim.parts().content,
                         "", "", "yes" if claim.corrected else "", claim.note])
        for note in src.notes:
            url = note.origin if _is_web(note.origin) else ""
            rows.append([note.article_title, url, *head, "", "", "", "", note.text, note.updated, "", ""])
        if not src.claims and not src.notes:
            rows.append([src.article_title, src.origin if _is_web(src.origin) else "", *head, *[""] * 8])
    return rows


def to_csv(sources: list[ExportSource], articles: list[ExportArticle] | None = None) -> str:
    buf = io.StringIO()
    buf.write(BOM)
    writer = csv.writer(buf, lineterminator="\r\n")  # RFC 4180
    writer.writerow(CSV_COLUMNS)
    for row in csv_rows(sources):
        writer.writerow([csv_cell(v) for v in row])
    return buf.getvalue()


# JSON --------------------------------------------------------------------------------------
def _json_item(item: ExportItem, claim: bool) -> dict:
    where = {"article_id": item.article_id, "article_title": item.article_title,
             "url": item.origin if _is_web(item.origin) else "", "origin": item.origin}
    if not claim:
        return {**where, "text": item.text, "updated": item.updated}
    parts = item.parts()
    return {**where, "cue": parts.verb, "claim_kind": labels.claim_kind(item.kind),
            "class": labels.cue_class(item.cue_class) if item.cue_class else "", "content": parts.content,
            "sentence": labels.claim_sentence(parts), "corrected": item.corrected, "note": item.note}


def to_json(sources: list[ExportSource], articles: list[ExportArticle] | None = None) -> str:
    doc = {"app": f"Sourcelight {__version__}",
           "exported": datetime.now(timezone.utc).isoformat(timespec="seconds"),
           "articles": [{"id": a.id, **{k: v for k, v in zip(("title", "url", "site"),
                                                            (a.title, a.url, a.site))}}
                        for a in (articles or [])],
           "sources": [{"name": s.name, "kind": labels.source_kind(s.kind) if s.kind else "", "title": s.title,
                        "role": s.role, "affiliation": s.affiliation, "article_id": s.article_id or None,
                        "notes": [_json_item(n, False) for n in s.notes],
                        "claims": [_json_item(c, True) for c in s.claims]} for s in sources]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# corrections: the evaluation format (issue 13) ---------------------------------------------
CORRECTED_LABEL = "corrected by you"
EVAL_FORMAT = "eval-jsonl"
EVAL_SUFFIX = ".jsonl"


def eval_records(lib: Library) -> list[dict]:
    """Every corrected article as one line of ../shared/eval/ (reader/corrections/eval_format.py),
    so `reader eval` scores the engine against the reader's own corrections."""
    from reader.corrections.eval_format import gold_record

    return [gold_record(article_id, text, doc, title)
            for article_id, title, text, doc, _unapplied in lib.corrected_articles()]


def to_eval_jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
