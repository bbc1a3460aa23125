"""What spaCy is given: a paragraph cut into pieces of bounded size, each made safe to tokenise.

Contract: every piece is a span of the article text, and `parser_text(piece)` has exactly
the piece's length, so a token's `idx` plus the piece start is an offset into `Article.text`
(the engine's one rule for offsets holds without any mapping).

Why both steps (issue 17, items 8 and 9):
* spaCy refuses a text longer than `nlp.max_length` (E088), and the parse rules walk token
  subtrees and pair every cue with every other, so their cost grows with the square of a
  paragraph. A paragraph longer than `MAX_PIECE_CHARS` is cut at sentence ends (then at a
  space, then anywhere), which bounds the work per piece: total time stays linear in the text.
  No paragraph of the evaluation news comes near the limit (the longest is ~1,850 chars).
* The tokenizer is quadratic in the length of a run of prefix / suffix characters without a
  space (a run of "[", of straight double quotes, of emoji): 12,000 "[" take 13 s.
  Punctuation runs longer than `MAX_PUNCTUATION_RUN` keep their first marks and the rest
  become spaces, and a word longer than `MAX_WORD_CHARS` gets a space every
  `MAX_WORD_CHARS` characters. Only the parser's copy changes; the article, the quotation
  scanner and the claims' spans keep the real text.
"""

from __future__ import annotations

import re

from reader.analysis.types import Span

MAX_PIECE_CHARS = 2_000
# Longer runs of punctuation are not language ("?!”)," is four); the marks after these are blanked.
MAX_PUNCTUATION_RUN = 4
# No word or address in news is this long; a longer run of non-space characters is cut for the parser.
MAX_WORD_CHARS = 200

# A sentence end: terminal punctuation, closing quotes or brackets, then white space.
_SENTENCE_END = re.compile(r"[.!?…][”\"’')\]»]*\s+")
_PUNCTUATION_RUN = re.compile(rf"[^\w\s]{{{MAX_PUNCTUATION_RUN + 1},}}")
_LONG_WORD = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")


def parse_pieces(text: str, paragraph: Span) -> list[Span]:
    """The paragraph as consecutive spans of at most `MAX_PIECE_CHARS`, cut at the last
    sentence end that fits (else after a space, else anywhere); a paragraph within the
    limit is its own single piece."""
    lo, hi = paragraph
    if hi - lo <= MAX_PIECE_CHARS:
        return [paragraph]
    pieces: list[Span] = []
    start = lo
    fits: int | None = None   # the latest sentence end that fits in the piece being built
    for end in [m.end() for m in _SENTENCE_END.finditer(text, lo, hi)] + [hi]:
        while end - start > MAX_PIECE_CHARS:
            cut = fits if fits is not None else _cut_by_size(text, start)
            pieces.append((start, cut))
            start, fits = cut, None
        fits = end
    pieces.append((start, hi))
    return pieces


def _cut_by_size(text: str, start: int) -> int:
    """Where a piece from `start` without a sentence end ends: after the last space in its
    second half, or at the limit."""
    limit = start + MAX_PIECE_CHARS
    space = text.rfind(" ", start + MAX_PIECE_CHARS // 2, limit)
    return space + 1 if space >= 0 else limit


def parser_text(piece: str) -> str:
    """The piece with long punctuation runs blanked and overlong words cut; same length."""
    piece = _PUNCTUATION_RUN.sub(_blank_after_first_marks, piece)
    return _LONG_WORD.sub(_cut_word, piece)


def _blank_after_first_marks(m: re.Match) -> str:
    run = m.group()
    return run[:MAX_PUNCTUATION_RUN] + " " * (len(run) - MAX_PUNCTUATION_RUN)


def _cut_word(m: re.Match) -> str:
    word = m.group()
    cut = "".join(word[k:k + MAX_WORD_CHARS - 1] + " " for k in range(0, len(word), MAX_WORD_CHARS))
    return cut[:len(word)]
