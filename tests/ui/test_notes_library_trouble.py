"""Notes while the library cannot take them (issue 17, items 3 and 4): a locked database never
freezes the panel, unsaved text survives a source switch, is named, and is saved once the
library works again (retried in the background and on close)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time

from PySide6.QtGui import QTextCursor

from reader.store import Library
from reader.store.recovery import recovery_path
from reader.ui.notes_editor import NotesPanel, NoteTarget

FIRST = NoteTarget("a1", "s1", "Yoav Mordechai", "person")
SECOND = NoteTarget("a1", "s2", "Reuters", "media")
# Holds the write lock of the library until its stdin closes: another process, as in real life.
LOCK_HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()
conn.execute("ROLLBACK")
"""


def _panel(qtbot, library):  # noqa: ANN001, ANN202
    panel = NotesPanel()
    qtbot.addWidget(panel)
    panel.set_library(library)
    panel.set_target(FIRST)
    panel.show()
    return panel


def test_a_locked_library_never_stalls_the_panel_and_the_note_is_saved_after(data_dir, qtbot, capsys):
    library = Library.open(data_dir)
    panel = _panel(qtbot, library)
    holder = subprocess.Popen([sys.executable, "-c", LOCK_HOLDER, str(library.path)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        longest = 0.0
        for word in ("locked ", "out ", "for ", "a ", "while"):
            started = time.perf_counter()
            panel.editor.moveCursor(QTextCursor.MoveOperation.End)
            qtbot.keyClicks(panel.editor, word)
            panel.hand_over()
            panel.set_target(SECOND)  # reads the other note: WAL readers are not blocked
            panel.set_target(FIRST)
            longest = max(longest, time.perf_counter() - started)
        qtbot.waitUntil(lambda: panel.state.text().startswith("Not saved yet"), timeout=30_000)
        assert "Yoav Mordechai" in panel.state.text()
        assert panel.editor.toPlainText() == "locked out for a while"
        with capsys.disabled():
            print(f"\nlocked library: longest GUI stall {longest * 1000:.0f} ms (typing, handing over, "
                  "switching sources)")
    finally:
        holder.stdin.close()
        holder.wait(60)
        holder.stdout.close()
    assert panel.flush(timeout_s=30)  # the lock is gone: saved
    assert library.note("a1", "Yoav Mordechai", "person") == "locked out for a while"
    assert not recovery_path(data_dir).exists()
    panel.set_library(None)
    library.close()


def test_unsaved_text_survives_a_source_switch_and_is_saved_on_close(data_dir, qtbot):
    library = Library.open(data_dir)
    panel = _panel(qtbot, library)
    blocker = sqlite3.connect(library.path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # the library refuses every write, like a full disk
    qtbot.keyClicks(panel.editor, "precious words")
    panel.set_target(SECOND)
    assert panel.editor.toPlainText() == ""
    panel.set_target(FIRST)
    assert panel.editor.toPlainText() == "precious words"  # from the pending buffer
    qtbot.waitUntil(lambda: panel.state.text().startswith("Not saved yet"), timeout=30_000)
    assert recovery_path(data_dir).exists()  # on disk already, for a crash meanwhile
    blocker.execute("ROLLBACK")  # space is back
    blocker.close()
    panel.set_library(None)  # what closing the window does: retries, then stops
    assert library.note("a1", "Yoav Mordechai", "person") == "precious words"
    assert not recovery_path(data_dir).exists()
    library.close()
