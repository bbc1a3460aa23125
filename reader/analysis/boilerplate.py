"""Paragraphs that are not article prose: appeals for money or sign-ups, bylines, copyright
lines, "Read more", "Thank you.", and media credit lines ("Image: NASA.").

Decided on the raw text before parsing (they are never parsed, which also saves time).
Patterns live in data/boilerplate.txt: one [strong] hit or two [weak] hits make a paragraph
boilerplate; a short paragraph next to boilerplate ("Thank you.") joins it. Paragraphs with
quotation marks are article prose unless a strong pattern fires.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.analysis.lexicon import DATA
from reader.analysis.types import Span

# "By Jane Whitford", "By A and B, City Desk", "By A | Published March 3, 2024": capitalised
# words after "By" (a desk after a comma), then at most one short "| …" part (a date).
_BYLINE = re.compile(r"^\s*(?:[Bb]y|BY)\s+(?:[A-Z@][\w.@'’-]*,?(?:\s+|$)|and\s+|&\s+){1,8}"
                     r"(?:[|·•—–]\s*[^|·•—–]{0,60})?$")
_QUOTES = re.compile(r"[“”\"«»]")


@lru_cache(maxsize=1)
def _patterns() -> tuple[list[re.Pattern], list[re.Pattern]]:
    strong: list[re.Pattern] = []
    weak: list[re.Pattern] = []
    current = strong
    for raw in (DATA / "boilerplate.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line in ("[strong]", "[weak]"):
            current = strong if line == "[strong]" else weak
            continue
        current.append(re.compile(line, re.IGNORECASE))
    return strong, weak


def is_boilerplate(paragraph: str) -> bool:
    strong, weak = _patterns()
    if _BYLINE.match(paragraph):
        return True
    if any(p.search(paragraph) for p in strong):
        # a long paragraph of prose that merely mentions a donation is still prose
        return len(paragraph.split()) <= 80 or sum(bool(p.search(paragraph)) for p in strong) >= 2
    if _QUOTES.search(paragraph):
        return False
    return sum(bool(p.search(paragraph)) for p in weak) >= 2


def boilerplate_paragraphs(text: str, paragraphs: list[Span]) -> list[bool]:
    flags = [is_boilerplate(text[s:e]) for s, e in paragraphs]
    # A short paragraph inside or right after a run of boilerplate belongs to it.
    for k, (s, e) in enumerate(paragraphs):
        if flags[k] or len(text[s:e].split()) > 12 or _QUOTES.search(text[s:e]):
            continue
        if k > 0 and flags[k - 1] and (k + 1 == len(paragraphs) or flags[k + 1] or len(text[s:e].split()) <= 4):
            flags[k] = True
    return flags


def boilerplate_spans(paragraphs: list[Span], flags: list[bool]) -> list[Span]:
    """Adjacent boilerplate paragraphs as one span each."""
    spans: list[Span] = []
    prev = False
    for (s, e), flag in zip(paragraphs, flags):
        if flag:
            if prev and spans:
                spans[-1] = (spans[-1][0], e)
            else:
                spans.append((s, e))
        prev = flag
    return spans
