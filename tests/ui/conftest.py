"""Fixtures for the window tests: real windows in tmp_path, closed (and their worker stopped) after each test."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

ANALYSIS_TIMEOUT_MS = 60_000  # the first test of a run pays for loading the model


@pytest.fixture
def make_window(qtbot, data_dir) -> Iterator[Callable]:
    from reader.ui import MainWindow

    made = []

    def make(engine_factory=None, warm_up: bool = False, path=None):  # noqa: ANN001
        window = MainWindow(path or data_dir, engine_factory=engine_factory, warm_up=warm_up)
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()  # flushes notes, stops the worker thread


@pytest.fixture
def open_and_wait(qtbot):
    def run(window, path, timeout: int = ANALYSIS_TIMEOUT_MS):  # noqa: ANN001
        with qtbot.waitSignal(window.analysisFinished, timeout=timeout):
            assert window.open_path(path)
        return window.analysis

    return run
