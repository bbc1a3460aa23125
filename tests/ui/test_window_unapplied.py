"""A correction that no longer applies is kept and listed, never lost: in the real window, a
correction made on a claim that a later analysis no longer finds is listed under Sources >
"Corrections that no longer apply", and the reader deletes it there (Ctrl+Z puts it back in
its place in the library's log)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader.corrections.model import CHANGE_KIND
from reader.store import Library
from test_window_corrections import TEXT, _claim, _menu_on, _reopen, article  # noqa: F401 - a fixture

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")


def _drop_claim_from_the_stored_analysis(data_dir, words: str) -> None:  # noqa: ANN001
    """What a newer engine that no longer finds the claim would store."""
    lib = Library.open(data_dir)
    (article_id, engine_version), = lib.db.execute("SELECT article_id, engine_version FROM analyses").fetchall()
    doc = lib.cached_analysis(article_id, engine_version)
    gone = [c for c in doc["claims"] if any(words in TEXT[s:e] for s, e in c["content"])]
    assert gone
    doc["claims"] = [c for c in doc["claims"] if c not in gone]
    ids = {c["id"] for c in gone}
    for card in doc["sources"]:
        card["claim_ids"] = [i for i in card["claim_ids"] if i not in ids]
    doc["sources"] = [s for s in doc["sources"] if s["claim_ids"]]
    lib.save_analysis(article_id, engine_version, doc)
    lib.close()


def _stored_kinds(data_dir, article_id: str) -> list[str]:  # noqa: ANN001
    lib = Library.open(data_dir, read_only=True)
    try:
        return [c.kind for c in lib.corrections(article_id)]
    finally:
        lib.close()


def test_an_unapplied_correction_is_listed_deleted_and_put_back(
        make_window, open_and_wait, article, qtbot, data_dir):  # noqa: ANN001, F811
    window = make_window()
    open_and_wait(window, article)
    action = window.unapplied.action
    assert not action.isEnabled()
    _menu_on(window, qtbot, "two bridges", "changeKindMenu", "kind:direct")
    _menu_on(window, qtbot, "buses would run", "notAClaim")
    assert not action.isEnabled()  # both apply
    article_id = window.article.id
    window.close()

    _drop_claim_from_the_stored_analysis(data_dir, "two bridges")
    again = _reopen(make_window, qtbot, article)
    state = again.session.corrections
    assert _claim(again, "two bridges") is None and _claim(again, "buses would run") is None  # the reject applies
    action = again.unapplied.action
    assert action.isEnabled() and "(1)" in action.text()
    sources_menu = next(m for m in again.menuBar().actions() if m.text() == "&Sources").menu()
    assert action in sources_menu.actions()
    assert again.message_bar.text() == ("1 of your corrections no longer applies to this text. It is kept: "
                                        "Sources > Corrections that no longer apply lists it.")

    action.trigger()
    dialog = again.unapplied.dialog
    qtbot.waitUntil(dialog.isVisible)
    changed_kind = next(c for c in state.log if c.kind == CHANGE_KIND)
    assert dialog.uids() == [changed_kind.uid]
    what, quote, why = dialog.list.item(0).text().split("\n")
    assert what == "Changed kind (kind → direct)"
    assert "two bridges had been closed overnight" in quote
    assert why.startswith("No claim covers") and why.endswith(".")
    assert dialog.delete_button.isEnabled()

    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert dialog.uids() == [] and not dialog.delete_button.isEnabled()
    assert not action.isEnabled() and "(" not in action.text()
    assert [c.kind for c in state.log] == ["not_a_claim"]
    assert "Deleted" in again.statusBar().currentMessage()
    state.writer.wait()
    assert _stored_kinds(data_dir, article_id) == ["not_a_claim"]

    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    with qtbot.assertNotEmitted(again.messageShown):  # said once per article, not at every change
        qtbot.keyClick(dialog.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # in the dialog
    assert dialog.uids() == [changed_kind.uid] and action.isEnabled()
    assert [c.kind for c in state.log] == [CHANGE_KIND, "not_a_claim"]  # back in its place
    assert _claim(again, "buses would run") is None  # the undo took back the delete, not the reject
    state.writer.wait()
    assert _stored_kinds(data_dir, article_id) == [CHANGE_KIND, "not_a_claim"]

    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)  # Keep: closes, keeps them all
    qtbot.waitUntil(lambda: again.unapplied.dialog is None)
    again.close()
    third = _reopen(make_window, qtbot, article)  # kept across reopening, still listed
    assert [u.correction.uid for u in third.session.corrections.unapplied] == [changed_kind.uid]
    assert third.unapplied.action.isEnabled()
