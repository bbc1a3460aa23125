"""Text pieces placed on PDF pages → paragraphs, one per line. Pure geometry, no PDF library.

A page is a list of `Piece`s (a run of text on one line with its box, y growing upwards as
in PDF). Per page: pieces on one baseline become a line; a page whose lines fall on both
sides of the middle with a clear gutter is read as two columns, left first. Across pages:
lines in the top or bottom margin that repeat on other pages (digits ignored) are running
headers / footers, and margin lines that are only a page number ("3", "Page 3 of 9",
"- 3 -") go too. Then lines join into paragraphs: a paragraph ends at a vertical gap wider
than the usual line spacing, or after a line that stops well short of the column's right
edge; a word hyphenated at a line end is rejoined ("negoti-" + "ations").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from statistics import median


@dataclass
class Piece:
    left: float
    bottom: float
    right: float
    top: float
    text: str


@dataclass
class Line:
    left: float
    bottom: float
    right: float
    top: float
    text: str
    column: int = 0


# The top and bottom share of a page where running headers, footers and page numbers live.
_MARGIN_SHARE = 0.1
# A margin line is a running header when it recurs (digits ignored) on this share of pages.
_REPEAT_SHARE = 0.5
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?\s*(?:(?:of|/)\s*\d{1,4})?\s*$", re.I)
# A line ending this far short of its column's right edge ends its paragraph.
_SHORT_LINE_SHARE = 0.8
# A vertical gap this many times the usual line step separates paragraphs.
_PARAGRAPH_GAP = 1.4
# Two columns: each side holds at least this share of the lines, and few lines cross the middle.
_COLUMN_SHARE = 0.25
_CROSSING_SHARE = 0.1
_HYPHEN_END = re.compile(r"(\w)[-\u00ad]$")


def page_lines(pieces: list[Piece], page_width: float) -> list[Line]:
    """The page's lines in reading order (columns left to right, top to bottom in each)."""
    lines: list[Line] = []
    for piece in sorted(pieces, key=lambda p: (-p.top, p.left)):
        if not piece.text.strip():
            continue
        middle = (piece.top + piece.bottom) / 2
        same = next((ln for ln in reversed(lines[-4:]) if ln.bottom <= middle <= ln.top
                     and not _apart(ln, piece, page_width)), None)
        if same is None:
            lines.append(Line(piece.left, piece.bottom, piece.right, piece.top, piece.text.strip()))
        else:
            gap = " " if not same.text.endswith(" ") else ""
            first, second = (same.text, piece.text.strip()) if piece.left >= same.left else (piece.text.strip(), same.text)
            same.text = f"{first}{gap}{second}"
            same.left, same.right = min(same.left, piece.left), max(same.right, piece.right)
            same.top, same.bottom = max(same.top, piece.top), min(same.bottom, piece.bottom)
    _assign_columns(lines, page_width)
    return sorted(lines, key=lambda ln: (ln.column, -ln.top, ln.left))


def _apart(line: Line, piece: Piece, page_width: float) -> bool:
    """Two runs on one baseline but on either side of a gutter belong to different columns."""
    mid = page_width / 2
    return (line.right <= mid <= piece.left or piece.right <= mid <= line.left) and \
        abs(piece.left - line.right) > 0.02 * page_width


def _assign_columns(lines: list[Line], page_width: float) -> None:
    mid = page_width / 2
    left = sum(1 for ln in lines if ln.right <= mid)
    right = sum(1 for ln in lines if ln.left >= mid)
    crossing = len(lines) - left - right
    if not lines or min(left, right) < _COLUMN_SHARE * len(lines) or crossing > _CROSSING_SHARE * len(lines):
        return
    for ln in lines:
        ln.column = 1 if ln.left >= mid else 0


def drop_running_lines(pages: list[list[Line]], heights: list[float]) -> list[list[Line]]:
    """Remove running headers / footers and page numbers from the pages' margins."""
    def in_margin(line: Line, height: float) -> bool:
        return line.bottom >= (1 - _MARGIN_SHARE) * height or line.top <= _MARGIN_SHARE * height

    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", " ".join(line.text.lower().split()))

    counts = Counter(k for page, h in zip(pages, heights) for k in {key(ln) for ln in page if in_margin(ln, h)})
    repeated = {k for k, n in counts.items() if len(pages) > 1 and n >= max(2, _REPEAT_SHARE * len(pages))}
    return [[ln for ln in page if not (in_margin(ln, h) and (key(ln) in repeated or _PAGE_NUMBER.match(ln.text)))]
            for page, h in zip(pages, heights)]


def paragraphs(pages: list[list[Line]]) -> list[str]:
    """Lines of every page (already in reading order) joined into paragraphs."""
    out: list[str] = []
    for page in pages:
        found = _page_paragraphs(page)
        # a paragraph running onto the next page continues there
        if out and found and out[-1][-1:] not in ".!?:”\"" and found[0][:1].islower():
            out[-1] = _join(out[-1], found.pop(0))
        out.extend(found)
    return [" ".join(p.split()) for p in out if p.strip()]


def _page_paragraphs(page: list[Line]) -> list[str]:
    steps = [a.bottom - b.bottom for a, b in zip(page, page[1:]) if a.column == b.column and a.bottom > b.bottom]
    step = median(steps) if steps else 0.0
    edges = {c: max(ln.right for ln in page if ln.column == c) for c in {ln.column for ln in page}}
    lefts = {c: min(ln.left for ln in page if ln.column == c) for c in edges}
    found: list[str] = []
    previous: Line | None = None
    for line in page:
        if previous is not None and found and not _ends_paragraph(previous, line, step, edges, lefts):
            found[-1] = _join(found[-1], line.text)
        else:
            found.append(line.text)
        previous = line
    return found


def _ends_paragraph(previous: Line, line: Line, step: float, edges: dict, lefts: dict) -> bool:
    if _HYPHEN_END.search(previous.text) and line.text[:1].islower():
        return False  # a word hyphenated at the line end goes on
    if line.column != previous.column:
        return not _HYPHEN_END.search(previous.text) and previous.text[-1:] in ".!?:”\""
    if step and previous.bottom - line.bottom > _PARAGRAPH_GAP * step:
        return True
    width = edges[previous.column] - lefts[previous.column]
    return width > 0 and previous.right - lefts[previous.column] < _SHORT_LINE_SHARE * width


def _join(current: str, nxt: str) -> str:
    if _HYPHEN_END.search(current) and nxt[:1].islower():
        return current[:-1] + nxt
    return f"{current} {nxt}"
