"""The window and the library search, with the real model: a claim found by a word of its quote
opens its article, scrolled to that claim and outlined; the menu offers the search."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.ui.search_dialog import HIT_ROLE

SEARCH_MS = 10_000
ANALYSIS_MS = 120_000


def test_opening_a_claim_hit_scrolls_to_and_outlines_that_claim(make_window, open_and_wait, qtbot,
                                                                 sample_path, tmp_path):
    window = make_window()
    analysis = open_and_wait(window, sample_path, timeout=ANALYSIS_MS)
    okafor = next(c for c in analysis.claims if window.article.text[c.content[0][0]:].startswith("“We are relieved"))
    other = tmp_path / "other.txt"
    other.write_text("Harbour news\nThe harbour master said the pier was safe.\n", encoding="utf-8")
    open_and_wait(window, other, timeout=ANALYSIS_MS)
    library = window.ensure_library()
    # the sample's analysis is saved by the saver thread: wait until its claims are indexed
    qtbot.waitUntil(lambda: bool(library.db.execute(
        "SELECT 1 FROM claims WHERE claim_id = ? AND content LIKE '“We are relieved%'", [okafor.id]).fetchone()),
        timeout=SEARCH_MS)

    window.actions_.search_notes.trigger()
    dialog = window.dialogs.search
    with qtbot.waitSignal(dialog.searched, timeout=SEARCH_MS):
        qtbot.keyClicks(dialog.field, "relieved recovery")
    item = dialog.results.currentItem()
    assert item.data(HIT_ROLE)[2] == okafor.id and item.text().startswith("[claim] Maria Okafor said:")
    with qtbot.waitSignal(window.analysisFinished, timeout=ANALYSIS_MS):
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: window.view.current_span() is not None, timeout=SEARCH_MS)
    assert window.article.id != "" and window.article.text.startswith("Red Sea ferry")
    start, end = window.view.current_span()
    shown = window.view.document().toPlainText()[start:end]
    assert "We are relieved" in shown  # the outline is on Okafor's claim
    top, bottom = window.view.visible_range(0)
    assert top <= start <= bottom  # scrolled to it
    assert window.view.current_outline_rects()
    assert window.sources.current_source_id() == okafor.source_id
