"""A long article through the real window and model: the text laid out a piece per turn (the text
itself complete at once), the overlays drawn around the visible text after every partial update,
the sources list right after each partial and the final result, the Sourcing tab brought up to
date when it is shown. Waits are on signals and conditions only."""

from __future__ import annotations

import pytest

from reader.ui import progressive_layout
from reader.ui.highlights import WINDOWED_CHARS
from reader.ui.progressive_layout import FIRST_CHARS
from reader.ui.sources_panel import SOURCE_ID, UNSOURCED
from tests.ui.test_window_highlights import claim_ids_drawn

ANALYSIS_TIMEOUT_MS = 180_000  # a long article, the real model, a busy machine
LAYOUT_TIMEOUT_MS = 30_000


@pytest.fixture
def long_path(tmp_path, sample_text):
    title, body = sample_text.strip().split("\n", 1)
    copies = WINDOWED_CHARS // len(body) + 2  # long enough to be drawn around the visible text only
    parts = [f"{body}\n(Update {n}.)" for n in range(copies)]
    path = tmp_path / "long-article.txt"
    path.write_text(title + "\n" + "\n".join(parts), encoding="utf-8")
    return path


def _extent(window, claim) -> tuple[int, int] | None:  # noqa: ANN001
    spans = [*claim.content, *claim.cue, *claim.source_mention]
    if not spans:
        return None
    to_qt = window.offsets.to_qt
    return to_qt(min(s for s, _ in spans)), to_qt(max(e for _, e in spans))


def _claims_around_view(window) -> set[str]:  # noqa: ANN001
    top, bottom = window.view.visible_range()
    return {c.id for c in window.analysis.claims
            if (extent := _extent(window, c)) is not None and extent[1] >= top and extent[0] <= bottom}


def _assert_sources_list_matches(window, analysis) -> None:  # noqa: ANN001
    panel = window.sources
    assert panel.tree.topLevelItem(0).text(1) == str(len(analysis.claims))  # All sources
    unsourced = sum(1 for c in analysis.claims if c.source_id is None)
    expected = {s.id: len(s.claim_ids) for s in analysis.sources} | ({UNSOURCED: unsourced} if unsourced else {})
    assert {i: panel.count_of(i) for i in panel.source_ids()} == expected
    assert len(panel.source_ids()) == len(expected)  # no row twice, none left over from a partial
    for i in range(1, panel.tree.topLevelItemCount()):  # in each group: most claims first
        group = panel.tree.topLevelItem(i)
        counts = [int(group.child(j).text(1)) for j in range(group.childCount())
                  if group.child(j).data(0, SOURCE_ID) != UNSOURCED]
        assert counts == sorted(counts, reverse=True) and group.childCount() > 0


def test_long_text_is_complete_at_once_and_laid_out_a_piece_per_turn(make_window, qtbot, long_path,
                                                                     monkeypatch):
    window = make_window()
    steps = window.view.layout_steps
    with qtbot.waitSignal(steps.done, timeout=LAYOUT_TIMEOUT_MS):
        assert window.open_path(long_path)
        text = window.article.text
        assert window.view.toPlainText() == text  # the document holds the whole text from the start
        assert steps.pending and FIRST_CHARS <= steps.laid_out_to() < len(text)
        hidden = [b for b in _blocks(window.view) if not b.isVisible()]
        assert hidden and hidden[0].position() >= FIRST_CHARS
    assert all(b.isVisible() for b in _blocks(window.view)) and not steps.pending
    height = window.view.document().documentLayout().documentSize().height()
    monkeypatch.setattr(progressive_layout, "FIRST_CHARS", len(text) + 1)  # nothing hidden: laid out in one go
    window.view.set_article_text(text, window.article.title)
    assert not steps.pending
    assert window.view.document().documentLayout().documentSize().height() == pytest.approx(height)


def test_scrolling_to_the_end_before_the_layout_is_done_gets_there(make_window, qtbot, long_path):
    window = make_window()
    assert window.open_path(long_path)
    assert window.view.layout_steps.pending
    end = len(window.article.text) - 1
    window.view.scroll_to_position(end)  # lays out the rest first: the position has a place
    assert not window.view.layout_steps.pending
    rect = window.view.cursorRect()
    assert window.view.textCursor().position() == end
    assert 0 <= rect.top() < window.view.viewport().height()


def test_overlays_and_sources_follow_every_partial_update(make_window, qtbot, long_path):
    window = make_window()
    checked: list[bool] = []

    def check(final: bool) -> None:
        _assert_sources_list_matches(window, window.analysis)
        assert claim_ids_drawn(window) == _claims_around_view(window)
        checked.append(final)

    window.display.drawn.connect(check)  # once every panel shows the update (a panel per turn)
    with qtbot.waitSignal(window.analysisFinished, timeout=ANALYSIS_TIMEOUT_MS):
        assert window.open_path(long_path)
    assert checked[-1] is True and len(checked) >= 2  # at least one partial, then the final result
    assert window.view.extraSelections()
    # scrolled to the end: the overlays there are drawn, those at the top are not any more
    with qtbot.waitSignal(window.view.scrolled, timeout=LAYOUT_TIMEOUT_MS):
        bar = window.view.verticalScrollBar()
        bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: claim_ids_drawn(window) == _claims_around_view(window), timeout=LAYOUT_TIMEOUT_MS)
    last = max(window.analysis.claims, key=lambda c: _extent(window, c) or (-1, -1))
    first = min(window.analysis.claims, key=lambda c: _extent(window, c) or (len(window.article.text),) * 2)
    assert last.id in claim_ids_drawn(window) and first.id not in claim_ids_drawn(window)


def test_the_sourcing_tab_catches_up_when_it_is_shown(make_window, qtbot, long_path):
    window = make_window()
    assert window.open_path(long_path)
    qtbot.waitUntil(lambda: window.analysis is not None and bool(window.analysis.claims),
                    timeout=ANALYSIS_TIMEOUT_MS)
    if window.analysis_done:
        pytest.skip("the analysis finished before the tab could be shown mid-way")
    window.sourcing_dock.raise_()  # the tab in front: it shows the analysis on screen now
    qtbot.waitUntil(lambda: window.sourcing.profile is not None
                    and window.sourcing.profile["claims"] == len(window.analysis.claims), timeout=LAYOUT_TIMEOUT_MS)
    with qtbot.waitSignal(window.analysisFinished, timeout=ANALYSIS_TIMEOUT_MS):
        pass
    qtbot.waitUntil(lambda: not window.sourcing.drawing, timeout=LAYOUT_TIMEOUT_MS)  # a bar per turn
    assert window.sourcing.profile["claims"] == len(window.analysis.claims)
    assert window.sourcing.summary.text().startswith(f"{len(window.analysis.claims)} claims")


def _blocks(view):  # noqa: ANN001, ANN202
    block = view.document().firstBlock()
    while block.isValid():
        yield block
        block = block.next()
