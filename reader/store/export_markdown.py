"""The Markdown export, for Obsidian: every source's notes and claims, or one page per source.

Each claim is a blockquote with its verb in bold ('A senior official **denied**: “…”'),
then where it is and what kind it is. Cards that stand for one source across articles are
linked as [[Source name]]; per-article cards are named, not linked. Articles are linked to
their web addresses only (a local file is named). YAML front matter (reader/store/front_matter.py)
lists the articles with their title, author, date, address and site, as far as known.

Everything from the user or an article is untrusted: every character Markdown or Obsidian
gives a meaning (`# | > * _ [ ] < & ...`) is backslash-escaped, lines that would start a
list or a code block are defused, and line breaks are kept as hard breaks.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

from reader import __version__
from reader.store import labels
from reader.store.export_items import (CORRECTED_LABEL, ExportArticle, ExportItem, ExportSource, about, is_web,
                                       source_label)
from reader.store.front_matter import YamlDate, yaml_date, yaml_front_matter

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


def md_link(title: str, origin: str) -> str:
    """The article as a link to its web address; a local file or a paste is named, not
    linked (a file:// link breaks on every other computer). Other schemes (javascript:,
    data:) are never made into links."""
    label = md_inline(title or origin or "untitled article")
    if not is_web(origin):
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
    """Each article's front matter: title, author, date, url, site; what is not known is left out."""
    return [{"title": a.title, "author": a.author, "date": yaml_date(a.published), "url": a.url, "site": a.site}
            for a in articles]


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
