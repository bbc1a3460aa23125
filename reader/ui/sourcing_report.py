"""Library > Sourcing report…: the sourcing profile summed over every analysed article of the
library, a row for all articles and one per site, most anonymous sourcing first — the table
`reader report --by site` prints (reader/store/profiles.py), with Save as CSV.

    open_report(window)          # the window's dialog (made once), shown and refreshed
    dialog.refresh()             # reads the library in a thread; `loaded` once the table is filled
    dialog.save_csv(path)        # the table as `reader report --by site --format csv` writes it

Reading parses every stored analysis, which takes longer than a frame in a library of any size:
a thread does it with its own read-only connection and hands the rows back by a signal, queued
to a bound method of the dialog on the GUI thread. A refresh asked for while one runs wins.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QHeaderView, QLabel, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from reader.analysis.profile import percent

log = logging.getLogger("reader.ui.sourcing_report")
DEFAULT_CSV_NAME = "sourcelight-sourcing-report.csv"
READING_TEXT = "Reading the analyses of your library…"


def read_groups(data_dir: Path) -> list[dict[str, Any]]:
    """The report's groups (all articles, then per site) from the library in `data_dir`.

    Runs on the report thread: its own read-only connection, closed before returning."""
    from reader.analysis.profile_totals import site_of
    from reader.store import Library
    from reader.store.profiles import article_profiles, report_groups

    lib = Library.open(data_dir, read_only=True)
    try:
        profiles = [(site_of(a.origin), a.profile) for a in article_profiles(lib)]
    finally:
        lib.close()
    return report_groups(profiles, by_site=True)


class _Reader(QObject):
    """Emits from the report thread; lives on (and delivers to) the GUI thread."""

    loaded = Signal(int, object)  # request number, the groups
    failed = Signal(int, str)  # request number, a sentence for the user


class SourcingReportDialog(QDialog):
    loaded = Signal()  # the table shows the newest reading

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        from reader.store.profiles import REPORT_COLUMNS

        super().__init__(parent, objectName="sourcingReportDialog")
        self.data_dir = Path(data_dir)
        self.columns = REPORT_COLUMNS
        self.groups: list[dict[str, Any]] = []
        self._request = 0
        self._reader = _Reader(self)
        self._reader.loaded.connect(self._on_loaded)
        self._reader.failed.connect(self._on_failed)
        self.setWindowTitle("Sourcing report")
        self.resize(980, 420)

        self.table = QTableWidget(0, len(self.columns), objectName="sourcingReportTable")
        self.table.setHorizontalHeaderLabels([heading for _name, heading, _share in self.columns])
        self.table.setAccessibleName("Sourcing of the library, all articles and per site")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel(objectName="sourcingReportStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = QPushButton("Save as &CSV…", objectName="saveReportCsv")
        self.refresh_button = QPushButton("&Refresh", objectName="refreshReport")
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.refresh_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self._save_dialog)
        self.refresh_button.clicked.connect(self.refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.save_button.setEnabled(False)

    # reading -----------------------------------------------------------------------------
    def refresh(self) -> None:
        self._request += 1
        self.status.setText(READING_TEXT)
        threading.Thread(target=self._read, args=(self._request,), name="sourcing-report", daemon=True).start()

    def _read(self, request: int) -> None:  # the report thread
        reader, data_dir = self._reader, self.data_dir
        try:
            groups = read_groups(data_dir)
        except Exception as exc:  # noqa: BLE001 - StoreError, a damaged file: the user must hear of it
            log.warning("sourcing report failed: %s", exc)
            outcome = (reader.failed, request, f"The sourcing report could not be read: {exc}")
        else:
            outcome = (reader.loaded, request, groups)
        try:
            outcome[0].emit(*outcome[1:])
        except RuntimeError:  # the dialog (and its reader) went while the thread read
            log.info("sourcing report read after its dialog closed")

    @Slot(int, object)
    def _on_loaded(self, request: int, groups: list[dict[str, Any]]) -> None:
        if request != self._request:
            return  # a newer refresh is on its way
        from reader.store.profiles import table_row

        self.groups = groups
        rows = [table_row(g) for g in groups]
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, (name, _heading, is_share) in enumerate(self.columns):
                value = row[name]
                item = QTableWidgetItem(percent(value) if is_share else str(value))
                if isinstance(value, (int, float)):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if r == 0:  # all articles: the total above the sites
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
        articles = groups[0]["articles"] if groups else 0
        sites = len(groups) - 1
        self.status.setText("No analysed articles in your library yet." if not articles else
                            f"{articles} article{'s' * (articles != 1)} from {sites} site{'s' * (sites != 1)}, "
                            "most anonymous sourcing first.")
        self.save_button.setEnabled(bool(articles))
        self.loaded.emit()

    @Slot(int, str)
    def _on_failed(self, request: int, message: str) -> None:
        if request == self._request:
            self.status.setText(message)
            self.loaded.emit()

    # saving ------------------------------------------------------------------------------
    def _save_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the sourcing report", str(Path.home() / DEFAULT_CSV_NAME),
                                              "CSV (*.csv)")
        if path:
            self.save_csv(path)

    def save_csv(self, path: str | Path) -> bool:
        """Write the table as CSV (shares as fractions, as `reader report` writes them); a small
        file, written whole on the GUI thread. The outcome is said in the status line."""
        from reader.store.export import write_atomically
        from reader.store.profiles import render_report

        target = Path(path).absolute()
        try:
            write_atomically(target, render_report(self.groups, "csv"))
        except OSError as exc:
            self.status.setText(f"The report could not be saved to {target}: {exc.strerror or exc}.")
            return False
        self.status.setText(f"Saved to {target}")
        return True


def open_report(window) -> SourcingReportDialog:  # noqa: ANN001 - reader.ui.main_window.MainWindow
    """Library > Sourcing report…: the window's one dialog, shown and read again."""
    dialog = window.findChild(SourcingReportDialog)
    if dialog is None:
        dialog = SourcingReportDialog(window.data_dir, window)
    dialog.refresh()
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
