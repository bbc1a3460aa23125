"""`--jobs N`: N spawned worker processes, one engine each, results handed back in input order.

The scheduling is concurrent.futures' own; this module only bounds how many chunks are in flight
(so a corpus of millions is never read into memory ahead of the workers) and hands results back
in the order the chunks went in. One job runs in this process, with no pool at all. Whichever
process analyses (this one, or each worker) starts single-threaded: `engines.keep_single_threaded`.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from reader.batch import engines
from reader.cli_errors import CommandError

Tag = TypeVar("Tag")
Chunk = list[tuple[str, str]]          # (id, text) pairs, one worker task
Results = list[tuple[str, bool]]       # (result line, failed?) pairs, in the chunk's order
# Chunks queued per worker: enough that no worker waits for the next one, few enough that
# memory holds only a few dozen documents whatever the corpus size.
IN_FLIGHT_PER_WORKER = 4
# "spawn", not "fork": a forked worker would share the parent's spaCy/thread state, and spawn
# is what macOS and Windows (and a frozen build) do anyway.
START_METHOD = "spawn"
WORKER_STOPPED = ("A worker process stopped (its model did not load, or it ran out of memory). "
                  "The finished results are kept: run again with --resume to go on.")


class WorkerPool:
    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> WorkerPool:
        engines.keep_single_threaded()   # before the model loads here, and inherited by the workers
        if self.jobs > 1:
            self._executor = ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context(START_METHOD),
                                                 initializer=engines.warm_up)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)

    def results(self, chunks: Iterable[tuple[Tag, Chunk]]) -> Iterator[tuple[Tag, Results]]:
        """Each (tag, chunk) → (tag, its results), in the order given."""
        if self._executor is None:
            for tag, chunk in chunks:
                yield tag, engines.analyze_records(chunk)
            return
        pending: deque[tuple[Tag, Future]] = deque()
        try:
            for tag, chunk in chunks:
                pending.append((tag, self._executor.submit(engines.analyze_records, chunk)))
                if len(pending) >= self.jobs * IN_FLIGHT_PER_WORKER:
                    tag_done, future = pending.popleft()
                    yield tag_done, future.result()
            while pending:
                tag_done, future = pending.popleft()
                yield tag_done, future.result()
        except BrokenProcessPool as exc:
            raise CommandError(WORKER_STOPPED) from exc
