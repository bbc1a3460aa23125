"""Opening another article while one is analysed: the old analysis stops, its results never show."""

from __future__ import annotations

from reader.ui.highlights import CLAIM_ID


def test_second_article_leaves_no_highlight_from_the_first(make_window, sample_path, sample_text,
                                                           tmp_path, qtbot):
    # a long first article (the sample, renumbered so that it is a different article)
    long_path = tmp_path / "long.txt"
    long_path.write_text("\n".join(f"{sample_text.strip()} ({i})" for i in range(12)), encoding="utf-8")
    window = make_window()
    finished: list[str] = []
    window.analysisFinished.connect(finished.append)
    with qtbot.waitSignal(window.analysisProgress, timeout=60_000) as first_progress:
        window.open_path(long_path)
    long_id = first_progress.args[0]
    assert window.view.extraSelections()  # partial highlights of the first article are showing

    with qtbot.waitSignal(window.analysisFinished, timeout=60_000) as done:
        window.open_path(sample_path)
    second_id = done.args[0]
    assert second_id != long_id and window.article.id == second_id
    # no wait: both analyses ran in the one analysis thread, in order, so every batch of the
    # first one was delivered (and dropped) before the second one's end

    assert finished == [second_id]
    text = window.article.text
    ids = {c.id for c in window.analysis.claims}
    spans = {(s, e) for c in window.analysis.claims for s, e in [*c.content, *c.cue, *c.source_mention]}
    for sel in window.view.extraSelections():
        cursor = sel.cursor
        assert sel.format.property(CLAIM_ID) in ids or sel.format.property(CLAIM_ID) is None
        assert cursor.selectionEnd() <= len(text)
        if sel.format.property(CLAIM_ID):
            assert (cursor.selectionStart(), cursor.selectionEnd()) in spans
    assert window.sources.source_ids()  # the panel shows the second article's sources
