"""Corrections tests: the real engine on texts of our own, one pipeline per test session."""

from __future__ import annotations

import pytest

from reader.analysis import AttributionEngine, load_nlp

TEXT = (
    "Heavy rain will reach the coast by Friday, according to the national weather agency.\n"
    "\"We expect the schools to stay open,\" said Maria Lopez, a spokeswoman for the regional "
    "education office.\n"
    "Lopez added that buses would run on a reduced timetable.\n"
    "The Daily Courier reported that two bridges had been closed overnight.\n"
    "Officials are believed to be preparing an evacuation plan.\n"
    "Farmers fear the worst for the harvest this year.\n"
)


@pytest.fixture(scope="session")
def engine() -> AttributionEngine:
    return AttributionEngine(load_nlp())


class Doc:
    """The engine's analysis of a text as contract JSON, queried by words."""

    def __init__(self, engine: AttributionEngine, text: str) -> None:
        self.text = text
        self.doc = engine.analyze(text).to_dict("test")

    def claim(self, words: str, doc: dict | None = None) -> dict:
        found = [c for c in (doc or self.doc)["claims"]
                 if any(words in self.text[s:e] for s, e in c["content"])]
        assert found, f"no claim with {words!r}"
        return min(found, key=lambda c: sum(e - s for s, e in c["content"]))

    def card(self, name: str, doc: dict | None = None) -> dict:
        found = [s for s in (doc or self.doc)["sources"] if s["name"] == name]
        assert found, f"no card {name!r}"
        return found[0]

    def span(self, words: str) -> tuple[int, int]:
        at = self.text.index(words)
        return at, at + len(words)


@pytest.fixture(scope="session")
def article(engine: AttributionEngine) -> Doc:
    return Doc(engine, TEXT)


@pytest.fixture(scope="session")
def analyse(engine: AttributionEngine):  # noqa: ANN201
    """Text → Doc, analysed by the real engine."""
    return lambda text: Doc(engine, text)
