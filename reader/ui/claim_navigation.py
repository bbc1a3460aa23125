"""Which claims are selected — those of the selected source, or of a segment of the sourcing bars
(a category of the sourcing profile) — in reading order, and stepping through them (n / p).

Stepping skips the claims of the cue classes hidden with the legend's toggles (`set_hidden`,
connected to `ClassToggles.classesChanged`): n / p go only where a highlight is drawn. The
selection itself (`selected_claims`, the claims list) keeps every class."""

from __future__ import annotations

import html

from reader.analysis.profile import claim_categories
from reader.ui.highlights import KIND_LABELS
from reader.ui.legend import CLASS_WORDS
from reader.ui.offsets import QtOffsets
from reader.ui.sources_panel import UNSOURCED


def _extent(claim) -> tuple[int, int]:  # noqa: ANN001
    spans = [*claim.content, *claim.cue, *claim.source_mention]
    return min(s for s, _ in spans), max(e for _, e in spans)


class ClaimNavigator:
    def __init__(self) -> None:
        self._hidden: frozenset[str] = frozenset()  # cue classes toggled off in the legend
        self.reset()

    def set_hidden(self, hidden: frozenset[str]) -> None:
        """Skip claims of these cue classes; a hidden current claim leaves n at the next shown one."""
        current = self.current_claim_id()
        self._hidden = frozenset(hidden)
        self._reorder()
        if current in self._order:
            self._index = self._order.index(current)
        elif current is not None:   # the next n goes to the first shown claim after it
            before = _extent(self._by_id[current])
            self._index = sum(_extent(self._by_id[cid]) < before for cid in self._order) - 1

    def reset(self) -> None:
        self._analysis = None
        self._offsets = QtOffsets("")
        self._by_id: dict = {}
        self._source_id = ""
        self._segment: tuple[str, str] | None = None  # (dimension, category) of the sourcing profile
        self._segment_ids: set[str] | None = None  # its claims in the current analysis
        self._selection: list[str] = []  # claim ids of the selected source (all claims if none), by position
        self._order: list[str] = []  # those of them whose class is shown: what n / p step through
        self._index = -1
        self.wrapped = False  # the last step went past the end (or the start) and came round

    def set_analysis(self, analysis, offsets: QtOffsets) -> None:  # noqa: ANN001
        current = self._order[self._index] if 0 <= self._index < len(self._order) else None
        self._analysis, self._offsets = analysis, offsets
        self._by_id = {c.id: c for c in analysis.claims if c.content or c.cue}
        self._reorder()
        self._index = self._order.index(current) if current in self._order else -1

    def claim(self, claim_id: str):  # noqa: ANN201
        return self._by_id.get(claim_id)

    def claims_of(self, source_id: str) -> set[str]:
        wanted = None if source_id == UNSOURCED else source_id
        return {cid for cid, c in self._by_id.items() if c.source_id == wanted}

    @property
    def segment(self) -> tuple[str, str] | None:
        return self._segment

    def segment_claims(self) -> set[str] | None:
        """The claims of the chosen sourcing segment; None when no segment is chosen."""
        return self._segment_ids

    def select(self, source_id: str, segment: tuple[str, str] | None = None) -> None:
        """Select a source's claims, or ("" and) a segment's, or ("", None) every claim."""
        self._source_id, self._segment = source_id, segment
        self._reorder()
        self._index = -1

    def _reorder(self) -> None:
        """Recompute the selection (a new analysis, another choice); scrolling then reads it as is."""
        self._segment_ids = None
        if self._segment is not None and self._analysis is not None:
            dimension, category = self._segment
            of_claim = claim_categories(self._analysis.to_dict())[dimension]
            self._segment_ids = {cid for cid in self._by_id if of_claim.get(cid) == category}
        chosen = self._segment_ids
        ids = self.claims_of(self._source_id) if self._source_id else set(self._by_id) if chosen is None else chosen
        self._selection = sorted(ids, key=lambda cid: _extent(self._by_id[cid]))
        self._order = [cid for cid in self._selection if self._by_id[cid].cue_class not in self._hidden]

    def first(self) -> tuple[int, int] | None:
        if not self._order:
            return None
        self._index = 0
        self.wrapped = False
        return self._span(0)

    def step(self, direction: int) -> tuple[int, int] | None:
        """The next (+1) or previous (-1) claim, wrapping around; None when there is none."""
        if not self._order:
            return None
        if self._index < 0:
            self._index = 0 if direction > 0 else len(self._order) - 1
            self.wrapped = False
        else:
            moved = self._index + direction
            self.wrapped = not 0 <= moved < len(self._order)
            self._index = moved % len(self._order)
        return self._span(self._index)

    def position(self) -> tuple[int, int]:
        """(1-based number of the current claim, how many there are); 0 when there is no current one."""
        return self._index + 1, len(self._order)

    def current_span(self) -> tuple[int, int] | None:
        """Qt positions of the current claim's extent."""
        return self._span(self._index) if 0 <= self._index < len(self._order) else None

    def selected_claims(self) -> list:
        """The selected claims (reader.analysis.Claim) in reading order, of every class."""
        return [self._by_id[cid] for cid in self._selection]

    def move_to(self, claim_id: str) -> None:
        if claim_id in self._order:
            self._index = self._order.index(claim_id)

    def current_claim_id(self) -> str | None:
        return self._order[self._index] if 0 <= self._index < len(self._order) else None

    def _span(self, index: int) -> tuple[int, int]:
        return self._offsets.span(_extent(self._by_id[self._order[index]]))


def claim_tooltip(analysis, text: str, claim_id: str) -> str:  # noqa: ANN001
    """Who, which cue, what kind, how sure and why — for the hover over a highlight."""
    claim = next((c for c in analysis.claims if c.id == claim_id), None) if analysis else None
    if claim is None:
        return ""
    esc = html.escape
    source = analysis.source(claim.source_id)
    if source is not None:
        lines = [f"<b>{esc(source.name)}</b>"]
        detail = ", ".join(b for b in (source.title, source.role, source.affiliation) if b)
        if detail:
            lines.append(esc(detail))
    else:
        lines = ["<b>No named source</b>"]
    cue = " … ".join(text[s:e] for s, e in claim.cue)
    lines.append(f"cue: “{esc(cue)}” · {esc(KIND_LABELS.get(claim.kind, claim.kind))}")
    lines.append(esc(CLASS_WORDS.get(claim.cue_class, claim.cue_class)))
    lines.append(f"<span style='color:gray'>confidence {claim.confidence:.2f} · rule {esc(claim.rule)}</span>")
    return "<br>".join(lines)
