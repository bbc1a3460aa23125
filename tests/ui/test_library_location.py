"""Preferences › Library, in real windows started as `reader` starts them, on real folders in
tmp_path: the folder in use is shown (and About agrees), "Show in file manager" opens its URL,
Change… saves a folder that the next start uses (an empty one gets a new library, one holding
a library keeps it as it is), a folder with other files or one that may not be written is
refused with a sentence, "Use the default location" goes back, and nothing is ever moved.
The folder dialog is answered through QFileDialog.getExistingDirectory (another layer)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from app_start import app_home, preferences_of, start_app  # noqa: F401 - fixtures
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QFileDialog

from reader.app import library_location
from reader.store import Library
from reader.ui.library_location import NEXT_START
from reader.ui.settings import UiSettings

NOTE = ("a1", "s1", "Yoav Mordechai", "person", "Check his figures.")


def answer_folder_dialog(monkeypatch, folder: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(folder))


def library_with_a_note(folder: Path) -> Path:
    lib = Library.open(folder)
    lib.save_note(*NOTE)
    lib.close()
    return folder / "library.db"


def note_in(folder: Path) -> str:
    lib = Library.open(folder, read_only=True)
    try:
        return lib.note(NOTE[0], NOTE[2], NOTE[3])
    finally:
        lib.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def library_in_use(window, qtbot) -> Path:  # noqa: ANN001
    """The file the window's session opened (it opens the library just after the first paint)."""
    qtbot.waitUntil(lambda: window.session.ensure_library() is not None)
    return window.session.ensure_library().path


def about_text_of(window) -> str:  # noqa: ANN001
    window.actions_.about.trigger()
    return window.findChild(QDialog, "aboutDialog").browser.toPlainText()


def test_the_row_shows_the_folder_in_use_and_shows_it_in_the_file_manager(start_app, app_home, qtbot):
    window = start_app()
    row = preferences_of(window).library_row
    assert row.field.text() == str(app_home) and row.field.isReadOnly()
    row.field.selectAll()
    assert row.field.selectedText() == str(app_home)  # selectable, to paste elsewhere
    opened: list[QUrl] = []
    row.open_url = lambda url: opened.append(url) or True
    row.show_folder.click()
    assert opened == [QUrl.fromLocalFile(str(app_home))]
    assert not any(b.autoDefault() for b in (row.show_folder, row.change, row.use_default))  # Enter closes
    assert not row.use_default.isEnabled() and row.note.text() == ""  # already the default
    assert library_in_use(window, qtbot) == app_home / "library.db"
    assert str(app_home / "library.db") in about_text_of(window)


def test_an_empty_folder_gets_a_new_library_from_the_next_start(start_app, app_home, tmp_path, qtbot,
                                                                 monkeypatch):
    window = start_app()
    library_in_use(window, qtbot)
    library_with_a_note(app_home)  # the library in use has a note: it must stay where it is
    empty = tmp_path / "Reading library"
    empty.mkdir()
    answer_folder_dialog(monkeypatch, empty)
    row = preferences_of(window).library_row
    row.change.click()
    assert "is empty: a new library will be created there" in row.note.text()
    assert NEXT_START in row.note.text() and "Nothing is moved" in row.note.text()
    assert UiSettings(app_home).library_folder() == empty  # saved at once
    assert list(empty.iterdir()) == []  # nothing made there before the next start
    assert row.field.text() == str(app_home)  # this session goes on with its library
    window.close()

    assert library_location().folder == empty
    again = start_app()
    assert library_in_use(again, qtbot) == empty / "library.db"
    assert preferences_of(again).library_row.field.text() == str(empty)
    about = about_text_of(again)
    assert str(empty / "library.db") in about and f"Settings and logs are in {app_home}" in about
    assert note_in(app_home) == NOTE[-1]  # the first library is untouched


def test_a_folder_holding_a_library_is_used_as_it_is(start_app, tmp_path, qtbot, monkeypatch):
    elsewhere = tmp_path / "old library"
    path = library_with_a_note(elsewhere)
    before = digest(path)
    window = start_app()
    answer_folder_dialog(monkeypatch, elsewhere)
    row = preferences_of(window).library_row
    row.change.click()
    assert "holds a Sourcelight library: it will be used as it is" in row.note.text()
    assert digest(path) == before  # read without a write
    window.close()

    again = start_app()
    assert library_in_use(again, qtbot) == path
    assert again.session.ensure_library().note(NOTE[0], NOTE[2], NOTE[3]) == NOTE[-1]


