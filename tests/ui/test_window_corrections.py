"""The reader corrects the analysis in the real window (real engine, real library in tmp_path):
reject, reassign, change the kind, edit the span, add a claim, edit / merge / split a card,
undo; the corrections survive closing, reopening and a re-analysis by a newer engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu

from reader.analysis import AttributionEngine
from reader.corrections import CORRECTED_KEY
from reader.store import Library
from reader.ui.correction_menu import CORRECTED_LABEL

# the offscreen platform cannot grab the keyboard for a popup menu; a desktop does
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")

TEXT = (
    "Storm warning for the coast\n"
    "Heavy rain will reach the coast by Friday, according to the national weather agency.\n"
    "\"We expect the schools to stay open,\" said Maria Lopez, a spokeswoman for the regional "
    "education office.\n"
    "Lopez added that buses would run on a reduced timetable.\n"
    "The Daily Courier reported that two bridges had been closed overnight.\n"
    "Farmers fear the worst for the harvest this year.\n"
)


class NewerEngine(AttributionEngine):
    """The same engine under a newer version: the cached analysis no longer counts."""

    version = "corrections-test-2"


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "storm.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def _claim(window, words: str):  # noqa: ANN001, ANN202
    found = [c for c in window.analysis.claims if any(words in TEXT[s:e] for s, e in c.content)]
    return min(found, key=lambda c: sum(e - s for s, e in c.content)) if found else None


def _card(window, name: str):  # noqa: ANN001, ANN202
    return next((s for s in window.analysis.sources if s.name == name), None)


def _point_on(window, span: tuple[int, int]) -> QPoint:  # noqa: ANN001
    """The middle of the span's first line (the short article fits the window: no scrolling,
    which would also clear the selection)."""
    rect = window.view.span_rects(window.offsets.span(span))[0]
    return rect.center().toPoint()


def _right_click(window, qtbot, point: QPoint) -> QMenu:  # noqa: ANN001
    """A real context-menu event on the text, as a right-click sends it."""
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, window.view.viewport().mapToGlobal(point))
    QApplication.sendEvent(window.view.viewport(), event)
    menu = window.correcting.menu
    assert menu is not None and menu.isVisible()
    return menu


def _pick(menu: QMenu, *names: str) -> None:
    """Trigger the action `names[-1]`, going through the submenus named before it, and close
    the menu as a click on the action does."""
    top = menu
    for name in names[:-1]:
        menu = menu.findChild(QMenu, name)
        assert menu is not None, name
    action = next((a for a in menu.actions() if a.objectName() == names[-1]), None)
    assert action is not None and action.isEnabled(), names[-1]
    top.close()
    action.trigger()


def _select(window, words: str) -> tuple[int, int]:  # noqa: ANN001
    start = TEXT.index(words)
    cursor = window.view.textCursor()
    cursor.setPosition(window.offsets.to_qt(start))
    cursor.setPosition(window.offsets.to_qt(start + len(words)), QTextCursor.MoveMode.KeepAnchor)
    window.view.setTextCursor(cursor)
    return start, start + len(words)


def _reopen(make_window, qtbot, article, engine_factory=None):  # noqa: ANN001, ANN202
    window = make_window(engine_factory=engine_factory)
    with qtbot.waitSignal(window.analysisFinished, timeout=60_000):
        window.open_path(article)
    return window


def test_reject_a_claim_from_its_highlight_survives_reopening_and_reanalysis(
        make_window, open_and_wait, article, qtbot, data_dir):  # noqa: ANN001
    window = make_window()
    open_and_wait(window, article)
    bridges = _claim(window, "two bridges")
    assert bridges is not None and _card(window, "The Daily Courier") is not None
    point = _point_on(window, bridges.content[0])
    assert window.view.mark_at_point(point).claim_id == bridges.id

    _pick(_right_click(window, qtbot, point), "notAClaim")
    assert _claim(window, "two bridges") is None
    assert window.view.mark_at_point(point) is None  # gone from the highlights
    assert _card(window, "The Daily Courier") is None  # and from the panel, its only claim gone
    assert all(window.sources.count_of(s) != 0 for s in window.sources.source_ids())
    window.close()

    again = _reopen(make_window, qtbot, article)  # the cached analysis, corrected
    assert _claim(again, "two bridges") is None and _card(again, "The Daily Courier") is None
    again.close()
    newer = _reopen(make_window, qtbot, article, NewerEngine)  # analysed anew, corrected again
    assert newer.session.corrections.unapplied == []
    assert _claim(newer, "two bridges") is None and _card(newer, "The Daily Courier") is None
    article_id = newer.article.id
    newer.close()  # waits for the analysis to be stored
    lib = Library.open(data_dir)
    assert lib.cached_analysis(article_id, NewerEngine.version) is not None  # it was analysed anew
    assert "The Daily Courier" not in {s.name for s in lib.source_book()}
    lib.close()


def test_reassign_shows_the_mark_and_tooltip_and_ctrl_z_undoes_it(make_window, open_and_wait, article, qtbot):
    window = make_window()
    open_and_wait(window, article)
    rain = _claim(window, "Heavy rain")
    lopez = _card(window, "Maria Lopez")
    menu = _right_click(window, qtbot, _point_on(window, rain.content[0]))
    _pick(menu, "changeSourceMenu", f"source:{lopez.id}")
    moved = _claim(window, "Heavy rain")
    assert moved.source_id == lopez.id and moved.id in _card(window, "Maria Lopez").claim_ids
    assert _card(window, "the national weather agency") is None
    assert CORRECTED_LABEL in window.correcting.tooltip(moved.id)
    assert CORRECTED_LABEL not in window.correcting.tooltip(_claim(window, "buses would run").id)
    assert window.correcting.marks.spans == [window.offsets.span(moved.content[0])]
    assert window.sources.tree.currentItem() is not None
    assert CORRECTED_LABEL in window.sources._items[lopez.id].toolTip(0)  # noqa: SLF001

    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    restored = _claim(window, "Heavy rain")
    assert _card(window, "the national weather agency").id == restored.source_id
    assert window.correcting.marks.spans == [] and CORRECTED_LABEL not in window.correcting.tooltip(restored.id)
    assert "Undone" in window.statusBar().currentMessage()


def test_add_a_claim_on_a_selection_with_a_new_source(make_window, open_and_wait, article, qtbot, data_dir):
    window = make_window()
    open_and_wait(window, article)
    assert _claim(window, "the worst for the harvest") is None
    span = _select(window, "the worst for the harvest this year")
    menu = _right_click(window, qtbot, _point_on(window, span))
    _pick(menu, "addClaimMenu", "newSource")
    dialog = window.correcting.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.form.fields["name"].setText("Farmers")
    dialog.form.kind.setCurrentIndex(dialog.form.kind.findData("unnamed_group"))
    dialog.accept()
    added = _claim(window, "the worst for the harvest")
    assert added is not None and list(added.content[0]) == list(span)
    farmers = _card(window, "Farmers")
    assert farmers.kind == "unnamed_group" and added.source_id == farmers.id
    assert [TEXT[s:e] for s, e in added.source_mention] == ["Farmers"]
    assert added.id in window.session.corrections.claim_ids
    window.close()
    again = _reopen(make_window, qtbot, article)
    assert _claim(again, "the worst for the harvest").source_id == _card(again, "Farmers").id


def test_kind_span_and_card_edits_then_undo_all(make_window, open_and_wait, article, qtbot):
    window = make_window()
    open_and_wait(window, article)
    buses = _claim(window, "buses would run")
    _pick(_right_click(window, qtbot, _point_on(window, buses.content[0])), "changeKindMenu", "kind:direct")
    assert _claim(window, "buses would run").kind == "direct"
    _select(window, "buses would run")
    _pick(_right_click(window, qtbot, _point_on(window, buses.content[0])), "editSpan")
    assert TEXT[slice(*_claim(window, "buses would run").content[0])] == "buses would run"

    courier = _card(window, "The Daily Courier")
    window.select_source(courier.id)
    qtbot.keyClick(window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    editor = window.correcting.dialog
    qtbot.waitUntil(editor.isVisible)
    editor.form.fields["affiliation"].setText("Courier Media Group")
    editor.accept()
    assert _card(window, "The Daily Courier").affiliation == "Courier Media Group"

    lopez = _card(window, "Maria Lopez")
    editor = window.correcting.edit_card(lopez.id, tab=2)  # split "Lopez added" off
    qtbot.waitUntil(editor.isVisible)
    lone = TEXT.index("Lopez added")
    for i in range(editor.mentions.count()):
        item = editor.mentions.item(i)
        if tuple(item.data(Qt.ItemDataRole.UserRole)) == (lone, lone + 5):
            item.setCheckState(Qt.CheckState.Checked)
    assert editor.split_form.fields["name"].text() == "Lopez"
    editor.accept()
    split = _claim(window, "buses would run")
    assert _card(window, "Lopez") is not None and split.source_id == _card(window, "Lopez").id

    editor = window.correcting.edit_card(_card(window, "Lopez").id, tab=1)  # and merge it back
    qtbot.waitUntil(editor.isVisible)
    editor.merge_into.setCurrentIndex(editor.merge_into.findData(lopez.id))
    editor.accept()
    assert _card(window, "Lopez") is None and _claim(window, "buses would run").source_id == lopez.id

    assert len(window.session.corrections.log) == 5
    for _ in range(5):
        assert window.session.undo_correction()
    assert not window.session.undo_correction()
    assert _claim(window, "buses would run").kind == buses.kind
    assert _card(window, "The Daily Courier").affiliation == courier.affiliation
    assert CORRECTED_KEY not in window.session.corrections.doc and window.correcting.marks.spans == []


def test_keyboard_delete_rejects_the_claim_stepped_to(make_window, open_and_wait, article, qtbot):
    window = make_window()
    open_and_wait(window, article)
    courier = _card(window, "The Daily Courier")
    window.select_source(courier.id)  # n / p step through its claims; the first is current
    current = window.navigator.current_claim_id()
    assert current is not None
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)  # the menu, by keyboard
    menu = window.correcting.menu
    assert menu is not None and menu.isVisible()
    assert {a.objectName() for a in menu.actions()} >= {"notAClaim", "editSpan", "claimNote", "undoCorrection"}
    menu.close()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert current not in {c.id for c in window.analysis.claims}


def test_file_export_uses_the_corrections_at_once(make_window, open_and_wait, article, qtbot, tmp_path):
    from reader.ui import library_dialogs

    window = make_window()
    open_and_wait(window, article)
    _pick(_right_click(window, qtbot, _point_on(window, _claim(window, "two bridges").content[0])), "notAClaim")
    notes = library_dialogs.export_notes(window, str(tmp_path / "notes.md"))  # right after: no wait
    assert notes is not None and "two bridges" not in notes.read_text(encoding="utf-8")
    assert "Maria Lopez" in notes.read_text(encoding="utf-8")
    gold = library_dialogs.export_notes(window, str(tmp_path / "mine.jsonl"))
    [record] = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    assert record["text"] == window.article.text and record[CORRECTED_KEY] == 1
    assert len(record["attributions"]) == len(window.analysis.claims)


def test_a_note_on_one_claim_is_kept_across_reopening_and_shown_in_its_tooltip(
        make_window, open_and_wait, article, qtbot):  # noqa: ANN001
    window = make_window()
    open_and_wait(window, article)
    buses = _claim(window, "buses would run")
    _pick(_right_click(window, qtbot, _point_on(window, buses.content[0])), "claimNote")
    panel = window.claim_note  # the menu chose the claim and put the keyboard in its note
    assert panel.claim_id == buses.id and panel.editor.hasFocus()
    qtbot.keyClicks(panel.editor, "Check the <timetable> with the bus company.")
    qtbot.waitUntil(lambda: "Your note:" in window.correcting.tooltip(buses.id))  # handed over after a pause
    assert "&lt;timetable&gt;" in window.correcting.tooltip(buses.id)  # shown as typed, not as markup
    assert "Your note:" not in window.correcting.tooltip(_claim(window, "Heavy rain").id)
    window.close()
    again = _reopen(make_window, qtbot, article, NewerEngine)  # analysed anew: the note follows its text
    claim_id = _claim(again, "buses would run").id
    assert again.session.corrections.note_of[claim_id].text == "Check the <timetable> with the bus company."
    assert CORRECTED_LABEL not in again.correcting.tooltip(claim_id)  # a note is no correction


def test_a_selection_after_emoji_and_crlf_becomes_code_point_offsets(make_window, open_and_wait, tmp_path, qtbot):
    text = "Flood news 🌧️🌊\r\nResidents 🙂 fear the worst for the harvest this year.\r\nNobody said more.\r\n"
    path = tmp_path / "emoji.txt"
    path.write_bytes(text.encode("utf-8"))
    window = make_window()
    open_and_wait(window, path)
    shown = window.article.text
    words = "the worst for the harvest"
    start = shown.index(words)
    cursor = window.view.textCursor()
    cursor.setPosition(window.offsets.to_qt(start))
    cursor.setPosition(window.offsets.to_qt(start + len(words)), QTextCursor.MoveMode.KeepAnchor)
    window.view.setTextCursor(cursor)
    assert window.view.textCursor().selectedText() == words
    assert window.correcting._selection() == (start, start + len(words))  # noqa: SLF001
    _pick(window.correcting.build_menu(None, window.correcting._selection()), "addClaimMenu", "noSource")  # noqa: SLF001
    added = next(c for c in window.analysis.claims if c.rule == "reader")
    assert shown[slice(*added.content[0])] == words and added.source_id is None


def test_without_a_writable_library_a_correction_is_shown_and_the_reader_is_told(
        make_window, open_and_wait, article, qtbot, data_dir):  # noqa: ANN001
    window = make_window()
    open_and_wait(window, article)
    window.session.corrections.load(None)  # as when the library could not be opened
    with qtbot.waitSignal(window.messageShown) as shown:
        window.session.correct(window_not_a_claim(window, "two bridges"))
    assert "not saved" in shown.args[0] and shown.args[0].endswith(".")
    assert _claim(window, "two bridges") is None
    window.close()
    lib = Library.open(data_dir)
    assert lib.db.execute("SELECT count(*) FROM corrections").fetchone() == (0,)
    lib.close()


def window_not_a_claim(window, words: str):  # noqa: ANN001, ANN201
    from reader.corrections import not_a_claim

    return not_a_claim(window.article.text, window.session.corrections.claim(_claim(window, words).id))


def test_renaming_a_card_keeps_its_note_in_the_panel(make_window, open_and_wait, article, qtbot):
    window = make_window()
    open_and_wait(window, article)
    courier = _card(window, "The Daily Courier")
    window.select_source(courier.id)
    qtbot.keyClicks(window.notes.editor, "First with road news.")
    editor = window.correcting.edit_card(courier.id)
    qtbot.waitUntil(editor.isVisible)
    editor.form.fields["name"].setText("Daily Courier")
    editor.accept()
    qtbot.waitUntil(lambda: window.notes.target is not None and window.notes.target.name == "Daily Courier")
    assert window.notes.editor.toPlainText() == "First with road news."
    window.correcting.undo()
    qtbot.waitUntil(lambda: window.notes.target.name == "The Daily Courier")
    assert window.notes.editor.toPlainText() == "First with road news."


def _menu_on(window, qtbot, words: str, *names: str) -> None:  # noqa: ANN001
    """Right-click the claim with `words` and pick `names` in its menu."""
    _pick(_right_click(window, qtbot, _point_on(window, _claim(window, words).content[0])), *names)


def _dialog(window, qtbot):  # noqa: ANN001, ANN202
    dialog = window.correcting.dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_every_action_survives_a_newer_engine_and_each_undo_survives_reopening(
        make_window, open_and_wait, article, qtbot):  # noqa: ANN001
    window = make_window()
    open_and_wait(window, article)
    engine_result = window.analysis.to_dict()
    _menu_on(window, qtbot, "the schools to stay open", "notAClaim")
    _menu_on(window, qtbot, "Heavy rain", "changeSourceMenu", "newSource")
    new = _dialog(window, qtbot)
    new.form.fields["name"].setText("National Weather Agency")
    new.form.kind.setCurrentIndex(new.form.kind.findData("government"))
    new.accept()
    _menu_on(window, qtbot, "buses would run", "changeKindMenu", "kind:direct")
    _menu_on(window, qtbot, "buses would run", "changeClassMenu", "class:evidence")
    _select(window, "buses would run")
    _menu_on(window, qtbot, "buses would run", "editSpan")
    _select(window, "the worst for the harvest this year")
    _pick(_right_click(window, qtbot, _point_on(window, _select(window, "the worst for the harvest this year"))),
          "addClaimMenu", "noSource")
    editor = window.correcting.edit_card(_card(window, "Maria Lopez").id)
    _dialog(window, qtbot).form.fields["title"].setText("Ms")
    editor.accept()
    editor = window.correcting.edit_card(_card(window, "The Daily Courier").id, tab=1)
    _dialog(window, qtbot).merge_into.setCurrentIndex(editor.merge_into.findData(_card(window, "Maria Lopez").id))
    editor.accept()
    editor = window.correcting.edit_card(_card(window, "Maria Lopez").id, tab=2)
    lone = TEXT.index("Lopez added")
    for i in range(_dialog(window, qtbot).mentions.count()):
        item = editor.mentions.item(i)
        if tuple(item.data(Qt.ItemDataRole.UserRole)) == (lone, lone + 5):
            item.setCheckState(Qt.CheckState.Checked)
    editor.accept()
    assert len(window.session.corrections.log) == 9
    window.close()

    def check_all_applied(w) -> None:  # noqa: ANN001
        assert w.session.corrections.unapplied == []
        # the nested belief is gone; the quote around it stays
        assert [TEXT[slice(*c.content[0])] for c in w.analysis.claims if "schools" in TEXT[slice(*c.content[0])]] \
            == ['"We expect the schools to stay open,"']
        assert w.analysis.source(_claim(w, "Heavy rain").source_id).name == "National Weather Agency"
        buses = _claim(w, "buses would run")
        assert (buses.kind, buses.cue_class, TEXT[slice(*buses.content[0])]) == ("direct", "evidence", "buses would run")
        added = _claim(w, "the worst for the harvest")
        assert added.rule == "reader" and added.source_id is None
        lopez = _card(w, "Maria Lopez")
        assert lopez.title == "Ms" and _card(w, "The Daily Courier") is None
        assert _claim(w, "two bridges").source_id == lopez.id  # merged in
        assert buses.source_id == _card(w, "Lopez").id  # split off
        marked = {_claim(w, words).id for words in ("Heavy rain", "buses would run", "two bridges", "the worst")}
        assert w.session.corrections.claim_ids == marked
        assert len(w.correcting.marks.spans) == len(marked)

    newer = _reopen(make_window, qtbot, article, NewerEngine)
    check_all_applied(newer)
    newer.view.setFocus()
    for _ in range(9):
        qtbot.keyClick(newer.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert newer.session.corrections.log == []
    assert newer.analysis.to_dict() == engine_result
    newer.close()
    again = _reopen(make_window, qtbot, article)
    assert again.analysis.to_dict() == engine_result and again.correcting.marks.spans == []


def test_delete_and_ctrl_z_in_the_notes_editor_edit_the_note_not_the_analysis(
        make_window, open_and_wait, article, qtbot):  # noqa: ANN001
    window = make_window()
    open_and_wait(window, article)
    courier = _card(window, "The Daily Courier")
    window.select_source(courier.id)  # its claim is the current one: Delete in the text would reject it
    claims = len(window.analysis.claims)
    qtbot.keyClicks(window.notes.editor, "abc")
    window.notes.editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClick(window.notes.editor, Qt.Key.Key_Delete)
    assert window.notes.editor.toPlainText() == "bc"
    qtbot.keyClick(window.notes.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.notes.editor.toPlainText() == "abc"
    assert len(window.analysis.claims) == claims and window.session.corrections.log == []
