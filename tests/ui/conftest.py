"""Fixtures for the window tests: real windows in tmp_path, closed (and their analysis process stopped) after each test."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

ANALYSIS_TIMEOUT_MS = 60_000  # the first test of a run pays for loading the model
ACTIVATION_TIMEOUT_MS = 10_000


@pytest.fixture
def make_window(qtbot, data_dir) -> Iterator[Callable]:
    from reader.ui import MainWindow

    made = []

    def make(engine_factory=None, warm_up: bool = False, path=None):  # noqa: ANN001
        window = MainWindow(path or data_dir, engine_factory=engine_factory, warm_up=warm_up)
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        window.activateWindow()  # shortcuts only reach the active window; activation is asynchronous
        qtbot.waitUntil(window.isActiveWindow, timeout=ACTIVATION_TIMEOUT_MS)
        return window

    yield make
    for window in made:
        window.close()  # flushes notes, stops the analysis process


@pytest.fixture
def open_and_wait(qtbot):
    def run(window, path, timeout: int = ANALYSIS_TIMEOUT_MS):  # noqa: ANN001
        with qtbot.waitSignal(window.analysisFinished, timeout=timeout):
            assert window.open_path(path)
        return window.analysis

    return run


@pytest.fixture
def two_article_library(data_dir):
    """A real library with two articles, each with the cards Yoav Mordechai and Reuters."""
    from reader.store import Library

    text = "Yoav Mordechai said the crossing would reopen. Reuters reported it."
    cards = {"id": "", "claims": [], "boilerplate": [], "sources": [
        {"id": "s1", "name": "Yoav Mordechai", "kind": "person", "title": "IDF Maj.-Gen.",
         "role": "coordinator of government activities", "claim_ids": []},
        {"id": "s2", "name": "Reuters", "kind": "media", "role": "news agency", "claim_ids": []}]}
    lib = Library.open(data_dir)
    for article_id, title in (("a1", "Crossing to reopen"), ("a2", "Talks stall")):
        lib.remember_article(article_id, title, f"https://example.org/{article_id}", text + title)
        lib.save_analysis(article_id, "e", cards)
    yield lib
    lib.close()
