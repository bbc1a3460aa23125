"""The source book on a real analysis: names get the width, a source's claims are shown with
their verbs, and Open works on a source as well as on one of its articles."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader.ui.source_book import SourceBookDialog


@pytest.fixture
def book(qtbot, data_dir, sample_text):
    from reader.analysis import AttributionEngine, load_nlp
    from reader.store import Library

    lib = Library.open(data_dir)
    lib.remember_article("sample", "Red Sea ferry link reopens", "https://example.org/ferry", sample_text)
    lib.save_analysis("sample", "real", AttributionEngine(load_nlp()).analyze(sample_text).to_dict("sample"))
    dialog = SourceBookDialog(lib)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    dialog.close()
    lib.close()


def item_named(dialog, prefix: str):  # noqa: ANN001, ANN201
    for i in range(dialog.tree.topLevelItemCount()):
        if dialog.tree.topLevelItem(i).text(0).startswith(prefix):
            return dialog.tree.topLevelItem(i)
    raise AssertionError(prefix)


def test_names_take_the_width_and_are_not_cut(book):
    header = book.tree.header()
    assert header.sectionSize(0) > header.sectionSize(1) + header.sectionSize(2)
    longest = max((book.tree.topLevelItem(i).text(0) for i in range(book.tree.topLevelItemCount())), key=len)
    assert book.tree.fontMetrics().horizontalAdvance(longest) < header.sectionSize(0)


def test_selecting_a_source_shows_its_claims_with_their_verbs(book):
    book.tree.setCurrentItem(item_named(book, "Maria Okafor"))
    shown = book.details.toPlainText()
    assert "said: “We are relieved, but relief is not the same as recovery”" in shown
    assert "warned: “that the backlog would take at least a month to clear”" in shown
    assert "<b>said</b>" in book.details.toHtml() or "font-weight:700" in book.details.toHtml()
    book.tree.setCurrentItem(item_named(book, "A senior official"))
    assert "denied: “that the request had anything to do with pressure from donors”" in book.details.toPlainText()
    assert "(anonymous source)" in item_named(book, "A senior official").text(0)


def test_open_is_enabled_on_a_source_and_opens_its_latest_article(book, qtbot):
    assert not book.open_button.isEnabled()  # nothing selected yet
    book.tree.setCurrentItem(item_named(book, "Maria Okafor"))
    assert book.open_button.isEnabled()
    with qtbot.waitSignal(book.hitChosen) as signal:
        qtbot.mouseClick(book.open_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["sample", "person:maria okafor"]
