"""Stub engines and hand-made analyses for window tests that must not depend on the model."""

from __future__ import annotations

import os
import tempfile
import weakref
from pathlib import Path

from reader.analysis import Analysis, Claim, Progress, Source


class StubEngine:
    """Replays a fixed analysis in two batches; `fail_with` raises instead (an error from the engine)."""

    version = "stub-1"

    def __init__(self, analysis: Analysis | None = None, fail_with: BaseException | None = None) -> None:
        self.analysis = analysis or Analysis()
        self.fail_with = fail_with

    def analyze_progressively(self, text, batch_size=8, cancelled=lambda: False,  # noqa: ANN001, ANN201
                              visible_from=None):
        if self.fail_with is not None:
            raise self.fail_with
        half = Analysis(claims=self.analysis.claims[:1], sources=self.analysis.sources)
        yield Progress(1, 2, half)
        yield Progress(2, 2, self.analysis)


class StubFactory:
    """A picklable engine factory (it is sent to the analysis process): makes StubEngines and
    counts, in a file the test can read, how many analyses they ran in any process."""

    def __init__(self, analysis: Analysis | None, fail_with: BaseException | None, version: str | None) -> None:
        self.analysis, self.fail_with, self.version = analysis, fail_with, version
        handle, name = tempfile.mkstemp(prefix="stub-calls-", suffix=".txt")
        os.close(handle)
        self.journal = name
        weakref.finalize(self, os.remove, name)  # in this process only: unpickling skips __init__

    def __call__(self) -> StubEngine:
        return _CountingEngine(self.journal, self.analysis, self.fail_with)

    @property
    def calls(self) -> int:
        return len(Path(self.journal).read_text(encoding="utf-8").splitlines())


class _CountingEngine(StubEngine):
    def __init__(self, journal: str, analysis: Analysis | None, fail_with: BaseException | None) -> None:
        super().__init__(analysis, fail_with)
        self.journal = journal

    def analyze_progressively(self, text, batch_size=8, cancelled=lambda: False,  # noqa: ANN001, ANN201
                              visible_from=None):
        with open(self.journal, "a", encoding="utf-8") as journal:
            journal.write("analysed\n")
        yield from super().analyze_progressively(text, batch_size, cancelled)


def claim(cid: str, text: str, content: str, cue: str, mention: str | None, source_id: str | None,
          kind: str = "indirect") -> Claim:
    """A claim located by the first occurrence of each phrase in `text`."""
    def span(phrase: str) -> list[tuple[int, int]]:
        start = text.index(phrase)
        return [(start, start + len(phrase))]

    return Claim(id=cid, kind=kind, content=span(content), cue=span(cue),
                 source_mention=span(mention) if mention else [], source_id=source_id,
                 confidence=0.8, rule="stub")


def source(sid: str, name: str, kind: str, claim_ids: list[str], title: str = "", role: str = "") -> Source:
    return Source(id=sid, name=name, kind=kind, title=title, role=role, claim_ids=claim_ids)


def stub_engine(analysis: Analysis | None = None, fail_with: BaseException | None = None,
                version: str | None = "stub-1") -> StubFactory:
    """A stub engine factory (the window reads `version` from it; the analysis process calls it)."""
    return StubFactory(analysis, fail_with, version)


def drain_events() -> None:
    """Deliver every event already posted on the GUI thread (a second signal, a deferred slot).

    Deterministic, unlike a short wait: what a key press or a click queued has run afterwards."""
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.sendPostedEvents()
    QCoreApplication.processEvents()
