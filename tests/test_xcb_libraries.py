"""The X-library preflight: a missing library the xcb plugin needs is named with the apt-get line,
before Qt can abort the process; the README's set-up line is the same line."""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.xcb_libraries import APT_LINE, XCB_APT_PACKAGES, missing_libraries, window_start_problem, xcb_plugin

ROOT = Path(__file__).resolve().parents[1]
linux_with_ldd = pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("ldd") is None,
                                    reason="the preflight reads ldd, which Linux has")


def test_the_readme_gives_exactly_the_apt_line_the_program_prints():
    assert APT_LINE in (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(set(XCB_APT_PACKAGES)) == len(XCB_APT_PACKAGES)
    # the two the first README line left out, which Qt needs since 6.5
    assert {"libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0"} <= set(XCB_APT_PACKAGES)


@linux_with_ldd
def test_the_installed_pyside_has_an_xcb_plugin_found_without_importing_it():
    plugin = xcb_plugin()
    assert plugin is not None and plugin.name == "libqxcb.so"


@linux_with_ldd
def test_every_library_reported_missing_really_cannot_be_loaded():
    for name in missing_libraries(xcb_plugin()):
        with pytest.raises(OSError):
            ctypes.CDLL(name)


@linux_with_ldd
def test_a_plugin_whose_libraries_are_missing_gets_the_apt_line(tmp_path):
    # A copy of the real plugin away from its Qt folder: its RUNPATH ($ORIGIN/../../lib) no
    # longer finds Qt's own libraries, so ldd reports them missing, as it would system ones.
    lonely = tmp_path / "libqxcb.so"
    shutil.copy2(xcb_plugin(), lonely)
    missing = missing_libraries(lonely)
    assert "libQt6XcbQpa.so.6" in missing and len(missing) == len(set(missing))
    problem = window_start_problem({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"}, plugin=lonely)
    assert problem is not None
    assert "libQt6XcbQpa.so.6" in problem and problem.rstrip().endswith(APT_LINE)


@pytest.mark.parametrize("environ", [
    {"QT_QPA_PLATFORM": "offscreen"},
    {"QT_QPA_PLATFORM": "wayland", "WAYLAND_DISPLAY": "wayland-0"},
    {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"},
])
def test_other_platform_plugins_are_not_checked(environ, tmp_path):
    lonely = tmp_path / "libqxcb.so"  # would be reported if it were checked
    lonely.write_bytes(b"")
    assert window_start_problem(environ, plugin=lonely) is None


@linux_with_ldd
def test_the_window_command_says_why_it_cannot_start_instead_of_aborting(tmp_path):
    # A real `reader FILE` with xcb and no display: either a library is missing here (the apt
    # line) or none is and there is no display; both are one message and status 1, no core dump.
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(QT_QPA_PLATFORM="xcb", SOURCELIGHT_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-m", "reader", str(ROOT / "resources" / "sample-article.txt")],
                          env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("reader: The window cannot start"), done.stderr
    assert APT_LINE in done.stderr or "xvfb-run -a make run" in done.stderr
