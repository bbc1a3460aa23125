"""Quotation-mark pairing on the raw text, character by character.

Why not on tokens: tokenizers split and merge marks inconsistently ("''", "’s", "'90s"), and
a tool that counts marks crashes or shifts every later pair after one apostrophe. Here:
* each mark is classified from its neighbours: opening, closing, either (straight marks
  between spaces) or apostrophe (don’t, voters’ trust, Hamas’ agreement, the '90s, rock ’n’
  roll);
* double and single families are paired separately, inside one paragraph, so one bad mark
  costs at most that paragraph;
* an opening mark left open at the end of a paragraph continues the quote when the next
  paragraph starts with an opening mark (the open-quote paragraph convention); otherwise it
  closes at the paragraph end if it opened the paragraph or followed a colon, else it is a
  stray mark and is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.analysis.types import Span

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‛‹"
SINGLE_CLOSE = "’›"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "\"'`"
_OPEN_BEFORE = set(" \t\n([{—–-/:;,") | {"\u00a0"}
_CLOSE_AFTER = set(" \t\n.,;:!?)]}—–-/…") | {"\u00a0"}
_ELISIONS = ("n ", "n'", "n’", "em ", "til ", "tis ", "twas ", "cause ", "bout ", "round ")


@dataclass
class Quote:
    """A quotation: one outer span (marks included) per paragraph it runs over."""

    parts: list[Span] = field(default_factory=list)
    closed: bool = True
    family: str = "double"
    # For a quote still open at a paragraph end: it opened the paragraph or followed a colon,
    # so it may close at the paragraph end instead of being dropped as a stray mark.
    opens_block: bool = False

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


@dataclass
class _Mark:
    pos: int
    length: int
    family: str    # "double" | "single"
    role: str      # "open" | "close" | "either" | "weak_close"


def _classify(text: str, i: int, lo: int, hi: int) -> _Mark | None:
    """The mark at text[i] (paragraph text[lo:hi]), or None when it is not a quote mark."""
    ch = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    opens = prev in _OPEN_BEFORE or prev in ALL_MARKS
    closes = nxt in _CLOSE_AFTER or nxt in ALL_MARKS
    if ch in ("'", "`") and nxt == ch:                    # doubled marks: ''…'' or ``…''
        role = "open" if ch == "`" else ("either" if opens and closes else "open" if opens else "close")
        return _Mark(i, 2, "double", role)
    if ch in DOUBLE_OPEN:
        # A misplaced “ after a word and before a space closes ("hospitals“ said").
        return _Mark(i, 1, "double", "close" if (not opens and closes and prev != " ") else "open")
    if ch in DOUBLE_CLOSE:
        return _Mark(i, 1, "double", "open" if (opens and not closes) else "close")
    if ch == '"':
        role = "either" if opens == closes else ("open" if opens else "close")
        return _Mark(i, 1, "double", role)
    # Single marks: first rule out apostrophes.
    if prev.isalnum() and nxt.isalnum():
        return None                                      # don’t, Hamas’s, rock’n’roll
    rest = text[i + 1:i + 7].lower()
    if opens and (nxt.isdigit() or rest.startswith(_ELISIONS)):
        return None                                      # the '90s, rock ’n’ roll, 'em
    if prev.lower() == "n" and i - 2 >= lo and text[i - 2] in "'’" and nxt == " ":
        return None                                      # closing mark of ’n’
    if ch in SINGLE_OPEN or (ch in "'`" and opens and not closes):
        return _Mark(i, 1, "single", "open") if not nxt.isspace() else None
    if ch in SINGLE_CLOSE or ch == "'":
        if prev.isspace() and not nxt.isspace() and ch == "'":
            return _Mark(i, 1, "single", "open")
        if prev.isspace():
            return None
        # After "s": a plural possessive (voters’ trust) or a closing mark; decided when pairing.
        return _Mark(i, 1, "single", "weak_close" if prev.lower() in "sz" else "close")
    return None


def _marks(text: str, lo: int, hi: int) -> list[_Mark]:
    marks: list[_Mark] = []
    i = lo
    while i < hi:
        if text[i] in ALL_MARKS:
            mark = _classify(text, i, lo, hi)
            if mark is not None:
                marks.append(mark)
                i += mark.length
                continue
        i += 1
    return marks


def _pair(marks: list[_Mark]) -> tuple[list[tuple[_Mark, _Mark]], _Mark | None]:
    """Pair one family's marks in order; returns the pairs and a mark left open at the end."""
    pairs: list[tuple[_Mark, _Mark]] = []
    pending: _Mark | None = None
    # For each mark, whether a later mark could close a quote: one backward pass, so a
    # paragraph of thousands of possessives ("voters’ … ") stays linear.
    closes_later = [False] * len(marks)
    for k in range(len(marks) - 2, -1, -1):
        closes_later[k] = marks[k + 1].role != "open" or closes_later[k + 1]
    for k, mark in enumerate(marks):
        if pending is None:
            if mark.role in ("open", "either"):
                pending = mark
            continue
        if mark.role == "weak_close" and closes_later[k]:
            continue   # a possessive: a later closing mark can end the quote instead
        if mark.role in ("close", "either", "weak_close"):
            pairs.append((pending, mark))
            pending = None
        elif mark.role == "open":
            pending = mark   # the earlier opener was stray; recover from here
    return pairs, pending


