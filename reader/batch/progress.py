"""The progress bar of a batch run: documents done, rate, ETA — on a terminal only.

tqdm draws it on stderr and stays silent when stderr is not a terminal (a log file, CI, a
pipe). Messages (a skipped line) go through the bar so they do not tear it.
"""

from __future__ import annotations

import sys

from tqdm import tqdm

UNIT = "doc"


class _ThreadlessBar(tqdm):
    """tqdm without its monitor thread, which it starts with the first bar, even a disabled one.
    One thread, even one that only sleeps, makes the process multi-threaded for glibc, which then
    locks with atomic instructions; spaCy's parser takes and releases the GIL (a lock) ~800,000
    times a document, so `--jobs 1` cost 13 % more CPU per document than a pool worker (issue 18).
    The monitor only redraws a bar stalled past `maxinterval`; ours advances with every chunk."""

    monitor_interval = 0


def wanted() -> bool:
    """Worth counting the input for a total (and so an ETA) only when a bar is drawn."""
    return sys.stderr.isatty()


class Bar:
    def __init__(self, total: int | None, unit: str = UNIT) -> None:
        # disable=None: tqdm's own test — off when stderr is not a terminal
        self._bar = _ThreadlessBar(total=total, unit=unit, file=sys.stderr, disable=None, dynamic_ncols=True, smoothing=0.1)
        self._failed = 0

    def advance(self, done: int, failed: int = 0) -> None:
        if failed:
            self._failed += failed
            self._bar.set_postfix(failed=self._failed, refresh=False)
        self._bar.update(done)

    def say(self, message: str) -> None:
        tqdm.write(message, file=sys.stderr)

    def close(self) -> None:
        self._bar.close()
