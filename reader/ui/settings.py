"""Window state in an ini file inside the data folder (so tests stay in tmp_path).

Only UI state lives here — geometry, dock layout, font size, recent files. Notes and sources
belong to the SQLite library.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

SETTINGS_NAME = "settings.ini"
MAX_RECENT = 10


class UiSettings:
    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / SETTINGS_NAME
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._qs.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._qs.setValue("window/geometry", geometry)
        self._qs.setValue("window/state", state)

    def font_size(self, default: float) -> float:
        try:
            return float(self._qs.value("view/fontSize", default))
        except (TypeError, ValueError):
            return default

    def set_font_size(self, size: float) -> None:
        self._qs.setValue("view/fontSize", float(size))

    def recent_files(self) -> list[str]:
        """Most recent first; files that vanished are dropped (URLs are kept)."""
        value = self._qs.value("recent/files", [])
        items = [value] if isinstance(value, str) else list(value or [])  # one item comes back as a str
        return [p for p in items if p and (p.startswith(("http://", "https://")) or Path(p).exists())][:MAX_RECENT]

    def add_recent(self, path: str) -> list[str]:
        items = [path, *(p for p in self.recent_files() if p != path)][:MAX_RECENT]
        self._qs.setValue("recent/files", items)
        return items

    def clear_recent(self) -> None:
        self._qs.setValue("recent/files", [])

    def sync(self) -> None:
        self._qs.sync()
