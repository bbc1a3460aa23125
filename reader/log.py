"""Logging to a rotating file in the user's data folder, and faulthandler to a crash file.

Safe in a windowed frozen build, where `sys.stdout` / `sys.stderr` are None.
"""

from __future__ import annotations

import atexit
import faulthandler
import logging
import logging.handlers
import sys
from pathlib import Path

LOG_NAME = "sourcelight.log"
CRASH_NAME = "crash.log"
_crash_file = None  # kept open for faulthandler for the life of the process


def log_dir(data_dir: Path) -> Path:
    return data_dir / "logs"


def data_folder_problem(data_dir: Path) -> str | None:
    """One line saying why `data_dir` cannot hold the library and logs, or None when it can."""
    from reader.documents.names import shown

    for folder, what in ((data_dir, "Your Sourcelight data folder"), (log_dir(data_dir), "The log folder")):
        if folder.exists() and not folder.is_dir():
            return (f"{what} {shown(folder)} is a file, not a folder; move it away and restart "
                    f"Sourcelight (notes cannot be saved and logs go to the terminal until then).")
    try:
        log_dir(data_dir).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return (f"Sourcelight cannot create its data folder {shown(data_dir)} ({exc.strerror or exc}); "
                f"logs go to the terminal.")
    return None


def _log_to_stderr(root: logging.Logger) -> None:
    if sys.stderr is not None:
        console = logging.StreamHandler(sys.stderr)
        console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        console._sourcelight = True  # type: ignore[attr-defined]
        root.addHandler(console)


def setup_logging(data_dir: Path, level: int = logging.INFO) -> Path | None:
    """Route the `reader` loggers to a rotating file; returns the log file path.

    When the log folder cannot be made (the data folder or `logs` is a file), logs go to
    stderr instead and None is returned; `data_folder_problem` says why.
    """
    global _crash_file
    folder = log_dir(data_dir)
    root = logging.getLogger("reader")
    root.setLevel(level)
    for h in list(root.handlers):
        if getattr(h, "_sourcelight", False):
            root.removeHandler(h)
            h.close()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        _log_to_stderr(root)
        return None
    path = folder / LOG_NAME
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._sourcelight = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    if level <= logging.DEBUG:
        _log_to_stderr(root)
    crash_path = folder / CRASH_NAME
    if _crash_file is None or Path(_crash_file.name) != crash_path:
        # faulthandler.enable() without a file fails when stderr is None (windowed builds);
        # it writes to the crash file of the current data folder, opened once per folder.
        if _crash_file is None:
            atexit.register(_close_crash_file)
        else:
            _close_crash_file()
        _crash_file = open(crash_path, "a", encoding="utf-8")  # noqa: SIM115 - lives with the process
        faulthandler.enable(_crash_file)
    return path


def _close_crash_file() -> None:
    """At exit: stop faulthandler before its file closes, so it never writes to a dead fd."""
    global _crash_file
    if _crash_file is not None:
        faulthandler.disable()
        _crash_file.close()
        _crash_file = None


def ensure_std_streams() -> None:
    """Give libraries that print a stream to write to when the build is windowed."""
    import os

    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
