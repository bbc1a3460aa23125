"""Paragraph spans of a text: the unit the engine parses and the UI reports progress in."""

from __future__ import annotations

import re

from reader.analysis.types import Span

_LINE = re.compile(r"[^\r\n]+")


def paragraph_spans(text: str) -> list[Span]:
    """One span per non-blank line, stripped of surrounding whitespace.

    News text (and every `Article`) keeps one paragraph per line, so a line is a paragraph.
    """
    spans: list[Span] = []
    for m in _LINE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, e))
    return spans
