"""Analysis tests: one spaCy pipeline per test session, and helpers to read claims by text."""

from __future__ import annotations

import pytest

from reader.analysis import AttributionEngine, load_nlp
from reader.analysis.types import Analysis, Claim


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


@pytest.fixture(scope="session")
def engine(nlp) -> AttributionEngine:
    return AttributionEngine(nlp)


class Result:
    """An analysis with its text, queried by words instead of offsets."""

    def __init__(self, text: str, analysis: Analysis) -> None:
        self.text, self.analysis = text, analysis

    def spans(self, spans) -> str:  # noqa: ANN001
        return " | ".join(self.text[s:e] for s, e in spans)

    def claim(self, words: str) -> Claim:
        """The claim whose content contains `words`."""
        found = [c for c in self.analysis.claims if words in self.spans(c.content)]
        assert found, f"no claim with content {words!r}: {self.describe()}"
        return found[0]

    def has_claim(self, words: str) -> bool:
        return any(words in self.spans(c.content) for c in self.analysis.claims)

    def source_of(self, claim: Claim):  # noqa: ANN201
        return self.analysis.source(claim.source_id)

    def speaker(self, words: str) -> str:
        """Name on the source card of the claim containing `words` ("" when unsourced)."""
        source = self.source_of(self.claim(words))
        return source.name if source else ""

    def describe(self) -> str:
        return "; ".join(f"{c.kind}:{c.rule}[{self.spans(c.source_mention)}|{self.spans(c.cue)}|"
                         f"{self.spans(c.content)[:60]}]" for c in self.analysis.claims)


@pytest.fixture(scope="session")
def analyze(engine):
    def run(text: str) -> Result:
        return Result(text, engine.analyze(text))

    return run
