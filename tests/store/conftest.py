"""Fixtures for the store tests: a real library file in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reader.store import Library


@pytest.fixture
def library(data_dir) -> Iterator[Library]:
    lib = Library.open(data_dir)
    yield lib
    lib.close()
