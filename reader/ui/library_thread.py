"""Note saves off the GUI thread: ordered, coalesced, retried until they are on disk.

Notes on sources and notes on claims alike (reader/store/recovery.py: each pending note saves itself).

`submit(note)` returns at once. The thread keeps the newest text of every note not yet
committed, writes them all to the recovery file (reader/store/recovery.py) and then saves
each to the library through its own connection. A save that fails (database locked by
another process, disk full) stays pending and is retried every RETRY_S, so a note is
saved as soon as the lock goes or space returns; `drain()` (used on close, before an
export or a search) retries at once and waits. Whatever is still pending when the thread
stops stays in the recovery file and is put back at the next start.

Signals are emitted from the library thread; connect them to bound methods of GUI-thread
objects only (Qt then queues them onto the GUI thread).
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from reader.store import recovery
from reader.store.recovery import Pending

log = logging.getLogger("reader.ui.library_thread")
# The library thread may wait for a lock: nothing waits for it but the next save.
WRITER_BUSY_TIMEOUT_MS = 500
RETRY_S = 1.0  # how soon a failed save (locked, disk full) is tried again
CLOSE_DRAIN_S = 5.0  # on close: how long to keep retrying before leaving it to the recovery file


class LibraryThread(QObject):
    saved = Signal(object)  # the Pending now committed
    failed = Signal(object, str)  # the Pending not saved, and why (a sentence)

    def __init__(self, library, parent=None) -> None:  # noqa: ANN001 - reader.store.Library
        super().__init__(parent)
        self._library = library
        self._recovery_path = recovery.recovery_path(Path(library.path).parent)
        self._lock = threading.Condition()
        self._pending: dict[tuple[str, str], Pending] = {}
        self._failing: set[tuple[str, str]] = set()  # reported once per failure streak
        self._hurry = False  # drain() asked for an immediate retry
        self._stopping = False
        self._busy = False  # a save is in progress (its note is still in _pending)
        self._thread = threading.Thread(target=self._run, name="library", daemon=True)
        self._thread.start()

    # called from the GUI thread ----------------------------------------------------------
    def submit(self, note: Pending) -> None:
        """Save `note` (its newest text replaces any older one still waiting)."""
        with self._lock:
            self._pending[note.key] = note
            self._hurry = True
            self._lock.notify_all()

    def pending(self) -> list[Pending]:
        with self._lock:
            return list(self._pending.values())

    def drain(self, timeout_s: float = CLOSE_DRAIN_S) -> bool:
        """Retry now and wait until every submitted note is saved; False if some are not."""
        deadline = time.monotonic() + timeout_s
        with self._lock:
            self._hurry = True
            self._lock.notify_all()
            while self._pending or self._busy:
                left = deadline - time.monotonic()
                if left <= 0 or not self._thread.is_alive():
                    return False
                self._lock.wait(left)
                if self._pending and not self._busy:
                    self._hurry = True  # a failed attempt came back: go again while we wait
                    self._lock.notify_all()
            return True

    def stop(self, timeout_s: float = CLOSE_DRAIN_S) -> bool:
        """Drain (up to `timeout_s`), then end the thread. True when nothing was left unsaved."""
        done = self.drain(timeout_s)
        with self._lock:
            self._stopping = True
            self._lock.notify_all()
        self._thread.join(WRITER_BUSY_TIMEOUT_MS / 1000 + timeout_s)
        return done

    # the library thread --------------------------------------------------------------------
    def _run(self) -> None:
        writer = None
        while True:
            with self._lock:
                while not self._stopping and not (self._pending and self._hurry):
                    # pending but not hurried: a failed save waits RETRY_S, or less if woken
                    if not self._lock.wait(RETRY_S if self._pending else None) and self._pending:
                        break
                if self._stopping:
                    break
                self._hurry = False
                batch = list(self._pending.values())
                self._busy = True
            try:
                self._write_recovery(batch)
                if writer is None:
                    writer = self._library.writer(WRITER_BUSY_TIMEOUT_MS)
                for note in batch:
                    self._save(writer, note)
            except Exception as exc:  # noqa: BLE001 - e.g. the writer cannot connect: retry later
                log.warning("notes not saved: %s", exc)
                for note in batch:
                    self._report_failure(note, str(exc))
            finally:
                with self._lock:
                    left = list(self._pending.values())
                # before `drain` may return: once it says "saved", the recovery file says so too
                if len(left) < len(batch):
                    self._write_recovery(left)  # saved notes leave the file (or the file goes)
                with self._lock:
                    self._busy = False
                    self._lock.notify_all()
        if writer is not None:
            writer.close()

    def _save(self, writer, note: Pending) -> None:  # noqa: ANN001 - reader.store.Library
        try:
            note.save(writer)
        except Exception as exc:  # noqa: BLE001 - StoreError (locked, disk full) or worse: keep it
            log.warning("note not saved, will retry: %s", exc)
            self._report_failure(note, str(exc))
            return
        with self._lock:
            if self._pending.get(note.key) == note:  # not retyped meanwhile
                del self._pending[note.key]
            self._failing.discard(note.key)
        self.saved.emit(note)

    def _report_failure(self, note: Pending, why: str) -> None:
        with self._lock:
            first = note.key not in self._failing
            self._failing.add(note.key)
        if first:
            self.failed.emit(note, why)

    def _write_recovery(self, notes: list[Pending]) -> None:
        try:
            recovery.write(self._recovery_path, notes)
        except OSError as exc:  # disk full too: the text is still in memory and on screen
            log.warning("could not write %s: %s", self._recovery_path, exc)
