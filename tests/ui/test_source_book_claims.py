"""The source book on real analyses (the spaCy model) in a real library: names get the free
width and the counts only theirs, a source's claims are listed with their verbs under each
article, a chosen claim is emitted with its article and source, and Open works on a source."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from reader.ui.search_dialog import HTML_ROLE
from reader.ui.source_book import NOTHING_SELECTED, SourceBookDialog
from reader.ui.source_book_claims import CLAIM_ROLE

from ui_stubs import drain_events

OKAFOR = "person:maria okafor"
SAMPLE_TITLE = "Red Sea ferry link reopens"
LATER_TITLE = "Convoys leave at dawn"
LATER_TEXT = "Convoys leave at dawn\nMaria Okafor said on Monday that the convoys would leave at dawn.\n"
LONG_NAME = "Ministry of Supply and Internal Trade"
LONG_TEXT = (f"Harbour appeal\nThe Egyptian {LONG_NAME} said on Monday that two field hospitals would be sent"
             " to the port.\n")


@pytest.fixture(scope="module")
def analyses(sample_text):
    """The engine's analyses of the three articles, made once for the module (the model is slow to load)."""
    from reader.analysis import AttributionEngine, load_nlp

    engine = AttributionEngine(load_nlp())
    return {article_id: engine.analyze(text).to_dict(article_id)
            for article_id, text in (("sample", sample_text), ("later", LATER_TEXT), ("long", LONG_TEXT))}


@pytest.fixture
def library(data_dir, sample_text, analyses):
    from reader.store import Library

    lib = Library.open(data_dir)
    # remembered in this order: "long" is the most recently opened, then "later", then the sample
    for article_id, title, text in (("sample", SAMPLE_TITLE, sample_text), ("later", LATER_TITLE, LATER_TEXT),
                                    ("long", "Harbour appeal", LONG_TEXT)):
        lib.remember_article(article_id, title, f"https://example.org/{article_id}", text)
        lib.save_analysis(article_id, "real", analyses[article_id])
    yield lib
    lib.close()


@pytest.fixture
def book(qtbot, library):
    dialog = SourceBookDialog(library)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.indexShown):
        dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    dialog.close()


def item_named(dialog, prefix: str):  # noqa: ANN001, ANN201
    for i in range(dialog.tree.topLevelItemCount()):
        if dialog.tree.topLevelItem(i).text(0).startswith(prefix):
            return dialog.tree.topLevelItem(i)
    raise AssertionError(f"no source {prefix!r} in the source book")


def select_and_read(qtbot, dialog, prefix: str) -> None:  # noqa: ANN001
    with qtbot.waitSignal(dialog.detailsShown):
        dialog.tree.setCurrentItem(item_named(dialog, prefix))


def claim_rows(dialog) -> list[tuple[str, str, tuple]]:  # noqa: ANN001
    """(plain text, rich text, (article, source, claim)) of every claim row listed."""
    rows = [dialog.claims.item(i) for i in range(dialog.claims.count())]
    return [(r.text(), r.data(HTML_ROLE), r.data(CLAIM_ROLE)) for r in rows if r.data(CLAIM_ROLE)]


def headings(dialog) -> list[str]:  # noqa: ANN001
    rows = [dialog.claims.item(i) for i in range(dialog.claims.count())]
    return [r.text() for r in rows if not r.data(CLAIM_ROLE)]


def test_names_take_the_free_width_and_the_counts_only_theirs(book):
    header, metrics = book.tree.header(), book.tree.fontMetrics()
    long_row = item_named(book, LONG_NAME)
    # shown whole: the column holds the branch indicator and then the name
    assert book.tree.indentation() + metrics.horizontalAdvance(long_row.text(0)) < header.sectionSize(0)
    for column, title in ((1, "Articles"), (2, "Notes")):
        assert header.sectionSize(column) <= metrics.horizontalAdvance(title) + 40  # as wide as its title
    assert header.sectionSize(0) > 3 * (header.sectionSize(1) + header.sectionSize(2))
    assert header.sectionSize(0) + header.sectionSize(1) + header.sectionSize(2) <= book.tree.viewport().width()


