"""Code points → Qt positions: emoji take two UTF-16 units, CRLF becomes one separator."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument

from reader.analysis import Analysis
from reader.ui.highlights import CLAIM_ID, PART
from reader.ui.offsets import QtOffsets

from ui_stubs import claim, source, stub_engine

TRICKY = "Port 🚢 update\r\n“We are ready 👍🏽,” the mayor said.\r\n\r\nCafé owners 🇯🇴 said 𝔁 nothing.\rEnd"


def qt_find(text: str, word: str, nth: int = 0) -> int:
    doc = QTextDocument()
    doc.setPlainText(text)
    cursor = doc.find(word)
    for _ in range(nth):
        cursor = doc.find(word, cursor)
    return cursor.selectionStart()


@pytest.mark.parametrize("word", ["Port", "update", "We are", "ready", "mayor", "said", "Café", "nothing", "End"])
def test_every_word_maps_to_where_qt_finds_it(qapp, word):
    offsets = QtOffsets(TRICKY)
    assert offsets.to_qt(TRICKY.index(word)) == qt_find(TRICKY, word)


def test_second_occurrence_after_flag_emoji_and_math_letter(qapp):
    offsets = QtOffsets(TRICKY)
    second_said = TRICKY.index("said", TRICKY.index("said") + 1)
    assert offsets.to_qt(second_said) == qt_find(TRICKY, "said", nth=1)


def test_plain_text_is_the_identity_and_length_matches(qapp):
    assert QtOffsets("plain ascii\nand “curly” quotes").to_qt(12) == 12
    doc = QTextDocument()
    doc.setPlainText(TRICKY)
    assert QtOffsets(TRICKY).length == doc.characterCount() - 1


def test_window_draws_claims_at_the_right_units_in_emoji_crlf_text(make_window, qtbot, tmp_path):
    path = tmp_path / "tricky.txt"
    path.write_bytes(TRICKY.encode("utf-8"))  # the loader keeps the text; CRLFs become LF there
    from reader.documents import load_path

    text = load_path(path).text
    c1 = claim("c1", text, "We are ready 👍🏽,", "said", "the mayor", "s1", kind="direct")
    c2 = claim("c2", text, "𝔁 nothing", "said 𝔁", "Café owners 🇯🇴", "s2")
    analysis = Analysis(claims=[c1, c2], sources=[source("s1", "the mayor", "person", ["c1"]),
                                                  source("s2", "Café owners", "unnamed_group", ["c2"])])
    window = make_window(engine_factory=stub_engine(analysis))
    with qtbot.waitSignal(window.analysisFinished, timeout=10_000):
        window.open_path(path)
    view = window.view
    drawn = {(s.format.property(CLAIM_ID), s.format.property(PART)): s.cursor.selectedText()
             for s in view.extraSelections()}
    assert drawn[("c1", "content")] == "We are ready 👍🏽,"
    assert drawn[("c1", "mention")] == "the mayor"
    assert drawn[("c2", "mention")] == "Café owners 🇯🇴"
    assert drawn[("c2", "content")] == "𝔁 nothing"
    assert drawn[("c2", "cue")] == "said 𝔁"


def test_crlf_text_pasted_as_is_still_maps(make_window, qtbot):
    """The view is given CRLF text directly (a paste that was not normalised): still exact."""
    text = "Line one\r\nThe minister 🙂 said it was over.\r\n"
    c1 = claim("c1", text, "it was over", "said", "The minister", "s1")
    analysis = Analysis(claims=[c1], sources=[source("s1", "The minister", "person", ["c1"])])
    window = make_window(engine_factory=stub_engine(analysis, version=None))
    from reader.documents import Article

    with qtbot.waitSignal(window.analysisFinished, timeout=10_000):
        window.session.show_article(Article(title="Line one", text=text))
    drawn = {s.format.property(PART): s.cursor.selectedText() for s in window.view.extraSelections()}
    assert drawn == {"content": "it was over", "cue": "said", "mention": "The minister"}
