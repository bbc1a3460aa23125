"""The Sourcing tab: how the article on screen is sourced, as three stacked bars and a few sentences.

    panel = SourcingPanel()
    panel.set_analysis(analysis)     # None: no article yet; drawn a part per turn of the event loop
    panel.drawn                      # then emitted: the bars, summary and sentences show that analysis
    panel.show_chosen(segment)       # the segment the window's selection is now (None: no segment)
    panel.segmentChosen              # Segment, or None: the user clicked (or pressed Enter on) one
    panel.claims                     # SourceClaims (reader/ui/source_claims.py): the chosen segment's
                                     # claims, filled by the window; claimChosen asks to jump to one

The panel lays out a summary line, one titled bar per dimension of the sourcing profile
(reader/analysis/profile.py; the bars, their colours and keys are reader/ui/sourcing_bars.py), and
the profile's sentences. Under the bar of the chosen segment, a line names it and the list of its
claims follows — the very list the Sources tab shows under a selected source. The panel keeps no
selection of its own: it emits what was chosen and draws what it is told.

The window gives it an analysis only while the tab is seen (reader/ui/analysis_display.py): a
tab behind another costs nothing. Its first draw of a long article (the profile, a few dozen
new segment widgets, their layout) is tens of milliseconds, so `set_analysis` draws it in
steps (reader/ui/staged_steps.py): the profile, one bar per turn, then the text.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from reader.analysis.profile import profile_sentences, sourcing_profile
from reader.ui.source_claims import SourceClaims
from reader.ui.sourcing_bars import DIMENSIONS, Dimension, ProfileBar, Segment
from reader.ui.staged_steps import StagedSteps

__all__ = ["SourcingPanel", "Segment", "dock_beside"]

EMPTY_TEXT = "Open an article to see how it is sourced."
SEGMENT_CLAIMS_NAME = "Claims of the highlighted segment"
CHOSEN_GAP = 4  # px above and below the chosen line and the segment's claims


class SourcingPanel(QScrollArea):
    segmentChosen = Signal(object)  # Segment, or None for every claim
    drawn = Signal()  # the analysis last given is drawn in full

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourcingPanelBody")
        self.setAccessibleName("How this article is sourced")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(objectName="sourcingBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 8, 8, 8)
        self.summary = QLabel(EMPTY_TEXT, objectName="sourcingSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.bars: dict[str, ProfileBar] = {}
        self.titles: dict[str, QLabel] = {}
        for dimension in DIMENSIONS:
            title = QLabel(dimension.title, objectName=f"title-{dimension.key}")
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            bar = ProfileBar(dimension)
            bar.segmentChosen.connect(self.segmentChosen)
            title.setBuddy(bar)
            layout.addSpacing(6)
            layout.addWidget(title)
            layout.addWidget(bar)
            self.bars[dimension.key], self.titles[dimension.key] = bar, title
        self.chosen_box = QWidget(objectName="sourcingChosenBox")  # under the chosen segment's bar
        box = QVBoxLayout(self.chosen_box)
        box.setContentsMargins(0, CHOSEN_GAP, 0, CHOSEN_GAP)
        self.chosen_line = QLabel(objectName="sourcingChosen")
        self.chosen_line.setWordWrap(True)
        self.chosen_line.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.chosen_line)
        self.claims = SourceClaims(object_name="segmentClaims", accessible_name=SEGMENT_CLAIMS_NAME)
        box.addWidget(self.claims)  # the window fills it, as the Sources tab's list of a source's claims
        layout.addWidget(self.chosen_box)
        self._layout = layout
        self.sentences = QLabel(objectName="sourcingSentences")
        self.sentences.setWordWrap(True)
        self.sentences.setTextFormat(Qt.TextFormat.PlainText)
        self.sentences.setAccessibleName("How the article is sourced")
        layout.addSpacing(10)
        layout.addWidget(self.sentences)
        layout.addStretch(1)
        self.setWidget(body)
        self.profile: dict[str, Any] | None = None
        self._chosen: Segment | None = None
        self._steps = StagedSteps(self)
        self._take_profile(None)
        self._show()

    def set_analysis(self, analysis) -> None:  # noqa: ANN001 - reader.analysis.Analysis | None
        """Draw `analysis` (None: no article), a part per turn of the event loop; then `drawn`."""
        self._steps.run([partial(self._take_profile, analysis), *(partial(self._show_bar, d) for d in DIMENSIONS),
                         self._show_text, self.drawn.emit])

    @property
    def drawing(self) -> bool:
        """True while an analysis given is not drawn in full yet."""
        return self._steps.pending

    def _take_profile(self, analysis) -> None:  # noqa: ANN001
        self.profile = sourcing_profile(analysis.to_dict()) if analysis is not None else None
        if self.profile is None:
            self._chosen = None

    def show_chosen(self, segment: Segment | None) -> None:
        self._steps.finish()  # the reader chose: the whole panel shows it now
        self._chosen = segment
        self._show()

    def _show(self) -> None:
        for dimension in DIMENSIONS:
            self._show_bar(dimension)
        self._show_text()

    def _show_bar(self, dimension: Dimension) -> None:
        profile = self.profile
        has_claims = bool(profile and profile["claims"])
        self.bars[dimension.key].setVisible(has_claims)
        self.titles[dimension.key].setVisible(has_claims)
        if profile is not None:
            self.bars[dimension.key].set_breakdown(profile[dimension.key], self._chosen)

    def _show_text(self) -> None:
        """The chosen segment's line and claims, the summary and the sentences, under the bars."""
        profile = self.profile
        chosen = next((b for bar in self.bars.values() for b in bar.segments if b.chosen), None)
        self._chain_focus(chosen.bar if chosen is not None else None)
        self.chosen_line.setVisible(chosen is not None)
        self.chosen_box.setVisible(chosen is not None)
        if chosen is not None:
            self._put_chosen_box_under(chosen.bar)
            self.claims.setAccessibleName(f"{SEGMENT_CLAIMS_NAME}: {chosen.label}")
            self.chosen_line.setText(f"Highlighted: only the {chosen.count} claim{'s' * (chosen.count != 1)} "
                                     f"of “{chosen.label}”. Choose it again, or press Esc in the text, "
                                     "for every claim.")
        if profile is None:
            self.summary.setText(EMPTY_TEXT)
            self.sentences.clear()
            return
        n, sources, named = profile["claims"], profile["sources"], profile["named_sources"]
        self.summary.setText(f"{n} claim{'s' * (n != 1)} from {sources} source{'s' * (sources != 1)} "
                             f"({named} named)")
        self.sentences.setText("\n".join(profile_sentences(profile)))

    def _chain_focus(self, chosen_bar: ProfileBar | None) -> None:
        """Tab goes through the bars in the order they are drawn, the segment's claims right after
        its bar (a bar makes new segments when its counts change, and new widgets join the end)."""
        order: list[QWidget] = []
        for dimension in DIMENSIONS:
            bar = self.bars[dimension.key]
            order += bar.segments
            if bar is chosen_bar:
                order.append(self.claims)
        for before, after in zip(order, order[1:]):
            QWidget.setTabOrder(before, after)

    def _put_chosen_box_under(self, bar: ProfileBar) -> None:
        """The chosen line and the segment's claims go right under the bar of the chosen segment."""
        layout, box = self._layout, self.chosen_box
        if layout.indexOf(box) != layout.indexOf(bar) + 1:
            layout.removeWidget(box)
            layout.insertWidget(layout.indexOf(bar) + 1, box)


def dock_beside(window: QMainWindow, beside: QDockWidget, panel: SourcingPanel) -> QDockWidget:
    """The panel in its own dock, as a tab beside `beside` (the Sources tab stays in front)."""
    dock = QDockWidget("Sourcing", window, objectName="sourcingPanel")
    dock.setWidget(panel)
    window.addDockWidget(window.dockWidgetArea(beside), dock)
    window.tabifyDockWidget(beside, dock)
    window.setTabPosition(Qt.DockWidgetArea.AllDockWidgetAreas, QTabWidget.TabPosition.North)
    beside.raise_()
    return dock
