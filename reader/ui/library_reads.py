"""Library reads that can take longer than a frame, on a thread of their own.

    reads = LibraryReads(parent)                        # a GUI-thread QObject
    reads.start(library, read_source_index)             # → done(result) or failed(message)
    details = LibraryReads(parent, every_result=True)   # each read's result, in the order started

The source index at 10,000 articles takes ~0.14 s: several frames of a frozen window. Here the
read runs on the reads thread through a connection of its own (`Library.writer`: a second
connection to the same file, made on the thread that uses it; the library is in WAL mode, so
the read sees every commit), and only the newest read's result is emitted, on the GUI thread
(or, with `every_result`, every read's: reads of different things, such as the details of
each source the user opens, none of which replaces another; they run one after another).
A library with no file behind it (in memory: a read-only or damaged folder) cannot get a second
connection; it is small, and read at once on the calling thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger("reader.ui.library_reads")

READ_BUSY_TIMEOUT_MS = 2_000  # a read waits this long for a writer's lock


class LibraryReads(QObject):
    done = Signal(object)  # the newest read's result
    failed = Signal(str)  # the newest read's error, a sentence for the user

    _finished = Signal(int, object, str)  # from the reads thread: read id, result, error

    def __init__(self, parent: QObject | None = None, every_result: bool = False) -> None:
        super().__init__(parent)
        self._newest = 0
        self._every_result = every_result
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="library-read")
        self._finished.connect(self._on_finished)  # a bound method of this GUI-thread object: queued
        self.destroyed.connect(lambda: self._pool.shutdown(wait=False, cancel_futures=True))

    def start(self, library: Any, read: Callable[[Any], Any]) -> None:
        """Run `read(a Library)`; an older read still running is dropped when it ends
        (unless every result is wanted)."""
        self._newest += 1
        if library.read_only:
            self._on_finished(self._newest, *_run(lambda: read(library)))
            return
        self._pool.submit(self._read_elsewhere, self._newest, library, read)

    def _read_elsewhere(self, read_id: int, library: Any, read: Callable[[Any], Any]) -> None:
        def on_own_connection() -> Any:
            own = library.writer(READ_BUSY_TIMEOUT_MS)
            try:
                return read(own)
            finally:
                own.close()

        try:
            self._finished.emit(read_id, *_run(on_own_connection))
        except RuntimeError:  # the dialog went away meanwhile: nobody waits for this
            pass

    @Slot(int, object, str)
    def _on_finished(self, read_id: int, result: object, error: str) -> None:
        if read_id != self._newest and not self._every_result:
            return
        if error:
            self.failed.emit(error)
        else:
            self.done.emit(result)


def _run(call: Callable[[], Any]) -> tuple[Any, str]:
    from reader.store import StoreError

    try:
        return call(), ""
    except StoreError as exc:
        return None, str(exc)
    except Exception as exc:  # noqa: BLE001 - a read must never take the window down
        log.exception("library read failed")
        return None, f"Your library could not be read ({type(exc).__name__}: {exc})."
