"""The application shell: names, the user's folders, logging, crash handling, the window.

The folders of a start (`library_location`): the settings folder holds settings.ini and the
logs; the library (library.db, its backups and recovery file, the one-window lock) is in the
same folder unless Preferences chose another (reader/ui/library_location.py saves the choice;
it takes effect here, at the next start). `SOURCELIGHT_DATA_DIR` overrides both.
"""

from __future__ import annotations

import logging
import os
import platform
import sys
from dataclasses import dataclass
from pathlib import Path

from reader import APP_NAME, ORG_NAME, __version__

DATA_DIR_ENV = "SOURCELIGHT_DATA_DIR"
SETTINGS_FILE = "settings.ini"  # reader/ui/settings.py's file, in the settings folder
# The library folder chosen in Preferences (absolute path), in the settings folder's settings file
LIBRARY_FOLDER_KEY = "library/folder"
log = logging.getLogger("reader.app")


def data_dir_override() -> Path | None:
    """The folder `SOURCELIGHT_DATA_DIR` names, or None when it is not set."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override).expanduser() if override else None


def default_data_dir() -> Path:
    """Qt's AppDataLocation (e.g. ~/.local/share/Sourcelight/Sourcelight)."""
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def settings_dir() -> Path:
    """Where the settings and logs live: `SOURCELIGHT_DATA_DIR` (every test sets it to a temporary
    folder), otherwise Qt's AppDataLocation. The library lives there too unless another folder
    was chosen in Preferences (`library_location`)."""
    return data_dir_override() or default_data_dir()


def chosen_library_folder(settings_folder: Path) -> Path | None:
    """The library folder chosen in Preferences (saved in `settings_folder`), or None."""
    from PySide6.QtCore import QSettings

    value = QSettings(str(Path(settings_folder) / SETTINGS_FILE), QSettings.Format.IniFormat).value(
        LIBRARY_FOLDER_KEY, "")
    return Path(value) if isinstance(value, str) and value else None


@dataclass(frozen=True)
class LibraryLocation:
    """The folder whose library this start uses; `problem` is a sentence for the user when the
    folder chosen in Preferences could not be used (the default one is used instead)."""

    folder: Path
    settings: Path  # the settings folder (settings and logs)
    problem: str | None = None


def library_location() -> LibraryLocation:
    """The library folder of this start: `SOURCELIGHT_DATA_DIR` first (it names the one folder of
    everything), then the folder chosen in Preferences, then the settings folder.

    A chosen folder that is not there (a disk not connected, a folder renamed) is not created:
    an empty library there would look as if the notes were lost. The default one is used for
    this session and the choice is kept, so the next start finds the folder once it is back.
    """
    from reader.documents.names import shown

    override = data_dir_override()
    if override:
        return LibraryLocation(override, override)
    home = default_data_dir()
    chosen = chosen_library_folder(home)
    if chosen is None or chosen.resolve() == home.resolve():
        return LibraryLocation(home, home)
    if chosen.is_dir():
        return LibraryLocation(chosen, home)
    return LibraryLocation(home, home, (
        f"The library folder chosen in Preferences, {shown(chosen)}, is not there or is not a folder (if it is on a disk "
        f"that is not connected, connect it and restart Sourcelight). This session uses the default "
        f"folder {shown(home)}; nothing in the chosen folder was changed."))


def user_data_dir() -> Path:
    """The folder of the library in use (`library_location().folder`)."""
    return library_location().folder


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


SCREENSHOT_SIZE = (1280, 820)
SCREENSHOT_TIMEOUT_MS = 120_000


def sample_article_path() -> Path:
    """The bundled sample article (from source or in a frozen build)."""
    from reader.resources import resource_path

    return resource_path("sample-article.txt")


# The window's own non-Qt modules, which it imports before its first paint anyway. Imported
# after PySide6, every module costs more: PySide6's __feature__ hook reads each one's source
# (15–40 ms of CPU for these, measured on the way to the first paint).
PRE_QT_MODULES = ("reader.store", "reader.analysis", "reader.documents")


# The window's process never runs spaCy, so it has no use for numpy; sqlite-utils imports it
# when it is installed (~70 ms of CPU before the first paint). None in sys.modules makes that
# import fail at once, as if numpy were absent; the analysis process is a process of its own.
GUI_UNUSED_MODULES = ("numpy",)


def prepare_launch() -> None:
    """What run_gui does before PySide6 is imported: start the analysis process (the model
    loads on another core while the window starts; the window's session adopts the process)
    and import the window's non-Qt modules. Safe to call twice (the benchmark calls it first)."""
    from reader.service.process import start_early

    start_early(load_model=True)  # a second instance hands over and exits: its process stops at exit
    _import_before_qt()


