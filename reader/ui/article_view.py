"""The article: a read-only QTextBrowser with book-like typography and claim overlays.

The document holds the article text exactly (`toPlainText()` is `Article.text`), so code-point
offsets map to it through `QtOffsets`; highlights are ExtraSelections drawn over it.
Typography: a serif face, a measure of about 70 characters (the text column is centred by
the document's side margins, recomputed on resize), 135 % of the font's line spacing, space between paragraphs.
Every new text starts from blank character and block formats: QTextEdit carries the cursor's
character format into the next `setPlainText`, which once drew a whole article as the heading.
The claim reached with n / p is outlined by a box painted over the text (an ExtraSelection can
only tint and underline, and those already say the claim's kind).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor, QFont, QFontMetricsF, QKeyEvent, QMouseEvent, QPainter, QPen, QTextBlockFormat, QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QToolTip

from reader.ui.highlights import Mark, mark_at
from reader.ui.progressive_layout import ProgressiveLayout

SERIF_FAMILIES = ["Charter", "Georgia", "Source Serif 4", "Source Serif Pro", "Noto Serif", "DejaVu Serif",
                  "Liberation Serif", "Times New Roman", "serif"]
MEASURE_CHARS = 70
DEFAULT_POINT_SIZE = 13.0
MIN_POINT_SIZE, MAX_POINT_SIZE = 8.0, 32.0
LINE_HEIGHT_PERCENT = 135  # of the font's own line spacing, which is already ~1.3 em for serifs
HEADING_SCALE = 1.6  # the title line, relative to the body size
CURRENT_OUTLINE = QColor("#d55e00")  # Okabe–Ito vermillion: stands out on every claim tint, both themes
CURRENT_OUTLINE_WIDTH = 2.0
CURRENT_OUTLINE_PAD = 2.0  # pixels between the text and the box


class ArticleView(QTextBrowser):
    claimClicked = Signal(str)  # claim id under a click
    painted = Signal()  # once after each new text has been painted: the reader can see it
    scrolled = Signal()  # the visible part of the text changed (debounced)
    escapePressed = Signal()  # Esc in the text: back to every claim

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setAccessibleName("Article")
        self.setOpenLinks(False)
        self.setAcceptDrops(False)  # drops go to the window, which opens them
        self.setPlaceholderText("Open an article with File › Open (Ctrl+O), paste one with Ctrl+Shift+V, "
                                "or drop a file or a link here.")
        self.document().setUndoRedoEnabled(False)
        self._marks: list[Mark] = []
        self._tooltip_for = None  # callable: claim id -> HTML
        self._press: QPoint | None = None
        self.point_size = DEFAULT_POINT_SIZE
        self.font_families, self.measure_chars = list(SERIF_FAMILIES), MEASURE_CHARS  # Preferences
        self._title = ""
        self._announce_paint = False
        self._scroll_timer = QTimer(self, singleShot=True, interval=40)
        self._scroll_timer.timeout.connect(self.scrolled.emit)
        self.verticalScrollBar().valueChanged.connect(self._scroll_timer.start)
        self.last_tooltip = ""  # what the last hover showed (tooltips are not inspectable offscreen)
        self._current_span: tuple[int, int] | None = None  # Qt positions of the outlined claim
        self.corrected_marks = None  # paints the marks of corrected claims, when set
        self.layout_steps = ProgressiveLayout(self.document(), self)  # a long text: laid out a piece per turn
        self.layout_steps.done.connect(self._scroll_timer.start)  # more text below: overlays may be due
        self._apply_font()

    # text and typography ---------------------------------------------------------------
    def set_article_text(self, text: str, title: str = "") -> None:
        """Show a new text, laid out once: the formats go in with the text, in one edit.

        Setting the text and then formatting every block laid the whole document out once per
        pass (four at 20,000 words: ~100 ms); a block inserted with the cursor inherits the
        body format, so one insertion is one layout."""
        self.layout_steps.cancel()
        self.setExtraSelections([])
        self._marks = []
        self._current_span = None
        self._title = title
        self._announce_paint = True
        self.setCurrentCharFormat(QTextCharFormat())  # else the next text would take the heading's format
        doc = self.document()
        doc.clear()
        self._update_measure()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        cursor.setBlockFormat(self._body_format())
        cursor.setBlockCharFormat(QTextCharFormat())
        cursor.insertText(text, QTextCharFormat())
        self._format_heading(title)
        self.layout_steps.start()  # in the edit: the first layout already skips the hidden blocks
        cursor.endEditBlock()
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.setCurrentCharFormat(QTextCharFormat())  # the cursor now sits in the heading

    def _body_format(self) -> QTextBlockFormat:
        block = QTextBlockFormat()
        block.setLineHeight(LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        block.setBottomMargin(self.point_size * 0.8)
        return block

    def _format_blocks(self, title: str) -> None:
        """Line height and paragraph spacing for every block; the title line as a heading (a new size).

        Block and character *formats* only: the text, and so every offset, stay unchanged.
        """
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(self._body_format())
        self._format_heading(title)
        cursor.endEditBlock()

    def _format_heading(self, title: str) -> None:
        first = self.document().firstBlock()
        if title and first.text().strip() == title.strip():
            heading = QTextCharFormat()
            heading.setFontPointSize(self.point_size * HEADING_SCALE)
            heading.setFontWeight(QFont.Weight.Bold)
            cursor = QTextCursor(first)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(heading)
            spacing = QTextBlockFormat()
            spacing.setLineHeight(120, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            spacing.setBottomMargin(self.point_size)
            cursor.mergeBlockFormat(spacing)

    def _apply_font(self) -> None:
        font = QFont()
        font.setFamilies(self.font_families)
        font.setStyleHint(QFont.StyleHint.Serif)
        font.setPointSizeF(self.point_size)
        self.document().setDefaultFont(font)
        self._update_measure()

    def set_reading_style(self, family: str, measure_chars: int) -> None:
        """The text's font ("" for the default serifs) and line length in characters."""
        self.font_families = [family, *SERIF_FAMILIES] if family else list(SERIF_FAMILIES)
        self.measure_chars = measure_chars
        self._apply_font()

    def set_point_size(self, size: float) -> None:
        size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, float(size)))
        if size == self.point_size:
            return
        self.point_size = size
        self._apply_font()
        if self.document().characterCount() > 1:
            self._format_blocks(self._title)  # heading and spacing are stored in points: re-scale

    def paintEvent(self, event) -> None:  # noqa: ANN001, N802
        super().paintEvent(event)
        if self.corrected_marks is not None:
            self.corrected_marks.paint(self)  # the reader's corrections (reader/ui/correction_menu.py)
        if self._current_span is not None:
            self._paint_current_outline()
        if self._announce_paint:
            self._announce_paint = False
            QTimer.singleShot(0, self.painted.emit)  # after this paint has reached the screen

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802
        super().resizeEvent(event)
        self._update_measure()
        self._scroll_timer.start()

    def visible_range(self, margin_screens: float = 1.0) -> tuple[int, int]:
        """Qt positions from a screenful above the visible text to a screenful below it."""
        height = self.viewport().height()
        scrolled = self.verticalScrollBar().value()  # in document pixels
        extra = int(height * margin_screens)
        top = 0 if scrolled - extra <= 0 else self._position_at_offset(scrolled - extra)
        return top, self._position_at_offset(scrolled + height + extra)

    def first_visible_position(self) -> int:
        """The Qt position of the text at the top of the viewport."""
        return self.visible_range(margin_screens=0)[0]

    def _position_at_offset(self, y: int) -> int:
        """The document position at vertical document coordinate `y` (clamped to the text)."""
        layout = self.document().documentLayout()
        if y >= layout.documentSize().height():
            return self.layout_steps.laid_out_to()  # not the hidden blocks, which have no height yet
        position = layout.hitTest(QPointF(self.document().textWidth() / 2, y), Qt.HitTestAccuracy.FuzzyHit)
        return position if position >= 0 else self.document().characterCount()

    def _update_measure(self) -> None:
        """Centre a column about MEASURE_CHARS wide; narrow windows get a small fixed margin."""
        metrics = QFontMetricsF(self.document().defaultFont())
        column = metrics.horizontalAdvance("abcdefghijklmnopqrstuvwxyz ") / 27 * self.measure_chars
        side = max(16.0, (self.viewport().width() - column) / 2)
        root = self.document().rootFrame()
        fmt = root.frameFormat()
        if abs(fmt.leftMargin() - side) > 0.5:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            fmt.setTopMargin(24)
            fmt.setBottomMargin(48)
            root.setFrameFormat(fmt)

    # the current claim (n / p) -----------------------------------------------------------
    def set_current_span(self, span: tuple[int, int] | None) -> None:
        """Outline the claim at these Qt positions (None: no current claim)."""
        self._current_span = span
        self.viewport().update()

    def current_span(self) -> tuple[int, int] | None:
        return self._current_span

    def current_outline_rects(self) -> list[QRectF]:
        """One rectangle per line the current claim covers, in viewport coordinates."""
        return [] if self._current_span is None else self.span_rects(self._current_span)

    def span_rects(self, span: tuple[int, int]) -> list[QRectF]:
        """One rectangle per line the span (Qt positions) covers, in viewport coordinates."""
        start, end = span
        doc = self.document()
        layout = doc.documentLayout()
        dx, dy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        rects: list[QRectF] = []
        block = doc.findBlock(start)
        while block.isValid() and block.position() < end:
            origin = layout.blockBoundingRect(block).topLeft()
            text_layout = block.layout()
            for i in range(text_layout.lineCount()):
                line = text_layout.lineAt(i)
                line_start = block.position() + line.textStart()
                s, e = max(start, line_start), min(end, line_start + line.textLength())
                if s >= e:
                    continue
                x1 = line.cursorToX(s - block.position())[0]
                x2 = line.cursorToX(e - block.position())[0]
                rect = QRectF(x1, line.y(), x2 - x1, line.height()).translated(origin)
                rects.append(rect.translated(-dx, -dy).adjusted(-CURRENT_OUTLINE_PAD, 0, CURRENT_OUTLINE_PAD, 0))
            block = block.next()
        return rects

    def _paint_current_outline(self) -> None:
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(CURRENT_OUTLINE, CURRENT_OUTLINE_WIDTH))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect in self.current_outline_rects():
            painter.drawRoundedRect(rect, 3, 3)
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.escapePressed.emit()
            return
        super().keyPressEvent(event)

    # highlights ------------------------------------------------------------------------
    def set_highlights(self, selections: list[QTextEdit.ExtraSelection], marks: list[Mark]) -> None:
        self._marks = marks
        self.setExtraSelections(selections)

    def set_tooltip_provider(self, provider) -> None:  # noqa: ANN001 - callable(claim_id) -> str
        self._tooltip_for = provider

    def mark_at_point(self, point: QPoint) -> Mark | None:
        cursor = self.cursorForPosition(point)
        # cursorForPosition snaps to the nearest character: make sure the point is on it
        rect = self.cursorRect(cursor)
        if abs(rect.center().y() - point.y()) > rect.height():
            return None
        position = cursor.position()
        found = mark_at(self._marks, position)
        if found is None and position > 0:
            found = mark_at(self._marks, position - 1)  # the right half of the last character
        return found

    def scroll_to_position(self, position: int) -> None:
        self.layout_steps.finish()  # the position needs the geometry of everything above it
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        # put the claim a third of the way down rather than on the bottom edge
        rect = self.cursorRect()
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - self.viewport().height() // 3)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and self._tooltip_for is not None:
            mark = self.mark_at_point(event.pos())
            self.last_tooltip = self._tooltip_for(mark.claim_id) if mark is not None else ""
            if mark is not None:
                QToolTip.showText(event.globalPos(), self.last_tooltip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        point = event.position().toPoint()
        is_click = self._press is not None and (point - self._press).manhattanLength() < 4
        self._press = None
        if is_click and event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            mark = self.mark_at_point(point)
            if mark is not None:
                self.claimClicked.emit(mark.claim_id)
