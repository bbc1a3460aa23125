"""Before the window opens on Linux: are the system libraries Qt's X11 (xcb) plugin needs there?

Qt cannot report a missing library itself: when the xcb platform plugin fails to load it
prints a hint about one of them ("xcb-cursor0 … is needed") and aborts the process, and on a
bare system even `import PySide6.QtCore` fails for want of GLib. So `run_gui` asks first:
`window_start_problem()` runs `ldd` on the plugin of the installed PySide6 (without importing
it) and returns one paragraph for the user naming what is missing and the apt-get line that
installs it, or None when the window can start (or when we cannot tell: not Linux, another
platform plugin, no `ldd`, a build without the plugin).

`XCB_APT_PACKAGES` is the full set for the pinned PySide6, found with `ldd` on libqxcb.so,
QtGui and QtWidgets in a bare Debian bookworm chroot (debootstrap --variant=minbase) and
checked there: with exactly these packages (and --no-install-recommends) the window starts
on an X server. The README's set-up line is `APT_LINE`.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

XCB_APT_PACKAGES = (
    "libdbus-1-3", "libegl1", "libfontconfig1", "libfreetype6", "libgl1", "libglib2.0-0",
    "libx11-6", "libx11-xcb1", "libxcb-cursor0", "libxcb-icccm4", "libxcb-image0",
    "libxcb-keysyms1", "libxcb-randr0", "libxcb-render-util0", "libxcb-render0",
    "libxcb-shape0", "libxcb-shm0", "libxcb-sync1", "libxcb-util1", "libxcb-xfixes0",
    "libxcb-xkb1", "libxcb1", "libxkbcommon-x11-0", "libxkbcommon0",
)
APT_LINE = "sudo apt-get install " + " ".join(XCB_APT_PACKAGES)

PLUGIN_PATH = ("Qt", "plugins", "platforms", "libqxcb.so")  # inside the PySide6 package folder
LDD_TIMEOUT_S = 30  # ldd reads a few dozen ELF headers; a stuck one must not stop the app
NOT_FOUND = "=> not found"


def xcb_plugin() -> Path | None:
    """libqxcb.so of the PySide6 that would be imported, found without importing it."""
    spec = importlib.util.find_spec("PySide6")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        plugin = Path(folder).joinpath(*PLUGIN_PATH)
        if plugin.is_file():
            return plugin
    return None


def missing_libraries(library: Path) -> list[str]:
    """The shared libraries `ldd` cannot find for `library` and what it loads, in its order;
    [] when every one is there or `ldd` is not available."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    try:
        listing = subprocess.run([ldd, str(library)], capture_output=True, text=True,
                                 timeout=LDD_TIMEOUT_S, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    missing: list[str] = []
    for line in listing.splitlines():
        if NOT_FOUND in line:
            name = line.split("=>")[0].strip()
            if name not in missing:
                missing.append(name)
    return missing


def uses_xcb(environ: Mapping[str, str]) -> bool:
    """Will Qt pick the xcb plugin? Only on Linux, when QT_QPA_PLATFORM asks for it or is
    unset outside a Wayland session."""
    if not sys.platform.startswith("linux"):
        return False
    platform = environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.split(":")[0].split(";")[0] == "xcb"
    return environ.get("XDG_SESSION_TYPE", "") != "wayland"


def window_start_problem(environ: Mapping[str, str] | None = None, plugin: Path | None = None) -> str | None:
    """One paragraph on why the window cannot start here, or None when nothing is known to
    stop it. `environ` defaults to os.environ, `plugin` to the installed libqxcb.so."""
    environ = os.environ if environ is None else environ
    if not uses_xcb(environ):
        return None
    plugin = plugin or xcb_plugin()
    missing = missing_libraries(plugin) if plugin else []
    if missing:
        return ("The window cannot start: Qt's X11 platform plugin needs system libraries that "
                f"are not installed ({', '.join(missing)}). On Debian install them with:\n"
                f"  {APT_LINE}")
    if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        return ("The window cannot start: there is no X display (DISPLAY is not set). On a server "
                "without a desktop, run it on a virtual screen: xvfb-run -a make run")
    return None
