"""What the head of a plain-text or Markdown article says about it: author(s) and date.

A text file has no meta tags; its byline and dateline are lines under the title:
"By Jane Whitford, City Desk", "By A and B | Published March 3, 2024", "March 3, 2024",
"Updated: Tuesday, 3 March 2024, 10:31 GMT". `text_metadata(text)` reads them from the
first `HEAD_LINES` lines (stopping at the first long paragraph) and returns `Article.metadata`
entries: `author`, `authors`, `date` (YYYY-MM-DD) and `byline` (the line as written).

The lines stay in the text: the analysis marks them as boilerplate (reader/analysis/
boilerplate.py), so nothing the file said is lost. A sentence that merely starts with "By"
("By Tuesday, the plan was dead.") is not a byline: every word of a byline's names is
capitalised, and a desk or job after a comma ("City Desk", "Staff Writer") is not a name.
"""

from __future__ import annotations

import re

from reader.documents.article import join_names
from reader.documents.pagemeta import parse_byline

HEAD_LINES = 6  # the title, then byline and dateline lines, in any order
# The head ends at the article's first paragraph: a longer line, or a sentence.
_MAX_HEAD_WORDS = 30
_SENTENCE_WORDS = 12
_SENTENCE_ENDS = (".", "!", "?", "\"", "”", ".)")
_MAX_HEAD_CHARS = 300  # nor is a longer line (or a run of 100,000 tabs) a byline
_MAX_DATELINE_WORDS = 12
# "By" and capitalised words, "and", "&", commas; then at most one "| …" part (a date).
_BYLINE = re.compile(r"^\s*(?:[Bb]y|BY)\s+(?:[A-ZÀ-Þ@][\w.@'’-]*,?(?:\s+|$)|and\s+|&\s+){1,8}"
                     r"(?:[|·•—–]\s*[^|·•—–]{0,60})?$")


def text_metadata(text: str) -> dict:
    """Author(s), date and byline found in the head of `text` (one paragraph per line)."""
    authors: list[str] = []
    date = byline = ""
    for raw in text.split("\n")[:HEAD_LINES]:
        if len(raw) > _MAX_HEAD_CHARS:
            break
        line = " ".join(raw.split())
        words = len(line.split())
        if words > _MAX_HEAD_WORDS or (words >= _SENTENCE_WORDS and line.endswith(_SENTENCE_ENDS)):
            break
        if not authors and _BYLINE.match(line):
            found, found_date = parse_byline(line)
            if found:
                authors, byline = found, line.strip()
                date = date or found_date
                continue
        if not date and words <= _MAX_DATELINE_WORDS:
            # a line that is a date and nothing else ("Published March 3, 2024")
            _, date = parse_byline(line)
    out: dict = {}
    if authors:
        out.update(author=join_names(authors), authors=authors, byline=byline)
    if date:
        out["date"] = date
    return out
