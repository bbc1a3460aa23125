"""Export every source with its notes and claims: Markdown (for Obsidian), CSV, JSON.

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
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePath
from urllib.parse import quote, urlsplit

from reader import __version__
from reader.store.library import Library

FORMATS = ("markdown", "csv", "json")
SUFFIXES = {"markdown": ".md", "csv": ".csv", "json": ".json"}


@dataclass
class ExportItem:
    article_id: str
    article_title: str
    origin: str
    text: str  # the note, or the quote
    kind: str = ""  # claim kind ("direct", "indirect", ...); empty for notes
    updated: str = ""  # notes only
    corrected: bool = False  # claims only: the reader corrected it (see "corrections" below)
    note: str = ""  # claims only: the reader's note on the claim


@dataclass
class ExportSource:
    key: str
    name: str
    kind: str
    title: str = ""
    role: str = ""
    affiliation: str = ""
    notes: list[ExportItem] = field(default_factory=list)
    claims: list[ExportItem] = field(default_factory=list)


def collect(lib: Library) -> list[ExportSource]:
    """Every source in the source book with its notes and the claims it made, by name."""
    claims: dict[str, list[ExportItem]] = {}
    for c in lib.claims():
        claims.setdefault(c.source_key, []).append(
            ExportItem(c.article_id, c.article_title, c.origin, c.quote, kind=c.kind, corrected=c.corrected,
                       note=c.note))
    out = []
    for src in lib.source_book():
        notes = [ExportItem(a.article_id, a.article_title, a.origin, a.note, updated=a.note_updated)
                 for a in src.appearances if a.note]
        out.append(ExportSource(src.key, src.name, src.kind, src.title, src.role, src.affiliation,
                                notes, claims.get(src.key, [])))
    return out


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
    write_atomically(path, to_eval_jsonl(eval_records(lib)) if fmt == EVAL_FORMAT else render(collect(lib), fmt))
    return path


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


def render(sources: list[ExportSource], fmt: str) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return {"markdown": to_markdown, "csv": to_csv, "json": to_json}[fmt](sources)


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


def _origin_url(origin: str) -> str | None:
    """A link target for the origin, or None when it is no web address or absolute path.
    Other schemes (javascript:, data:) are never made into links."""
    scheme = urlsplit(origin).scheme.lower()
    if scheme in ("http", "https", "file"):
        return origin
    if origin and PurePath(origin).is_absolute():
        return "file://" + quote(origin.replace("\\", "/"), safe="/:")
    return None


def md_link(title: str, origin: str) -> str:
    label = md_inline(title or origin or "untitled article")
    url = _origin_url(origin)
    if not url:
        return f"*{label}*" + (f" ({md_inline(origin)})" if origin else "")
    # <...> destination: spaces and parentheses are fine; <, > and line breaks are not
    safe = quote(url, safe="/:?#[]@!$&'()*+,;=%~-._")
    return f"[{label}](<{safe}>)"


def to_markdown(sources: list[ExportSource]) -> str:
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = ["# Sourcelight: sources and notes", "",
           f"Exported {stamp}: {len(sources)} sources, {sum(len(s.notes) for s in sources)} notes, "
           f"{sum(len(s.claims) for s in sources)} claims.", ""]
    for src in sources:
        out += [f"## {md_inline(src.name) or 'unnamed source'}", ""]
        about = [src.kind, src.title, src.role, src.affiliation]
        out += ["*" + md_inline(" · ".join(a for a in about if a)) + "*", ""]
        if src.notes:
            out += ["### Notes", ""]
            for note in src.notes:
                out += [f"On {md_link(note.article_title, note.origin)}:", ""]
                out += md_text(note.text) + [""]
        if src.claims:
            out += ["### Claims", ""]
            for claim in src.claims:
                out += ["> " + line if line else ">" for line in md_text(claim.text)]
                out += [">", f"> — {md_link(claim.article_title, claim.origin)}"
                             + (f" ({md_inline(claim.kind)})" if claim.kind else "")
                             + (f" ({CORRECTED_LABEL})" if claim.corrected else ""), ""]
                if claim.note:
                    out += ["Your note on this claim:", ""] + md_text(claim.note) + [""]
    return "\n".join(out).rstrip("\n") + "\n"


# CSV ---------------------------------------------------------------------------------------
CSV_COLUMNS = ["source_key", "source_name", "source_kind", "source_title", "source_role",
               "source_affiliation", "type", "article_id", "article_title", "origin", "text",
               "claim_kind", "updated", "corrected_by_reader", "claim_note"]


def csv_cell(value: str) -> str:
    """Spreadsheets run a cell starting with = + - @ (or a tab/CR before one) as a formula:
    an article quote like '=HYPERLINK(...)' must stay text. The apostrophe is what Excel
    and LibreOffice themselves use to mark a text cell."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def to_csv(sources: list[ExportSource]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")  # RFC 4180
    writer.writerow(CSV_COLUMNS)
    for src in sources:
        head = [src.key, src.name, src.kind, src.title, src.role, src.affiliation]
        items = [("note", n) for n in src.notes] + [("claim", c) for c in src.claims]
        if not items:
            writer.writerow([csv_cell(v) for v in head + ["source", "", "", "", "", "", "", "", ""]])
        for kind, item in items:
            row = head + [kind, item.article_id, item.article_title, item.origin, item.text, item.kind,
                          item.updated, "yes" if item.corrected else "", item.note]
            writer.writerow([csv_cell(v) for v in row])
    return buf.getvalue()


# JSON --------------------------------------------------------------------------------------
def to_json(sources: list[ExportSource]) -> str:
    doc = {"app": f"Sourcelight {__version__}",
           "exported": datetime.now(timezone.utc).isoformat(timespec="seconds"),
           "sources": [asdict(s) for s in sources]}
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
