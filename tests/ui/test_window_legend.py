"""The cue-class toggles of the legend, in a real window with the real model: a class toggled
off disappears from the highlights, the choice survives a restart, tooltips name the class."""

from __future__ import annotations

from reader.ui.highlights import CLAIM_ID
from reader.ui.legend import CLASS_WORDS, CUE_CLASSES

TEXT = ("Harbour board plans to close the pier\n"
        "The harbour master said the pier was unsafe. The board plans to close it in May, "
        "and residents want a new crossing. Court records show the pier failed two inspections.\n")


def drawn_ids(window) -> set[str]:  # noqa: ANN001
    return {sel.format.property(CLAIM_ID) for sel in window.view.extraSelections()
            if sel.format.property(CLAIM_ID)}


def test_toggling_a_class_hides_and_shows_its_claims(make_window, open_and_wait, tmp_path, qtbot):
    path = tmp_path / "pier.txt"
    path.write_text(TEXT, encoding="utf-8")
    window = make_window()
    analysis = open_and_wait(window, path)
    by_class = {c.id: c.cue_class for c in analysis.claims}
    assert {"speech", "intention", "evidence"} <= set(by_class.values()), by_class
    assert drawn_ids(window) == set(by_class)
    intention = window.class_toggles.buttons["intention"]
    assert intention.text() == f"intention {sum(v == 'intention' for v in by_class.values())}"
    with qtbot.waitSignal(window.class_toggles.classesChanged):
        intention.click()
    assert drawn_ids(window) == {cid for cid, cls in by_class.items() if cls != "intention"}
    # a source selected and a class hidden: both filters hold
    speech_claim = next(c for c in analysis.claims if c.cue_class == "speech")
    assert window.select_source(speech_claim.source_id)
    assert drawn_ids(window) == {c.id for c in analysis.claims
                                 if c.source_id == speech_claim.source_id and c.cue_class != "intention"}
    window.show_all_sources()
    intention.click()
    assert drawn_ids(window) == set(by_class)


def test_hidden_classes_are_remembered(make_window, data_dir):
    first = make_window()
    first.class_toggles.buttons["hedge"].click()
    first.class_toggles.buttons["belief"].click()
    assert first.class_toggles.hidden() == {"hedge", "belief"}
    first.close()
    second = make_window(path=data_dir)
    assert second.class_toggles.hidden() == {"hedge", "belief"}
    assert not second.class_toggles.buttons["hedge"].isChecked()
    assert second.class_toggles.buttons["speech"].isChecked()


def test_tooltips_name_the_class_in_words(make_window, open_and_wait, tmp_path):
    window = make_window()
    for name in CUE_CLASSES:
        tip = window.class_toggles.buttons[name].toolTip()
        assert tip == CLASS_WORDS[name] and tip.lower().startswith(name) and len(tip.split()) > 4
    path = tmp_path / "pier.txt"
    path.write_text(TEXT, encoding="utf-8")
    analysis = open_and_wait(window, path)
    claim = next(c for c in analysis.claims if c.cue_class == "evidence")
    assert CLASS_WORDS["evidence"] in window._tooltip(claim.id)