def deny_writes(monkeypatch, folder: Path) -> None:
    """The tests run as root, whom no permission stops, so chmod alone proves nothing: the
    kernel's answer (os.access) is made to say what it says to a user for a read-only folder."""
    real_access = os.access

    def access(path, mode, *args, **kwargs):  # noqa: ANN001
        if mode & os.W_OK and Path(path).resolve() == folder.resolve():
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)


@pytest.mark.parametrize("kind", ["other files", "not a library", "read-only"])
def test_a_folder_that_cannot_hold_the_library_is_refused(start_app, app_home, tmp_path, monkeypatch, kind):
    folder = tmp_path / "chosen"
    folder.mkdir()
    if kind == "other files":
        for name in ("thesis.docx", "photo.jpg", "notes.txt", "zz.pdf"):
            (folder / name).write_text("mine")
        expected = "already holds other files (notes.txt, photo.jpg, thesis.docx, …) and no Sourcelight library"
    elif kind == "not a library":
        (folder / "library.db").write_bytes(b"another program's file " * 20)
        expected = "is damaged or not a Sourcelight library"
    else:
        folder.chmod(0o555)
        deny_writes(monkeypatch, folder)
        expected = "may not write in"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    window = start_app()
    answer_folder_dialog(monkeypatch, folder)
    row = preferences_of(window).library_row
    row.change.click()
    assert expected in row.note.text() and row.note.text().endswith(".")
    assert NEXT_START not in row.note.text()
    assert UiSettings(app_home).library_folder() is None and library_location().folder == app_home
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # left exactly as it was
    folder.chmod(0o755)


def test_use_the_default_location_goes_back_at_the_next_start(start_app, app_home, tmp_path, qtbot,
                                                             monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    UiSettings(app_home).set_library_folder(elsewhere)
    window = start_app()
    assert library_in_use(window, qtbot) == elsewhere / "library.db"
    library_with_a_note(elsewhere)
    row = preferences_of(window).library_row
    assert row.use_default.isEnabled()
    row.use_default.click()
    assert f"will use the default folder {app_home} the next time it starts" in row.note.text()
    assert UiSettings(app_home).library_folder() is None
    window.close()

    again = start_app()
    assert library_in_use(again, qtbot) == app_home / "library.db"
    assert note_in(elsewhere) == NOTE[-1]  # the other library stays as it was, with its note
    assert not preferences_of(again).library_row.use_default.isEnabled()


def test_choosing_the_folder_in_use_undoes_a_pending_change(start_app, app_home, tmp_path, monkeypatch):
    empty = tmp_path / "empty"
    empty.mkdir()
    window = start_app()
    row = preferences_of(window).library_row
    answer_folder_dialog(monkeypatch, empty)
    row.change.click()
    assert UiSettings(app_home).library_folder() == empty
    answer_folder_dialog(monkeypatch, app_home)
    row.change.click()
    assert row.note.text() == "Sourcelight already uses this folder."
    assert UiSettings(app_home).library_folder() is None


def test_a_chosen_folder_that_is_gone_is_not_created_and_the_default_is_used(app_home, tmp_path):
    gone = tmp_path / "unplugged disk" / "library"
    UiSettings(app_home).set_library_folder(gone)
    where = library_location()
    assert where.folder == app_home and where.problem and str(gone) in where.problem
    assert "nothing in the chosen folder was changed" in where.problem
    assert not gone.exists()
    assert UiSettings(app_home).library_folder() == gone  # kept: the next start finds it once it is back


def test_the_data_folder_variable_wins_over_the_choice(make_window, data_dir, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    UiSettings(data_dir).set_library_folder(elsewhere)
    assert library_location().folder == data_dir  # SOURCELIGHT_DATA_DIR is set by conftest.py
    row = preferences_of(make_window()).library_row
    assert row.field.text() == str(data_dir)
    assert not row.change.isEnabled() and not row.use_default.isEnabled()
    assert "SOURCELIGHT_DATA_DIR is set" in row.note.text()
