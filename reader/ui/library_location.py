"""Preferences' "Library" row: the folder the library lives in, "Show in file manager",
"Change…" and "Use the default location". As with Zotero's data directory, a new folder takes
effect at the next start.

Contract
- `LibraryLocationRow(in_use, settings)`: `in_use` is the folder of the library this session
  uses (the window's data_dir); `settings` is the window's UiSettings. Its folder is the
  default library folder, and it keeps the choice (`UiSettings.set_library_folder`), which
  reader/app.py's `library_location` reads at the next start.
- `judge_folder(folder)` says whether a folder can hold the library, as a `FolderVerdict` with
  a sentence for the user:
  - a folder that holds a Sourcelight library is used as it is. It is read through
    reader/store's read-only opening, which changes nothing on disk; if it cannot be read,
    the folder is refused with the reason;
  - an empty folder (apart from the files desktops leave, `DESKTOP_LITTER`) gets a new
    library at the next start;
  - a folder with other files, or one Sourcelight may not write to, is refused.
- Nothing is moved, copied or deleted. The library in use stays where it is, with its notes.
- While `SOURCELIGHT_DATA_DIR` is set it names the folder, so Change… and the default are off.
- `open_url` is the seam "Show in file manager" opens the folder's file:// URL through
  (QDesktopServices.openUrl; a test puts a recorder in its place).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from reader.app import DATA_DIR_ENV, data_dir_override
from reader.documents.names import shown
from reader.store import Library, StoreError
from reader.store.library import DB_NAME
from reader.ui.settings import UiSettings

# Files a desktop leaves in any folder it has shown: a folder holding only these is empty.
DESKTOP_LITTER = frozenset({".DS_Store", "Thumbs.db", "desktop.ini", ".directory"})
NAMES_SHOWN = 3  # the other files a refusal names
NEXT_START = "Sourcelight will use this folder the next time it starts."
NOTHING_MOVED = "Nothing is moved: the library in use stays where it is, with its notes."
CHOOSE_TITLE = "Choose the folder for your library"


@dataclass(frozen=True)
class FolderVerdict:
    accepted: bool
    message: str  # a sentence for the user


def _same(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def judge_folder(folder: Path) -> FolderVerdict:
    """Whether `folder` can hold the library from the next start, and why (see the contract)."""
    where = shown(folder)
    if not folder.is_dir():
        return FolderVerdict(False, f"{where} is not a folder.")
    # os.access asks the kernel: it sees permissions, read-only disks and ACLs alike
    if not os.access(folder, os.W_OK | os.X_OK):
        return FolderVerdict(False, f"Sourcelight may not write in {where}, so your notes could not be "
                                    f"saved there. Choose a folder you can write to.")
    if (folder / DB_NAME).exists():
        try:
            Library.open(folder, read_only=True).close()
        except StoreError as exc:
            return FolderVerdict(False, f"{exc} Choose another folder.")
        return FolderVerdict(True, f"{where} holds a Sourcelight library: it will be used as it is.")
    try:
        others = sorted(p.name for p in folder.iterdir() if p.name not in DESKTOP_LITTER)
    except OSError as exc:
        return FolderVerdict(False, f"Sourcelight cannot read {where} ({exc.strerror or exc}).")
    if others:
        named = ", ".join(others[:NAMES_SHOWN]) + (", …" if len(others) > NAMES_SHOWN else "")
        return FolderVerdict(False, f"{where} already holds other files ({named}) and no Sourcelight "
                                    f"library. Choose an empty folder, or one that holds a Sourcelight library.")
    return FolderVerdict(True, f"{where} is empty: a new library will be created there.")


class LibraryLocationRow(QWidget):
    """The folder in use (selectable), its buttons, and a note saying what the next start does."""

    def __init__(self, in_use: Path, settings: UiSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="libraryLocationRow")
        self.in_use = Path(in_use)
        self.default = settings.path.parent
        self._settings = settings
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self.field = QLineEdit(str(self.in_use), objectName="libraryLocation", readOnly=True)
        self.field.setCursorPosition(0)  # a long path shows its start, as a path field does
        self.field.setToolTip(str(self.in_use))
        self.field.setAccessibleName("Where your library lives")
        self.field.setAccessibleDescription("The folder of the library (and notes) this session uses")
        self.show_folder = QPushButton("Show in file manager", objectName="showLibraryFolder")
        self.change = QPushButton("Change…", objectName="changeLibraryFolder")
        self.change.setAccessibleDescription("Choose another folder for the library, used from the next start")
        self.use_default = QPushButton("Use the default location", objectName="defaultLibraryFolder")
        self.use_default.setAccessibleDescription(f"Keep the library in {self.default} from the next start")
        self.note = QLabel(objectName="libraryNote", wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for button in (self.show_folder, self.change, self.use_default):
            button.setAutoDefault(False)  # Enter in the dialog must not open a file manager or a folder dialog
        self.show_folder.clicked.connect(self.show_in_file_manager)
        self.change.clicked.connect(self.choose_folder)
        self.use_default.clicked.connect(self.reset_to_default)

        top, buttons = QHBoxLayout(), QHBoxLayout()
        top.addWidget(self.field, 1)
        top.addWidget(self.show_folder)
        buttons.addWidget(self.change)
        buttons.addWidget(self.use_default)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for part in (top, buttons):
            layout.addLayout(part)
        layout.addWidget(self.note)
        self._show_state()

    def next_folder(self) -> Path:
        """The folder the next start will use (the choice saved, else the default)."""
        return self._settings.library_folder() or self.default

    def _show_state(self) -> None:
        override = data_dir_override() is not None
        self.change.setEnabled(not override)
        self.use_default.setEnabled(not override and not (_same(self.in_use, self.default)
                                                          and _same(self.next_folder(), self.default)))
        if override:
            self.note.setText(f"{DATA_DIR_ENV} is set, so Sourcelight uses {shown(self.in_use)}; "
                              f"start it without {DATA_DIR_ENV} to choose the library folder here.")
        elif not _same(self.next_folder(), self.in_use):
            self.note.setText(f"Sourcelight will use {shown(self.next_folder())} the next time it starts. "
                              f"{NOTHING_MOVED}")
        else:
            self.note.setText("")

    def _save(self, folder: Path) -> None:
        self._settings.set_library_folder(None if _same(folder, self.default) else folder)

    def show_in_file_manager(self) -> bool:
        return self.open_url(QUrl.fromLocalFile(str(self.in_use)))

    def choose_folder(self) -> FolderVerdict | None:
        """Change…: the folder dialog, then the folder judged, saved when accepted."""
        chosen = QFileDialog.getExistingDirectory(self, CHOOSE_TITLE, str(self.next_folder()))
        return self.use_folder(Path(chosen)) if chosen else None

    def use_folder(self, folder: Path) -> FolderVerdict:
        if _same(folder, self.in_use):  # back to the folder in use: a pending change is undone
            self._save(folder)
            self._show_state()
            self.note.setText("Sourcelight already uses this folder.")
            return FolderVerdict(True, self.note.text())
        if _same(folder, self.default):  # it holds the settings and logs: not an "other files" folder
            self.reset_to_default()
            return FolderVerdict(True, self.note.text())
        verdict = judge_folder(folder)
        if verdict.accepted:
            self._save(folder)
            self._show_state()
            self.note.setText(f"{verdict.message} {NEXT_START} {NOTHING_MOVED}")
        else:
            self.note.setText(verdict.message)
        return verdict

    def reset_to_default(self) -> None:
        """Use the default location: the settings folder's library, from the next start."""
        self._save(self.default)
        self._show_state()
        if not _same(self.in_use, self.default):
            self.note.setText(f"Sourcelight will use the default folder {shown(self.default)} the next "
                              f"time it starts. {NOTHING_MOVED}")
