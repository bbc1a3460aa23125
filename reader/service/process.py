"""Starting, talking to and stopping the analysis process. No Qt: `reader.app` starts one
before PySide6 is even imported, and the window's client adopts it.

The child is this same program with `--analysis-worker`: `python -m reader --analysis-worker`
from source, `sourcelight --analysis-worker` in the frozen app. It is always a fresh process
(spawned, never forked), so it behaves the same on Linux, Windows and macOS.
"""

from __future__ import annotations

import atexit
import logging
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.service import protocol

log = logging.getLogger("reader.service")

SOURCE_ROOT = str(Path(__file__).resolve().parents[2])  # the folder holding the `reader` package
STOP_REQUEST_TIMEOUT_S = 5.0  # a polite shutdown waits this long before the kill
_CLOSE_INPUT = object()  # for the writer thread: close the child's stdin, then stop


def worker_command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, protocol.WORKER_FLAG]
    return [sys.executable, "-m", "reader", protocol.WORKER_FLAG]


def _child_environment() -> dict[str, str]:
    env = dict(os.environ)
    if not getattr(sys, "frozen", False):  # the child imports this very copy of `reader`
        env["PYTHONPATH"] = os.pathsep.join(p for p in (SOURCE_ROOT, env.get("PYTHONPATH")) if p)
    env.setdefault("PYTHONIOENCODING", "utf-8")
    return env


class AnalysisProcess:
    """One child process. `attach(on_event, on_exit)` starts the thread that reads its events:
    `on_event(dict)` per event (analysis / article already objects), then `on_exit(returncode)`
    once, when its output ends (it exited, crashed or was killed). Both run on that thread.

    `send` only queues a request: a thread of its own writes them, in order. A 20,000-word text
    is more than a pipe holds, so writing it waits until the child has read the rest; on the
    GUI thread, with the machine busy, that was a stall of tens of milliseconds."""

    def __init__(self, engine_factory: Callable[[], Any] | None = None) -> None:
        stderr = None if sys.stderr is not None else subprocess.DEVNULL  # windowed build: nowhere to go
        self._popen = subprocess.Popen(
            worker_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
            env=_child_environment(),
            # Windows: no console, and below normal priority (server.py says why; POSIX: it lowers its own)
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0) | getattr(subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0))
        self._outbox: queue.SimpleQueue = queue.SimpleQueue()
        self._writer = threading.Thread(target=self._write, name="analysis-requests", daemon=True)
        self._writer.start()
        self._reader: threading.Thread | None = None
        hello = {"op": protocol.HELLO, "factory": protocol.pack_factory(engine_factory),
                 "path": list(sys.path) if engine_factory is not None else []}
        self.send(hello)

    @property
    def pid(self) -> int:
        return self._popen.pid

    def send(self, request: dict[str, Any]) -> None:
        """Queue one request for the writer thread (a process that is gone drops it: its exit
        is reported by the reader thread anyway)."""
        self._outbox.put(request)

    def _write(self) -> None:
        while (request := self._outbox.get()) is not _CLOSE_INPUT:
            try:
                self._popen.stdin.write(protocol.encode(request))
                self._popen.stdin.flush()
            except (OSError, ValueError):  # a broken pipe or a closed stdin: it died or is stopping
                pass
        try:
            self._popen.stdin.close()
        except OSError:
            pass

    def attach(self, on_event: Callable[[dict], None], on_exit: Callable[[int | None], None]) -> None:
        self._reader = threading.Thread(target=self._read, args=(on_event, on_exit), name="analysis-events",
                                        daemon=True)
        self._reader.start()

    def _read(self, on_event: Callable[[dict], None], on_exit: Callable[[int | None], None]) -> None:
        received = protocol.ClaimsReceived()
        for line in self._popen.stdout:
            try:
                event = protocol.decode_event(line, received)
            except Exception:  # noqa: BLE001 - a garbled line is logged, the next one may be fine
                log.exception("unreadable event from the analysis process: %.200r", line)
                continue
            on_event(event)
        self._popen.stdout.close()
        on_exit(self._popen.wait())

    def kill(self) -> None:
        """Kill at once (a hung process); the reader thread then reports the exit."""
        try:
            self._popen.kill()
        except OSError:
            pass

    def stop(self, timeout_s: float = STOP_REQUEST_TIMEOUT_S) -> None:
        """Ask it to finish, wait, then kill; wait for the reader thread. Safe to call twice."""
        self.send({"op": protocol.SHUTDOWN})
        self._outbox.put(_CLOSE_INPUT)
        try:
            self._popen.wait(timeout_s)
        except subprocess.TimeoutExpired:
            log.warning("analysis process %d did not stop in %.0f s; killing it", self.pid, timeout_s)
            self.kill()
            self._popen.wait()
        self._writer.join(timeout_s)  # a write the child never read failed when it exited
        if self._reader is not None:
            self._reader.join(timeout_s)  # it closes stdout
        else:
            self._popen.stdout.close()


_early: AnalysisProcess | None = None


def start_early(load_model: bool = True) -> None:
    """Start the real engine's process now (first thing at launch), so the model loads on
    another core while the window starts. The first client with the real engine adopts it."""
    global _early
    if _early is not None:
        return
    try:
        _early = AnalysisProcess()
    except OSError:
        log.exception("could not start the analysis process early; the window will try again")
        return
    if load_model:
        _early.send({"op": protocol.PREPARE, "load_model": True})
    atexit.register(_stop_unadopted)


def adopt_early() -> AnalysisProcess | None:
    global _early
    process, _early = _early, None
    return process


def _stop_unadopted() -> None:
    process = adopt_early()
    if process is not None:
        process.stop()
