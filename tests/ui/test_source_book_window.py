"""The window and the source book, with the real model: a claim chosen among a source's claims
opens its article scrolled to that claim, outlined, with its source selected; Open on a source
row opens the article with that source selected."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.ui.source_book_claims import CLAIM_ROLE

ANALYSIS_MS = 120_000
READ_MS = 10_000
OTHER = "Harbour news\nThe harbour master said the pier was safe.\n"


def _book_with_okafor(window, qtbot):  # noqa: ANN001, ANN202
    window.actions_.source_book.trigger()
    book = window.dialogs.source_book
    qtbot.waitUntil(lambda: "person:maria okafor" in {s.key for s in book.sources}, timeout=READ_MS)
    with qtbot.waitSignal(book.detailsShown, timeout=READ_MS):
        assert book.select_source("person:maria okafor")
    return book


def test_choosing_a_claim_in_the_source_book_opens_it_outlined(make_window, open_and_wait, qtbot,
                                                                sample_path, tmp_path):
    window = make_window()
    analysis = open_and_wait(window, sample_path, timeout=ANALYSIS_MS)
    okafor = next(c for c in analysis.claims if window.article.text[c.content[0][0]:].startswith("“We are relieved"))
    other = tmp_path / "other.txt"
    other.write_text(OTHER, encoding="utf-8")
    open_and_wait(window, other, timeout=ANALYSIS_MS)
    library = window.ensure_library()
    # the sample's analysis is saved by the saver thread: wait until its claims are stored
    qtbot.waitUntil(lambda: bool(library.db.execute(
        "SELECT 1 FROM claims WHERE claim_id = ? AND source_key = 'person:maria okafor'", [okafor.id]).fetchone()),
        timeout=READ_MS)

    book = _book_with_okafor(window, qtbot)
    row = next(i for i in range(book.claims.count()) if (book.claims.item(i).data(CLAIM_ROLE) or ("", "", ""))[2]
               == okafor.id)
    assert book.claims.item(row).text().startswith("Maria Okafor said: “We are relieved")
    book.claims.setFocus()
    book.claims.setCurrentRow(row)
    with qtbot.waitSignal(window.analysisFinished, timeout=ANALYSIS_MS):
        qtbot.keyClick(book.claims, Qt.Key.Key_Return)
    assert not book.isVisible()
    qtbot.waitUntil(lambda: window.view.current_span() is not None, timeout=READ_MS)
    assert window.article.text.startswith("Red Sea ferry")
    start, end = window.view.current_span()
    assert "We are relieved" in window.view.document().toPlainText()[start:end]  # the outline is on that claim
    top, bottom = window.view.visible_range(0)
    assert top <= start <= bottom  # scrolled to it
    assert window.view.current_outline_rects()
    assert window.sources.current_source_id() == okafor.source_id


def test_open_on_a_source_row_opens_its_article_with_the_source_selected(make_window, open_and_wait, qtbot,
                                                                         sample_path, tmp_path):
    window = make_window()
    analysis = open_and_wait(window, sample_path, timeout=ANALYSIS_MS)
    okafor_id = next(s.id for s in analysis.sources if s.name == "Maria Okafor")
    other = tmp_path / "other.txt"
    other.write_text(OTHER, encoding="utf-8")
    open_and_wait(window, other, timeout=ANALYSIS_MS)

    book = _book_with_okafor(window, qtbot)
    book.tree.setFocus()
    assert book.open_button.isEnabled()
    with qtbot.waitSignal(window.analysisFinished, timeout=ANALYSIS_MS):
        qtbot.mouseClick(book.open_button, Qt.MouseButton.LeftButton)
    assert window.article.text.startswith("Red Sea ferry")
    assert window.sources.current_source_id() == okafor_id
