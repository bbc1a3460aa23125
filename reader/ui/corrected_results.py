"""The analysis process's results with the reader's edits on top, worked out off the GUI thread.

    results = CorrectedResults(corrections, parent)   # corrections: the session's CorrectionsState
    results.ready.connect(on_ready)                   # (Analysis shown, the engine's, final), on the GUI thread
    results.show(analysis, final)                     # a newer one drops a result still being worked out
    results.drop()                                    # another article: nothing pending is shown
    results.close()

With no edits (no corrections, no notes on claims) a result is ready at once. With some, putting
them on top (a deep copy of the analysis, the edits, the objects again) is ~10 ms of pure Python
at 20,000 words, per partial result: it runs on a thread of its own, which only hands the
result back through `_workedOut`, a signal to a bound method of this (GUI-thread) object.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal, Slot

from reader.analysis import Analysis
from reader.ui.corrections_state import Corrected, CorrectionsState

log = logging.getLogger("reader.ui.corrected_results")


class CorrectedResults(QObject):
    ready = Signal(object, object, bool)  # Analysis with the edits on top, the engine's under them, final
    _workedOut = Signal(int, object, bool)  # from the worker: request number, Corrected (None: failed), final

    def __init__(self, corrections: CorrectionsState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.corrections = corrections
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="corrected-results")
        self._latest = 0  # number of the newest result asked for; older ones are dropped
        self._pending: dict[int, Analysis] = {}  # the engine's analysis of the one being worked out
        self._workedOut.connect(self._on_worked_out)  # queued: emitted on the worker's thread

    @property
    def pending(self) -> bool:
        return bool(self._pending)

    def show(self, analysis: Analysis, final: bool) -> None:
        self._latest += 1
        self._pending = {}
        if not self.corrections.has_edits():
            self.ready.emit(self.corrections.corrected(analysis, final), analysis, final)
            return
        number, job = self._latest, self.corrections.job(analysis, final)
        self._pending = {number: analysis}

        def work() -> None:
            try:
                result = job()
            except Exception:  # noqa: BLE001 - worked out again on the GUI thread, which reports it
                log.exception("corrections not applied off the GUI thread")
                result = None
            self._workedOut.emit(number, result, final)

        self._pool.submit(work)

    def drop(self) -> None:
        self._latest += 1
        self._pending = {}

    @Slot(int, object, bool)
    def _on_worked_out(self, number: int, result: Corrected | None, final: bool) -> None:
        analysis = self._pending.pop(number, None)
        if analysis is None:
            return  # a newer result, or another article, came meanwhile
        shown = self.corrections.adopt(result) if result is not None else self.corrections.corrected(analysis, final)
        self.ready.emit(shown, analysis, final)

    def close(self) -> None:
        self.drop()
        self._pool.shutdown(wait=True)
