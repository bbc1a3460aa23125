"""The window and the library search, with the real model: a claim found by a word of its quote
opens its article, scrolled to that claim and outlined; the menu offers the search."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.ui.search_dialog import HIT_ROLE

from library_hits import assert_opened_at, read_sample_then_another

SEARCH_MS = 10_000
ANALYSIS_MS = 120_000


def test_opening_a_claim_hit_scrolls_to_and_outlines_that_claim(make_window, open_and_wait, qtbot,
                                                                 sample_path, tmp_path):
    window = make_window()
    okafor = read_sample_then_another(window, open_and_wait, qtbot, sample_path, tmp_path, ANALYSIS_MS, SEARCH_MS)

    window.actions_.search_notes.trigger()
    dialog = window.dialogs.search
    with qtbot.waitSignal(dialog.searched, timeout=SEARCH_MS):
        qtbot.keyClicks(dialog.field, "relieved recovery")
    item = dialog.results.currentItem()
    assert item.data(HIT_ROLE)[2] == okafor.id and item.text().startswith("[claim] Maria Okafor said:")
    with qtbot.waitSignal(window.analysisFinished, timeout=ANALYSIS_MS):
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert_opened_at(window, qtbot, okafor, SEARCH_MS)
