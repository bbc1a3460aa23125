"""Code points → Qt text positions, in exactly one place.

The analysis reports offsets as Python `str` indices (code points) into `Article.text`.
A `QTextDocument` made with `setPlainText` counts differently:
- characters outside the Basic Multilingual Plane (emoji, some symbols) take two UTF-16 units;
- a CRLF pair becomes one paragraph separator (a lone CR or LF stays one position).
Every span the UI draws goes through `QtOffsets.to_qt`, every selection the reader makes
comes back through `QtOffsets.from_qt`; nothing else converts offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate

# An astral character shifts every later position by +1, a CRLF pair by -1.
_SHIFTERS = re.compile("[\U00010000-\U0010FFFF]|\r\n")


class QtOffsets:
    """Position map for one text, built once per article (O(number of shifters) memory)."""

    def __init__(self, text: str) -> None:
        self._at: list[int] = []
        deltas: list[int] = []
        for m in _SHIFTERS.finditer(text):
            self._at.append(m.start())
            deltas.append(-1 if m.group() == "\r\n" else 1)
        self._cumulative = [0, *accumulate(deltas)]
        self._chars = len(text)
        self.length = self.to_qt(len(text))

    def to_qt(self, index: int) -> int:
        """The Qt position of code-point `index`: the one conversion function of the UI."""
        if not self._at:
            return index
        # shifters that start strictly before `index` move it
        return index + self._cumulative[bisect_left(self._at, index)]

    def span(self, span: tuple[int, int]) -> tuple[int, int]:
        return self.to_qt(span[0]), self.to_qt(span[1])

    def from_qt(self, position: int) -> int:
        """The code-point index at a Qt position (a selection the reader made): the first index
        whose Qt position is not before it, so a selection ending at a CRLF line end stops
        before the CR. The inverse of `to_qt`, in this one place too."""
        lo, hi = 0, self._chars
        while lo < hi:
            mid = (lo + hi) // 2
            if self.to_qt(mid) < position:
                lo = mid + 1
            else:
                hi = mid
        return lo