def _import_before_qt() -> None:
    import importlib

    for name in GUI_UNUSED_MODULES:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type] - None means "not importable"

    for name in PRE_QT_MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the window imports it again and reports what is wrong
            log.exception("could not import %s", name)


def run_gui(path: str | None = None, screenshot: str | None = None) -> int:
    """Open the window (on `path` if given) and run the event loop; `prepare_launch` first."""
    from reader.log import data_folder_problem, ensure_std_streams, setup_logging

    ensure_std_streams()
    from reader.xcb_libraries import window_start_problem

    if problem := window_start_problem():  # before Qt, which aborts without a useful word
        print(f"reader: {problem}", file=sys.stderr)
        return 1
    prepare_launch()
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    QApplication.setOrganizationName(ORG_NAME)
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    where = library_location()
    # a file where a folder should be: say so, still start
    problem = " ".join(filter(None, (data_folder_problem(where.settings), where.problem))) or None
    if problem and sys.stderr is not None:
        print(problem, file=sys.stderr)
    log_file = setup_logging(where.settings)
    qInstallMessageHandler(_qt_message_handler)
    _log_versions()
    log.info("library folder %s, settings folder %s", where.folder, where.settings)

    from reader.ui.single_instance import SingleInstance

    instance = SingleInstance(where.folder)  # one window per library: two would overwrite each other's notes
    if not screenshot and not instance.claim():
        if instance.hand_over(path):
            print("Sourcelight is already open on this library; that window was brought forward.",
                  file=sys.stderr)
            return 0
        print("Sourcelight is already open on this library, but that window does not answer; "
              "close it (or end its process) and start again.", file=sys.stderr)
        return 1

    from reader.ui import MainWindow
    from reader.ui.crash import ExceptionHandler

    handler = ExceptionHandler(str(log_file) if log_file else "")
    handler.install()
    # a screenshot waits for this one analysis: a separate warm-up would only compete with it
    window = MainWindow(where.folder, warm_up=not screenshot, settings_dir=where.settings)
    if screenshot:
        window.resize(*SCREENSHOT_SIZE)
        shooter = _Screenshot(app, window, screenshot)
    instance.raiseRequested.connect(window.raise_)
    instance.raiseRequested.connect(window.activateWindow)
    instance.openRequested.connect(window.open_path)
    window.show()
    if problem:
        _show_problem(window, problem)
    if screenshot and not path:
        path = str(sample_article_path())
    if path:
        window.open_path(path)
    if screenshot:
        return shooter.run()
    _close_on_signals(window)
    return app.exec()


def _show_problem(window, problem: str) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, problem, parent=window)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setObjectName("dataFolderProblem")
    box.open()  # not modal for the event loop: the reader starts behind it


def _close_on_signals(window) -> None:  # noqa: ANN001
    """Ctrl+C or a TERM closes the window the normal way (notes saved, analysis process stopped).

    Python only sees a signal when it runs, so a short idle timer gives it the chance while
    Qt's event loop waits.
    """
    import signal

    from PySide6.QtCore import QTimer

    def close(*_args) -> None:  # noqa: ANN002
        window.close()

    for name in ("SIGINT", "SIGTERM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), close)
    window._signal_timer = QTimer(window, interval=250)  # noqa: SLF001 - lives with the window
    window._signal_timer.timeout.connect(lambda: None)
    window._signal_timer.start()


class _Screenshot:
    """`--screenshot`: wait for the analysis, select the source with most claims, save a PNG."""

    def __init__(self, app, window, out: str) -> None:  # noqa: ANN001
        from PySide6.QtCore import QTimer

        self.app, self.window, self.out = app, window, out
        self.saved = False
        self._pending = True
        # connected before anything is opened: a cached analysis finishes synchronously
        window.analysisFinished.connect(self._ready)
        window.analysisFailed.connect(self._ready)
        window.messageShown.connect(self._on_message)
        QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, self._grab)

    def _on_message(self, _text: str) -> None:
        if self.window.article is None:  # the file did not open: show the message, then shoot
            self._ready()

    def _ready(self, *_args) -> None:  # noqa: ANN002
        from PySide6.QtCore import QTimer

        analysis = self.window.analysis
        if analysis is not None and analysis.sources:
            top = max(analysis.sources, key=lambda s: len(s.claim_ids))
            self.window.select_source(top.id)  # scrolls to its first claim, a third down the view
        QTimer.singleShot(300, self._grab)  # let layout and painting settle

    def _grab(self) -> None:
        if self._pending:
            self._pending = False
            self.saved = self.window.grab().save(self.out)
            log.info("screenshot %s saved=%s", self.out, self.saved)
            self.window.close()
            self.app.quit()

    def run(self) -> int:
        if self._pending:
            self.app.exec()
        return 0 if self.saved else 1
