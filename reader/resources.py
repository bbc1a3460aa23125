"""Where the bundled `resources/` folder is, from source and in a frozen (PyInstaller) build.

From source it is the repository's `resources/` next to the `reader` package. In a frozen
build `build.spec` copies it to `<app>/_internal/resources`, and PyInstaller points
`sys._MEIPASS` at `<app>/_internal`.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The folder holding the sample article, icons and other bundled files."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def resource_path(name: str) -> Path:
    """`resource_path("sample-article.txt")` → the file's path (it may not exist)."""
    return resources_dir() / name
