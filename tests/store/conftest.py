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


@pytest.fixture(scope="session")
def sample_analysis(sample_text) -> dict:
    """The real engine's analysis of resources/sample-article.txt, as `Analysis.to_dict()`."""
    from reader.analysis import AttributionEngine, load_nlp

    return AttributionEngine(load_nlp()).analyze(sample_text).to_dict("sample")


@pytest.fixture
def sample_library(library, sample_text, sample_analysis) -> Library:
    """The library with the sample article stored and analysed, as the window leaves it."""
    library.remember_article("sample", sample_text.split("\n", 1)[0], "https://example.org/ferry", sample_text)
    library.save_analysis("sample", "real-engine", sample_analysis)
    return library
