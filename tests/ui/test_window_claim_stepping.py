"""n / p in a real window with the real model skip the claims of cue classes hidden with the
legend's toggles (reader/ui/claim_navigation.py), and go to them again once shown."""

from __future__ import annotations

from PySide6.QtCore import Qt

TEXT = ("Harbour board plans to close the pier\n"
        "The harbour master said the pier was unsafe. The board plans to close it in May, "
        "and residents want a new crossing. Court records show the pier failed two inspections.\n")


def _step(window, qtbot, key, times: int) -> list[str]:  # noqa: ANN001
    window.view.setFocus()
    seen = []
    for _ in range(times):
        qtbot.keyClick(window.view, key)
        seen.append(window.navigator.current_claim_id())
    return seen


def test_n_and_p_skip_hidden_classes(make_window, open_and_wait, tmp_path, qtbot):
    path = tmp_path / "pier.txt"
    path.write_text(TEXT, encoding="utf-8")
    window = make_window()
    analysis = open_and_wait(window, path)
    ordered = [c.id for c in window.navigator.selected_claims()]
    by_class = {c.id: c.cue_class for c in analysis.claims}
    assert "intention" in by_class.values() and len(set(by_class.values())) > 1, by_class
    shown = [cid for cid in ordered if by_class[cid] != "intention"]
    with qtbot.waitSignal(window.class_toggles.classesChanged):
        window.class_toggles.buttons["intention"].click()
    forward = _step(window, qtbot, Qt.Key.Key_N, len(shown) + 1)
    assert forward == shown + shown[:1]            # every shown claim once, then round again
    backward = _step(window, qtbot, Qt.Key.Key_P, len(shown))
    assert backward == shown[::-1]                  # from the first, p goes round to the last
    assert window.sources.claim_position.text().endswith(f"of {len(shown)}")
    # the claims list still holds every class; only stepping skips the hidden ones
    assert [c.id for c in window.navigator.selected_claims()] == ordered
    with qtbot.waitSignal(window.class_toggles.classesChanged):
        window.class_toggles.buttons["intention"].click()
    again = _step(window, qtbot, Qt.Key.Key_N, len(ordered))
    assert sorted(again) == sorted(ordered)


def test_hiding_the_current_claims_class_moves_on_to_the_next_shown(make_window, open_and_wait, tmp_path, qtbot):
    path = tmp_path / "pier.txt"
    path.write_text(TEXT, encoding="utf-8")
    window = make_window()
    analysis = open_and_wait(window, path)
    ordered = [c.id for c in window.navigator.selected_claims()]
    by_class = {c.id: c.cue_class for c in analysis.claims}
    first_intention = next(i for i, cid in enumerate(ordered) if by_class[cid] == "intention")
    _step(window, qtbot, Qt.Key.Key_N, first_intention + 1)
    assert window.navigator.current_claim_id() == ordered[first_intention]
    window.class_toggles.buttons["intention"].click()
    following = next(cid for cid in ordered[first_intention + 1:] + ordered if by_class[cid] != "intention")
    assert _step(window, qtbot, Qt.Key.Key_N, 1) == [following]
