"""The reader's corrections put on top of the analysis process's results off the GUI thread
(reader/ui/corrected_results.py), with the real engine's analysis and real corrections: the
result comes back by a signal, the newest result wins, and with no edits it is there at once."""

from __future__ import annotations

import pytest

from reader.corrections import model
from reader.documents import Article
from reader.ui.corrected_results import CorrectedResults
from reader.ui.corrections_state import CorrectionsState

SIGNAL_TIMEOUT_MS = 10_000


@pytest.fixture
def article(sample_text) -> Article:
    return Article(title="Sample", text=sample_text, origin="sample.txt")


@pytest.fixture
def analysis(sample_text):  # noqa: ANN201
    from reader.analysis import AttributionEngine

    return AttributionEngine().analyze(sample_text)


def test_corrections_are_applied_off_the_gui_thread_and_the_newest_result_wins(qtbot, article, analysis):
    state = CorrectionsState()
    state.reset(article)
    dropped = analysis.claims[0].to_dict()
    state.log = [model.not_a_claim(article.text, dropped)]
    results = CorrectedResults(state)
    shown: list[tuple[object, bool]] = []
    results.ready.connect(lambda corrected, _engine, final: shown.append((corrected, final)))
    with qtbot.waitSignal(results.ready, timeout=SIGNAL_TIMEOUT_MS):
        results.show(analysis, False)
        results.show(analysis, True)  # before the first is worked out: only this one is shown
        assert shown == [] and results.pending  # on the worker's thread, not in this call
    qtbot.waitUntil(lambda: not results.pending, timeout=SIGNAL_TIMEOUT_MS)
    assert [final for _a, final in shown] == [True]
    corrected = shown[0][0]
    assert len(corrected.claims) == len(analysis.claims) - 1
    assert all(c.content != analysis.claims[0].content for c in corrected.claims)
    assert state.doc["claims"] and state.unapplied == []
    results.close()
    state.close()


def test_with_no_edits_the_result_is_ready_at_once(qtbot, article, analysis):
    state = CorrectionsState()
    state.reset(article)
    results = CorrectedResults(state)
    shown: list = []
    results.ready.connect(lambda corrected, _engine, final: shown.append((corrected, final)))
    results.show(analysis, True)
    assert shown == [(analysis, True)] and not results.pending
    results.close()
    state.close()
