"""Markdown → plain text, one paragraph per line.

Enough of CommonMark for articles people save or write as Markdown: ATX and setext
headings, paragraphs (wrapped lines joined), emphasis, inline code, links `[t](u)` → t,
reference links, autolinks, images dropped, lists ("•" / "1."), block quotes, fenced and
indented code (kept line by line), tables (cells joined by " | "), rules, HTML comments
and tags, YAML front matter. Not a renderer: anything unusual comes out as its text.
"""

from __future__ import annotations

import html
import re

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^\s{0,3}(#{1,6})(?:\s+(.*))?$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(?:\[[ xX]\]\s+)?(.*)$")
_ORDERED = re.compile(r"^(\s*)(\d{1,9})[.)]\s+(.*)$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_REF_DEF = re.compile(r"^\s{0,3}\[(?!\^)[^\]]+\]:\s*\S+.*$")
# Possessive quantifiers (`*+`): adjacent optional runs of blanks never trade characters,
# which would be quadratic on a long line of spaces.
_TABLE_SEP = re.compile(r"^\s*+\|?[ \t]*+:?-++:?[ \t]*+(?:\|[ \t]*+:?-++:?[ \t]*+)++\|?\s*+$")
_YAML_LINE = re.compile(r"^(?:[\w-]+:.*|[ \t].*|- .*|#.*|)$")
# Blocks that are never text: (opening, closing) patterns, dropped by `_drop_blocks`.
_HIDDEN_BLOCKS = (
    (re.compile(r"<!--"), re.compile(r"-->")),
    (re.compile(r"<script\b", re.IGNORECASE), re.compile(r"</script\s*>", re.IGNORECASE)),
    (re.compile(r"<style\b", re.IGNORECASE), re.compile(r"</style\s*>", re.IGNORECASE)),
)
_SHIELD_OPEN, _SHIELD_CLOSE = "\uE000", "\uE001"   # private-use marks around a shielded index
_ESCAPABLE = r"\\`*_{}\[\]()#+\-.!>|~<"
_ESCAPE = re.compile(rf"\\([{_ESCAPABLE}])")
# Every inline rule stays linear on a long line full of unmatched markers (24,000 "[" took
# minutes when a label could run over other "["): from any start, a rule scans only up to
# the next marker of its own kind, and runs of one marker are matched from their start only.
_CODE_SPAN = re.compile(r"(?<!`)(`++)([^`]+)\1(?!`)")
# A link label: text with at most one level of balanced brackets ("[a [b] c]").
_LABEL = r"[^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*"
# A link destination: text with at most one level of balanced parentheses.
_DESTINATION = r"\([^()]*(?:\([^()]*\)[^()]*)*\)"
_IMAGE = re.compile(rf"!\[{_LABEL}\](?:{_DESTINATION}|\[{_LABEL}\])")
_LINK = re.compile(rf"\[({_LABEL})\]{_DESTINATION}")
_REF_LINK = re.compile(rf"\[({_LABEL})\]\[{_LABEL}\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_STRONG = re.compile(r"\*\*(?=[^\s*])([^*]+)(?<=\S)\*\*|__(?=[^\s_])([^_]+)(?<=\S)__")
_EM_STAR = re.compile(r"\*(?=[^\s*])([^*]+)(?<=\S)\*")
_EM_UNDER = re.compile(r"(?<![\w\\])_(?=[^\s_])([^_]+)(?<=\S)_(?!\w)")
_SHIELDED = re.compile(f"{_SHIELD_OPEN}(\\d+){_SHIELD_CLOSE}")
_STRIKE = re.compile(r"~~(?=[^\s~])([^~]+)(?<=\S)~~")


def markdown_to_text(source: str) -> tuple[str, str | None]:
    """Markdown with LF newlines → (plain text, title or None).

    The title is the front-matter `title:`, else the first heading.
    """
    source, title = _front_matter(source)
    # Comments and script / style blocks are never text; dropping them before the line
    # loop keeps a multi-line one from leaking lines into the article.
    source = _drop_blocks(source)
    out: list[str] = []
    para: list[str] = []  # lines of the paragraph (or list item) being collected
    fence: str | None = None
    prev_blank = True

    def flush() -> None:
        if para:
            text = inline(" ".join(para))
            if text:
                out.append(text)
            para.clear()

    for raw in source.split("\n"):
        if fence is not None:  # inside fenced code: keep lines verbatim
            if raw.strip().startswith(fence):
                fence = None
            elif raw.strip():
                out.append(raw.rstrip())
            continue
        line = _QUOTE.sub("", _QUOTE.sub("", raw))  # block quotes (two levels) read as text
        stripped = line.strip()
        m = _FENCE.match(line)
        if m:
            flush()
            fence = m.group(1)[0] * len(m.group(1))
            continue
        if not stripped:
            flush()
            prev_blank = True
            continue
        if raw.startswith(("    ", "\t")) and prev_blank and not para and not _in_list(out):
            out.append(stripped)  # indented code block, line by line
            continue
        setext = _SETEXT.match(line)
        if setext and para and len(para) >= 1:
            heading = inline(" ".join(para))
            para.clear()
            if heading:
                out.append(heading)
                title = title or heading
            prev_blank = False
            continue
        if _RULE.match(line) or _REF_DEF.match(line) or _TABLE_SEP.match(line):
            flush()
            prev_blank = False
            continue
        atx = _ATX.match(line)
        bullet = _BULLET.match(line)
        ordered = _ORDERED.match(line)
        if atx:
            flush()
            heading = inline(_without_closing_hashes(atx.group(2) or ""))
            if heading:
                out.append(heading)
                title = title or heading
        elif bullet or ordered:
            flush()
            para.append("• " + bullet.group(2) if bullet else f"{ordered.group(2)}. {ordered.group(3)}")
        elif "|" in stripped and stripped.count("|") >= 2 and not para:
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            out.append(inline(" | ".join(c for c in cells if c)))
        elif raw.endswith(("  ", "\\")) and not raw.endswith("\\\\"):
            para.append(stripped.rstrip("\\"))  # hard line break: end the line here
            flush()
        else:
            para.append(stripped)
        prev_blank = False
    flush()
    return "\n".join(out), title


def _front_matter(source: str) -> tuple[str, str | None]:
    """Strip a leading YAML block (`---` … `---`); return the rest and its `title:`."""
    if not source.startswith("---\n"):
        return source, None
    lines = source.split("\n", 101)
    for end in range(1, min(len(lines), 100)):
        if lines[end].strip() == "---":
            break
        if not _YAML_LINE.match(lines[end]):
            return source, None
    else:
        return source, None
    title = None
    for line in lines[1:end]:
        if line.startswith("title:"):
            title = line[len("title:"):].strip().strip("\"'") or None
    return "\n".join(source.split("\n")[end + 1:]), title


def _drop_blocks(source: str) -> str:
    """Source without HTML comments and script / style blocks; an unclosed one is kept as text.

    One forward scan per kind of block: each closing mark is searched for once, so a text
    of many unclosed openers stays linear.
    """
    for opening, closing in _HIDDEN_BLOCKS:
        kept: list[str] = []
        pos = 0
        while (start := opening.search(source, pos)) is not None:
            end = closing.search(source, start.end())
            if end is None:
                break   # no later opener can close either
            kept.append(source[pos:start.start()])
            pos = end.end()
        kept.append(source[pos:])
        source = "".join(kept)
    return source


def _without_closing_hashes(heading: str) -> str:
    """"Title ##" → "Title": the optional closing sequence of an ATX heading (string
    operations, not a regex, which would backtrack over a long run of blanks)."""
    heading = heading.rstrip()
    bare = heading.rstrip("#")
    if bare != heading and (not bare or bare[-1].isspace()):
        return bare.rstrip()
    return heading


_LIST_NUMBER = re.compile(r"\d{1,9}\. ")


def _in_list(out: list[str]) -> bool:
    return bool(out) and (out[-1].startswith("• ") or bool(_LIST_NUMBER.match(out[-1])))


def inline(text: str) -> str:
    """Inline Markdown → text. Code spans and escapes are shielded from the other rules."""
    shielded: list[str] = []

    def shield(value: str) -> str:
        shielded.append(value)
        return f"{_SHIELD_OPEN}{len(shielded) - 1}{_SHIELD_CLOSE}"

    # The marks are private-use characters; one already in the text would be read as a shield.
    text = text.replace(_SHIELD_OPEN, "\ufffd").replace(_SHIELD_CLOSE, "\ufffd")
    text = _ESCAPE.sub(lambda m: shield(m.group(1)), text)
    text = _CODE_SPAN.sub(lambda m: shield(m.group(2).strip()), text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    for _ in range(2):  # ***both*** and nested emphasis
        text = _STRONG.sub(lambda m: m.group(1) or m.group(2), text)
        text = _EM_STAR.sub(r"\1", text)
        text = _EM_UNDER.sub(r"\1", text)
        text = _STRIKE.sub(r"\1", text)
    text = html.unescape(text)
    text = _SHIELDED.sub(lambda m: shielded[int(m.group(1))], text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()
