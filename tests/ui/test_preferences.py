"""Preferences that change what is highlighted, in a real window with the real model: a cue
class left out of "Highlight by default" is not drawn while no source is selected, the choice
persists, and selecting a source still shows all of its claims."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

ANALYSIS_MS = 120_000


def test_a_class_left_out_is_not_highlighted_until_its_source_is_chosen(make_window, open_and_wait, sample_path,
                                                                       qtbot):
    window = make_window()
    analysis = open_and_wait(window, sample_path, timeout=ANALYSIS_MS)
    hedged = {c.id for c in analysis.claims if c.cue_class == "hedge"}
    assert hedged and window.selected_claim_ids() is None
    drawn_all = len(window.view.extraSelections())
    window.actions_.preferences.trigger()
    prefs = window.findChild(QDialog, "preferencesDialog")
    prefs.classes["hedge"].setChecked(False)
    shown = window.selected_claim_ids()
    assert shown == {c.id for c in analysis.claims} - hedged
    assert len(window.view.extraSelections()) < drawn_all
    prefs.close()
    window.close()

    again = make_window()
    analysis = open_and_wait(again, sample_path, timeout=ANALYSIS_MS)
    assert again.hidden_classes == frozenset({"hedge"})
    assert not again.selected_claim_ids() & hedged
    official = next(s for s in analysis.sources if s.name == "A senior official")
    again.select_source(official.id)
    assert again.selected_claim_ids() == set(official.claim_ids)  # a chosen source: all its claims
