"""Claims → ExtraSelections: overlays on the article, which itself is never modified.

Each claim kind has a tint *and* its own underline style, so the kinds stay apart without
colour (and in greyscale). Colours come from the Okabe–Ito palette, which stays distinct for
the common forms of colour blindness; each has a light-theme and a dark-theme variant.
Layers, bottom to top: boilerplate (greyed), claim content, cue words, source mentions.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QTextEdit

from reader.ui.offsets import QtOffsets

# QTextFormat user properties: which claim and which part of it a selection draws
CLAIM_ID = QTextFormat.Property.UserProperty + 1
PART = QTextFormat.Property.UserProperty + 2

UNDERLINE = QTextCharFormat.UnderlineStyle
WINDOWED_OVER = 600  # more overlays than this: draw only those within a screenful of the view
WINDOWED_CHARS = 40_000  # a text longer than this (~7,000 words) too


@dataclass(frozen=True)
class KindStyle:
    label: str
    light: str  # tint on a light background
    dark: str  # tint on a dark background
    line: str  # underline colour (Okabe–Ito, full strength)
    underline: QTextCharFormat.UnderlineStyle


# The Okabe–Ito palette at full strength (black aside): underlines here, the sourcing bars' segments
ORANGE, SKY_BLUE, BLUISH_GREEN, YELLOW = "#e69f00", "#56b4e9", "#009e73", "#f0e442"
BLUE, VERMILLION, REDDISH_PURPLE = "#0072b2", "#d55e00", "#cc79a7"

# direct quotes · reported speech · according to · hedged, unsourced
STYLES = {
    "direct": KindStyle("Direct quote", "#cfe6f5", "#123a57", BLUE, UNDERLINE.SingleUnderline),
    "reported": KindStyle("Reported speech", "#fbe6bf", "#4d3708", ORANGE, UNDERLINE.DashUnderline),
    "according_to": KindStyle("According to", "#c6ebdf", "#0d4234", BLUISH_GREEN, UNDERLINE.DotLine),
    "hedged": KindStyle("Hedged / unsourced", "#f3d6e6", "#4d2140", REDDISH_PURPLE, UNDERLINE.WaveUnderline),
}
KIND_FAMILY = {"direct": "direct", "indirect": "reported", "mixed": "reported",
               "according_to": "according_to", "hedged": "hedged"}
KIND_LABELS = {"direct": "direct quote", "indirect": "reported speech", "mixed": "partly quoted",
               "according_to": "according to", "hedged": "hedged"}


def family(kind: str) -> str:
    return KIND_FAMILY.get(kind, "reported")


@dataclass(frozen=True)
class Palette:
    dark: bool

    def content(self, kind: str) -> QTextCharFormat:
        style = STYLES[family(kind)]
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(style.dark if self.dark else style.light))
        fmt.setUnderlineStyle(style.underline)
        fmt.setUnderlineColor(QColor(style.line))
        return fmt

    def cue(self, kind: str) -> QTextCharFormat:
        """Cue words ("said", "according to"): a stronger tint of the kind's colour, darker text.

        ExtraSelections draw colours and underlines only (font weight and slant are ignored),
        so every distinction here is a colour *plus* a line style.
        """
        style = STYLES[family(kind)]
        fmt = QTextCharFormat()
        tint = QColor(style.line)
        tint.setAlpha(150 if self.dark else 95)
        fmt.setBackground(tint)
        fmt.setForeground(QColor("#ffffff" if self.dark else "#000000"))
        fmt.setUnderlineStyle(UNDERLINE.DashDotLine)
        fmt.setUnderlineColor(QColor("#ffffff" if self.dark else "#000000"))
        return fmt

    def mention(self) -> QTextCharFormat:
        """The words that name the source: vermillion text on a solid vermillion underline."""
        fmt = QTextCharFormat()
        colour = QColor("#ff9a4d" if self.dark else "#b34700")  # Okabe–Ito vermillion, per theme
        fmt.setForeground(colour)
        fmt.setUnderlineStyle(UNDERLINE.SingleUnderline)
        fmt.setUnderlineColor(colour)
        return fmt

    def boilerplate(self) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setForeground(QColor("#7a7a7a" if self.dark else "#9a9a9a"))
        return fmt


@dataclass(frozen=True)
class Mark:
    """A drawn span in Qt positions, for hover and click look-ups."""

    start: int
    end: int
    claim_id: str
    part: str  # "content" | "cue" | "mention"


def overlay_count(analysis, claim_ids: set[str] | None = None) -> int:  # noqa: ANN001
    return sum(len(c.content) + len(c.cue) + len(c.source_mention) for c in analysis.claims
               if claim_ids is None or c.id in claim_ids)


def windowed(analysis, claim_ids: set[str] | None, document: QTextDocument) -> bool:  # noqa: ANN001
    """Draw only the overlays around the visible text: many overlays, or a long text (whose claims
    arrive a batch at a time; each new selection far below costs its layout and repaint)."""
    return document.characterCount() > WINDOWED_CHARS or overlay_count(analysis, claim_ids) > WINDOWED_OVER


class Overlays:
    """Builds and caches the selections of one article under one palette.

    Partial results repeat every earlier claim; each claim's selections are built once (a
    QTextCursor costs tens of microseconds on a long document), so an update costs only the
    new claims plus assembling the list. A partial result carries the very claim objects of the
    one before it, followed by new ones (reader/service/protocol.py: `ClaimsReceived`): their
    keys and extents are worked out only for the claims after that common run.
    """

    def __init__(self, document: QTextDocument, offsets: QtOffsets, palette: Palette) -> None:
        self.document, self.offsets, self.palette = document, offsets, palette
        self._limit = max(document.characterCount() - 1, 0)
        self._claims: dict[tuple, tuple[list, list, list, list[Mark]]] = {}
        self._extents: dict[tuple, tuple[int, int]] = {}  # claim key → first and last Qt position
        self._boilerplate: dict[tuple, list] = {}
        self._formats: dict[tuple[str, str], QTextCharFormat] = {}
        self._last_claims: list = []  # the claims of the previous call, and their (key, extent)
        self._last_keyed: list[tuple[tuple, tuple[int, int] | None]] = []

    def _format(self, part: str, kind: str) -> QTextCharFormat:
        key = (part, family(kind) if part in ("content", "cue") else "")
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = {"content": self.palette.content, "cue": self.palette.cue,
                   "mention": lambda _k: self.palette.mention(),
                   "boilerplate": lambda _k: self.palette.boilerplate()}[part](kind)
            self._formats[key] = fmt
        return fmt

    def _selection(self, span, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection | None:  # noqa: ANN001
        start, end = self.offsets.span(span)
        start, end = min(start, self._limit), min(end, self._limit)
        if start >= end:
            return None
        cursor = QTextCursor(self.document)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        sel = QTextEdit.ExtraSelection()
        sel.cursor = cursor
        sel.format = fmt
        return sel

    @staticmethod
    def _key(claim) -> tuple:  # noqa: ANN001
        return claim.id, claim.kind, tuple(claim.content), tuple(claim.cue), tuple(claim.source_mention)

    def _extent(self, key: tuple) -> tuple[int, int] | None:
        """Qt positions of a claim's first and last character; None for a claim with no spans."""
        if key not in self._extents:
            spans = [*key[2], *key[3], *key[4]]
            self._extents[key] = (self.offsets.to_qt(min(s for s, _ in spans)),
                                  self.offsets.to_qt(max(e for _, e in spans))) if spans else None
        return self._extents[key]

    def _keyed(self, claims: list) -> list[tuple[tuple, tuple[int, int] | None]]:
        """(key, extent) of each claim, worked out only for those after the run of claims the
        previous call had too (the same objects)."""
        same = 0
        for old, new in zip(self._last_claims, claims):
            if old is not new:
                break
            same += 1
        keyed = self._last_keyed[:same]
        for claim in claims[same:]:
            key = self._key(claim)
            keyed.append((key, self._extent(key)))
        self._last_claims, self._last_keyed = list(claims), keyed
        return keyed

    def _claim(self, claim, key: tuple) -> tuple[list, list, list, list[Mark]]:  # noqa: ANN001
        built = self._claims.get(key)
        if built is None:
            layers: list[list] = [[], [], []]
            marks: list[Mark] = []
            for layer, part, spans in ((0, "content", claim.content), (1, "cue", claim.cue),
                                       (2, "mention", claim.source_mention)):
                fmt = QTextCharFormat(self._format(part, claim.kind))
                fmt.setProperty(CLAIM_ID, claim.id)
                fmt.setProperty(PART, part)
                for span in spans:
                    sel = self._selection(span, fmt)
                    if sel is not None:
                        layers[layer].append(sel)
                        marks.append(Mark(sel.cursor.selectionStart(), sel.cursor.selectionEnd(), claim.id, part))
            built = (*layers, marks)
            self._claims[key] = built
        return built

    def selections(self, analysis, claim_ids: set[str] | None = None,  # noqa: ANN001
                   visible: tuple[int, int] | None = None) -> tuple[list[QTextEdit.ExtraSelection], list[Mark]]:
        """Boilerplate, then content, cues and mentions (later layers paint over earlier ones).

        `visible` (Qt positions) limits the overlays to claims that reach into that range: a long
        article then costs the GUI thread what one screenful costs, however many claims it has.
        """
        key = tuple(map(tuple, analysis.boilerplate))
        if key not in self._boilerplate:
            fmt = self._format("boilerplate", "")
            self._boilerplate = {key: [s for s in (self._selection(sp, fmt) for sp in key) if s is not None]}
        content: list = []
        cues: list = []
        mentions: list = []
        marks: list[Mark] = []
        for claim, (claim_key, extent) in zip(analysis.claims, self._keyed(analysis.claims)):
            if claim_ids is not None and claim.id not in claim_ids:
                continue
            if visible is not None and (extent is None or extent[1] < visible[0] or extent[0] > visible[1]):
                continue
            c, q, m, k = self._claim(claim, claim_key)
            content += c
            cues += q
            mentions += m
            marks += k
        return [*self._boilerplate[key], *content, *cues, *mentions], marks


def mark_at(marks: list[Mark], position: int) -> Mark | None:
    """The innermost mark under a Qt position (mentions and cues sit inside content)."""
    best = None
    for m in marks:
        if m.start <= position < m.end and (best is None or m.end - m.start < best.end - best.start):
            best = m
    return best


def fill_legend(document: QTextDocument, palette: Palette) -> None:
    """Write the legend into its own small document with the very formats the article uses."""
    document.clear()
    cursor = QTextCursor(document)
    plain = QTextCharFormat()
    for name, style in STYLES.items():
        kind = next(k for k, f in KIND_FAMILY.items() if f == name)
        cursor.insertText(style.label, palette.content(kind))
        cursor.insertText("   ", plain)
    cursor.insertText("source", palette.mention())
    cursor.insertText("   ", plain)
    cursor.insertText("cue", palette.cue("direct"))
    cursor.insertText("   ", plain)
    cursor.insertText("boilerplate", palette.boilerplate())
