"""Opening (drop, paste, recent files), find, zoom, window state and the analysis cache."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMenu

from reader.analysis import Analysis

from ui_stubs import claim, source, stub_engine

TEXT = "Harbour news\nThe mayor said the ferries were back."


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


def test_a_url_is_fetched_by_the_worker(make_window, qtbot, monkeypatch):
    import reader.ui.worker as worker_module
    from reader.documents import Article, DocumentError

    def fake_load(target: str) -> Article:
        if "broken" in target:
            raise DocumentError(f"Could not fetch {target}: HTTP 404")
        return Article(title="Fetched", text="Fetched\nThe mayor said the ferries were back.", origin=target)

    monkeypatch.setattr(worker_module, "_load_document", fake_load)
    window = make_window(engine_factory=stub_engine(_analysis("Fetched\nThe mayor said the ferries were back.")))
    with qtbot.waitSignal(window.articleOpened, timeout=10_000):
        assert window.open_path("https://news.example/ferries")
    assert window.article.origin == "https://news.example/ferries"
    with qtbot.waitSignal(window.messageShown, timeout=10_000) as shown:
        window.open_url("https://news.example/broken")
    assert "HTTP 404" in shown.args[0]
    assert window.article.title == "Fetched"  # the shown article stays


def test_a_file_url_opens_like_a_path(make_window, sample_path, qtbot):
    window = make_window(engine_factory=stub_engine())
    with qtbot.waitSignal(window.articleOpened, timeout=5_000):
        assert window.open_path(QUrl.fromLocalFile(str(sample_path)).toString())
    assert window.view.toPlainText().startswith("Red Sea ferry link reopens")
    assert window.open_path("ftp://example.org/article.txt") is False
    assert "ftp" in window.message_bar.text()
