"""Issue 15: Open Recent lists article titles and says when a file has moved (offering to take
it off the list); File > Open starts in the folder it was last used in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from reader.ui.recent_files import KEEP_TEXT, NOTICE_NAME, REMOVE_TEXT
from reader.ui.settings import UiSettings

from ui_stubs import drain_events, stub_engine


def write(path: Path, title: str) -> Path:
    path.write_text(f"{title}\nThe mayor said the ferries were back on Monday.\n", encoding="utf-8")
    return path


def recent_entries(window) -> list[tuple[str, str, str]]:  # noqa: ANN001
    window.fill_recent_menu()
    return [(a.text(), a.data(), a.toolTip()) for a in window.actions_.recent_menu.actions() if a.data()]


def test_the_menu_lists_titles_with_the_path_as_tooltip_and_keeps_them_across_sessions(make_window, tmp_path,
                                                                                         qtbot):
    window = make_window(engine_factory=stub_engine())
    a = write(tmp_path / "2024-03-03-harbour.txt", "Ferries back & running")
    b = write(tmp_path / "notes.md", "# Council approves bridge budget")
    window.open_path(a)
    with qtbot.waitSignal(window.articleOpened, timeout=10_000):
        window.open_path(b)  # Markdown is read by the worker
    entries = recent_entries(window)
    assert [(text, data) for text, data, _ in entries] == [
        ("Council approves bridge budget", str(b.resolve())), ("Ferries back && running", str(a.resolve()))]
    assert str(a.resolve()) in entries[1][2]
    window.close()
    again = make_window(engine_factory=stub_engine())
    assert [text for text, _, _ in recent_entries(again)] == ["Council approves bridge budget",
                                                              "Ferries back && running"]


def test_an_entry_saved_without_a_title_shows_its_file_name(make_window, tmp_path, data_dir):
    old = write(tmp_path / "old.txt", "Old article")
    settings = UiSettings(data_dir)
    settings.add_recent(str(old))  # as a list saved by an older version: no titles
    settings.sync()
    window = make_window(engine_factory=stub_engine())
    assert [text for text, _, _ in recent_entries(window)] == ["old.txt"]


def _notice(window, qtbot) -> QMessageBox:  # noqa: ANN001
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, NOTICE_NAME) is not None
                    and window.findChild(QMessageBox, NOTICE_NAME).isVisible(), timeout=5_000)
    return window.findChild(QMessageBox, NOTICE_NAME)


def _click(notice: QMessageBox, text: str) -> None:
    next(b for b in notice.findChildren(QPushButton) if b.text() == text).click()


def test_a_moved_file_is_marked_and_choosing_it_offers_to_remove_it(make_window, tmp_path, qtbot):
    window = make_window(engine_factory=stub_engine())
    gone = write(tmp_path / "gone.txt", "Harbour strike ends")
    kept = write(tmp_path / "kept.txt", "Bridge reopens")
    window.open_path(gone)
    window.open_path(kept)
    gone.rename(tmp_path / "elsewhere.txt")
    entries = recent_entries(window)
    assert [text for text, _, _ in entries] == ["Bridge reopens", "Harbour strike ends — moved or deleted"]
    shown = window.article
    window.actions_.recent_menu.actions()[1].trigger()
    notice = _notice(window, qtbot)
    assert notice.text() == (f"“Harbour strike ends” is no longer at {gone.resolve()}: "
                             "the file was moved, renamed or deleted.")
    assert window.article is shown  # nothing else changed: the article on screen stays
    _click(notice, KEEP_TEXT)
    drain_events()
    assert len(recent_entries(window)) == 2
    window.actions_.recent_menu.actions()[1].trigger()
    _click(_notice(window, qtbot), REMOVE_TEXT)
    drain_events()
    assert [text for text, _, _ in recent_entries(window)] == ["Bridge reopens"]
    assert (tmp_path / "elsewhere.txt").exists()  # the file itself is never touched


def test_a_file_that_came_back_opens(make_window, tmp_path, qtbot):
    window = make_window(engine_factory=stub_engine())
    path = write(tmp_path / "back.txt", "Back again")
    window.open_path(path)
    path.rename(tmp_path / "away.txt")
    recent_entries(window)  # the menu marks it missing …
    (tmp_path / "away.txt").rename(path)  # … and it is back before it is chosen
    window.actions_.recent_menu.actions()[0].trigger()
    assert window.article.title == "Back again" and window.findChild(QMessageBox, NOTICE_NAME) is None


def test_the_open_dialog_starts_in_the_folder_it_was_last_used_in(make_window, tmp_path, monkeypatch, data_dir):
    starts: list[str] = []
    folder = tmp_path / "clippings"
    folder.mkdir()
    chosen = write(folder / "story.txt", "Story")

    def fake_dialog(parent, caption, start, filters):  # noqa: ANN001
        starts.append(start)
        assert "*.pdf" in filters
        return str(chosen), filters

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake_dialog))
    window = make_window(engine_factory=stub_engine())
    window.actions_.open.trigger()
    assert window.article.title == "Story"
    window.actions_.open.trigger()
    assert starts == [str(Path.home()), str(folder)]
    window.close()
    make_window(engine_factory=stub_engine()).actions_.open.trigger()  # remembered across sessions
    assert starts[-1] == str(folder)
    folder.joinpath("story.txt").unlink()
    folder.rmdir()
    make_window(engine_factory=stub_engine()).open_dialog()  # a folder that is gone: home
    assert starts[-1] == str(Path.home())
