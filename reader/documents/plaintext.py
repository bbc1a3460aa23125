"""Plain text → one paragraph per line, the shape every `Article.text` has.

The engine and the view treat each line as a paragraph, so a paragraph that was
hard-wrapped at ~72 columns must become one line, or every wrapped line would be parsed
as a sentence fragment of its own.
"""

from __future__ import annotations

import re

_LIST_ITEM = re.compile(r"^\s*(?:[-*+•–]|\d{1,3}[.)])\s+")
# A document is hard-wrapped when the lines that continue onto a next line are short and of
# similar length; news pasted one paragraph per line has long lines of every length.
_MAX_WRAP_WIDTH = 100
_WRAPPED_SHARE = 0.6
_OVER_WIDTH = 1.25
_OVER_WIDTH_SHARE = 0.1


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR (old Mac files) → LF; form feeds and Unicode separators too."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\f", "\n")


def reflow(text: str) -> str:
    """Text with LF newlines → paragraphs one per line, no blank lines, trailing space cut.

    Joining happens only inside blank-line-separated blocks of a hard-wrapped document; in
    such a block a line well short of the wrap width ends a paragraph (a title or a byline
    above the first paragraph stays on its own line), and list items start one. A document
    without blank lines keeps its lines as they are: it already has one paragraph per line.
    """
    lines = [line.rstrip() for line in text.split("\n")]
    width = _wrap_width(lines)
    out: list[str] = []
    # The paragraph being built, as its lines: joined once when it ends, so a block of
    # thousands of wrapped lines costs its length, not its length squared.
    current: list[str] = []
    previous = ""
    for line in lines:
        if not line.strip():
            _flush(out, current)
            previous = ""
            continue
        joins = (
            width is not None and current and len(previous) >= 0.6 * width and not _LIST_ITEM.match(line)
        )
        if not joins:
            _flush(out, current)
        current.append(line.strip())
        previous = line
    _flush(out, current)
    return "\n".join(out)


def _wrap_width(lines: list[str]) -> int | None:
    """The wrap width of a hard-wrapped document with blank-line paragraphs, else None."""
    blocks_with_blank = any(not line.strip() for line in lines[1:-1])
    continued = [len(a) for a, b in zip(lines, lines[1:]) if a.strip() and b.strip()]
    if not blocks_with_blank or len(continued) < 2:
        return None
    width = max(continued)
    if width > _MAX_WRAP_WIDTH:
        return None
    near_width = sum(1 for n in continued if n >= 0.75 * width)
    if near_width < _WRAPPED_SHARE * len(continued):
        return None
    # Paragraphs far longer than the "width" (short head lines followed by one-line paragraphs)
    # mean nothing was wrapped; one long address in a wrapped text does not.
    filled = [len(line) for line in lines if line.strip()]
    over = sum(1 for n in filled if n > _OVER_WIDTH * width)
    return None if over >= _OVER_WIDTH_SHARE * len(filled) else width


def _flush(out: list[str], current: list[str]) -> None:
    """End the paragraph: its wrapped lines joined into one line of `out`."""
    if not current:
        return
    pieces = [current[0]]
    for before, nxt in zip(current, current[1:]):
        # "well-" + "known" stays "well-known": a hyphen at a wrap point is usually real.
        hyphenated = len(before) >= 2 and before[-1] == "-" and _is_word_char(before[-2]) and nxt[:1].islower()
        pieces.append(nxt if hyphenated else " " + nxt)
    out.append("".join(pieces))
    current.clear()


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"
