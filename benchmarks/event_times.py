"""Where a GUI-thread stall goes: every top-level event the application dispatches, timed.

    app = TimedApplication([])          # instead of QApplication (before any widget exists)
    app.recording = True                # from here on, dispatches are timed (nested ones count
    ...                                 # in the event that sent them)
    app.report(longer_than_ms=8)        # the slowest dispatches: receiver, event type, wall ms and
                                        # the GUI thread's CPU ms (less: it was preempted, the
                                        # machine is shared)
    app.profile_over_ms = 8             # optionally: a cProfile of each dispatch, kept when it is
                                        # slower than this (cProfile slows every call ~2×)

A stall of the heartbeat is one dispatch (a timer, a queued signal, a paint, a posted layout
request) that held the thread; the wrapped-slot timings of bench_ui.py see only the slots they
wrap, this sees the Qt work that follows them too (layouts, first paints of new widgets).
Used by `benchmarks/bench_ui.py --stalls --events`; prints, never asserts.
"""

from __future__ import annotations

import cProfile
import gc
import io
import pstats
import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

KEPT = 12  # slowest dispatches reported
PROFILE_LINES = 14  # functions shown per profiled dispatch
INNER_SHOWN_MS = 2.0
GAP_SHOWN = 6  # dispatches listed for the longest heartbeat gap


def _describe(receiver: QObject, event: QEvent) -> str:
    name = receiver.objectName() or ""
    parent = receiver.parent()
    owner = f" in {type(parent).__name__}" if parent is not None else ""
    return f"{event.type().name} → {type(receiver).__name__}{f' {name!r}' if name else ''}{owner}"


class TimedApplication(QApplication):
    def __init__(self, argv: list[str]) -> None:
        super().__init__(argv)
        self.recording = False
        self.profile_over_ms: float | None = None
        self._depth = 0
        self.slowest: list[tuple[float, str, str]] = []  # (ms, what, profile text)
        self.cpu_ms: list[float] = []  # the GUI thread's CPU time in each top-level dispatch
        self.timeline: list[tuple[float, float, float, str]] = []  # (start s, wall ms, CPU ms, what)
        self.inner: dict[str, float] = {}  # a nested dispatch (a widget's paint, a layout) → its longest ms
        self.collections: dict[int, list[float]] = {}  # garbage collector generation → ms of each run
        self._collecting_since = 0.0
        gc.callbacks.append(self._on_collection)

    def _on_collection(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._collecting_since = time.perf_counter()
        elif self.recording:
            ms = (time.perf_counter() - self._collecting_since) * 1000
            self.collections.setdefault(info["generation"], []).append(ms)

    def notify(self, receiver: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self.recording:
            return super().notify(receiver, event)
        if self._depth:
            what = _describe(receiver, event) if self._depth == 1 else ""
            self._depth += 1
            start = time.perf_counter()
            try:
                return super().notify(receiver, event)
            finally:
                self._depth -= 1
                if what:
                    self.inner[what] = max(self.inner.get(what, 0.0), (time.perf_counter() - start) * 1000)
        what = _describe(receiver, event)  # before: the event may be deleted by its handler
        profile = cProfile.Profile() if self.profile_over_ms is not None else None
        self._depth += 1
        start, cpu_start = time.perf_counter(), time.thread_time()
        if profile is not None:
            profile.enable()
        try:
            return super().notify(receiver, event)
        finally:
            if profile is not None:
                profile.disable()
            ms = (time.perf_counter() - start) * 1000
            cpu_ms = (time.thread_time() - cpu_start) * 1000
            self._depth -= 1
            self.cpu_ms.append(cpu_ms)
            self.timeline.append((start, ms, cpu_ms, what))
            self._keep(ms, f"{what}  (CPU {cpu_ms:.1f} ms)", profile)

    def _keep(self, ms: float, what: str, profile: cProfile.Profile | None) -> None:
        if len(self.slowest) >= KEPT and ms <= self.slowest[-1][0]:
            return
        text = ""
        if profile is not None and ms > (self.profile_over_ms or 0):
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(PROFILE_LINES)
            text = out.getvalue()
        self.slowest.append((ms, what, text))
        self.slowest.sort(key=lambda kept: -kept[0])
        del self.slowest[KEPT:]

    def cpu_report(self, label: str) -> None:
        """The CPU time of the dispatches since the last report: what the window itself costs,
        whatever else the machine runs (wall stalls add the time the thread was preempted)."""
        cpu, self.cpu_ms = sorted(self.cpu_ms), []
        if cpu:
            print(f"  {label:<44} longest dispatch CPU {cpu[-1]:5.1f} ms   over 8 ms: "
                  f"{sum(c > 8 for c in cpu)}, over 16 ms: {sum(c > 16 for c in cpu)}   ({len(cpu)} dispatches)")

    def explain_gap(self, start: float, end: float) -> None:
        """The dispatches between two heartbeat ticks (perf_counter seconds): what one stall was made of."""
        inside = [t for t in self.timeline if t[0] < end and t[0] + t[1] / 1000 > start]
        busy = sum(t[1] for t in inside)
        print(f"    the longest gap, {(end - start) * 1000:.1f} ms: {len(inside)} dispatches, {busy:.1f} ms of them"
              f" (CPU {sum(t[2] for t in inside):.1f} ms); the rest the loop waited or was not scheduled")
        for begun, ms, cpu_ms, what in sorted(inside, key=lambda t: -t[1])[:GAP_SHOWN]:
            print(f"      +{(begun - start) * 1000:6.1f} ms  {ms:5.1f} ms (CPU {cpu_ms:4.1f})  {what}")
        self.timeline = []

    def report(self, longer_than_ms: float = 0.0) -> None:
        print(f"  the slowest event dispatches on the GUI thread (top {KEPT}, with what they called)")
        for ms, what, text in self.slowest:
            if ms >= longer_than_ms:
                print(f"    {ms:7.1f} ms  {what}")
                if text:
                    body = text[text.find("ncalls"):] if "ncalls" in text else text
                    print("\n".join("        " + line for line in body.splitlines() if line.strip()))
        print("  inside them, the longest of each kind of nested dispatch (over 2 ms)")
        for what, ms in sorted(self.inner.items(), key=lambda kv: -kv[1]):
            if ms > INNER_SHOWN_MS:
                print(f"    {ms:7.1f} ms  {what}")
        for generation, runs in sorted(self.collections.items()):
            print(f"  garbage collections of generation {generation}: {len(runs)}, longest {max(runs):.1f} ms")
