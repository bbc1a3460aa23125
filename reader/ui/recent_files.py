"""The entries of File > Open Recent: the article's title, and what to do when its file moved.

An entry shows the title of the article it opened (its file name, for lists saved before
titles were kept), with `MISSING_MARK` when the file is no longer there. Choosing a missing
entry opens a notice (a window-modal sheet shown with `open()`, never a nested event loop)
that says so in a sentence and offers to take the entry off the list; no file is touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from reader import documents

MISSING_MARK = " — moved or deleted"
MAX_LABEL_CHARS = 80
NOTICE_NAME = "missingRecentNotice"
REMOVE_TEXT, KEEP_TEXT = "Remove from list", "Keep in list"


@dataclass(frozen=True)
class RecentEntry:
    path: str
    title: str
    missing: bool

    @property
    def label(self) -> str:
        name = self.title or (self.path if documents.is_url(self.path) else Path(self.path).name)
        name = " ".join(name.split())  # one line, whatever the title held
        if len(name) > MAX_LABEL_CHARS:
            name = name[: MAX_LABEL_CHARS - 1] + "…"
        # "&" would become a keyboard accelerator in a menu
        return name.replace("&", "&&") + (MISSING_MARK if self.missing else "")


def entry(path: str, title: str = "") -> RecentEntry:
    return RecentEntry(path, title, missing=_is_missing(path))


def _is_missing(path: str) -> bool:
    if documents.is_url(path):
        return False
    try:
        return not Path(path).exists()
    except OSError:  # a name the system refuses: the loader words that when it is opened
        return False


def choose(window, chosen: RecentEntry) -> None:  # noqa: ANN001 - reader.ui.main_window.MainWindow
    """Open the entry's article; for a file that is gone, say so and offer to remove the entry."""
    if not _is_missing(chosen.path):  # checked again: it may have come back since the menu opened
        window.open_path(chosen.path)
        return
    name = chosen.title or Path(chosen.path).name
    notice = QMessageBox(QMessageBox.Icon.Warning, "Article not found",
                         f"“{name}” is no longer at {chosen.path}: the file was moved, renamed or deleted.",
                         QMessageBox.StandardButton.NoButton, window)
    notice.setObjectName(NOTICE_NAME)
    notice.setTextFormat(Qt.TextFormat.PlainText)
    notice.setInformativeText("Remove it from Open Recent? If you moved it, open it from its new place "
                              "with File › Open.")
    remove = notice.addButton(REMOVE_TEXT, QMessageBox.ButtonRole.AcceptRole)
    notice.addButton(KEEP_TEXT, QMessageBox.ButtonRole.RejectRole)
    notice.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    notice.buttonClicked.connect(lambda button: window.settings.remove_recent(chosen.path)
                                 if button is remove else None)
    notice.open()  # window-modal sheet, not a nested event loop
