"""One typist process killed with SIGKILL while it types (the kill -9 tests of issue 17).

The typist prints "ready …" once its window is up, then one "key <time>" line per keystroke;
`type_and_kill` reads them for `typing_s` seconds, kills it, and collects what it printed before
it died.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time


def type_and_kill(args: list[str], typing_s: float, start_timeout_s: float) -> tuple[list[str], list[float]]:
    """The words of the typist's "ready" line and its key times, the typist killed after `typing_s` s."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE, text=True, env=env)
    try:
        ready = proc.stdout.readline().split()
        assert ready[:1] == ["ready"], ready
        times, started = [], time.monotonic()
        for line in proc.stdout:
            times.append(float(line.split()[1]))
            if time.monotonic() - started >= typing_s:
                break
        proc.send_signal(signal.SIGKILL)
        times += [float(line.split()[1]) for line in proc.stdout if line.strip()]  # printed before it died
    finally:
        proc.kill()
        proc.wait(start_timeout_s)
        proc.stdout.close()
    return ready, times
