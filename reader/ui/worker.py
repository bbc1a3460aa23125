"""One long-lived worker thread that owns the language pipeline, behind one small API.

    worker = BackgroundWorker(engine_factory)
    request_id = worker.analyze(text)      # or worker.load(url)
    # → analysisProgress / analysisFinished / articleLoaded / failed, on the GUI thread

Only `BackgroundWorker` (a GUI-thread QObject) is visible to the window. It sends requests to a
`_PipelineWorker` living in the thread through queued signals, receives the results in its own
bound methods (so they are queued to the GUI thread: a lambda would run in the worker thread),
drops stale ones and re-emits the rest. Tests wait on the re-emitted signals, never on the
worker's own (pytest-qt cannot wait on a signal emitted from another thread).

A newer request cancels an older one: the worker checks the latest request id between
paragraph batches and skips queued requests that are already stale.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger("reader.ui.worker")

PROGRESS_INTERVAL_S = 0.25  # partial results at most this often (the final one always)
WARM_UP_TEXT = "The harbour master said the ferries were running again."
_leaked_threads: list[QThread] = []  # threads that would not stop in time: never destroy them running


class _Latest:
    """The newest request id, shared by both threads (reading one int is atomic under the GIL)."""

    def __init__(self) -> None:
        self.value = 0


def default_engine():  # noqa: ANN201 - imported lazily: keeps spaCy out of start-up
    from reader.analysis import AttributionEngine

    return AttributionEngine()


class _PipelineWorker(QObject):
    """Lives in the worker thread; never touches a widget."""

    progressed = Signal(int, object)  # request id, (done, total, Analysis)
    finished = Signal(int, object)  # request id, Analysis
    loaded = Signal(int, object)  # request id, Article
    failed = Signal(int, str)  # request id, message for the user
    modelState = Signal(str)  # "loading" | "ready" | "idle" | message of a failed load

    def __init__(self, engine_factory: Callable[[], Any], latest: _Latest) -> None:
        super().__init__()
        self._engine_factory = engine_factory
        self._engine = None
        self._latest = latest
        self._model_ready = False

    def _stale(self, request_id: int) -> bool:
        return request_id != self._latest.value

    def _engine_instance(self):  # noqa: ANN202
        if self._engine is None:
            self._engine = self._engine_factory()
        return self._engine

    @Slot(bool)
    def prepare(self, load_model: bool) -> None:
        """Import the library code here rather than on the GUI thread (sqlite-utils takes ~0.3 s),
        so the window paints first; then, if asked, load the model before the first article needs it."""
        try:
            import reader.store  # noqa: F401
        except Exception:  # noqa: BLE001 - the GUI reports it when it opens the library
            log.exception("store import failed")
        if load_model:
            self.warm_up()

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
            self.modelState.emit(_message(exc) if _is_model_error(exc) else "idle")
            return
        self._model_ready = True
        self.modelState.emit("ready")

    @Slot(int, str)
    def analyze(self, request_id: int, text: str) -> None:
        if self._stale(request_id):
            return  # a newer request is already queued behind this one
        try:
            if not self._model_ready:
                self.modelState.emit("loading")
            last = None
            last_sent = 0.0
            for progress in self._engine_instance().analyze_progressively(
                    text, batch_size=8, cancelled=lambda: self._stale(request_id)):
                if not self._model_ready:
                    self._model_ready = True
                    self.modelState.emit("ready")
                if self._stale(request_id):
                    return
                last = progress
                now = time.monotonic()
                if progress.done < progress.total and now - last_sent >= PROGRESS_INTERVAL_S:
                    # throttled: each partial is a copy of everything so far, and redrawn in the GUI
                    last_sent = now
                    self.progressed.emit(request_id, (progress.done, progress.total, _copy(progress.analysis)))
            if last is not None and not self._stale(request_id):
                # a private copy: the engine may keep objects it mutates in this thread
                final = _copy(last.analysis)
                self.progressed.emit(request_id, (last.done, last.total, final))
                self.finished.emit(request_id, final)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a message
            log.exception("analysis failed")
            if not self._model_ready:
                self.modelState.emit(_message(exc) if _is_model_error(exc) else "idle")
            self.failed.emit(request_id, _message(exc))

    @Slot(int, str)
    def load(self, request_id: int, target: str) -> None:
        """Fetch or read an article off the GUI thread (URLs block for seconds)."""
        if self._stale(request_id):
            return
        try:
            article = _load_document(target)
        except Exception as exc:  # noqa: BLE001
            log.info("could not load %s: %s", target, exc)
            self.failed.emit(request_id, _message(exc))
            return
        if not self._stale(request_id):
            self.loaded.emit(request_id, article)


def _load_document(target: str):  # noqa: ANN202
    import reader.documents as documents

    loader = getattr(documents, "load", None)  # path or URL, when the documents layer has it
    if loader is not None:
        return loader(target)
    if target.startswith(("http://", "https://")):
        from reader.documents.fetch import fetch_url

        return fetch_url(target)
    return documents.load_path(target)


def _is_model_error(exc: BaseException) -> bool:
    from reader.analysis import ModelLoadError

    return isinstance(exc, ModelLoadError)


def _copy(analysis):  # noqa: ANN001, ANN202
    return type(analysis).from_dict(analysis.to_dict())


def _message(exc: BaseException) -> str:
    from reader.analysis import ModelLoadError
    from reader.documents import DocumentError

    if isinstance(exc, (ModelLoadError, DocumentError)):
        return str(exc)  # already written for the user
    return f"The analysis failed ({type(exc).__name__}: {exc}). The article is still readable."


class BackgroundWorker(QObject):
    """The GUI-side face of the worker thread. Every signal here is emitted on the GUI thread."""

    analysisProgress = Signal(int, int, int, object)  # request id, done, total, Analysis so far
    analysisFinished = Signal(int, object)  # request id, final Analysis
    articleLoaded = Signal(int, object)  # request id, Article
    failed = Signal(int, str)  # request id, message
    modelState = Signal(str)  # "loading" | "ready" | "idle" | the message of a model that failed to load

    _analyzeRequested = Signal(int, str)
    _loadRequested = Signal(int, str)
    _prepareRequested = Signal(bool)

    def __init__(self, engine_factory: Callable[[], Any] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._latest = _Latest()
        self._next_id = 0
        self._thread = QThread()
        self._thread.setObjectName("pipelineWorker")
        self._worker = _PipelineWorker(engine_factory or default_engine, self._latest)
        self._worker.moveToThread(self._thread)
        # requests: queued into the worker thread (the receivers live there)
        self._analyzeRequested.connect(self._worker.analyze)
        self._loadRequested.connect(self._worker.load)
        self._prepareRequested.connect(self._worker.prepare)
        # results: bound methods of this GUI-thread object, hence queued to the GUI thread
        self._worker.progressed.connect(self._on_progressed)
        self._worker.finished.connect(self._on_finished)
        self._worker.loaded.connect(self._on_loaded)
        self._worker.failed.connect(self._on_failed)
        self._worker.modelState.connect(self._on_model_state)
        self._thread.start()

    def prepare(self, load_model: bool = True) -> None:
        """Pre-import the library code and (optionally) load the model, in the worker thread."""
        self._prepareRequested.emit(load_model)

    def warm_up(self) -> None:
        self.prepare(True)

    def analyze(self, text: str) -> int:
        """Analyse `text`; cancels whatever ran before. Returns the request id."""
        request_id = self._new_request()
        self._analyzeRequested.emit(request_id, text)
        return request_id

    def load(self, target: str) -> int:
        """Load a path or URL into an `Article`; cancels whatever ran before."""
        request_id = self._new_request()
        self._loadRequested.emit(request_id, target)
        return request_id

    def cancel(self) -> None:
        self._new_request()

    def is_current(self, request_id: int) -> bool:
        return request_id == self._latest.value

    def _new_request(self) -> int:
        self._next_id += 1
        self._latest.value = self._next_id
        return self._next_id

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Cancel, stop the thread and wait for it (the model load cannot be interrupted)."""
        if not self._thread.isRunning():
            return
        self._latest.value = -1
        self._thread.quit()
        if not self._thread.wait(timeout_ms):
            log.warning("worker thread still busy after %d ms; leaving it to finish", timeout_ms)
            _leaked_threads.append(self._thread)

    @Slot(int, object)
    def _on_progressed(self, request_id: int, payload: tuple) -> None:
        if self.is_current(request_id):
            done, total, analysis = payload
            self.analysisProgress.emit(request_id, done, total, analysis)

    @Slot(int, object)
    def _on_finished(self, request_id: int, analysis: object) -> None:
        if self.is_current(request_id):
            self.analysisFinished.emit(request_id, analysis)

    @Slot(int, object)
    def _on_loaded(self, request_id: int, article: object) -> None:
        if self.is_current(request_id):
            self.articleLoaded.emit(request_id, article)

    @Slot(int, str)
    def _on_failed(self, request_id: int, message: str) -> None:
        if self.is_current(request_id):
            self.failed.emit(request_id, message)

    @Slot(str)
    def _on_model_state(self, state: str) -> None:
        self.modelState.emit(state)
