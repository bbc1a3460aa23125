"""Window state and preferences in an ini file in the settings folder (reader/app.py's
`settings_dir`; the data folder given to the window, so tests stay in tmp_path).

Only UI state lives here — geometry, dock layout, font size, recent files (with the titles
of their articles), the Open dialog's last folder, the preferences, and the library folder
chosen in Preferences (read at start-up by reader/app.py's `library_location`). Notes and
sources belong to the SQLite library. Recent files that have moved stay listed until the user
removes them: the menu says they are missing, and a title is a better clue to where the file
went than a bare path.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from reader.app import LIBRARY_FOLDER_KEY, SETTINGS_FILE, chosen_library_folder

SETTINGS_NAME = SETTINGS_FILE
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
        """Paths and URLs, most recent first; files that have moved since are still listed."""
        value = self._qs.value("recent/files", [])
        items = [value] if isinstance(value, str) else list(value or [])  # one item comes back as a str
        return [p for p in items if p and isinstance(p, str)][:MAX_RECENT]

    def recent_titles(self) -> dict[str, str]:
        """{path or URL: the title of its article} for the recent files (older lists have none)."""
        try:
            titles = json.loads(str(self._qs.value("recent/titles", "{}")))
        except ValueError:
            return {}
        return {k: v for k, v in titles.items() if isinstance(k, str) and isinstance(v, str)} \
            if isinstance(titles, dict) else {}

    def remember_title(self, article) -> None:  # noqa: ANN001 - anything with .origin and .title
        """The title of an article just shown, for its entry in the recent files (added next)."""
        if article.origin and article.title:
            self._set_titles({**self.recent_titles(), article.origin: article.title}, also=article.origin)

    def add_recent(self, path: str) -> list[str]:
        items = [path, *(p for p in self.recent_files() if p != path)][:MAX_RECENT]
        self._qs.setValue("recent/files", items)
        self._set_titles(self.recent_titles())
        return items

    def remove_recent(self, path: str) -> list[str]:
        items = [p for p in self.recent_files() if p != path]
        self._qs.setValue("recent/files", items)
        self._set_titles(self.recent_titles())
        return items

    def clear_recent(self) -> None:
        self._qs.setValue("recent/files", [])
        self._set_titles({})

    def _set_titles(self, titles: dict[str, str], also: str = "") -> None:
        keep = {*self.recent_files(), also}  # only the listed entries keep a title
        self._qs.setValue("recent/titles", json.dumps({k: v for k, v in titles.items() if k in keep}))

    def last_folder(self) -> Path:
        """Where the Open dialog was last used (home when that folder is gone)."""
        folder = Path(str(self._qs.value("open/lastFolder", "") or Path.home()))
        return folder if folder.is_dir() else Path.home()

    def set_last_folder(self, folder: str | Path) -> None:
        self._qs.setValue("open/lastFolder", str(folder))

    def library_folder(self) -> Path | None:
        """The library folder chosen in Preferences (used from the next start), or None: the
        library lives in the settings folder."""
        return chosen_library_folder(self.path.parent)

    def set_library_folder(self, folder: Path | None) -> None:
        """Use `folder`'s library from the next start (None: the settings folder's)."""
        if folder is None:
            self._qs.remove(LIBRARY_FOLDER_KEY)
        else:
            self._qs.setValue(LIBRARY_FOLDER_KEY, str(folder))
        self._qs.sync()

    def sync(self) -> None:
        self._qs.sync()
