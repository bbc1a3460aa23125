"""Work for the GUI thread done one step per turn of the event loop, never all in one call.

    steps = StagedSteps(parent)
    steps.run([first, second, third])   # `first` now, each next one on a zero-delay timer
    steps.run([...])                    # newer work: the steps still waiting are dropped
    steps.finish()                      # the waiting steps now (the user needs their result)
    steps.cancel()                      # drop them (another article replaces the one drawn)

A new analysis touches several panels, each a few milliseconds on a long article; done in one
slot they add up past a frame (16 ms) and the window stutters. Between two steps the event loop
runs: paints, input and the heartbeat of the benchmark. The same pattern as
progressive_layout.py, for a list of calls instead of blocks of text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer

Step = Callable[[], None]


class StagedSteps(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._waiting: list[Step] = []
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._next)

    @property
    def pending(self) -> bool:
        return bool(self._waiting)

    def run(self, steps: Sequence[Step], at_once: bool = False) -> None:
        """Replace the waiting steps with `steps`; the first runs now, the others a turn each
        (all now with `at_once`: an update the reader asked for and waits to see)."""
        self._waiting = list(steps)
        if at_once:
            self.finish()
        else:
            self._next()

    def finish(self) -> None:
        self._timer.stop()
        while self._waiting:
            self._waiting.pop(0)()

    def cancel(self) -> None:
        self._timer.stop()
        self._waiting = []

    def _next(self) -> None:
        if self._waiting:
            step = self._waiting.pop(0)
            if self._waiting:
                self._timer.start()  # before the step: a step that runs new steps restarts it
            step()
