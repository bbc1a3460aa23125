"""A long text laid out a piece per turn of the event loop, never all at once.

    reveal = ProgressiveLayout(document, parent)
    reveal.start()        # right after the text went in: blocks past the first screens are hidden
    reveal.finish()       # before anything needs the geometry of the whole text (scrolling to a claim)
    reveal.done           # emitted once every block is laid out

Qt lays a new document out lazily, but in steps that double up to 200,000 characters, so the last
steps of a 20,000-word article each block the GUI thread for tens of milliseconds. Here blocks past
FIRST_CHARS are made invisible (the layout skips them: no lines, no height) and shown again
STEP_CHARS at a time on a zero-delay timer, each step a small relayout of just those blocks.

The text itself is never touched: `toPlainText()`, positions and cursors are the same throughout,
so offsets, overlays and find work at once; only geometry (block rectangles, hit tests) of a block
not yet revealed is empty until it is.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextBlock, QTextDocument

FIRST_CHARS = 12_000  # laid out at once: a few screens from the top, which is what is shown first
STEP_CHARS = 6_000  # per turn of the event loop: a few milliseconds of layout


class ProgressiveLayout(QObject):
    done = Signal()

    def __init__(self, document: QTextDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._next = QTextBlock()  # the first block still hidden; invalid when every block shows
        self._timer = QTimer(self, singleShot=False, interval=0)
        self._timer.timeout.connect(self._step)

    @property
    def pending(self) -> bool:
        return self._next.isValid()

    def laid_out_to(self) -> int:
        """The position up to which the text has geometry (the whole text once done)."""
        return self._next.position() if self._next.isValid() else self.document.characterCount()

    def start(self) -> None:
        """Hide every block that starts past FIRST_CHARS; call it before the first layout of the text."""
        self._timer.stop()
        first = self.document.findBlock(FIRST_CHARS)  # invalid for a shorter text: nothing to hide
        self._next = first.next() if first.isValid() else QTextBlock()
        block = self._next
        while block.isValid():
            block.setVisible(False)
            block = block.next()
        if self._next.isValid():
            self._timer.start()

    def _step(self, chars: int | None = STEP_CHARS) -> None:
        block = self._next
        if not block.isValid():
            self._timer.stop()
            return
        start = block.position()
        end = start + chars if chars is not None else None
        while block.isValid() and (end is None or block.position() < end):
            block.setVisible(True)
            last = block
            block = block.next()
        self._next = block
        self.document.markContentsDirty(start, last.position() + last.length() - start)  # lays those out
        if not block.isValid():
            self._timer.stop()
            self.done.emit()

    def finish(self) -> None:
        """Show (and lay out) every block still hidden, now."""
        if self.pending:
            self._step(None)

    def cancel(self) -> None:
        """Another text replaces this one (its blocks are all new and visible)."""
        self._timer.stop()
        self._next = QTextBlock()
