"""Shared fixtures. Every test runs headless with every user path redirected to tmp_path."""

from __future__ import annotations

import os
from pathlib import Path

# Before anything imports Qt: CI has no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "sample-article.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def user_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The data folder, settings, caches and XDG homes all live under tmp_path."""
    data = tmp_path / "userdata"
    monkeypatch.setenv("SOURCELIGHT_DATA_DIR", str(data))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / "xdg" / var.lower()))
    return data


@pytest.fixture
def data_dir(user_paths: Path) -> Path:
    user_paths.mkdir(parents=True, exist_ok=True)
    return user_paths


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (evaluation data); tests that need it skip cleanly in CI clones without it."""
    if not (SHARED / "eval").is_dir():
        pytest.skip("../shared/eval is not available here")
    return SHARED
