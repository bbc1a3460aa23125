"""Notes on a single claim, beside notes on a source, in the real window (real engine, real
library in tmp_path): choosing a claim shows its note under its source's note; what is typed is
saved as you type by the notes' library thread, kept across reopening, and — typed while the
library could take nothing — put back from the recovery file at the next start."""

from __future__ import annotations

import json
import signal
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from reader.store import Library
from reader.store.recovery import recovery_path
from reader.ui.notes_editor import SAVE_MAX_INTERVAL_MS, NotesPanel
from typist_kill import type_and_kill
from test_window_corrections import TEXT, _claim, _point_on, _reopen, article  # noqa: F401 - a fixture

DISK_TIMEOUT_MS = 30_000  # fsyncs on a machine whose disk other work keeps busy
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")


def _click_claim(window, qtbot, words: str):  # noqa: ANN001, ANN202
    claim = _claim(window, words)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=_point_on(window, claim.content[0]))
    assert window.claim_note.claim_id == claim.id
    return claim


def _stored(data_dir, article_id: str) -> tuple[list[str], int]:  # noqa: ANN001
    """The texts of the article's notes on claims, and how many analyses are stored."""
    lib = Library.open(data_dir, read_only=True)
    try:
        analyses = lib.db.execute("SELECT count(*) FROM analyses").fetchone()[0]
        return [n.text for n in lib.claim_notes(article_id)], analyses
    finally:
        lib.close()


