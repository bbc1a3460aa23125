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
_ATX = re.compile(r"^\s{0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(?:\[[ xX]\]\s+)?(.*)$")
_ORDERED = re.compile(r"^(\s*)(\d{1,9})[.)]\s+(.*)$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_REF_DEF = re.compile(r"^\s{0,3}\[(?!\^)[^\]]+\]:\s*\S+.*$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(?:\|\s*:?-{1,}:?\s*)+\|?\s*$")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_YAML_LINE = re.compile(r"^(?:[\w-]+:.*|[ \t].*|- .*|#.*|)$")
_SCRIPT_STYLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)

_ESCAPABLE = r"\\`*_{}\[\]()#+\-.!>|~<"
_ESCAPE = re.compile(rf"\\([{_ESCAPABLE}])")
# Character classes instead of ".+?" keep each rule linear on a long line full of unmatched
# markers (a 20 MB paragraph of "*" would otherwise take hours).
_CODE_SPAN = re.compile(r"(`+)([^`]+)\1")
_IMAGE = re.compile(r"!\[[^\]]*\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\]]*\])")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^()]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_STRONG = re.compile(r"\*\*(?=[^\s*])([^*]+)(?<=\S)\*\*|__(?=[^\s_])([^_]+)(?<=\S)__")
_EM_STAR = re.compile(r"\*(?=[^\s*])([^*]+)(?<=\S)\*")
_EM_UNDER = re.compile(r"(?<![\w\\])_(?=[^\s_])([^_]+)(?<=\S)_(?!\w)")
_STRIKE = re.compile(r"~~(?=[^\s~])([^~]+)(?<=\S)~~")


def markdown_to_text(source: str) -> tuple[str, str | None]:
    """Markdown with LF newlines → (plain text, title or None).

    The title is the front-matter `title:`, else the first heading.
    """
    source, title = _front_matter(source)
    # Comments and script / style blocks are never text; dropping them before the line
    # loop keeps a multi-line one from leaking lines into the article.
    source = _SCRIPT_STYLE.sub("", _HTML_COMMENT.sub("", source))
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
            heading = inline(atx.group(2) or "")
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


def _in_list(out: list[str]) -> bool:
    return bool(out) and (out[-1].startswith("• ") or bool(re.match(r"\d+\. ", out[-1])))


def inline(text: str) -> str:
    """Inline Markdown → text. Code spans and escapes are shielded from the other rules."""
    shielded: list[str] = []

    def shield(value: str) -> str:
        shielded.append(value)
        return f"\uE000{len(shielded) - 1}\uE001"  # private-use marks, never in real text

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
    text = re.sub(r"\uE000(\d+)\uE001", lambda m: shielded[int(m.group(1))], text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()