def test_a_source_lists_its_claims_with_their_verbs_under_each_article(qtbot, book):
    select_and_read(qtbot, book, "Maria Okafor")
    assert headings(book) == [LATER_TITLE, SAMPLE_TITLE]  # the most recently opened article first
    rows = claim_rows(book)
    texts = [text for text, _rich, _data in rows]
    assert texts[0] == f"Maria Okafor said: “that the convoys would leave at dawn” — {LATER_TITLE}"
    for line in ("Maria Okafor said: “We are relieved, but relief is not the same as recovery”",
                 "Maria Okafor warned: “that the backlog would take at least a month to clear”"):
        assert f"{line} — {SAMPLE_TITLE}" in texts
    warned = next(rich for text, rich, _data in rows if "warned" in text)
    assert "<b>warned</b>" in warned  # the verb stands out
    assert {data[:2] for _text, _rich, data in rows} == {("later", OKAFOR), ("sample", OKAFOR)}

    select_and_read(qtbot, book, "A senior official")
    assert "A senior official denied: “that the request had anything to do with pressure from donors”" \
        in " ".join(text for text, _rich, _data in claim_rows(book))
    assert "(anonymous source)" in item_named(book, "A senior official").text(0)  # human labels


def test_an_article_row_lists_only_that_articles_claims(qtbot, book):
    okafor = item_named(book, "Maria Okafor")
    with qtbot.waitSignal(book.detailsShown):
        okafor.setExpanded(True)
    book.tree.setCurrentItem(next(okafor.child(i) for i in range(okafor.childCount())
                                  if okafor.child(i).text(0) == LATER_TITLE))
    assert headings(book) == [LATER_TITLE] and len(claim_rows(book)) == 1


def test_choosing_a_claim_emits_its_article_source_and_claim(qtbot, book, analyses):
    select_and_read(qtbot, book, "Maria Okafor")
    relieved = next(row for row in range(book.claims.count()) if "We are relieved" in book.claims.item(row).text())
    book.claims.setCurrentRow(relieved)
    assert book.open_button.isEnabled() and "claim" in book.open_button.toolTip()
    expected = next(c["id"] for c in analyses["sample"]["claims"] if c["content"] and
                    book.library.article("sample").text[c["content"][0][0]:].startswith("“We are relieved"))
    chosen = []
    book.claimChosen.connect(lambda *args: chosen.append(list(args)))
    book.claims.setFocus()
    qtbot.keyClick(book.claims, Qt.Key.Key_Return)
    drain_events()
    assert chosen == [["sample", OKAFOR, expected]]  # once: not again through the dialog's default button
    assert not book.isVisible()


def test_open_on_a_source_row_opens_its_most_recent_article(qtbot, book):
    assert not book.open_button.isEnabled() and NOTHING_SELECTED in book.open_button.toolTip()
    book.tree.setCurrentItem(item_named(book, "Maria Okafor"))  # Open before or after its articles are read
    assert book.open_button.isEnabled()
    with qtbot.waitSignal(book.hitChosen) as chosen:
        qtbot.mouseClick(book.open_button, Qt.MouseButton.LeftButton)
    assert chosen.args == ["later", OKAFOR]  # the newer of Okafor's two articles
    assert not book.isVisible()


def test_the_new_widgets_have_accessible_names(book):
    for widget, name in ((book.claims, "Claims of the selected source"), (book.open_button, "Open")):
        assert QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name) == name
    assert "Enter opens" in QAccessible.queryAccessibleInterface(book.claims).text(QAccessible.Text.Description)


def test_an_empty_library_says_how_sources_get_here(qtbot, data_dir):
    from reader.store import Library

    lib = Library.open(data_dir)
    dialog = SourceBookDialog(lib)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.indexShown):
        dialog.show()
    assert dialog.status.text().startswith("Your library has no sources yet. Open an article")
    assert "no sources yet" in dialog.details.toPlainText()
    assert not dialog.open_button.isEnabled()
    dialog.close()
    lib.close()
