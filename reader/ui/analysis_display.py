"""The session's analysis drawn into the window: highlights, the sources list, the class
toggles, the claim navigator and (while it is seen) the Sourcing tab.

    display = AnalysisDisplay(window)
    display.reset()                      # another article's text is shown: nothing drawn, no overlays
    display.show(analysis, final)        # the session's analysisUpdated; `drawn(final)` when done
    display.refresh_highlights()         # the selection, the class toggles or the view changed
    display.selected_claim_ids()         # the claims of the selected source or segment (None: all)

Each panel is a few milliseconds on a long article; together, in one slot, they held the GUI
thread past a frame. So a result of the running analysis is drawn in steps, one panel per turn
of the event loop (reader/ui/staged_steps.py), and `drawn` says when the last one is done. An
update of an analysis already complete on screen (a correction, its undo: the reader waits for
it) is drawn at once. The Sourcing tab is drawn only while it is seen (a tab behind another
costs nothing) and catches up when it is shown: `sourcing.drawn` says when it has.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QPalette

from reader.analysis import Analysis
from reader.ui import highlights, legend
from reader.ui.staged_steps import StagedSteps


class AnalysisDisplay(QObject):
    drawn = Signal(bool)  # final: every panel shows the analysis the session last gave

    def __init__(self, window) -> None:  # noqa: ANN001 - reader.ui.main_window.MainWindow
        super().__init__(window)
        self.window = window
        self.overlays: highlights.Overlays | None = None  # built lazily per article and palette
        self._windowed = False  # overlays only around the visible text (long articles)
        self._sourcing_shows: Analysis | None = None  # what the Sourcing tab was last given
        self._complete = False  # a final analysis of this article is drawn
        # the dock says when its tab comes to the front (a tab behind another is "visible" to Qt,
        # and its visibleRegion() is not reliable while the window repaints); it starts behind
        self._sourcing_seen = False
        self._steps = StagedSteps(self)

    def reset(self) -> None:
        self._steps.cancel()
        self.overlays = None
        self._sourcing_shows = None
        self._complete = False

    @property
    def drawing(self) -> bool:
        return self._steps.pending

    def finish(self) -> None:
        """Draw what is still waiting now (before the reader acts on the panels)."""
        self._steps.finish()

    def show(self, analysis: Analysis, final: bool) -> None:
        w = self.window
        self._steps.run([
            lambda: self._show_highlights(analysis),  # what the reader sees first, in this very call
            lambda: self._show_sources(analysis),
            lambda: w.class_toggles.set_counts(analysis),
            w.show_source_claims,
            self.update_sourcing,
            lambda: self._drawn(final),
        ], at_once=final and self._complete)

    def _show_highlights(self, analysis: Analysis) -> None:
        self.window.navigator.set_analysis(analysis, self.window.offsets)  # the selection the highlights follow
        self.refresh_highlights()

    def _show_sources(self, analysis: Analysis) -> None:
        w = self.window
        w.sources.set_analysis(analysis, w.session.noted_keys())
        if w.navigator.segment is not None:
            w.sources.clear_current()  # a rebuilt list made "All sources" current: clicking it must still count

    def _drawn(self, final: bool) -> None:
        self._complete = self._complete or final
        self.drawn.emit(final)

    @Slot(bool)
    def sourcing_seen(self, seen: bool) -> None:
        """The Sourcing dock's visibilityChanged: its tab came to the front (or went behind)."""
        self._sourcing_seen = seen
        self.update_sourcing()

    def update_sourcing(self) -> None:
        """The Sourcing tab redraws (tens of ms at 20,000 words) only while it is seen."""
        w = self.window
        if self._sourcing_seen and self._sourcing_shows is not w.analysis:
            self._sourcing_shows = w.analysis
            w.sourcing.set_analysis(w.analysis)

    def sourcing_current(self) -> bool:
        """True when the Sourcing tab shows (or is drawing) the analysis on screen."""
        return self._sourcing_shows is self.window.analysis

    # highlights ---------------------------------------------------------------------------
    def palette(self) -> highlights.Palette:
        return highlights.Palette(dark=self.window.palette().color(QPalette.ColorRole.Base).lightness() < 128)

    def refresh_highlights(self) -> None:
        w = self.window
        if w.analysis is None:
            w.view.set_highlights([], [])
            return
        if self.overlays is None:
            self.overlays = highlights.Overlays(w.view.document(), w.offsets, self.palette())
        claim_ids = legend.shown_claim_ids(w.analysis, self.selected_claim_ids(), w.class_toggles.hidden())
        self._windowed = highlights.windowed(w.analysis, claim_ids, w.view.document())
        visible = w.view.visible_range() if self._windowed else None
        w.view.set_highlights(*self.overlays.selections(w.analysis, claim_ids, visible))

    def repaint_for_palette(self) -> None:
        """Light ↔ dark: the overlays are re-tinted with the other variant."""
        self.overlays = None
        self.refresh_highlights()

    @Slot()
    def on_scrolled(self) -> None:
        if self._windowed:
            self.refresh_highlights()

    def selected_claim_ids(self) -> set[str] | None:
        """The claims of the selected source or sourcing segment; None (all claims) for neither."""
        w = self.window
        source_id = w.sources.current_source_id()
        return w.navigator.claims_of(source_id) if source_id else w.navigator.segment_claims()
