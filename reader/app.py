"""The application shell: names, the user's data folder, logging, crash handling, the window."""

from __future__ import annotations

import logging
import os
import platform
import sys
from pathlib import Path

from reader import APP_NAME, ORG_NAME, __version__

DATA_DIR_ENV = "SOURCELIGHT_DATA_DIR"
log = logging.getLogger("reader.app")


def user_data_dir() -> Path:
    """Where the user's library, settings and logs live.

    `SOURCELIGHT_DATA_DIR` overrides it (every test sets it to a temporary folder);
    otherwise Qt's AppDataLocation (e.g. ~/.local/share/Sourcelight/Sourcelight).
    """
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def _log_versions() -> None:
    import sqlite3

    import PySide6
    from PySide6.QtCore import qVersion

    log.info("Sourcelight %s, Python %s, PySide6 %s (Qt %s), SQLite %s, %s, frozen=%s",
             __version__, platform.python_version(), PySide6.__version__, qVersion(),
             sqlite3.sqlite_version, platform.platform(), getattr(sys, "frozen", False))


def _qt_message_handler(mode, context, message) -> None:  # noqa: ANN001 - Qt's signature
    from PySide6.QtCore import QtMsgType

    level = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
             QtMsgType.QtWarningMsg: logging.WARNING}.get(mode, logging.ERROR)
    logging.getLogger("reader.qt").log(level, "%s", message)


def run_gui(path: str | None = None, screenshot: str | None = None) -> int:
    """Open the window (on `path` if given) and run the event loop."""
    from reader.log import ensure_std_streams, setup_logging

    ensure_std_streams()
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    QApplication.setOrganizationName(ORG_NAME)
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    data_dir = user_data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    log_file = setup_logging(data_dir)
    qInstallMessageHandler(_qt_message_handler)
    _log_versions()

    from reader.ui import MainWindow
    from reader.ui.crash import ExceptionHandler

    handler = ExceptionHandler(str(log_file))
    handler.install()
    window = MainWindow(data_dir)
    window.show()
    if path:
        window.open_path(path)
    if screenshot:
        return _save_screenshot(app, window, screenshot)
    return app.exec()


def _save_screenshot(app, window, out: str) -> int:  # noqa: ANN001
    """Render the window once the event loop has laid it out, save a PNG, quit."""
    from PySide6.QtCore import QTimer

    result = {"ok": False}

    def grab() -> None:
        result["ok"] = window.grab().save(out)
        app.quit()

    QTimer.singleShot(300, grab)
    app.exec()
    return 0 if result["ok"] else 1
