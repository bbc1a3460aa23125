"""The stacked bars of the Sourcing tab: one bar per dimension of the sourcing profile, its segments,
how they are painted, the keyboard and what assistive technology hears.

    bar = ProfileBar(dimension)               # one of DIMENSIONS
    bar.set_breakdown(breakdown, chosen)      # profile[dimension.key]; the Segment drawn as chosen (or None)
    bar.segments                              # [SegmentButton]: .segment, .label, .count, .share, .chosen
    bar.segmentChosen                         # Segment, or None: the chosen one was chosen again
    bar.legend_entries(width)                 # [(swatch rect, SegmentButton, text)]: the legend under it

A segment is a category with its claims; its width is its share, its count is written in it when
it fits and always in the legend under the bar. Colours are the Okabe–Ito hues of the highlights
(reader/ui/highlights.py): a claim kind has the very colour of its highlight underline, "partly
quoted" (which shares the reported-speech colour) is hatched as well. Text and outlines use palette
roles, so a bar follows a dark palette; a label inside a segment is black or white, whichever
contrasts more with the segment. Every segment and legend swatch has a 1 px outline in the window
text colour softened towards the window (`edge_colour`), at least EDGE_CONTRAST against the window:
a hue that is faint on the window (blue on a dark one, yellow on a light one) still has an edge
that meets WCAG's 3:1 for graphics.

The keyboard: Tab reaches a bar (its current segment), Left / Right / Home / End move between its
segments, Enter or Space chooses one. Every bar and segment has an accessible name and description.
A bar keeps no selection of its own: it emits what was clicked and draws what it is told.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush, QColor, QFocusEvent, QFont, QFontMetrics, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen, QResizeEvent,
)
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget

from reader.analysis.profile import UNSOURCED, percent
from reader.ui import highlights
from reader.ui.highlights import (
    BLUE, BLUISH_GREEN, KIND_LABELS, ORANGE, REDDISH_PURPLE, SKY_BLUE, VERMILLION, YELLOW,
)
from reader.ui.plain_text import plain_tooltip

BAR_HEIGHT = 26
MIN_SEGMENT_WIDTH = 6  # a single claim among hundreds still gets a segment you can click
LEGEND_GAP = 6  # between the bar and its legend
SWATCH = 11  # legend square, px
LEGEND_SPACING = 12  # between legend entries
LABEL_PADDING = 4  # room around a count written inside a segment
HATCH_ALPHA = 110
NEUTRAL = ""  # the hue of anonymous sources: the palette's text colour (black on light, light on dark)
UNKNOWN_ROLE = QPalette.ColorRole.Mid  # a category the panel has no hue for
BLACK, WHITE = QColor("#000000"), QColor("#ffffff")
EDGE_CONTRAST = 4.5  # a segment's outline against the window: WCAG asks 3:1 of graphics; room for rounding
EDGE_STEPS = 20  # how finely edge_colour softens the window text colour
KEYS_HINT = "Left and Right move between the segments; Enter or Space highlights a segment's claims."
SEGMENT_KEYS_HINT = "Left and Right move to the other segments of the bar."


class Segment(NamedTuple):
    dimension: str  # a breakdown of the profile: "by_source_kind", "by_claim_kind", "by_cue_class"
    category: str  # one of its categories ("anonymous", "direct", "hedge" …)


class Dimension(NamedTuple):
    key: str
    title: str  # above the bar
    accessible: str  # the bar's accessible name
    labels: dict[str, str]  # category → what the legend calls it
    hues: dict[str, str]  # category → Okabe–Ito hue (NEUTRAL: the palette's text colour)


SOURCE_KIND_LABELS = {"person": "named people", "media": "media", "organization": "organisations",
                      "government": "government", "unnamed_group": "unnamed groups", "anonymous": "anonymous",
                      "document": "documents", UNSOURCED: "no source (hedged)"}
CLAIM_KIND_HUES = {kind: highlights.STYLES[highlights.family(kind)].line for kind in KIND_LABELS}
DIMENSIONS = (
    Dimension("by_source_kind", "Who is quoted", "Claims by kind of source", SOURCE_KIND_LABELS,
              {"person": BLUE, "media": ORANGE, "organization": BLUISH_GREEN, "government": SKY_BLUE,
               "document": YELLOW, "unnamed_group": VERMILLION, "anonymous": NEUTRAL, UNSOURCED: REDDISH_PURPLE}),
    Dimension("by_claim_kind", "How it is reported", "Claims by kind of claim", KIND_LABELS, CLAIM_KIND_HUES),
    Dimension("by_cue_class", "What the cue conveys", "Claims by cue class", {},
              {"speech": BLUE, "belief": ORANGE, "intention": SKY_BLUE, "evidence": BLUISH_GREEN,
               "decree": VERMILLION, "perception": YELLOW, "hedge": REDDISH_PURPLE}),
)


def _hatched(dimension: Dimension, category: str) -> bool:
    """True for a category sharing its hue with an earlier one of the bar (it gets stripes too)."""
    hue = dimension.hues.get(category)
    earlier = list(dimension.hues)[:list(dimension.hues).index(category)] if category in dimension.hues else []
    return any(dimension.hues[c] == hue for c in earlier)


def luminance(colour: QColor) -> float:
    """WCAG relative luminance."""
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def label_colour(fill: QColor) -> QColor:
    """Black or white, whichever reads better on `fill`."""
    return BLACK if contrast(BLACK, fill) >= contrast(WHITE, fill) else WHITE


def edge_colour(palette: QPalette) -> QColor:
    """The outline of segments and swatches: the window text colour, softened towards the window as
    far as it keeps EDGE_CONTRAST against it (the text colour itself if it has no more than that)."""
    ink, ground = palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window)
    edge = ink
    for step in range(1, EDGE_STEPS):
        t = step / EDGE_STEPS
        mixed = QColor.fromRgbF(*(a + (b - a) * t for a, b in zip(ink.getRgbF()[:3], ground.getRgbF()[:3])))
        if contrast(mixed, ground) < EDGE_CONTRAST:
            break
        edge = mixed
    return edge


def stripes(colour: QColor) -> QBrush:
    """The diagonal stripes over a hue that another category of the bar has too."""
    faint = QColor(colour)
    faint.setAlpha(HATCH_ALPHA)
    return QBrush(faint, Qt.BrushStyle.BDiagPattern)


class SegmentButton(QAbstractButton):
    """One category of a bar: a coloured box, its count inside when it fits."""

    def __init__(self, bar: ProfileBar, segment: Segment, label: str, count: int, share: float) -> None:
        super().__init__(bar)
        self.bar, self.segment, self.label, self.count, self.share = bar, segment, label, count, share
        self.chosen = False
        self.setObjectName(f"segment-{segment.category}")
        self.setToolTip(plain_tooltip(f"{label}: {count} claim{'s' * (count != 1)} ({percent(share)}) — "
                                      "click to highlight them"))
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._describe()

    def _describe(self) -> None:
        n = self.count
        self.setAccessibleName(f"{self.label}: {n} claim{'s' * (n != 1)}, {percent(self.share)}")
        now = "These claims are highlighted now; Enter shows every claim again." if self.chosen else \
            "Enter highlights only these claims."
        self.setAccessibleDescription(f"{now} {SEGMENT_KEYS_HINT}")

    def set_chosen(self, chosen: bool) -> None:
        if chosen != self.chosen:
            self.chosen = chosen
            self._describe()
            self.update()

    def fill_colour(self) -> QColor:
        hue = self.bar.dimension.hues.get(self.segment.category)
        if hue is None:
            return self.palette().color(UNKNOWN_ROLE)
        return self.palette().color(QPalette.ColorRole.WindowText) if hue == NEUTRAL else QColor(hue)

    def text_colour(self) -> QColor:
        return label_colour(self.fill_colour())

    def count_fits(self) -> bool:
        return self.fontMetrics().horizontalAdvance(str(self.count)) + 2 * LABEL_PADDING <= self.width()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(MIN_SEGMENT_WIDTH, BAR_HEIGHT)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        fill = self.fill_colour()
        box = self.rect().adjusted(0, 0, -1, 0)  # one pixel of the window shows between segments
        p.fillRect(box, fill)
        if _hatched(self.bar.dimension, self.segment.category):
            p.fillRect(box, stripes(self.text_colour()))
        if self.count_fits():
            p.setPen(self.text_colour())
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, str(self.count))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(edge_colour(self.palette()), 1))  # the edge reads on the window whatever the hue
        p.drawRect(box.adjusted(0, 0, -1, -1))
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        if self.chosen:  # a thick frame in the text colour, and a thin one inside in the window colour
            p.setPen(QPen(ink, 3))
            p.drawRect(box.adjusted(1, 1, -2, -2))
            p.setPen(QPen(self.palette().color(QPalette.ColorRole.Window), 1))
            p.drawRect(box.adjusted(3, 3, -4, -4))
        if self.hasFocus():
            p.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DashLine))
            p.drawRect(box.adjusted(1, 1, -2, -2))
        p.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        moves = {Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1, Qt.Key.Key_Right: +1, Qt.Key.Key_Down: +1}
        if event.key() in moves:
            self.bar.focus_step(self, moves[event.key()])
        elif event.key() in (Qt.Key.Key_Home, Qt.Key.Key_End):
            self.bar.focus_end(event.key() == Qt.Key.Key_End)
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
        else:
            super().keyPressEvent(event)  # Space clicks too

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.bar.make_current(self)


class ProfileBar(QWidget):
    """One stacked bar with its legend ("named people 5 · media 2 …") drawn under it."""

    segmentChosen = Signal(object)  # Segment

    def __init__(self, dimension: Dimension, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dimension = dimension
        self.segments: list[SegmentButton] = []
        self._total = 0
        self.setObjectName(f"bar-{dimension.key}")
        self.setAccessibleName(dimension.accessible)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_breakdown(self, breakdown: dict[str, dict[str, Any]], chosen: Segment | None) -> None:
        shown = [(c, e) for c, e in breakdown.items() if e["count"]]
        same = [(s.segment.category, s.count) for s in self.segments] == [(c, e["count"]) for c, e in shown]
        if not same:
            current = next((s.segment.category for s in self.segments if s.focusPolicy() & Qt.FocusPolicy.TabFocus),
                           None)
            had_focus = any(s.hasFocus() for s in self.segments)
            for old in self.segments:
                old.hide()  # until the event loop deletes it, it would still be drawn (and grabbed)
                old.deleteLater()
            self.segments = []
            for category, entry in shown:
                label = self.dimension.labels.get(category, category.replace("_", " "))
                button = SegmentButton(self, Segment(self.dimension.key, category), label, entry["count"],
                                       entry["share"])
                button.clicked.connect(self._on_clicked)
                button.show()
                self.segments.append(button)
            self._total = sum(e["count"] for _c, e in shown)
            keep = next((s for s in self.segments if s.segment.category == current), None)
            if self.segments:
                self.make_current(keep or self.segments[0])
                if had_focus:
                    (keep or self.segments[0]).setFocus()
            self._place()
            self.updateGeometry()
        for s in self.segments:
            s.set_chosen(s.segment == chosen)
        described = ", ".join(f"{s.label} {s.count}" for s in self.segments) or "no claims"
        self.setAccessibleDescription(f"{described}. {KEYS_HINT}")
        self.update()

    # keyboard: one segment of the bar is in the Tab chain (the current one), arrows move it ----
    def make_current(self, segment: SegmentButton) -> None:
        for s in self.segments:
            s.setFocusPolicy(Qt.FocusPolicy.StrongFocus if s is segment else Qt.FocusPolicy.ClickFocus)

    def focus_step(self, segment: SegmentButton, step: int) -> None:
        index = self.segments.index(segment) + step
        if 0 <= index < len(self.segments):
            self.segments[index].setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_end(self, last: bool) -> None:
        if self.segments:
            self.segments[-1 if last else 0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_clicked(self) -> None:
        button = self.sender()
        if isinstance(button, SegmentButton):
            self.segmentChosen.emit(None if button.chosen else button.segment)  # chosen again: every claim

    # geometry ---------------------------------------------------------------------------------
    def _place(self) -> None:
        """Widths by share, each at least MIN_SEGMENT_WIDTH; the last one takes what rounding left."""
        width, n = self.width(), len(self.segments)
        if not n:
            return
        spare = max(width - MIN_SEGMENT_WIDTH * n, 0)
        x = 0
        for i, s in enumerate(self.segments):
            w = width - x if i == n - 1 else MIN_SEGMENT_WIDTH + round(spare * s.count / self._total)
            s.setGeometry(QRect(x, 0, max(w, 0), BAR_HEIGHT))
            x += w

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place()

    def legend_entries(self, width: int) -> list[tuple[QRect, SegmentButton, str]]:
        """Where each legend entry goes: (swatch rect, its segment, its text), wrapped to `width`."""
        fm = self.fontMetrics()
        bold = QFont(self.font())
        bold.setBold(True)
        row_height = max(fm.height(), SWATCH) + 2
        x, y = 0, BAR_HEIGHT + LEGEND_GAP
        placed = []
        for s in self.segments:
            text = f"{s.label} {s.count}"
            w = SWATCH + 5 + (QFontMetrics(bold) if s.chosen else fm).horizontalAdvance(text)
            if x and x + w > width:
                x, y = 0, y + row_height
            placed.append((QRect(x, y + (row_height - SWATCH) // 2, SWATCH, SWATCH), s, text))
            x += w + LEGEND_SPACING
        return placed

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        legend = self.legend_entries(width)
        if not legend:
            return BAR_HEIGHT
        return legend[-1][0].bottom() + (max(self.fontMetrics().height(), SWATCH) + 2 - SWATCH) // 2 + 2

    def sizeHint(self) -> QSize:  # noqa: N802
        width = max(self.width(), 200)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(MIN_SEGMENT_WIDTH * max(len(self.segments), 1), BAR_HEIGHT)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        edge = edge_colour(self.palette())
        for swatch, s, text in self.legend_entries(self.width()):
            p.fillRect(swatch, s.fill_colour())
            if _hatched(self.dimension, s.segment.category):
                p.fillRect(swatch, stripes(s.text_colour()))
            p.setPen(edge)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(swatch.adjusted(0, 0, -1, -1))
            p.setPen(ink)
            font = self.font()
            font.setBold(s.chosen)  # the chosen segment's entry stands out in the legend too
            p.setFont(font)
            p.drawText(QRect(swatch.right() + 5, swatch.center().y() - self.fontMetrics().height() // 2,
                             self.width(), self.fontMetrics().height()), Qt.AlignmentFlag.AlignLeft, text)
        p.end()
