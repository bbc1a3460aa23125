"""The worker API on its own: newer requests cancel older ones, errors come back as a signal."""

from __future__ import annotations

import threading
import time

from reader.analysis import Analysis, Progress

from ui_stubs import StubEngine


class SlowEngine(StubEngine):
    """Ten batches of 50 ms; records which texts it was asked about and on which thread."""

    seen: list[str] = []
    threads: set[int] = set()
    batches: dict[str, int] = {}

    def __init__(self) -> None:
        super().__init__(Analysis())

    def analyze_progressively(self, text, batch_size=8, cancelled=lambda: False):  # noqa: ANN001, ANN201
        type(self).seen.append(text)
        type(self).threads.add(threading.get_ident())
        for done in range(1, 11):
            time.sleep(0.05)
            type(self).batches[text] = done
            yield Progress(done, 10, Analysis())
            if cancelled():
                return


def test_a_newer_request_cancels_the_older_one(qtbot):
    from reader.ui.worker import BackgroundWorker

    worker = BackgroundWorker(SlowEngine)
    finished, progressed = [], []
    worker.analysisFinished.connect(lambda rid, _a: finished.append(rid))
    worker.analysisProgress.connect(lambda rid, *_: progressed.append(rid))
    try:
        first = worker.analyze("first")
        with qtbot.waitSignal(worker.analysisProgress, timeout=5_000):
            pass
        second = worker.analyze("second")
        third = worker.analyze("third")  # "second" is stale before it starts: skipped entirely
        with qtbot.waitSignal(worker.analysisFinished, timeout=5_000) as done:
            pass
        assert done.args[0] == third
        qtbot.wait(200)
        assert finished == [third]
        assert set(progressed) == {first, third}
        assert SlowEngine.seen == ["first", "third"]
        assert SlowEngine.batches["first"] < 10 and SlowEngine.batches["third"] == 10  # stopped early
        assert threading.get_ident() not in SlowEngine.threads  # the work ran off the GUI thread
        assert second not in progressed
    finally:
        worker.shutdown()


def test_errors_come_back_as_a_signal(qtbot):
    from reader.ui.worker import BackgroundWorker

    class Broken(StubEngine):
        fail_with = ValueError("bad batch")

        def __init__(self) -> None:
            super().__init__(Analysis())

    worker = BackgroundWorker(Broken)
    try:
        with qtbot.waitSignal(worker.failed, timeout=5_000) as failed:
            request = worker.analyze("text")
        assert failed.args[0] == request
        assert "ValueError: bad batch" in failed.args[1]
        # the thread survives the error and serves the next request
        with qtbot.waitSignal(worker.failed, timeout=5_000):
            worker.analyze("again")
    finally:
        worker.shutdown()


def test_loading_a_missing_file_through_the_worker_is_a_message(qtbot, tmp_path):
    from reader.ui.worker import BackgroundWorker

    worker = BackgroundWorker(StubEngine)
    try:
        with qtbot.waitSignal(worker.failed, timeout=5_000) as failed:
            worker.load(str(tmp_path / "nope.txt"))
        assert "nope.txt" in failed.args[1]
    finally:
        worker.shutdown()