def find_quotes(text: str, paragraphs: list[Span]) -> list[Quote]:
    """Every quotation in `text`, outermost and nested alike, in text order."""
    quotes: list[Quote] = []
    carry: dict[str, Quote] = {}            # family → quote still open at the last paragraph end
    for lo, hi in paragraphs:
        marks = _marks(text, lo, hi)
        for family in ("double", "single"):
            fam = [m for m in marks if m.family == family]
            open_quote = carry.pop(family, None)
            if open_quote is not None:
                # continue only a quote that opened a block (paragraph start, after ":" or ",")
                if fam and fam[0].pos == lo and fam[0].role in ("open", "either") and open_quote.opens_block:
                    pass                     # continuation paragraph: its opener is paired below
                else:
                    _close_at_paragraph_end(open_quote, quotes)
                    open_quote = None
            pairs, pending = _pair(fam)
            for a, b in pairs:
                span = (a.pos, b.pos + b.length)
                if open_quote is not None and a.pos == lo:
                    open_quote.parts.append(span)
                    open_quote.closed = True
                    quotes.append(open_quote)
                    open_quote = None
                else:
                    quotes.append(Quote([span], True, family))
            if pending is not None:
                span = (pending.pos, hi)
                if open_quote is not None and pending.pos == lo:
                    open_quote.parts.append(span)
                    open_quote.opens_block = True
                    carry[family] = open_quote
                else:
                    if open_quote is not None:
                        _close_at_paragraph_end(open_quote, quotes)
                    starts_block = pending.pos == lo or text[lo:pending.pos].rstrip().endswith((":", ","))
                    carry[family] = Quote([span], False, family, opens_block=starts_block)
            elif open_quote is not None:
                _close_at_paragraph_end(open_quote, quotes)
    for quote in carry.values():
        _close_at_paragraph_end(quote, quotes)
    quotes.sort(key=lambda q: q.start)
    return quotes


def _close_at_paragraph_end(quote: Quote, quotes: list[Quote]) -> None:
    """A quote never closed: keep it when it is a multi-paragraph quote or opened a paragraph."""
    if len(quote.parts) > 1 or quote.opens_block:
        quote.closed = False
        quotes.append(quote)


def outermost(quotes: list[Quote]) -> list[Quote]:
    """Quotes not inside another quote (a single-quoted phrase inside a double quote is not a claim)."""
    result: list[Quote] = []
    for q in sorted(quotes, key=lambda q: (q.start, -q.end)):
        if result and q.start < result[-1].end and q.end <= result[-1].end:
            continue
        if result and q.start < result[-1].end:
            continue  # crossing pairs: keep the first
        result.append(q)
    return result


def inner_text(text: str, span: Span) -> str:
    return text[span[0]:span[1]].strip(ALL_MARKS + " ")
