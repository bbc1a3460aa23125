"""The analysis process's side: `python -m reader --analysis-worker` (or the frozen app with it).

Reads requests from stdin and writes events to stdout, as protocol.py describes. One engine
per process, so the model loads once. Three threads:

    requests  reads stdin; records the newest analysis and load ids at once (that is what
              cancels: the running analysis sees a newer id between paragraph batches), and
              queues the work; end of input means the window is gone, so the process exits
    main      prepares the model and runs analyses, one at a time, skipping stale ones
    loads     reads files and fetches pages, so a slow page never waits behind an analysis

Anything else that writes to stdout would corrupt the protocol, so stdout is handed to the
protocol alone and `sys.stdout` points at stderr.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import queue
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, BinaryIO

from reader.log import ensure_std_streams
from reader.service import errors, protocol
from reader.service.requests import PARAGRAPH_BATCH, PROGRESS_INTERVAL_S, WARM_UP_TEXT, Newest, default_engine

log = logging.getLogger("reader.service")

_STOP = object()
STDIN_FD, STDOUT_FD, STDERR_FD = 0, 1, 2
SHUTDOWN_GRACE_S = 1.0  # after the window said goodbye, the process ends within this
# Parsing keeps a core busy for seconds. On a machine with more work than cores, the window's
# thread, woken for a paint, waited for a time slice behind it: this process runs a little
# below normal priority, so the window gets the CPU first (and the analysis all that is left).
ANALYSIS_NICENESS = 5


class AnalysisServer:
    def __init__(self, events: BinaryIO, engine_factory: Callable[[], Any] | None) -> None:
        self._events = events
        self._write_lock = threading.Lock()
        self._engine_factory = engine_factory or default_engine
        self._engine = None
        self._model_ready = False
        self.newest_analysis = Newest()
        self.newest_load = Newest()
        self._work: queue.SimpleQueue = queue.SimpleQueue()
        self._loads: queue.SimpleQueue = queue.SimpleQueue()
        self._visible: tuple[int, int | None] = (0, None)  # request id, where its reader is now (one tuple: atomic)

    # requests thread ----------------------------------------------------------------------
    def read_requests(self, requests: BinaryIO) -> None:
        for line in requests:
            if not line.strip():
                continue
            request = protocol.decode(line)
            op = request.get("op")
            if op == protocol.ANALYZE:
                self.newest_analysis.value = request["id"]
                self._visible = request["id"], request.get("visible_from")  # here: in order with `visible`
                self._work.put(request)
            elif op == protocol.CANCEL:
                self.newest_analysis.value = request["id"]
            elif op == protocol.VISIBLE:
                self._visible = request["id"], request["visible_from"]
            elif op == protocol.LOAD:
                self.newest_load.value = request["id"]
                self._loads.put(request)
            elif op == protocol.PREPARE:
                self._work.put(request)
            elif op == protocol.SHUTDOWN:
                break
            else:
                log.warning("unknown request %r ignored", op)
        # the window closed the pipe or asked to stop: nothing left to answer
        self.newest_analysis.value = self.newest_load.value = -1
        self._work.put(_STOP)
        self._loads.put(_STOP)
        # a model load (or a parse) cannot be interrupted; the process holds nothing of the
        # user's, so it does not keep the window's exit waiting for one
        exit_timer = threading.Timer(SHUTDOWN_GRACE_S, os._exit, args=(0,))
        exit_timer.daemon = True
        exit_timer.start()

    # main thread --------------------------------------------------------------------------
    def run(self) -> None:
        while (request := self._work.get()) is not _STOP:
            if request["op"] == protocol.PREPARE:
                self._prepare(request.get("load_model", True))
            elif not self.newest_analysis.stale(request["id"]):
                self._analyze(request["id"], request["text"])

    def serve_loads(self) -> None:
        while (request := self._loads.get()) is not _STOP:
            request_id = request["id"]
            if self.newest_load.stale(request_id):
                continue
            try:
                from reader.documents import load

                article = load(request["target"])
            except Exception as exc:  # noqa: BLE001 - every failure becomes a message
                log.info("could not load %s: %s", request["target"], exc)
                self._send(protocol.LOAD_FAILED, id=request_id, message=errors.message_for(exc))
                continue
            if not self.newest_load.stale(request_id):
                self._send(protocol.LOADED, id=request_id, article=protocol.article_fields(article))

    def _send(self, event: str, **fields: Any) -> None:
        data = protocol.encode({"event": event, **fields})
        with self._write_lock:
            self._events.write(data)
            self._events.flush()

    def _engine_instance(self):  # noqa: ANN202
        if self._engine is None:
            self._engine = self._engine_factory()
        return self._engine

    def _prepare(self, load_model: bool) -> None:
        """Load the model (by analysing one sentence); a failure is reported once, and again
        by the analysis that needs it."""
        if not load_model or self._model_ready:
            return
        self._send(protocol.STATE, state=protocol.LOADING)
        try:
            for _ in self._engine_instance().analyze_progressively(WARM_UP_TEXT):
                pass
        except Exception as exc:  # noqa: BLE001 - reported, never raised
            log.warning("model warm-up failed: %s", exc)
            self._send(protocol.STATE, state=errors.message_for(exc) if errors.is_model_error(exc) else protocol.IDLE)
            return
        self._model_ready = True
        self._send(protocol.STATE, state=protocol.READY)

    def _visible_from(self, request_id: int) -> int | None:
        """Where the reader of analysis `request_id` is now (a later `visible` request moves it)."""
        visible_for, offset = self._visible
        return offset if visible_for == request_id else None

    def _analyze(self, request_id: int, text: str) -> None:
        stale = self.newest_analysis.stale
        try:
            if not self._model_ready:
                self._send(protocol.STATE, state=protocol.LOADING)
            last = None
            last_sent = 0.0
            sent = protocol.ClaimsSent()
            for progress in self._engine_instance().analyze_progressively(
                    text, batch_size=PARAGRAPH_BATCH, cancelled=lambda: stale(request_id),
                    visible_from=lambda: self._visible_from(request_id)):
                if not self._model_ready:
                    self._model_ready = True
                    self._send(protocol.STATE, state=protocol.READY)
                if stale(request_id):
                    return
                last = progress
                now = time.monotonic()
                if progress.done < progress.total and now - last_sent >= PROGRESS_INTERVAL_S:
                    # throttled: each partial is everything so far, redrawn by the window
                    last_sent = now
                    self._send(protocol.PROGRESS, id=request_id, done=progress.done, total=progress.total,
                               **sent.fields(progress.analysis))
            if last is not None and not stale(request_id):
                self._send(protocol.FINISHED, id=request_id, done=last.done, total=last.total,
                           **sent.fields(last.analysis))
        except Exception as exc:  # noqa: BLE001 - every failure becomes a message
            log.exception("analysis failed")
            if not self._model_ready:
                self._send(protocol.STATE, state=errors.message_for(exc) if errors.is_model_error(exc) else protocol.IDLE)
            self._send(protocol.ANALYSIS_FAILED, id=request_id, message=errors.message_for(exc))


def _yield_to_the_window() -> None:
    """Below normal priority (Windows: the process is started so, see process.py)."""
    if sys.platform != "win32":
        try:
            os.nice(ANALYSIS_NICENESS)
        except OSError:  # not allowed here: the same priority as the window
            pass


def serve() -> int:
    """The process's entry point; returns its exit status."""
    _yield_to_the_window()
    # the pipes by file descriptor: a windowed frozen build may have no sys.stdin / sys.stdout
    events = os.fdopen(os.dup(STDOUT_FD), "wb", buffering=0)
    requests = os.fdopen(os.dup(STDIN_FD), "rb")
    try:
        os.dup2(STDERR_FD, STDOUT_FD)  # a stray write to fd 1, even from C, goes to stderr
    except OSError:  # no stderr at all (windowed): fd 1 stays the pipe, sys.stdout still moves
        pass
    ensure_std_streams()
    sys.stdout = sys.stderr  # a stray print must not corrupt the protocol
    try:
        faulthandler.enable()  # a segfault leaves its trace on stderr (the window sees the exit)
    except (RuntimeError, ValueError, OSError):  # stderr is os.devnull without a file number
        pass
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="analysis process %(process)d: %(levelname)s %(name)s: %(message)s")
    hello = protocol.decode(requests.readline() or b'{"op": "shutdown"}')
    if hello.get("op") != protocol.HELLO:
        return 0  # the window went away before saying anything
    for entry in reversed(hello.get("path") or []):
        if entry not in sys.path:
            sys.path.insert(0, entry)  # where the window's factory lives (tests, plug-ins)
    server = AnalysisServer(events, protocol.unpack_factory(hello.get("factory")))
    threading.Thread(target=server.read_requests, args=(requests,), name="requests", daemon=True).start()
    threading.Thread(target=server.serve_loads, name="loads", daemon=True).start()
    server.run()
    return 0
