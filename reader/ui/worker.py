"""Two long-lived worker threads behind one small API: one analyses, one reads documents.

    worker = BackgroundWorker(engine_factory)
    request_id = worker.analyze(text)      # → analysisProgress / analysisFinished / analysisFailed
    request_id = worker.load(path_or_url)  # → articleLoaded / loadFailed
    # every signal is emitted on the GUI thread

The public API is the analysis-client interface shared with the analysis process client
(`AnalysisClient`), so the reading session can construct either in one place.

Only `BackgroundWorker` (a GUI-thread QObject) is visible to the window. It sends requests to a
`_PipelineWorker` (the analysis thread, owns the engine) and a `_DocumentReader` (the load
thread) through queued signals, receives their results in its own bound methods (so they are
queued to the GUI thread: a lambda would run in the worker thread), drops stale ones and
re-emits the rest. Tests wait on the re-emitted signals, never on the threads' own
(pytest-qt cannot wait on a signal emitted from another thread).

Loads and analyses each have their own "newest request" (issue 10): an analysis that starts
after the user asked for a URL must not make that load stale, and a load is never queued
behind a running analysis. A newer analysis cancels an older one between paragraph batches;
queued requests that are already stale are skipped.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from reader.service.errors import is_model_error, message_for
from reader.service.requests import PARAGRAPH_BATCH, PROGRESS_INTERVAL_S, WARM_UP_TEXT, Newest, default_engine
from reader.ui.analysis_signals import AnalysisSignals

log = logging.getLogger("reader.ui.worker")

SHUT_DOWN = -1  # a "newest request" no request can have: everything still queued is stale
_leaked_threads: list[QThread] = []  # threads that would not stop in time: never destroy them running


class _PipelineWorker(QObject):
    """Lives in the analysis thread and owns the engine; never touches a widget."""

    progressed = Signal(int, object)  # request id, (done, total, Analysis)
    finished = Signal(int, object)  # request id, Analysis
    failed = Signal(int, str)  # request id, message for the user
    modelState = Signal(str)  # "loading" | "ready" | "idle" | message of a failed load

    def __init__(self, engine_factory: Callable[[], Any], newest: Newest) -> None:
        super().__init__()
        self._engine_factory = engine_factory
        self._engine = None
        self._newest = newest
        self._model_ready = False

    def _engine_instance(self):  # noqa: ANN202
        if self._engine is None:
            self._engine = self._engine_factory()
        return self._engine

    @Slot()
    def warm_up(self) -> None:
        """Load the model; a failure is reported once (and again by the analysis that needs it)."""
        if self._model_ready:
            return
        self.modelState.emit("loading")
        try:
            for _ in self._engine_instance().analyze_progressively(WARM_UP_TEXT):
                pass
        except Exception as exc:  # noqa: BLE001 - reported, never raised into Qt
            log.warning("model warm-up failed: %s", exc)
            # a model that will not load is news now; any other failure comes back with the analysis
            self.modelState.emit(message_for(exc) if is_model_error(exc) else "idle")
            return
        self._model_ready = True
        self.modelState.emit("ready")

    @Slot(int, str)
    def analyze(self, request_id: int, text: str) -> None:
        if self._newest.stale(request_id):
            return  # a newer request is already queued behind this one
        try:
            self._analyze(request_id, text)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a message
            log.exception("analysis failed")
            if not self._model_ready:
                self.modelState.emit(message_for(exc) if is_model_error(exc) else "idle")
            self.failed.emit(request_id, message_for(exc))

    def _analyze(self, request_id: int, text: str) -> None:
        if not self._model_ready:
            self.modelState.emit("loading")
        last = None
        last_sent = 0.0
        for progress in self._engine_instance().analyze_progressively(
                text, batch_size=PARAGRAPH_BATCH, cancelled=lambda: self._newest.stale(request_id)):
            if not self._model_ready:
                self._model_ready = True
                self.modelState.emit("ready")
            if self._newest.stale(request_id):
                return
            last = progress
            now = time.monotonic()
            if progress.done < progress.total and now - last_sent >= PROGRESS_INTERVAL_S:
                # throttled: each partial is a copy of everything so far, and redrawn in the GUI
                last_sent = now
                self.progressed.emit(request_id, (progress.done, progress.total, _copy(progress.analysis)))
        if last is not None and not self._newest.stale(request_id):
            # a private copy: the engine may keep objects it mutates in this thread
            final = _copy(last.analysis)
            self.progressed.emit(request_id, (last.done, last.total, final))
            self.finished.emit(request_id, final)


class _DocumentReader(QObject):
    """Lives in the load thread: reads files and fetches URLs (which block for seconds)."""

    loaded = Signal(int, object)  # request id, Article
    failed = Signal(int, str)  # request id, message for the user

    def __init__(self, newest: Newest) -> None:
        super().__init__()
        self._newest = newest

    @Slot()
    def prepare(self) -> None:
        """Import the library code here rather than on the GUI thread (sqlite-utils takes ~0.3 s)."""
        try:
            import reader.store  # noqa: F401
        except Exception:  # noqa: BLE001 - the GUI reports it when it opens the library
            log.exception("store import failed")

    @Slot(int, str)
    def load(self, request_id: int, target: str) -> None:
        if self._newest.stale(request_id):
            return
        try:
            article = _load_document(target)
        except Exception as exc:  # noqa: BLE001
            log.info("could not load %s: %s", target, exc)
            self.failed.emit(request_id, message_for(exc))
            return
        if not self._newest.stale(request_id):
            self.loaded.emit(request_id, article)


def _load_document(target: str):  # noqa: ANN202
    from reader.documents import load

    return load(target)


def _copy(analysis):  # noqa: ANN001, ANN202
    return type(analysis).from_dict(analysis.to_dict())


def _started_thread(name: str, worker: QObject) -> QThread:
    thread = QThread()
    thread.setObjectName(name)
    worker.moveToThread(thread)
    thread.start()
    return thread


class BackgroundWorker(AnalysisSignals):
    """The GUI-side face of the two threads. Every signal here is emitted on the GUI thread."""


    _analyzeRequested = Signal(int, str)
    _warmUpRequested = Signal()
    _loadRequested = Signal(int, str)
    _prepareRequested = Signal()

    def __init__(self, engine_factory: Callable[[], Any] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._newest_analysis = Newest()
        self._newest_load = Newest()
        self._next_id = 0  # one sequence for both kinds: an id never names two requests
        self._pipeline = _PipelineWorker(engine_factory or default_engine, self._newest_analysis)
        self._reader = _DocumentReader(self._newest_load)
        # requests: queued into the worker threads (the receivers live there)
        self._analyzeRequested.connect(self._pipeline.analyze)
        self._warmUpRequested.connect(self._pipeline.warm_up)
        self._loadRequested.connect(self._reader.load)
        self._prepareRequested.connect(self._reader.prepare)
        # results: bound methods of this GUI-thread object, hence queued to the GUI thread
        self._pipeline.progressed.connect(self._on_progressed)
        self._pipeline.finished.connect(self._on_finished)
        self._pipeline.failed.connect(self._on_analysis_failed)
        self._pipeline.modelState.connect(self._on_model_state)
        self._reader.loaded.connect(self._on_loaded)
        self._reader.failed.connect(self._on_load_failed)
        self._threads = [_started_thread("analysisWorker", self._pipeline),
                         _started_thread("documentReader", self._reader)]

    # requests ----------------------------------------------------------------------------
    def prepare(self, load_model: bool = True) -> None:
        """Pre-import the library code (load thread) and, if asked, load the model (analysis thread)."""
        self._prepareRequested.emit()
        if load_model:
            self.warm_up()

    def warm_up(self) -> None:
        self._warmUpRequested.emit()

    def analyze(self, text: str) -> int:
        """Analyse `text`; the analysis before it stops at its next batch. Returns the request id."""
        request_id = self._new_id()
        self._newest_analysis.value = request_id
        self._analyzeRequested.emit(request_id, text)
        return request_id

    def load(self, target: str) -> int:
        """Read a path or URL into an `Article`; supersedes older loads (never an analysis)."""
        request_id = self._new_id()
        self._newest_load.value = request_id
        self._loadRequested.emit(request_id, target)
        return request_id

    def cancel_analysis(self) -> None:
        """The running analysis stops at its next batch; nothing of it is emitted any more."""
        self._newest_analysis.value = self._new_id()

    def is_current_analysis(self, request_id: int) -> bool:
        return not self._newest_analysis.stale(request_id)

    def is_current_load(self, request_id: int) -> bool:
        return not self._newest_load.stale(request_id)

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Cancel, stop both threads and wait for them (a model load cannot be interrupted)."""
        self._newest_analysis.value = self._newest_load.value = SHUT_DOWN
        for thread in self._threads:
            thread.quit()
        for thread in self._threads:
            if thread.isRunning() and not thread.wait(timeout_ms):
                log.warning("%s still busy after %d ms; leaving it to finish", thread.objectName(), timeout_ms)
                _leaked_threads.append(thread)

    # results (queued to the GUI thread) ---------------------------------------------------
    @Slot(int, object)
    def _on_progressed(self, request_id: int, payload: tuple) -> None:
        if self.is_current_analysis(request_id):
            done, total, analysis = payload
            self.analysisProgress.emit(request_id, done, total, analysis)

    @Slot(int, object)
    def _on_finished(self, request_id: int, analysis: object) -> None:
        if self.is_current_analysis(request_id):
            self.analysisFinished.emit(request_id, analysis)

    @Slot(int, str)
    def _on_analysis_failed(self, request_id: int, message: str) -> None:
        if self.is_current_analysis(request_id):
            self.analysisFailed.emit(request_id, message)

    @Slot(int, object)
    def _on_loaded(self, request_id: int, article: object) -> None:
        if self.is_current_load(request_id):
            self.articleLoaded.emit(request_id, article)

    @Slot(int, str)
    def _on_load_failed(self, request_id: int, message: str) -> None:
        if self.is_current_load(request_id):
            self.loadFailed.emit(request_id, message)

    @Slot(str)
    def _on_model_state(self, state: str) -> None:
        self.modelState.emit(state)
