"""Clients of a real analysis process, shut down after each test."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

import pytest


@pytest.fixture
def journal(tmp_path):
    path = tmp_path / "journal.txt"
    path.touch()
    return path


@pytest.fixture
def make_client() -> Iterator[Callable]:
    from reader.ui.analysis_client import AnalysisClient

    made = []

    def make(engine_class=None, journal=None):  # noqa: ANN001
        factory = None if engine_class is None else functools.partial(engine_class, str(journal))
        client = AnalysisClient(factory)
        made.append(client)
        return client

    yield make
    for client in made:
        client.shutdown()
