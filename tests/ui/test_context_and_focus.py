"""Context menus, reading order and visible focus in a real window with the real model: the
claim under the pointer is copied with its source and verb, a selection can be cited, found or
searched; the sources list offers its card and claims; Tab goes article → sources → card →
notes with the cursor after the note, and whichever has the focus is outlined."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QTextCursor
from PySide6.QtWidgets import QApplication

from reader.ui.context_menus import sources_menu, text_menu

ANALYSIS_MS = 120_000


@pytest.fixture
def window(make_window, open_and_wait, sample_path):
    win = make_window()
    open_and_wait(win, sample_path, timeout=ANALYSIS_MS)
    return win


def action(menu, name: str):  # noqa: ANN001, ANN201
    found = [a for a in menu.actions() if a.objectName() == name]
    assert found, [a.objectName() or a.text() for a in menu.actions()]
    return found[0]


def point_of(window, words: str):  # noqa: ANN001, ANN201
    """The viewport point over `words` in the article, scrolled into view."""
    at = window.view.toPlainText().index(words) + 2
    window.view.scroll_to_position(at)
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(at)
    return window.view.cursorRect(cursor).center()


def test_the_claim_under_the_pointer_is_copied_with_its_source_and_verb(window):
    menu = text_menu(window, point_of(window, "We are relieved"))
    action(menu, "copyClaim").trigger()
    assert QApplication.clipboard().text() == ("Maria Okafor said: “We are relieved, but relief is not the same as "
                                               "recovery” — Red Sea ferry link reopens after storm, but aid groups "
                                               "warn of backlog")
    menu = text_menu(window, point_of(window, "anything to do with pressure"))
    action(menu, "copyClaim").trigger()
    assert QApplication.clipboard().text().startswith("A senior official denied: “that the request had anything")
    action(menu, "showSource").trigger()
    assert window.analysis.source(window.sources.current_source_id()).name == "A senior official"
    assert any(a.text().replace("&", "").startswith("Select All") for a in menu.actions())  # the standard ones stay


def test_a_selection_can_be_cited_found_and_searched(window, qtbot):
    text = window.view.toPlainText()
    start = text.index("backlog of roughly 600 trucks")
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(start)
    cursor.setPosition(start + len("backlog of roughly 600 trucks"), QTextCursor.MoveMode.KeepAnchor)
    window.view.setTextCursor(cursor)
    window.view.ensureCursorVisible()
    menu = text_menu(window, window.view.cursorRect().center())
    action(menu, "copyCited").trigger()
    assert QApplication.clipboard().text().startswith("“backlog of roughly 600 trucks” — Red Sea ferry link")
    action(menu, "findSelection").trigger()
    assert window.find_bar.isVisible() and window.find_bar.field.text() == "backlog of roughly 600 trucks"
    action(menu, "searchSelection").trigger()
    dialog = window.dialogs.search
    assert dialog.isVisible() and dialog.field.text() == "backlog of roughly 600 trucks"
    dialog.close()


def test_the_sources_list_menu_copies_the_card_and_the_claims(window):
    tree = window.sources.tree
    okafor = next(s for s in window.analysis.sources if s.name == "Maria Okafor")
    window.select_source(okafor.id)
    item = tree.currentItem()
    pos = tree.visualItemRect(item).center()
    menu = sources_menu(window, pos)
    action(menu, "copyCard").trigger()
    assert QApplication.clipboard().text().startswith("Maria Okafor · person")
    action(menu, "copyClaims").trigger()
    copied = QApplication.clipboard().text().splitlines()
    assert copied[0] == "Maria Okafor said: “We are relieved, but relief is not the same as recovery”"
    assert len(copied) == len(okafor.claim_ids)
    window.show_all_sources()
    action(sources_menu(window, pos), "showSource").trigger()
    assert window.sources.current_source_id() == okafor.id


def test_tab_goes_article_sources_card_notes_and_lands_after_the_note(window, qtbot):
    okafor = next(s for s in window.analysis.sources if s.name == "Maria Okafor")
    window.select_source(okafor.id)
    qtbot.keyClicks(window.notes.editor, "Relief is not recovery.")
    window.notes.editor.moveCursor(QTextCursor.MoveOperation.Start)
    window.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)
    seen = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == [window.sources.tree, window.sources.card, window.notes.editor]
    editor = window.notes.editor
    assert editor.textCursor().position() == len(editor.toPlainText())  # after the note, ready to add
    qtbot.keyClick(editor, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is window.sources.card
    card = QAccessible.queryAccessibleInterface(window.sources.card)
    assert card.text(QAccessible.Text.Name).startswith("Maria Okafor")  # read out as it shows
    assert card.text(QAccessible.Text.Description).startswith("Source card")


def test_the_focused_pane_is_outlined(window, qtbot):
    view = window.view
    window.sources.tree.setFocus()
    qtbot.waitUntil(lambda: window.sources.tree.hasFocus())
    unfocused = view.grab().toImage()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    focused = view.grab().toImage()
    edge = [(0, focused.height() // 2), (focused.width() // 2, 0)]
    assert all(focused.pixel(x, y) != unfocused.pixel(x, y) for x, y in edge)
    highlight = view.palette().highlight().color().rgb()
    assert focused.pixel(0, focused.height() // 2) == highlight


def test_every_pane_that_takes_the_keyboard_has_an_accessible_name(window):
    from PySide6.QtWidgets import QWidget

    okafor = next(s for s in window.analysis.sources if s.name == "Maria Okafor")
    window.select_source(okafor.id)
    focusable = [w for w in window.findChildren(QWidget)
                 if w.isVisibleTo(window) and w.focusPolicy() != Qt.FocusPolicy.NoFocus]
    assert {w.objectName() for w in focusable} >= {"articleView", "sourcesList", "sourceCard", "notesEditor",
                                                    "sourcesFilter"}
    unnamed = [w.objectName() or type(w).__name__ for w in focusable
               if not QAccessible.queryAccessibleInterface(w).text(QAccessible.Text.Name).strip()]
    assert unnamed == []
    legend = QAccessible.queryAccessibleInterface(window.legend)
    assert legend.text(QAccessible.Text.Name) == "Legend of the highlights"


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")  # a popup menu, offscreen
def test_a_right_click_shows_one_menu_with_the_corrections_and_the_reading_actions(window, qtbot):
    from PySide6.QtGui import QContextMenuEvent

    point = point_of(window, "We are relieved")
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, window.view.viewport().mapToGlobal(point))
    QApplication.sendEvent(window.view.viewport(), event)  # as a right-click sends it; the menu pops up
    menu = window.correcting.menu
    assert menu is not None and menu.isVisible()
    names = [a.objectName() for a in menu.actions()]
    assert "notAClaim" in names and "copyClaim" in names  # issue 11's corrections and the copy, one menu
    action(menu, "copyClaim").trigger()
    assert QApplication.clipboard().text().startswith("Maria Okafor said: “We are relieved")
    menu.close()
    tree = window.sources.tree
    okafor = next(s for s in window.analysis.sources if s.name == "Maria Okafor")
    window.select_source(okafor.id)
    pos = tree.visualItemRect(tree.currentItem()).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, tree.viewport().mapToGlobal(pos))
    QApplication.sendEvent(tree.viewport(), event)
    cards = window.correcting.menu
    assert cards.isVisible() and {"editCard", "copyCard"} <= {a.objectName() for a in cards.actions()}
    cards.close()
