"""Issue 6 in the window: every bad document is one non-modal message; saved pages and large
files are read by the worker, so the GUI thread never waits on them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from ui_stubs import drain_events, stub_engine

FIXTURES = Path(__file__).resolve().parents[1] / "documents" / "fixtures"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def make_bad(kind: str, tmp_path: Path) -> Path:
    path = tmp_path / {"png-as-txt": "photo.txt", "invalid-utf8": "broken.txt", "huge": "huge.txt",
                       "no-article": "menu.html", "empty": "empty.txt", "directory": "folder.txt",
                       "missing": "missing.txt"}[kind]
    if kind == "png-as-txt":
        path.write_bytes(PNG)
    elif kind == "invalid-utf8":
        # UTF-8 (curly quotes, accents) damaged by a stray byte
        path.write_bytes("“Café talks failed,” the minister said. ".encode() * 20 + b"\xff\xc3(" + b" more.")
    elif kind == "huge":
        with path.open("wb") as f:  # sparse: 100 MB on paper, nothing written
            f.truncate(100 * 1024 * 1024)
    elif kind == "no-article":
        path.write_bytes((FIXTURES / "nav-only.html").read_bytes())
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "directory":
        path.mkdir()
    return path


def no_modal_dialog() -> bool:
    return not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, (QDialog, QMessageBox)) and w.isVisible()]


@pytest.mark.parametrize("kind", ["png-as-txt", "invalid-utf8", "huge", "no-article", "empty", "directory",
                                  "missing"])
def test_each_bad_document_is_one_message_and_the_window_works_on(kind, make_window, tmp_path, sample_path,
                                                                  qtbot):
    window = make_window(engine_factory=stub_engine())
    path = make_bad(kind, tmp_path)
    shown: list[str] = []
    window.messageShown.connect(shown.append)
    window.open_path(path)  # at once, or (a page, a large file) from the worker
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=10_000)
    # a second message would come from the load thread: a load asked now is answered after it
    with qtbot.waitSignal(window.session.client.loadFailed, timeout=10_000):
        window.session.client.load(str(tmp_path / "barrier-that-does-not-exist.txt"))
    drain_events()
    assert len(shown) == 1 and "\n" not in shown[0] and "Traceback" not in shown[0]
    assert window.message_bar.text() == shown[0]
    assert no_modal_dialog()
    assert window.article is None
    assert window.open_path(sample_path)
    assert window.view.toPlainText().startswith("Red Sea ferry link reopens")


def test_a_saved_page_is_read_off_the_gui_thread_and_shows_only_its_text(make_window, qtbot):
    window = make_window(engine_factory=stub_engine())
    with qtbot.waitSignal(window.articleOpened, timeout=10_000):
        assert window.open_path(FIXTURES / "news-page.html")
        assert window.article is None  # not yet: the worker is reading it
    text = window.view.toPlainText()
    assert text == window.article.text and len(text) > 200
    assert "<" not in text and "cookie" not in text.lower() and "donate" not in text.lower()


def test_markup_in_an_article_is_shown_as_text_never_loaded_or_run(make_window, tmp_path, qtbot):
    path = tmp_path / "markup.txt"
    markup = '<img src="http://127.0.0.1:9/tracker.png"> <script>alert(1)</script> <b>bold</b>'
    path.write_text(f"Headline\nThe mayor said the plan was final. {markup}\n", encoding="utf-8")
    window = make_window(engine_factory=stub_engine())
    assert window.open_path(path)
    assert markup in window.view.toPlainText()  # literally, as text
    block = window.view.document().begin()
    while block.isValid():  # no image, no bold: nothing was interpreted as HTML
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            assert not fmt.isImageFormat() and fmt.fontWeight() <= 400 or block.blockNumber() == 0
            it += 1
        block = block.next()
