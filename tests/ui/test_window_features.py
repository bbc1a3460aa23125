"""Opening (drop, paste, recent files), find, zoom, window state and the analysis cache."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMenu

from reader.analysis import Analysis

from ui_stubs import claim, source, stub_engine

TEXT = "Harbour news\nThe mayor said the ferries were back."
FETCHED = "Fetched\nThe mayor said the ferries were back."


def _analysis(text: str = TEXT) -> Analysis:
    return Analysis(claims=[claim("c1", text, "the ferries were back", "said", "The mayor", "s1")],
                    sources=[source("s1", "The mayor", "person", ["c1"], title="Mayor")])


def test_dropping_a_file_opens_it(make_window, sample_path, qtbot):
    window = make_window(engine_factory=stub_engine())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(sample_path))])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.articleOpened, timeout=5_000):
        window.dropEvent(event)
    assert window.view.toPlainText().startswith("Red Sea ferry link reopens")


def test_new_from_clipboard(make_window, qtbot):
    window = make_window(engine_factory=stub_engine(_analysis(), version=None))
    QGuiApplication.clipboard().setText(TEXT.replace("\n", "\r\n"))
    with qtbot.waitSignal(window.analysisFinished, timeout=10_000):
        window.actions_.paste.trigger()
    assert window.article.title == "Harbour news"
    assert window.view.toPlainText() == TEXT
    assert "Harbour news" in window.windowTitle()
    QGuiApplication.clipboard().setText("")
    window.paste_article()
    assert "clipboard" in window.message_bar.text()


def test_recent_files_menu_lists_opened_files_and_marks_vanished_ones(make_window, tmp_path, qtbot):
    window = make_window(engine_factory=stub_engine())
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Alpha article\nText.")
    b.write_text("Beta article\nText.")
    window.open_path(a)
    window.open_path(b)
    b.unlink()
    window.fill_recent_menu()
    menu: QMenu = window.actions_.recent_menu
    paths = [act.data() for act in menu.actions() if act.data()]
    assert paths == [str(b.resolve()), str(a.resolve())]
    assert [act.text() for act in menu.actions()[:2]] == ["Beta article — moved or deleted", "Alpha article"]
    with qtbot.waitSignal(window.articleOpened, timeout=5_000):
        menu.actions()[1].trigger()
    assert window.article.title == "Alpha article"


def test_find_in_article(make_window, sample_path, qtbot):
    window = make_window(engine_factory=stub_engine())
    window.open_path(sample_path)
    assert "Ctrl+F" in [k.toString() for k in window.actions_.find.shortcuts()]
    window.actions_.find.trigger()
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar.field, "Okafor")
    first = window.view.textCursor().selectionStart()
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert window.view.textCursor().selectedText() == "Okafor"
    assert window.view.textCursor().selectionStart() > first
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    assert window.find_bar.isHidden()


def test_zoom_and_window_state_are_kept_in_the_data_dir(make_window, data_dir, qtbot):
    window = make_window(engine_factory=stub_engine())
    size = window.view.point_size
    window.actions_.zoom_in.trigger()
    window.actions_.zoom_in.trigger()
    assert window.view.point_size == size + 2
    assert "Ctrl+=" in [k.toString() for k in window.actions_.zoom_in.shortcuts()]
    assert "Ctrl+-" in [k.toString() for k in window.actions_.zoom_out.shortcuts()]
    window.resize(700, 500)  # fits the offscreen screen (800 x 600)
    dock = window.findChild(QDockWidget, "sourcesPanel")
    window.removeDockWidget(dock)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    dock.show()
    window.close()
    assert (data_dir / "settings.ini").exists()

    again = make_window(engine_factory=stub_engine())
    assert again.view.point_size == size + 2
    assert (again.size().width(), again.size().height()) == (700, 500)
    assert again.dockWidgetArea(again.sources_dock) == Qt.DockWidgetArea.LeftDockWidgetArea


def test_reopening_uses_the_cached_analysis(make_window, tmp_path, qtbot):
    path = tmp_path / "harbour.txt"
    path.write_text(TEXT)
    factory = stub_engine(_analysis())
    window = make_window(engine_factory=factory)
    with qtbot.waitSignal(window.analysisFinished, timeout=10_000):
        window.open_path(path)
    window.close()
    assert factory.calls == 1
    again = make_window(engine_factory=factory)
    with qtbot.waitSignal(again.analysisFinished, timeout=1_000):
        again.open_path(path)
    assert factory.calls == 1  # highlights came from the library
    assert len(again.view.extraSelections()) == 3
    # a new engine version analyses again
    newer = stub_engine(_analysis(), version="stub-2")
    third = make_window(engine_factory=newer)
    with qtbot.waitSignal(third.analysisFinished, timeout=10_000):
        third.open_path(path)
    assert newer.calls == 1


def test_partial_results_draw_before_the_end(make_window, tmp_path, qtbot):
    text = "Head\nThe mayor said the ferries were back. Officials said the pier held."
    analysis = Analysis(claims=[claim("c1", text, "the ferries were back", "said", "The mayor", "s1"),
                                claim("c2", text, "the pier held", "said the pier", "Officials", "s2")],
                        sources=[source("s1", "The mayor", "person", ["c1"]),
                                 source("s2", "Officials", "unnamed_group", ["c2"])])
    path = tmp_path / "two.txt"
    path.write_text(text)
    window = make_window(engine_factory=stub_engine(analysis, version=None))
    counts = []
    window.analysisProgress.connect(lambda *_: counts.append(len(window.view.extraSelections())))
    with qtbot.waitSignal(window.analysisFinished, timeout=10_000):
        window.open_path(path)
    assert counts[0] == 3  # the first batch (one claim) was drawn on its own
    assert len(window.view.extraSelections()) == 6


class _NewsSite(BaseHTTPRequestHandler):
    """/ferries is a short plain-text article; anything else is a 404."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        found = self.path == "/ferries"
        body = FETCHED.encode("utf-8") if found else b"<h1>Not found</h1>"
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", "text/plain; charset=utf-8" if found else "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args) -> None:  # noqa: ANN002
        pass


@pytest.fixture
def news_site(monkeypatch):
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "*")  # inherited by the analysis process, which fetches
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _NewsSite)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def test_a_url_is_fetched_by_the_analysis_process(make_window, qtbot, news_site):
    window = make_window(engine_factory=stub_engine(_analysis(FETCHED)))
    url = f"{news_site}/ferries"
    with qtbot.waitSignal(window.articleOpened, timeout=60_000):
        assert window.open_path(url)
    assert window.article.origin == url and window.article.title == "Fetched"
    with qtbot.waitSignal(window.messageShown, timeout=60_000) as shown:
        window.open_url(f"{news_site}/broken")
    assert "404" in shown.args[0]
    assert window.article.title == "Fetched"  # the shown article stays


def test_a_file_url_opens_like_a_path(make_window, sample_path, qtbot):
    window = make_window(engine_factory=stub_engine())
    with qtbot.waitSignal(window.articleOpened, timeout=5_000):
        assert window.open_path(QUrl.fromLocalFile(str(sample_path)).toString())
    assert window.view.toPlainText().startswith("Red Sea ferry link reopens")
    assert window.open_path("ftp://example.org/article.txt") is False
    assert "ftp" in window.message_bar.text()
