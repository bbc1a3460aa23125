"""The library search dialog against a real library: typing lists ranked hits grouped by
article (searched off the GUI thread); choosing a hit emits hitChosen(article_id, source_key)
or, for a claim, claimChosen(article_id, claim_id)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from reader.ui.search_dialog import HIT_ROLE, HTML_ROLE, NotesSearchDialog

from ui_stubs import drain_events

SEARCH_MS = 10_000


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
    yield dlg
    dlg.close()


def search(qtbot, dialog, text: str) -> None:  # noqa: ANN001
    with qtbot.waitSignal(dialog.searched, timeout=SEARCH_MS):
        dialog.set_query(text)


def rows(dialog) -> list[str]:  # noqa: ANN001
    return [dialog.results.item(i).text() for i in range(dialog.results.count())]


def test_typing_lists_hits_under_their_article_after_a_pause(qtbot, dialog):
    assert dialog.results.count() == 0 and "Type to search" in dialog.status.text()
    with qtbot.waitSignal(dialog.searched, timeout=SEARCH_MS):
        qtbot.keyClicks(dialog.field, "ferry")
    assert dialog.status.text() == "2 matches in 2 articles"
    assert sorted(rows(dialog)) == sorted([
        "Crossing to reopen", "[your note] Yoav Mordechai — Said the same about the ferry in March.",
        "Talks stall", "[your note] Reuters — Ferry schedule <b>unconfirmed</b>."])
    headings = [dialog.results.item(i) for i in range(dialog.results.count())
                if not dialog.results.item(i).data(HIT_ROLE)]
    assert len(headings) == 2 and not headings[0].flags() & Qt.ItemFlag.ItemIsSelectable
    # user text is shown as typed, never as HTML; the matched word is bold
    html_rows = [dialog.results.item(i).data(HTML_ROLE) for i in range(dialog.results.count())]
    assert any("&lt;b&gt;unconfirmed&lt;/b&gt;" in h and "<b>Ferry</b>" in h for h in html_rows)
    assert dialog.results.currentItem().data(HIT_ROLE) and dialog.open_button.isEnabled()


def test_the_search_runs_off_the_gui_thread(qtbot, dialog, library, monkeypatch):
    threads = []
    real = type(library).search

    def spy(self, query, limit=50):  # noqa: ANN001
        threads.append(threading.current_thread())
        return real(self, query, limit)

    monkeypatch.setattr(type(library), "search", spy)
    search(qtbot, dialog, "coordinator")
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert dialog.results.count() == 4  # the card in both articles, each under its heading


def test_roles_and_names_are_found_and_no_match_says_so(qtbot, dialog):
    search(qtbot, dialog, "coordinator")
    assert "[source card] Yoav Mordechai — " in rows(dialog)[1]
    search(qtbot, dialog, "zebra")
    assert dialog.results.count() == 0 and dialog.status.text() == "No matches."


def test_enter_chooses_the_current_hit_once_and_closes(qtbot, dialog):
    search(qtbot, dialog, "March")
    chosen = []
    dialog.hitChosen.connect(lambda *args: chosen.append(list(args)))
    with qtbot.waitSignal(dialog.hitChosen) as signal:
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert signal.args == ["a1", "person:yoav mordechai"]
    drain_events()
    assert chosen == [signal.args]  # the field's Enter and the dialog's default button: one choice
    assert not dialog.isVisible()


def test_arrow_keys_skip_the_article_headings_and_double_click_chooses(qtbot, dialog):
    search(qtbot, dialog, "ferry")
    first = dialog.results.currentRow()
    qtbot.keyClick(dialog.field, Qt.Key.Key_Down)
    assert dialog.results.currentRow() == first + 2  # over the second article's heading
    qtbot.keyClick(dialog.field, Qt.Key.Key_Up)
    assert dialog.results.currentRow() == first
    item = dialog.results.item(first + 2)
    expected = list(item.data(HIT_ROLE))
    with qtbot.waitSignal(dialog.hitChosen) as signal:
        dialog.results.itemActivated.emit(item)
    assert signal.args == expected


def test_enter_typed_before_the_hits_came_still_chooses(qtbot, dialog):
    qtbot.keyClicks(dialog.field, "Reuters")
    with qtbot.waitSignal(dialog.hitChosen, timeout=SEARCH_MS) as signal:
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert signal.args[1] == "media:reuters"


def test_reopening_shows_notes_edited_meanwhile(qtbot, dialog, library):
    search(qtbot, dialog, "tunnels")
    assert dialog.results.count() == 0
    dialog.hide()
    library.save_note("a2", "s1", "Yoav Mordechai", "person", "Now about tunnels.")
    with qtbot.waitSignal(dialog.searched, timeout=SEARCH_MS):
        dialog.show()
    assert dialog.results.count() == 2


def test_fts_syntax_typed_by_the_user_is_harmless(qtbot, dialog):
    for text in ('"', "AND (", "NEAR(", "*"):
        search(qtbot, dialog, text)
        assert "Could not" not in dialog.status.text() and "did not work" not in dialog.status.text()


def test_a_claim_hit_shows_its_verb_and_emits_claim_chosen(qtbot, data_dir, sample_text):
    from reader.analysis import AttributionEngine, load_nlp
    from reader.store import Library

    lib = Library.open(data_dir)
    lib.remember_article("sample", "Red Sea ferry link reopens", "https://example.org/ferry", sample_text)
    lib.save_analysis("sample", "real", AttributionEngine(load_nlp()).analyze(sample_text).to_dict("sample"))
    dlg = NotesSearchDialog(lib)
    qtbot.addWidget(dlg)
    dlg.show()
    search(qtbot, dlg, "relieved")
    claim_rows = [dlg.results.item(i) for i in range(dlg.results.count())
                  if len(dlg.results.item(i).data(HIT_ROLE) or ()) == 3]
    assert claim_rows[0].text().startswith("[claim] Maria Okafor said: “We are relieved")
    assert "Maria Okafor <b>said</b>: “We are <b>relieved</b>" in claim_rows[0].data(HTML_ROLE)
    dlg.results.setCurrentItem(claim_rows[0])
    with qtbot.waitSignal(dlg.claimChosen) as signal:
        qtbot.keyClick(dlg.field, Qt.Key.Key_Return)
    assert signal.args[0] == "sample" and signal.args[1].startswith("c")
    lib.close()


def test_an_idle_search_thread_ends_and_the_next_search_starts_another(qtbot, dialog, monkeypatch):
    from reader.ui import search_dialog

    monkeypatch.setattr(search_dialog, "IDLE_S", 0.01)
    search(qtbot, dialog, "ferry")
    first = dialog.runner._thread  # noqa: SLF001 - the thread itself is what is tested
    qtbot.waitUntil(lambda: not first.is_alive(), timeout=SEARCH_MS)
    search(qtbot, dialog, "coordinator")
    assert dialog.runner._thread is not first and dialog.results.count() == 4  # noqa: SLF001
    dialog.close()
    assert dialog.runner._thread is None  # noqa: SLF001 - closing stops it
