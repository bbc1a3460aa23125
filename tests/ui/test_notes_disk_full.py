"""A full disk (issue 17, item 4), on a real tiny tmpfs: the typed note survives a source switch,
the panel names it as not saved, and it is saved in the background once space returns."""

from __future__ import annotations

import errno
import os
import subprocess

import pytest

from reader.store import Library
from reader.ui.notes_editor import NotesPanel, NoteTarget

FIRST = NoteTarget("a1", "s1", "Yoav Mordechai", "person")
SECOND = NoteTarget("a1", "s2", "Reuters", "media")
TMPFS_SIZE = "2m"
SAVE_TIMEOUT_MS = 30_000


@pytest.fixture
def tiny_disk(tmp_path):  # noqa: ANN201
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tiny tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={TMPFS_SIZE}", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder):  # noqa: ANN001, ANN202
    filler = folder / "filler"
    with filler.open("wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


def test_a_note_typed_on_a_full_disk_is_kept_and_saved_when_space_returns(tiny_disk, qtbot):
    library = Library.open(tiny_disk / "data")
    panel = NotesPanel()
    qtbot.addWidget(panel)
    panel.set_library(library)
    panel.set_target(FIRST)
    panel.show()
    filler = _fill(tiny_disk)
    qtbot.keyClicks(panel.editor, "Checked with the port authority " * 40)
    typed = panel.editor.toPlainText()
    panel.set_target(SECOND)  # what lost the note before
    panel.set_target(FIRST)
    assert panel.editor.toPlainText() == typed
    qtbot.waitUntil(lambda: panel.state.text().startswith("Not saved yet"), timeout=SAVE_TIMEOUT_MS)
    assert "Yoav Mordechai" in panel.state.text()
    filler.unlink()  # space returns: the background retry saves it, no action needed
    qtbot.waitUntil(lambda: not panel.unsaved, timeout=SAVE_TIMEOUT_MS)
    assert library.note("a1", "Yoav Mordechai", "person") == typed
    panel.set_library(None)
    library.close()