def test_a_claims_note_is_shown_under_its_sources_note_and_kept(make_window, open_and_wait, article, qtbot,
                                                                 data_dir):  # noqa: ANN001, F811
    window = make_window()
    open_and_wait(window, article)
    panel = window.claim_note
    assert panel.claim_id is None and not panel.editor.isEnabled()  # no claim chosen yet
    buses = _click_claim(window, qtbot, "buses would run")
    source = window.analysis.source(buses.source_id)
    assert window.notes.target.source_id == source.id  # the source's note above…
    assert "buses would run on a reduced timetable" in panel.quote.text()  # …the claim's below
    assert panel.editor.isEnabled() and panel.editor.toPlainText() == ""
    qtbot.keyClicks(window.notes.editor, "Spokeswoman since 2019.")
    qtbot.keyClicks(panel.editor, "Ask the bus company.")
    qtbot.waitUntil(lambda: panel.state.text() == "Saved", timeout=DISK_TIMEOUT_MS)  # as you type, off the GUI thread
    article_id = window.article.id
    assert _stored(data_dir, article_id)[0] == ["Ask the bus company."]

    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_N)  # the next claim of the source: its own (empty) note
    assert panel.claim_id not in (None, buses.id) and panel.editor.toPlainText() == ""
    _click_claim(window, qtbot, "buses would run")
    assert panel.editor.toPlainText() == "Ask the bus company."
    claims = len(window.analysis.claims)
    panel.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(panel.editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(panel.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the editor's own undo
    panel.editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClick(panel.editor, Qt.Key.Key_Delete)  # not "Not a claim"
    qtbot.keyClick(panel.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.editor.toPlainText() == "Ask the bus company."
    assert len(window.analysis.claims) == claims and window.session.corrections.log == []
    panel.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(panel.editor, " Twice.")  # not yet handed over: closing saves it
    window.close()
    assert _stored(data_dir, article_id)[0] == ["Ask the bus company. Twice."]

    again = _reopen(make_window, qtbot, article)
    _click_claim(again, qtbot, "buses would run")
    assert again.claim_note.editor.toPlainText() == "Ask the bus company. Twice."
    assert again.notes.editor.toPlainText() == "Spokeswoman since 2019."
    again.claim_note.editor.clear()  # an empty note is no note
    again.close()
    assert _stored(data_dir, article_id)[0] == []


def test_a_claim_note_the_library_could_not_take_is_put_back_at_the_next_start(
        make_window, open_and_wait, article, qtbot, data_dir):  # noqa: ANN001, F811
    window = make_window()
    open_and_wait(window, article)
    article_id = window.article.id
    # the analysis is stored: nothing else writes while the library is locked
    qtbot.waitUntil(lambda: _stored(data_dir, article_id)[1] == 1, timeout=DISK_TIMEOUT_MS)
    blocker = sqlite3.connect(window.session.library.path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # every write is refused, as when another process holds the lock
    try:
        _click_claim(window, qtbot, "two bridges")
        qtbot.keyClicks(window.claim_note.editor, "Which bridges? Ask the council.")
        recovery = recovery_path(data_dir)

        def in_recovery_file() -> bool:
            try:
                notes = json.loads(recovery.read_text(encoding="utf-8")).get("claim_notes", [])
            except (OSError, ValueError):
                return False
            return [n["text"] for n in notes] == ["Which bridges? Ask the council."]

        qtbot.waitUntil(in_recovery_file, timeout=DISK_TIMEOUT_MS)  # written before the database is tried
        qtbot.waitUntil(lambda: "the claim “that two bridges" in window.notes.state.text(), timeout=DISK_TIMEOUT_MS)
        assert window.notes.state.text().startswith("Not saved yet")
        window.close()  # gives up after its drain: the text is left in the recovery file, as a crash leaves it
        assert in_recovery_file()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert _stored(data_dir, article_id)[0] == []

    again = _reopen(make_window, qtbot, article)  # the next start puts it back
    qtbot.waitUntil(lambda: _stored(data_dir, article_id)[0] == ["Which bridges? Ask the council."],
                    timeout=DISK_TIMEOUT_MS)
    bridges = _click_claim(again, qtbot, "two bridges")
    assert again.claim_note.editor.toPlainText() == "Which bridges? Ask the council."
    assert "Which bridges?" in again.correcting.tooltip(bridges.id)
    qtbot.waitUntil(lambda: not recovery_path(data_dir).exists(), timeout=DISK_TIMEOUT_MS)


TYPIST = Path(__file__).with_name("claim_note_typist.py")
TYPING_S = 2.5
START_TIMEOUT_S = 180  # a new window loads the real model, on a busy machine
# What a kill may cost: one hand-over interval, plus generous room for a loaded machine.
ALLOWED_LOSS_S = SAVE_MAX_INTERVAL_MS / 1000 + 1.0


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_kill_9_while_typing_a_claim_note_loses_at_most_one_interval(
        article, data_dir, qtbot, capsys):  # noqa: ANN001, F811
    ready, times = type_and_kill([str(TYPIST), str(data_dir), str(article), "two bridges"], TYPING_S,
                                 START_TIMEOUT_S)
    article_id = ready[1]
    assert recovery_path(data_dir).exists() or _stored(data_dir, article_id)[0]  # something was handed over

    library = Library.open(data_dir)  # the next start: the notes panel puts back what the file holds
    panel = NotesPanel()
    qtbot.addWidget(panel)
    try:
        panel.set_library(library)
        assert panel.flush(timeout_s=30)
        (note,) = library.claim_notes(article_id)
    finally:
        panel.set_library(None)
        library.close()
    assert note.anchor.quote.startswith("that two bridges")
    saved = len(note.text)
    assert note.text == "".join(str(i % 10) for i in range(saved)) and saved <= len(times) + 1
    lost = times[-1] - times[saved] if saved < len(times) else 0.0
    assert not recovery_path(data_dir).exists()  # restored, then cleared
    with capsys.disabled():
        print(f"\nkill -9 while typing a note on a claim: {lost:.2f} s of typing lost "
              f"({saved} of {len(times)} keys kept)")
    assert lost <= ALLOWED_LOSS_S


def test_a_quoted_claim_is_shown_with_one_pair_of_marks(make_window, open_and_wait, article, qtbot):  # noqa: ANN001, F811
    window = make_window()
    open_and_wait(window, article)
    _click_claim(window, qtbot, "the schools to stay open")
    shown = window.claim_note.quote.text()
    assert shown.startswith("“") and shown.endswith("”") and "the schools to stay open" in shown
    assert not shown.startswith("““") and '"' not in shown and not shown.endswith("””")  # the article's own marks go
