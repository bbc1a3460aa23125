"""The window and the source book, with the real model: a claim chosen among a source's claims
opens its article scrolled to that claim, outlined, with its source selected; Open on a source
row opens the article with that source selected."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.ui.source_book_claims import CLAIM_ROLE

from library_hits import OKAFOR_KEY, assert_opened_at, read_sample_then_another

ANALYSIS_MS = 120_000
READ_MS = 10_000


def _book_with_okafor(window, qtbot):  # noqa: ANN001, ANN202
    window.actions_.source_book.trigger()
    book = window.dialogs.source_book
    qtbot.waitUntil(lambda: OKAFOR_KEY in {s.key for s in book.sources}, timeout=READ_MS)
    with qtbot.waitSignal(book.detailsShown, timeout=READ_MS):
        assert book.select_source(OKAFOR_KEY)
    return book


def test_choosing_a_claim_in_the_source_book_opens_it_outlined(make_window, open_and_wait, qtbot,
                                                                sample_path, tmp_path):
    window = make_window()
    okafor = read_sample_then_another(window, open_and_wait, qtbot, sample_path, tmp_path, ANALYSIS_MS, READ_MS)

    book = _book_with_okafor(window, qtbot)
    row = next(i for i in range(book.claims.count()) if (book.claims.item(i).data(CLAIM_ROLE) or ("", "", ""))[2]
               == okafor.id)
    assert book.claims.item(row).text().startswith("Maria Okafor said: “We are relieved")
    book.claims.setFocus()
    book.claims.setCurrentRow(row)
    with qtbot.waitSignal(window.analysisFinished, timeout=ANALYSIS_MS):
        qtbot.keyClick(book.claims, Qt.Key.Key_Return)
    assert not book.isVisible()
    assert_opened_at(window, qtbot, okafor, READ_MS)


def test_open_on_a_source_row_opens_its_article_with_the_source_selected(make_window, open_and_wait, qtbot,
                                                                         sample_path, tmp_path):
    window = make_window()
    okafor = read_sample_then_another(window, open_and_wait, qtbot, sample_path, tmp_path, ANALYSIS_MS, READ_MS)

    book = _book_with_okafor(window, qtbot)
    book.tree.setFocus()
    assert book.open_button.isEnabled()
    with qtbot.waitSignal(window.analysisFinished, timeout=ANALYSIS_MS):
        qtbot.mouseClick(book.open_button, Qt.MouseButton.LeftButton)
    assert window.article.text.startswith("Red Sea ferry")
    assert window.sources.current_source_id() == okafor.source_id
