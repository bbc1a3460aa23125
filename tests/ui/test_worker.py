"""The worker API on its own: loads and analyses each have their own "newest request", a newer
request of one kind cancels the older one of that kind only, errors come back as signals.

The engines and loads here are held at a gate (a threading.Event) that the test opens, so
every interleaving is forced, never left to timing.
"""

from __future__ import annotations

import threading

import pytest

from reader.analysis import Analysis, Progress
from reader.documents import Article

from ui_stubs import StubEngine

GATE_TIMEOUT_S = 30  # a gate nobody opens fails the test instead of hanging it
SIGNAL_TIMEOUT_MS = 10_000
BATCHES = 10


class GatedEngine(StubEngine):
    """Ten batches; every batch after the first waits for `gate`. Records texts, threads, batches."""

    gate = threading.Event()
    seen: list[str] = []
    threads: set[int] = set()
    batches: dict[str, int] = {}

    def __init__(self) -> None:
        super().__init__(Analysis())

    def analyze_progressively(self, text, batch_size=8, cancelled=lambda: False):  # noqa: ANN001, ANN201
        cls = type(self)
        cls.seen.append(text)
        cls.threads.add(threading.get_ident())
        for done in range(1, BATCHES + 1):
            if done > 1 and not cls.gate.wait(GATE_TIMEOUT_S):
                raise TimeoutError("the test never opened the gate")
            cls.batches[text] = done
            yield Progress(done, BATCHES, Analysis())
            if cancelled():
                return


def gated_engine() -> type:
    """A fresh GatedEngine class (its records and gate are per test)."""
    return type("Gated", (GatedEngine,), {"gate": threading.Event(), "seen": [], "threads": set(),
                                          "batches": {}})


@pytest.fixture
def worker_for(qtbot):
    from reader.ui.worker import BackgroundWorker

    made = []

    def make(engine_factory):  # noqa: ANN001, ANN202
        worker = BackgroundWorker(engine_factory)
        made.append(worker)
        return worker

    yield make
    for worker in made:
        worker.shutdown()


@pytest.fixture
def gated_loads(monkeypatch):
    """Loads of targets containing "slow" wait for the returned gate; every load is an Article."""
    import reader.ui.worker as worker_module

    gate = threading.Event()

    def load(target: str) -> Article:
        if "slow" in target and not gate.wait(GATE_TIMEOUT_S):
            raise TimeoutError("the test never opened the load gate")
        return Article(title=target, text=f"{target}\nThe mayor said the ferries were back.", origin=target)

    monkeypatch.setattr(worker_module, "_load_document", load)
    return gate


def test_a_newer_analysis_cancels_the_older_one(worker_for, qtbot):
    engine = gated_engine()
    worker = worker_for(engine)
    finished, progressed = [], []
    worker.analysisFinished.connect(lambda rid, _a: finished.append(rid))
    worker.analysisProgress.connect(lambda rid, *_: progressed.append(rid))
    with qtbot.waitSignal(worker.analysisProgress, timeout=SIGNAL_TIMEOUT_MS):
        first = worker.analyze("first")
    second = worker.analyze("second")
    third = worker.analyze("third")  # "second" is stale before it starts: skipped entirely
    with qtbot.waitSignal(worker.analysisFinished, timeout=SIGNAL_TIMEOUT_MS) as done:
        engine.gate.set()
    assert done.args[0] == third
    assert finished == [third]  # the older ones ran before "third" in the same thread, and were dropped
    assert set(progressed) == {first, third} and second not in progressed
    assert engine.seen == ["first", "third"]
    assert engine.batches["first"] < BATCHES and engine.batches["third"] == BATCHES  # stopped early
    assert threading.get_ident() not in engine.threads  # the work ran off the GUI thread
    assert not worker.is_current_analysis(first) and worker.is_current_analysis(third)


def test_a_load_is_not_queued_behind_a_running_analysis(worker_for, gated_loads, qtbot):
    engine = gated_engine()
    worker = worker_for(engine)
    with qtbot.waitSignal(worker.analysisProgress, timeout=SIGNAL_TIMEOUT_MS):
        analysis = worker.analyze("long article")
    # the analysis is held at its second batch; the load must arrive anyway
    with qtbot.waitSignal(worker.articleLoaded, timeout=SIGNAL_TIMEOUT_MS) as loaded:
        load = worker.load("https://news.example/quick")
    assert loaded.args[0] == load and loaded.args[1].origin == "https://news.example/quick"
    assert worker.is_current_analysis(analysis)  # a load does not make the analysis stale
    with qtbot.waitSignal(worker.analysisFinished, timeout=SIGNAL_TIMEOUT_MS) as done:
        engine.gate.set()
    assert done.args[0] == analysis


