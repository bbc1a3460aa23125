"""Windows started the way `reader` starts them, without SOURCELIGHT_DATA_DIR: the folders come
from reader/app.py's `library_location` (Qt's AppDataLocation, under tmp_path through the XDG
variables conftest.py sets, and the library folder saved in Preferences)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from reader.app import DATA_DIR_ENV, default_data_dir, library_location

ACTIVATION_TIMEOUT_MS = 10_000


@pytest.fixture
def app_home(monkeypatch, tmp_path: Path) -> Path:
    """The default folder (settings, logs and, unless moved, the library), under tmp_path."""
    monkeypatch.delenv(DATA_DIR_ENV)
    home = default_data_dir()
    assert str(home).startswith(str(tmp_path))  # never the real user's folder
    return home


@pytest.fixture
def start_app(qtbot, app_home) -> Iterator[Callable]:
    """`start_app()`: a new start, as run_gui makes its window; closed after the test."""
    from reader.ui import MainWindow

    made = []

    def start() -> MainWindow:
        where = library_location()
        window = MainWindow(where.folder, warm_up=False, settings_dir=where.settings)
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        window.activateWindow()  # shortcuts only reach the active window
        qtbot.waitUntil(window.isActiveWindow, timeout=ACTIVATION_TIMEOUT_MS)
        return window

    yield start
    for window in made:
        window.close()


def preferences_of(window) -> QDialog:  # noqa: ANN001
    window.actions_.preferences.trigger()
    return window.findChild(QDialog, "preferencesDialog")
