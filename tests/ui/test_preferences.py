"""Preferences that change what is highlighted, in a real window with the real model: a cue
class unticked in Preferences is the window's own class toggle turned off (one state): its
claims are not drawn, the choice persists, and the row above the article shows it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

ANALYSIS_MS = 120_000


def test_a_class_unticked_in_preferences_is_not_highlighted_and_stays_so(make_window, open_and_wait,
                                                                        sample_path, qtbot):
    window = make_window()
    analysis = open_and_wait(window, sample_path, timeout=ANALYSIS_MS)
    assert any(c.cue_class == "hedge" for c in analysis.claims)
    drawn_all = len(window.view.extraSelections())
    window.actions_.preferences.trigger()
    prefs = window.findChild(QDialog, "preferencesDialog")
    assert all(box.isChecked() for box in prefs.classes.values())
    prefs.classes["hedge"].setChecked(False)
    assert window.class_toggles.hidden() == frozenset({"hedge"})  # the row above the article agrees
    assert len(window.view.extraSelections()) < drawn_all
    prefs.close()
    window.close()

    again = make_window()
    open_and_wait(again, sample_path, timeout=ANALYSIS_MS)
    assert again.class_toggles.hidden() == frozenset({"hedge"})
    again.class_toggles.set_hidden(frozenset())  # turned back on from the row
    again.actions_.preferences.trigger()
    shown = again.findChild(QDialog, "preferencesDialog")
    assert shown.classes["hedge"].isChecked()
    shown.close()
