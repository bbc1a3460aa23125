"""The source book dialog against a real library: every source, its articles and notes;
choosing an article emits hitChosen(article_id, source_key). A source's articles are read off
the GUI thread when it is first selected or expanded (detailsShown)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader.ui.source_book import SourceBookDialog

from ui_stubs import drain_events

@pytest.fixture
def library(two_article_library):
    lib = two_article_library
    lib.save_note("a1", "s1", "Yoav Mordechai", "person", "Line one\n<b>not bold</b> & more")
    return lib


@pytest.fixture
def dialog(qtbot, library):
    dlg = SourceBookDialog(library)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    qtbot.waitUntil(lambda: bool(dlg.sources))  # read off the GUI thread
    return dlg


def select_and_read(qtbot, dialog, item) -> None:  # noqa: ANN001
    """Select a row and wait until its source's articles and claims are read."""
    with qtbot.waitSignal(dialog.detailsShown):
        dialog.tree.setCurrentItem(item)


def expand_and_read(qtbot, dialog, item) -> None:  # noqa: ANN001
    with qtbot.waitSignal(dialog.detailsShown):
        item.setExpanded(True)


def top_texts(dialog) -> list[str]:  # noqa: ANN001
    return [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())
            if not dialog.tree.topLevelItem(i).isHidden()]


def test_every_source_is_listed_with_its_article_and_note_counts(dialog):
    assert top_texts(dialog) == ["Reuters (media outlet)", "Yoav Mordechai (person)"]
    yoav = dialog.tree.topLevelItem(1)
    assert (yoav.text(1), yoav.text(2)) == ("2", "1")
    assert dialog.status.text() == "2 sources"


def test_expanding_a_source_lists_its_articles_and_selecting_shows_notes_escaped(qtbot, dialog):
    yoav = dialog.tree.topLevelItem(1)
    expand_and_read(qtbot, dialog, yoav)
    titles = sorted(yoav.child(i).text(0) for i in range(yoav.childCount()))
    assert titles == ["Crossing to reopen", "Talks stall"]
    dialog.tree.setCurrentItem(yoav)  # read already: shown at once
    shown = dialog.details.toPlainText()
    assert "Yoav Mordechai" in shown and "<b>not bold</b> & more" in shown  # text, not markup
    assert "Also in 1 article without a note." in shown
    assert dialog.open_button.isEnabled()  # a source opens its latest article
    child = next(yoav.child(i) for i in range(2) if yoav.child(i).text(0) == "Talks stall")
    dialog.tree.setCurrentItem(child)
    assert "No note yet." in dialog.details.toPlainText() and dialog.open_button.isEnabled()


def test_choosing_an_article_emits_hit_chosen_and_closes(qtbot, dialog):
    with qtbot.waitSignal(dialog.detailsShown):
        assert dialog.select_source("person:yoav mordechai")
    yoav = dialog.tree.currentItem()
    child = next(yoav.child(i) for i in range(yoav.childCount()) if yoav.child(i).text(0) == "Crossing to reopen")
    dialog.tree.setCurrentItem(child)
    with qtbot.waitSignal(dialog.hitChosen) as signal:
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["a1", "person:yoav mordechai"]
    assert not dialog.isVisible()


def test_activating_a_source_row_expands_it_without_choosing(qtbot, dialog):
    yoav = dialog.tree.topLevelItem(1)
    with qtbot.assertNotEmitted(dialog.hitChosen), qtbot.waitSignal(dialog.detailsShown):
        dialog.tree.itemActivated.emit(yoav, 0)
    assert yoav.isExpanded() and yoav.childCount() == 2


def test_the_filter_matches_names_titles_and_roles(qtbot, dialog):
    qtbot.keyClicks(dialog.filter, "agency")
    assert top_texts(dialog) == ["Reuters (media outlet)"]
    assert dialog.status.text() == "1 of 2 sources"
    dialog.filter.clear()
    qtbot.keyClicks(dialog.filter, "maj gen")
    assert top_texts(dialog) == ["Yoav Mordechai (person)"]


def test_showing_again_picks_up_new_sources_and_notes(qtbot, dialog, library):
    dialog.hide()
    library.save_note("a9", "s1", "Jane Roe", "person", "new")
    with qtbot.waitSignal(dialog.indexShown):
        dialog.show()
    assert "Jane Roe (person)" in top_texts(dialog)
    assert dialog.select_source("person:jane roe") and not dialog.select_source("person:nobody")


def test_enter_on_an_article_chooses_it_once(qtbot, dialog):
    chosen = []
    dialog.hitChosen.connect(lambda *args: chosen.append(list(args)))
    with qtbot.waitSignal(dialog.detailsShown):
        assert dialog.select_source("person:yoav mordechai")
    yoav = dialog.tree.currentItem()
    dialog.tree.setCurrentItem(next(yoav.child(i) for i in range(yoav.childCount())
                                    if yoav.child(i).text(0) == "Talks stall"))
    dialog.tree.setFocus()
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Return)
    drain_events()
    assert chosen == [["a2", "person:yoav mordechai"]]
