"""Engines for the process tests: picklable (top-level classes, functools.partial of them), run
in the analysis process, and tell the test what they did through a journal file, since the
test cannot see the child's memory. They stand in for the analysis layer, not for the process."""

from __future__ import annotations

import ctypes
import os
import time
from pathlib import Path

from reader.analysis import Analysis, Claim, Progress

PROCESS_TIMEOUT_MS = 60_000  # a new process on a busy machine, or the first model load of a run
BLOCK_LIMIT_S = 600  # a blocked engine gives up eventually, so a broken test cannot hang the run
WAIT = "wait"  # texts starting with this block after the first batch until they are cancelled
FAIL = "fail"  # texts starting with this raise ValueError
SEGFAULT = "segfault"  # texts starting with this crash the process (a real segmentation fault)
NOISE = "a stray write to fd 1"


def one_claim(text: str) -> Analysis:
    return Analysis(claims=[Claim(id="c1", kind="direct", cue=[(0, 1)], content=[(0, len(text))],
                                  source_mention=[], source_id=None, confidence=0.5, rule="test")])


class JournalEngine:
    """Two batches per text; WAIT / FAIL / SEGFAULT texts misbehave as their names say."""

    version = "journal-1"

    def __init__(self, journal: str) -> None:
        self.journal = Path(journal)

    def note(self, line: str) -> None:
        with self.journal.open("a", encoding="utf-8") as f:
            f.write(line + "\n")

    def analyze_progressively(self, text, batch_size=8, cancelled=lambda: False,  # noqa: ANN001, ANN201
                              visible_from=None):
        self.note(f"start {text}")
        if text.startswith(FAIL):
            raise ValueError("bad batch")
        if text.startswith(SEGFAULT):
            ctypes.string_at(0)
        yield Progress(1, 2, Analysis())
        if text.startswith(WAIT):
            end = time.monotonic() + BLOCK_LIMIT_S
            while not cancelled() and time.monotonic() < end:
                time.sleep(0.01)
            self.note(f"cancelled {text}")
            return
        yield Progress(2, 2, one_claim(text))
        self.note(f"end {text}")


class HangOnceEngine(JournalEngine):
    """The first analysis (across processes: a marker file says) stops forever after its first
    batch, without ever looking at cancellation — a hung or about-to-be-killed process. Every
    later one finishes normally."""

    def analyze_progressively(self, text, batch_size=8, cancelled=lambda: False,  # noqa: ANN001, ANN201
                              visible_from=None):
        marker = self.journal.with_suffix(".hung")
        if marker.exists():
            yield from super().analyze_progressively(text, batch_size, cancelled)
            return
        marker.touch()
        self.note(f"hanging {text}")
        yield Progress(1, 2, Analysis())
        time.sleep(BLOCK_LIMIT_S)


class NoisyEngine(JournalEngine):
    """Prints, and writes to file descriptor 1 the way C code would, before every analysis."""

    def analyze_progressively(self, text, batch_size=8, cancelled=lambda: False,  # noqa: ANN001, ANN201
                              visible_from=None):
        print("a stray print")
        os.write(1, f"{NOISE}\n".encode())
        yield from super().analyze_progressively(text, batch_size, cancelled)


class ScrolledEngine(JournalEngine):
    """Notes where the reader is when it starts, then waits until the reader has moved and notes
    that too: `visible_from()` is asked when the engine is ready, not when the request was sent."""

    def analyze_progressively(self, text, batch_size=8, cancelled=lambda: False,  # noqa: ANN001, ANN201
                              visible_from=lambda: None):
        first = visible_from()
        self.note(f"where {first}")
        end = time.monotonic() + BLOCK_LIMIT_S
        while visible_from() == first and not cancelled() and time.monotonic() < end:
            time.sleep(0.01)
        self.note(f"where {visible_from()}")
        yield Progress(1, 1, one_claim(text))
