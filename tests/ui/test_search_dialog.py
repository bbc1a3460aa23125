"""The notes search dialog against a real library: typing lists ranked hits; choosing one
emits hitChosen(article_id, source_key)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader.ui.search_dialog import NotesSearchDialog

from ui_stubs import drain_events

@pytest.fixture
def library(two_article_library):
    lib = two_article_library
    lib.save_note("a1", "s1", "Yoav Mordechai", "person", "Said the same about the ferry in March.")
    lib.save_note("a2", "s2", "Reuters", "media", "Ferry schedule <b>unconfirmed</b>.")
    return lib


@pytest.fixture
def dialog(qtbot, library):
    dlg = NotesSearchDialog(library)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def test_typing_lists_ranked_hits_after_a_pause(qtbot, dialog):
    assert dialog.results.count() == 0 and "Type to search" in dialog.status.text()
    qtbot.keyClicks(dialog.field, "ferry")
    qtbot.waitUntil(lambda: dialog.results.count() == 2)
    assert dialog.status.text() == "2 matches"
    labels = [dialog.results.item(i).text() for i in range(2)]
    assert any(label.startswith("Yoav Mordechai (person) — Crossing to reopen") for label in labels)
    assert any("<b>unconfirmed</b>" in label for label in labels)  # user text shown as typed, not as HTML
    assert dialog.results.currentRow() == 0 and dialog.open_button.isEnabled()


def test_roles_and_names_are_found(qtbot, dialog):
    dialog.set_query("coordinator")
    assert dialog.results.count() == 2  # the card in both articles
    assert "[source]" in dialog.results.item(0).text()
    dialog.set_query("zebra")
    assert dialog.results.count() == 0 and dialog.status.text() == "No matches."


def test_enter_chooses_the_current_hit_once_and_closes(qtbot, dialog):
    dialog.set_query("March")
    chosen = []
    dialog.hitChosen.connect(lambda *args: chosen.append(list(args)))
    with qtbot.waitSignal(dialog.hitChosen) as signal:
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert signal.args == ["a1", "person:yoav mordechai"]
    drain_events()
    assert chosen == [signal.args]  # the field's Enter and the dialog's default button: one choice
    assert not dialog.isVisible()


def test_arrow_keys_in_the_field_move_through_hits_and_double_click_chooses(qtbot, dialog):
    dialog.set_query("ferry")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Down)
    assert dialog.results.currentRow() == 1
    qtbot.keyClick(dialog.field, Qt.Key.Key_Up)
    assert dialog.results.currentRow() == 0
    item = dialog.results.item(1)
    expected = list(item.data(Qt.ItemDataRole.UserRole))
    with qtbot.waitSignal(dialog.hitChosen) as signal:
        dialog.results.itemActivated.emit(item)
    assert signal.args == expected


def test_enter_typed_before_the_pause_still_searches(qtbot, dialog):
    qtbot.keyClicks(dialog.field, "Reuters")
    with qtbot.waitSignal(dialog.hitChosen) as signal:
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert signal.args[1] == "media:reuters"


def test_reopening_shows_notes_edited_meanwhile(qtbot, dialog, library):
    dialog.set_query("tunnels")
    assert dialog.results.count() == 0
    dialog.hide()
    library.save_note("a2", "s1", "Yoav Mordechai", "person", "Now about tunnels.")
    dialog.show()
    assert dialog.results.count() == 1


def test_fts_syntax_typed_by_the_user_is_harmless(qtbot, dialog):
    for text in ('"', "AND (", "NEAR(", "*"):
        dialog.set_query(text)
        assert "Could not" not in dialog.status.text()
