"""The library folder chosen in Preferences, at a real start of `reader` (its own process, no
SOURCELIGHT_DATA_DIR, Qt's AppDataLocation under tmp_path through conftest.py's XDG variables):
the chosen folder gets the library while settings and logs stay in the default folder; a chosen
folder that is gone is not created, the default is used, and the start says why."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.app import DATA_DIR_ENV, default_data_dir
from reader.ui.settings import UiSettings

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 180


@pytest.fixture
def home(monkeypatch, tmp_path) -> Path:
    monkeypatch.delenv(DATA_DIR_ENV)
    folder = default_data_dir()
    assert str(folder).startswith(str(tmp_path))
    return folder


def start_reader(tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "reader", "--screenshot", str(tmp_path / "shot.png")],
                          capture_output=True, text=True, env=env, timeout=START_TIMEOUT_S, cwd=ROOT)


def test_a_start_uses_the_chosen_folder_for_the_library(home, tmp_path):
    chosen = tmp_path / "library elsewhere"
    chosen.mkdir()
    UiSettings(home).set_library_folder(chosen)
    result = start_reader(tmp_path)
    assert result.returncode == 0, result.stderr
    assert (chosen / "library.db").stat().st_size > 0  # the sample's analysis is cached there
    assert not (home / "library.db").exists()
    log = (home / "logs" / "sourcelight.log").read_text(encoding="utf-8")
    assert f"library folder {chosen}, settings folder {home}" in log


def test_a_chosen_folder_that_is_gone_is_not_created(home, tmp_path):
    gone = tmp_path / "unplugged" / "library"
    UiSettings(home).set_library_folder(gone)
    result = start_reader(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "is not there" in result.stderr and "nothing in the chosen folder was changed" in result.stderr
    assert not gone.parent.exists()
    assert (home / "library.db").exists()