def test_an_analysis_asked_after_a_load_does_not_swallow_it(worker_for, gated_loads, qtbot):
    worker = worker_for(StubEngine)
    load = worker.load("https://news.example/slow")
    with qtbot.waitSignal(worker.analysisFinished, timeout=SIGNAL_TIMEOUT_MS):
        worker.analyze("the article on screen")  # e.g. started after the paint
    assert worker.is_current_load(load)
    with qtbot.waitSignal(worker.articleLoaded, timeout=SIGNAL_TIMEOUT_MS) as loaded:
        gated_loads.set()
    assert loaded.args[0] == load


def test_an_analysis_asked_after_a_load_does_not_swallow_its_failure(worker_for, qtbot, tmp_path):
    worker = worker_for(StubEngine)
    load = worker.load(str(tmp_path / "missing.txt"))
    worker.analyze("the article on screen")
    with qtbot.waitSignal(worker.loadFailed, timeout=SIGNAL_TIMEOUT_MS) as failed:
        pass
    assert failed.args[0] == load and "missing.txt" in failed.args[1]


def test_of_two_loads_only_the_newer_arrives(worker_for, gated_loads, qtbot):
    worker = worker_for(StubEngine)
    arrived = []
    worker.articleLoaded.connect(lambda rid, _article: arrived.append(rid))
    older = worker.load("https://news.example/slow")
    newer = worker.load("https://news.example/second")
    assert not worker.is_current_load(older) and worker.is_current_load(newer)
    with qtbot.waitSignal(worker.articleLoaded, timeout=SIGNAL_TIMEOUT_MS) as loaded:
        gated_loads.set()
    # one load thread, in order: the older load had finished (and was dropped) before the newer one
    assert loaded.args[0] == newer and arrived == [newer]


def test_a_cancelled_analysis_emits_nothing_more(worker_for, qtbot):
    engine = gated_engine()
    worker = worker_for(engine)
    finished = []
    worker.analysisFinished.connect(lambda rid, _a: finished.append(rid))
    with qtbot.waitSignal(worker.analysisProgress, timeout=SIGNAL_TIMEOUT_MS):
        cancelled = worker.analyze("cancelled")
    worker.cancel_analysis()
    assert not worker.is_current_analysis(cancelled)
    engine.gate.set()
    with qtbot.waitSignal(worker.analysisFinished, timeout=SIGNAL_TIMEOUT_MS) as done:
        later = worker.analyze("later")  # runs after the cancelled one in the same thread
    assert done.args[0] == later and finished == [later]
    assert engine.batches["cancelled"] < BATCHES


def test_errors_come_back_as_a_signal(worker_for, qtbot):
    class Broken(StubEngine):
        fail_with = ValueError("bad batch")

        def __init__(self) -> None:
            super().__init__(Analysis())

    worker = worker_for(Broken)
    with qtbot.waitSignal(worker.analysisFailed, timeout=SIGNAL_TIMEOUT_MS) as failed:
        request = worker.analyze("text")
    assert failed.args[0] == request
    assert "ValueError: bad batch" in failed.args[1]
    # the thread survives the error and serves the next request
    with qtbot.waitSignal(worker.analysisFailed, timeout=SIGNAL_TIMEOUT_MS):
        worker.analyze("again")


def test_loading_a_missing_file_through_the_worker_is_a_message(worker_for, qtbot, tmp_path):
    worker = worker_for(StubEngine)
    with qtbot.waitSignal(worker.loadFailed, timeout=SIGNAL_TIMEOUT_MS) as failed:
        worker.load(str(tmp_path / "nope.txt"))
    assert "nope.txt" in failed.args[1]


def test_shutdown_twice_is_harmless(worker_for, qtbot):
    worker = worker_for(StubEngine)
    with qtbot.waitSignal(worker.modelState, timeout=SIGNAL_TIMEOUT_MS):
        worker.prepare(load_model=True)
    worker.shutdown()
    worker.shutdown()
