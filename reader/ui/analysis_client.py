"""`AnalysisClient`: the window's face of the analysis process, on the GUI thread.

    client = AnalysisClient(engine_factory)   # None: the real engine (adopts reader.app's early process)
    request_id = client.analyze(text, visible_from)   # or client.load(path_or_url)
    # → analysisProgress / analysisFinished / analysisFailed / articleLoaded / loadFailed / modelState

spaCy runs in a child process (reader/service), so it never holds this process's GIL; documents
that need a parser or the network are read there too (its load thread). A thread reads the
child's events and only forwards them, by a signal, to bound methods of this object, where
stale results are dropped. Analyses and loads each have their own "newest": a newer analysis
never makes a load stale, nor the reverse.

Crash isolation: when the child dies (killed, segfault, out of memory) or stays silent while it
owes an answer (then it is killed) — past `hang_limit_ms` once its model is ready, past
`model_load_limit_ms` while it starts and loads the model — `modelState` carries one sentence
saying so, a new child starts and the current analysis and load run again under the same ids.
A request that brings the child down `MAX_RUNS_PER_REQUEST` times fails with a message instead.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from reader.service import errors, protocol
from reader.service.process import AnalysisProcess, adopt_early
from reader.ui.analysis_signals import AnalysisSignals

log = logging.getLogger("reader.ui.analysis_client")

HANG_LIMIT_MS = 60_000  # silence while an answer is owed (one paragraph batch, a load) → hung
MODEL_LOAD_LIMIT_MS = 180_000  # the same, while a new process imports spaCy and loads the model
MAX_RUNS_PER_REQUEST = 2  # a request that has brought the process down this often is not re-run
# The events thread decodes results (a final analysis of 20,000 words: ~2 ms of JSON, ~1 ms of
# objects) and holds the GIL meanwhile; a GUI thread wanting it back (every Python override a
# paint calls) waits for the holder's switch interval, 5 ms by default, each time. At 1 ms a
# paint no longer adds up such waits past a frame.
GUI_SWITCH_INTERVAL_S = 0.001


class _Request:
    """One request the child owes an answer to, kept so a restarted child can run it again."""

    def __init__(self, request: dict[str, Any]) -> None:
        self.message = request
        self.runs = 1


class AnalysisClient(AnalysisSignals):

    # from the events thread to this (GUI-thread) object: queued
    _eventArrived = Signal(int, object)  # process generation, event
    _processEnded = Signal(int, object)  # process generation, return code

    def __init__(self, engine_factory: Callable[[], Any] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hang_limit_ms = HANG_LIMIT_MS
        self.model_load_limit_ms = MODEL_LOAD_LIMIT_MS
        self._model_ready = False  # in the current process: until then the model-load limit applies
        self._silence_limit_ms = HANG_LIMIT_MS  # the limit the watchdog was armed with
        self._factory = engine_factory
        self._next_id = 0
        self._analysis_id = 0
        self._load_id = 0
        self._analysis: _Request | None = None
        self._load: _Request | None = None
        self._model_wanted = False
        self._hung = False
        self._closed = False
        self._generation = 0
        self._process: AnalysisProcess | None = None
        self._store_import: threading.Thread | None = None
        self._watchdog = QTimer(self, singleShot=True)
        self._watchdog.timeout.connect(self._on_silence)
        self._eventArrived.connect(self._on_event)
        self._processEnded.connect(self._on_process_ended)
        sys.setswitchinterval(min(sys.getswitchinterval(), GUI_SWITCH_INTERVAL_S))
        self._start_process(adopt_early() if engine_factory is None else None)

    # the public API ---------------------------------------------------------------------------
    def prepare(self, load_model: bool = True) -> None:
        """Import the library code off the GUI thread (sqlite-utils takes ~0.3 s) and, if asked,
        have the process load the model before the first article needs it."""
        if self._store_import is None:
            self._store_import = threading.Thread(target=_import_store, name="store-import", daemon=True)
            self._store_import.start()
        if load_model:
            self._model_wanted = True
            self._send({"op": protocol.PREPARE, "load_model": True})

    def warm_up(self) -> None:
        self.prepare(True)

    def analyze(self, text: str, visible_from: int | None = None) -> int:
        """Analyse `text` (the paragraphs from code point `visible_from` first: the reader's
        screen); older analyses stop and their results are dropped. Returns the id."""
        self._analysis_id = self._new_id()
        self._analysis = _Request({"op": protocol.ANALYZE, "id": self._analysis_id, "text": text,
                                   "visible_from": visible_from})
        self._send(self._analysis.message)
        return self._analysis_id

    def load(self, target: str) -> int:
        """Read a path or URL into an `Article` in the process; older loads are dropped."""
        self._load_id = self._new_id()
        self._load = _Request({"op": protocol.LOAD, "id": self._load_id, "target": target})
        self._send(self._load.message)
        return self._load_id

    def show_reader_at(self, visible_from: int) -> None:
        """The reader scrolled: the current analysis, if it has not started parsing (its model
        loads), starts from there; so does a re-run after a crash."""
        if self._analysis is not None:
            self._analysis.message["visible_from"] = visible_from
            if self._process is not None:  # not _send: scrolling must not re-arm the hang watchdog
                self._process.send({"op": protocol.VISIBLE, "id": self._analysis_id, "visible_from": visible_from})

    def cancel_analysis(self) -> None:
        self._analysis_id = self._new_id()
        self._analysis = None
        self._send({"op": protocol.CANCEL, "id": self._analysis_id})

    def is_current_analysis(self, request_id: int) -> bool:
        return request_id == self._analysis_id

    def is_current_load(self, request_id: int) -> bool:
        return request_id == self._load_id

    @property
    def process_id(self) -> int | None:
        """The analysis process's pid (for diagnostics and the crash tests)."""
        return self._process.pid if self._process is not None else None

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Stop the process (politely, then by force) and its reader thread. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self._watchdog.stop()
        self._analysis_id = self._load_id = -1
        if self._process is not None:
            self._process.stop(timeout_ms / 1000)
            self._process = None

    # the process --------------------------------------------------------------------------------
    def _start_process(self, process: AnalysisProcess | None = None) -> None:
        self._generation += 1
        self._model_ready = False
        generation = self._generation
        try:
            self._process = process or AnalysisProcess(self._factory)
        except OSError as exc:
            log.exception("could not start the analysis process")
            self._process = None
            self.modelState.emit(errors.could_not_start(exc))
            return
        self._process.attach(lambda event: self._eventArrived.emit(generation, event),
                             lambda returncode: self._processEnded.emit(generation, returncode))

    def _send(self, request: dict[str, Any]) -> None:
        if self._process is None and not self._closed:
            self._start_process()
        if self._process is not None:
            self._process.send(request)
        self._arm_watchdog()

    def _owed(self) -> bool:
        return self._analysis is not None or self._load is not None

    def _arm_watchdog(self) -> None:
        if self._owed() and not self._closed:
            self._silence_limit_ms = self.hang_limit_ms if self._model_ready else self.model_load_limit_ms
            self._watchdog.start(self._silence_limit_ms)
        else:
            self._watchdog.stop()

    @Slot()
    def _on_silence(self) -> None:
        if self._owed() and self._process is not None:
            log.warning("analysis process %d silent for %d ms; killing it", self._process.pid, self._silence_limit_ms)
            self._hung = True
            self._process.kill()  # its end comes back through _on_process_ended

    @Slot(int, object)
    def _on_process_ended(self, generation: int, returncode: object) -> None:
        if generation != self._generation or self._closed:
            return
        hung, self._hung = self._hung, False
        log.warning("analysis process ended (%s, hung=%s); restarting it", returncode, hung)
        if self._process is not None:
            self._process.stop()  # already gone: this only closes its pipes
        self._process = None
        self._start_process()
        reason = errors.process_hung(self._silence_limit_ms) if hung else errors.process_stopped(returncode)
        self.modelState.emit(reason)
        if self._model_wanted and self._analysis is None:  # a re-run analysis loads the model itself
            self._send({"op": protocol.PREPARE, "load_model": True})
        self._analysis = self._run_again(self._analysis, self.analysisFailed, returncode, hung)
        self._load = self._run_again(self._load, self.loadFailed, returncode, hung)
        self._arm_watchdog()

    def _run_again(self, request: _Request | None, failed: Signal, returncode: object, hung: bool) -> _Request | None:
        if request is None:
            return None
        if request.runs >= MAX_RUNS_PER_REQUEST:
            failed.emit(request.message["id"], errors.gave_up(returncode, hung))
            return None
        request.runs += 1
        self._send(request.message)
        return request

    # events ---------------------------------------------------------------------------------------
    @Slot(int, object)
    def _on_event(self, generation: int, event: dict[str, Any]) -> None:
        if generation != self._generation or self._closed:
            return
        kind = event["event"]
        if kind == protocol.STATE:
            self._model_ready = event["state"] == protocol.READY
        self._arm_watchdog()  # it answered: the silence starts again
        if kind == protocol.STATE:
            self.modelState.emit(event["state"])
            return
        request_id = event["id"]
        if kind in (protocol.LOADED, protocol.LOAD_FAILED):
            if not self.is_current_load(request_id):
                return
            self._load = None
            self._arm_watchdog()
            if kind == protocol.LOADED:
                self.articleLoaded.emit(request_id, event["article"])
            else:
                self.loadFailed.emit(request_id, event["message"])
            return
        if not self.is_current_analysis(request_id):
            return
        if kind == protocol.PROGRESS:
            self.analysisProgress.emit(request_id, event["done"], event["total"], event["analysis"])
            return
        self._analysis = None
        self._arm_watchdog()
        if kind == protocol.FINISHED:  # complete: the last progress and the result, in one message
            self.analysisProgress.emit(request_id, event["done"], event["total"], event["analysis"])
            self.analysisFinished.emit(request_id, event["analysis"])
        else:
            self.analysisFailed.emit(request_id, event["message"])

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id


def _import_store() -> None:
    try:
        import reader.store  # noqa: F401
    except Exception:  # noqa: BLE001 - the window reports it when it opens the library
        log.exception("store import failed")
