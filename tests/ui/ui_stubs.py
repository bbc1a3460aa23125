"""Stub engines and hand-made analyses for window tests that must not depend on the model."""

from __future__ import annotations

from reader.analysis import Analysis, Claim, Progress, Source


class StubEngine:
    """Replays a fixed analysis in two batches; `fail_with` raises instead (an error from the engine)."""

    version = "stub-1"
    fail_with: BaseException | None = None
    calls = 0

    def __init__(self, analysis: Analysis | None = None) -> None:
        self.analysis = analysis or Analysis()

    def analyze_progressively(self, text, batch_size=8, cancelled=lambda: False):  # noqa: ANN001, ANN201
        type(self).calls += 1
        if self.fail_with is not None:
            raise self.fail_with
        half = Analysis(claims=self.analysis.claims[:1], sources=self.analysis.sources)
        yield Progress(1, 2, half)
        yield Progress(2, 2, self.analysis)


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
                version: str | None = "stub-1") -> type:
    """A StubEngine class (the window reads `version` from the factory, then calls it in the worker)."""
    attrs = {"fail_with": fail_with, "calls": 0, "__init__": lambda self: StubEngine.__init__(self, analysis)}
    cls = type("Stub", (StubEngine,), attrs)
    if version is None:
        cls.version = None
    else:
        cls.version = version
    return cls


def drain_events() -> None:
    """Deliver every event already posted on the GUI thread (a second signal, a deferred slot).

    Deterministic, unlike a short wait: what a key press or a click queued has run afterwards."""
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.sendPostedEvents()
    QCoreApplication.processEvents()
