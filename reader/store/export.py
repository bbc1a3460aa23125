"""Export every source with its notes and claims: Markdown (for Obsidian), CSV, JSON.

Exports keep meaning: every claim carries its cue verb as the article has it ("denied",
"reportedly", "according to") and its kind in words; hedged claims (no source) are included
under "No named source"; labels are human (reader/store/labels.py), never internal ones.
What the formats share is in reader/store/export_items.py (the cards, keyed per article
unless they name one real-world source); each format has its module: export_markdown.py
(YAML front matter, [[Source name]] links, blockquotes with the verb; one page per source
on request), export_csv.py (UTF-8 BOM, one column per field); JSON is here.

Everything that comes from the user or from an article (names, notes, quotes, titles,
origins) is untrusted text and is escaped for the format it lands in (see each module);
JSON uses json.dumps, so the text round-trips exactly. Files are written atomically
(`write_atomically`): an interrupted export never leaves half a file.

The names callers import from here (collect, render, md_inline, csv_cell, …) stay importable.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from reader import __version__
from reader.store import labels
from reader.store.export_csv import BOM, CSV_COLUMNS, csv_cell, csv_rows, to_csv
from reader.store.export_items import (CORRECTED_LABEL, MERGED_KINDS, ExportArticle, ExportItem, ExportSource, about,
                                       articles_of, collect, collect_all, group_key, source_label, web_address)
from reader.store.export_markdown import (file_name, md_claim, md_inline, md_link, md_text, source_page,
                                          to_markdown, wikilink)
from reader.store.front_matter import YamlDate, yaml_front_matter
from reader.store.keys import source_key
from reader.store.library import Library
from reader.store.opening import StoreError

__all__ = ["BOM", "CORRECTED_LABEL", "CSV_COLUMNS", "EVAL_FORMAT", "FORMATS", "MERGED_KINDS", "SUFFIXES",
           "ExportArticle", "ExportItem", "ExportSource", "YamlDate", "about", "collect", "collect_all",
           "csv_cell", "csv_rows", "eval_records", "export", "export_per_source", "export_source", "file_name",
           "format_for", "group_key", "md_claim", "md_inline", "md_link", "md_text", "render", "source_label",
           "source_page", "to_csv", "to_eval_jsonl", "to_json", "to_markdown", "wikilink", "write_atomically",
           "yaml_front_matter"]

FORMATS = ("markdown", "csv", "json")
SUFFIXES = {"markdown": ".md", "csv": ".csv", "json": ".json"}
# the evaluation format (issue 13): the corrected articles, one JSON line each
EVAL_FORMAT = "eval-jsonl"
EVAL_SUFFIX = ".jsonl"


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


def export_source(lib: Library, path: str | Path, article_id: str, name: str, kind: str) -> Path:
    """The page export_per_source writes for one source of an article (the card `name`, `kind`
    there: across articles for a named person or outlet, else this article's alone), written
    to `path`. Raises StoreError when the library has no such card yet, OSError when the
    file cannot be written."""
    articles, sources = collect_all(lib)
    wanted = group_key(article_id, source_key(name, kind), kind)
    src = next((s for s in sources if s.key == wanted), None)
    if src is None:
        raise StoreError(f"{name} is not in your library yet: wait until the article's analysis is finished, "
                         f"then export again.")
    path = Path(path)
    write_atomically(path, source_page(src, articles))
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


def render(sources: list[ExportSource], fmt: str, articles: list[ExportArticle] | None = None) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    articles = articles if articles is not None else articles_of(sources)
    return {"markdown": to_markdown, "csv": to_csv, "json": to_json}[fmt](sources, articles)


# JSON --------------------------------------------------------------------------------------
def _json_item(item: ExportItem, claim: bool) -> dict:
    where = {"article_id": item.article_id, "article_title": item.article_title,
             "url": web_address(item.origin), "origin": item.origin}
    if not claim:
        return {**where, "text": item.text, "updated": item.updated}
    parts = item.parts()
    return {**where, "cue": parts.verb, "claim_kind": labels.claim_kind(item.kind),
            "class": labels.cue_class(item.cue_class) if item.cue_class else "", "content": parts.content,
            "sentence": labels.claim_sentence(parts), "corrected": item.corrected, "note": item.note}


def to_json(sources: list[ExportSource], articles: list[ExportArticle] | None = None) -> str:
    doc = {"app": f"Sourcelight {__version__}",
           "exported": datetime.now(timezone.utc).isoformat(timespec="seconds"),
           "articles": [{"id": a.id, "title": a.title, "author": a.author, "date": a.published, "url": a.url,
                         "site": a.site} for a in (articles or [])],
           "sources": [{"name": s.name, "kind": labels.source_kind(s.kind) if s.kind else "", "title": s.title,
                        "role": s.role, "affiliation": s.affiliation, "article_id": s.article_id or None,
                        "notes": [_json_item(n, False) for n in s.notes],
                        "claims": [_json_item(c, True) for c in s.claims]} for s in sources]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# corrections: the evaluation format (issue 13) ---------------------------------------------
def eval_records(lib: Library) -> list[dict]:
    """Every corrected article as one line of ../shared/eval/ (reader/corrections/eval_format.py),
    so `reader eval` scores the engine against the reader's own corrections."""
    from reader.corrections.eval_format import gold_record

    return [gold_record(article_id, text, doc, title)
            for article_id, title, text, doc, _unapplied in lib.corrected_articles()]


def to_eval_jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
