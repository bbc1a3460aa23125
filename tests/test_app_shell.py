"""The application shell: data folder, logging, crash dialog, the window on the sample."""

from __future__ import annotations

import logging
import threading

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDockWidget, QPlainTextEdit, QStatusBar, QTextBrowser, QTreeWidget

from reader.app import user_data_dir
from reader.log import setup_logging


def test_data_dir_follows_the_environment(user_paths):
    assert user_data_dir() == user_paths


def test_data_dir_defaults_to_qt_app_data_location(monkeypatch, tmp_path):
    monkeypatch.delenv("SOURCELIGHT_DATA_DIR")
    path = user_data_dir()
    # XDG_DATA_HOME points into tmp_path (conftest), and Qt's AppDataLocation honours it
    assert str(path).startswith(str(tmp_path)) and path.parts[-2:] == ("Sourcelight", "Sourcelight")


def test_logging_goes_to_a_rotating_file(data_dir):
    path = setup_logging(data_dir)
    logging.getLogger("reader.test").warning("hello from the test")
    for h in logging.getLogger("reader").handlers:
        h.flush()
    assert path.parent == data_dir / "logs"
    assert "hello from the test" in path.read_text()
    assert (data_dir / "logs" / "crash.log").exists()


def test_uncaught_exception_shows_a_dialog_and_is_logged(qtbot, data_dir, caplog):
    from reader.ui.crash import ExceptionHandler

    handler = ExceptionHandler("log.txt")
    try:
        raise ValueError("boom")
    except ValueError as exc:
        with caplog.at_level(logging.ERROR, logger="reader.crash"):
            handler.handle(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: handler.shown == 1)
    assert "ValueError: boom" in caplog.text
    # from a worker thread, the dialog is still built on the GUI thread (asserted in _show)
    thread = threading.Thread(target=handler._handle_thread,
                              args=(threading.ExceptHookArgs((KeyError, KeyError("k"), None, None)),))
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: handler.shown == 2)
    from PySide6.QtWidgets import QApplication, QMessageBox

    for w in QApplication.topLevelWidgets():
        if isinstance(w, QMessageBox):
            w.close()


def test_window_shows_the_sample_article(qtbot, data_dir, sample_path, sample_text):
    from reader.ui import MainWindow

    window = MainWindow(data_dir, warm_up=False)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.articleOpened, timeout=5000):
        assert window.open_path(sample_path)
    view = window.findChild(QTextBrowser, "articleView")
    assert view.toPlainText() == sample_text.strip()
    assert window.findChild(QDockWidget, "sourcesPanel") is not None
    assert window.findChild(QTreeWidget, "sourcesList") is not None
    assert window.findChild(QPlainTextEdit, "notesEditor") is not None
    assert window.findChild(QStatusBar, "statusBar") is not None
    assert "Red Sea ferry link reopens" in window.windowTitle()
    with qtbot.waitSignal(window.analysisFinished, timeout=60_000):
        pass  # let the analysis finish before the window closes
    window.close()


def test_window_start_does_not_import_spacy(tmp_path, sample_path):
    """spaCy lives in the analysis process only: the window's process never imports it, not
    even once an article has been analysed; nor the engine's rules (~30 ms before the first
    paint, when `reader.analysis` imported its engine with its types)."""
    code = ("import sys; from PySide6.QtWidgets import QApplication; app = QApplication([]);"
            "from reader.ui import MainWindow; w = MainWindow(sys.argv[1], warm_up=False); w.show();"
            "app.processEvents(); before = 'spacy' in sys.modules;"
            "w.analysisFinished.connect(app.quit); w.analysisFailed.connect(lambda *_: app.exit(3));"
            "w.open_path(sys.argv[2]); code = app.exec();"
            "print(before, 'spacy' in sys.modules, 'reader.analysis.engine' in sys.modules, code, len(w.analysis.claims) > 0); w.close()")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path), str(sample_path)], capture_output=True,
                         text=True, env=env, timeout=180)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False False False 0 True"


def test_screenshot_flag_saves_a_png_of_the_analysed_sample(tmp_path):
    out = tmp_path / "shot.png"
    env = {**os.environ, "SOURCELIGHT_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "reader", "--screenshot", str(out)], capture_output=True,
                            text=True, env=env, timeout=180, cwd=Path(__file__).resolve().parents[1])
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 820)
    log = (tmp_path / "data" / "logs" / "sourcelight.log").read_text()
    assert "saved=True" in log
