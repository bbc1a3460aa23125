"""Small widgets the main window shows around the article, each with one job.

`ColourLegend`: one line above the article naming what each highlight colour means, written
with the very formats the article uses (highlights.fill_legend), redrawn for light or dark.
`AnalysisStatus`: the status bar's permanent part — the analysis progress (paragraphs done) and
the language model's state.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QTextBrowser, QWidget

from reader.ui import highlights
from reader.ui.plain_text import plain_tooltip

LEGEND_MARGIN = 6  # px around the legend's one line
LEGEND_PADDING = 16  # px added to the line height: the margins and the frame
PROGRESS_WIDTH = 180
MODEL_STATES = {"loading": "Loading language model…", "ready": "Language model ready", "idle": ""}


class ColourLegend(QTextBrowser):
    def __init__(self) -> None:
        super().__init__(objectName="legend")
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName("Legend of the highlights")

    def show_palette(self, palette: highlights.Palette) -> None:
        highlights.fill_legend(self.document(), palette)
        self.document().setDocumentMargin(LEGEND_MARGIN)
        self.setLineWrapMode(QTextBrowser.LineWrapMode.NoWrap)
        # one line; measured from the font, since the document has no width before the first show
        self.setFixedHeight(self.fontMetrics().lineSpacing() + LEGEND_PADDING)


class AnalysisStatus(QWidget):
    """`progress` (hidden unless an analysis runs) and `model_label`, side by side."""

    def __init__(self) -> None:
        super().__init__(objectName="analysisStatus")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.progress = QProgressBar(objectName="analysisProgress")
        self.progress.setMaximumWidth(PROGRESS_WIDTH)
        self.progress.setFormat("%v / %m paragraphs")
        self.progress.hide()
        self.model_label = QLabel(objectName="modelStatus")
        row.addWidget(self.progress)
        row.addWidget(self.model_label)

    def started(self) -> None:
        self.progress.setRange(0, 0)  # busy until the first batch says how many paragraphs
        self.progress.show()

    def advanced(self, done: int, total: int) -> None:
        self.progress.setUpdatesEnabled(False)  # setValue repaints at once, and with it the whole window:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setUpdatesEnabled(True)  # this way it is painted with the next frame instead

    def stopped(self) -> None:
        self.progress.hide()

    def show_model_state(self, state: str) -> bool:
        """The label for a known state; False for anything else (a message the window shows)."""
        known = state in MODEL_STATES
        self.model_label.setText(MODEL_STATES.get(state, "Language model unavailable"))
        self.model_label.setToolTip("" if known else plain_tooltip(state))
        return known
