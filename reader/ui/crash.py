"""Uncaught exceptions are logged and shown in a dialog instead of killing the reader."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

from reader import APP_NAME

log = logging.getLogger("reader.crash")


class ExceptionHandler(QObject):
    """Installs `sys.excepthook` and `threading.excepthook`.

    A worker-thread exception is forwarded through a queued signal so that the dialog is
    always built on the GUI thread.
    """

    _report = Signal(str, str)

    def __init__(self, log_file: str = "") -> None:
        super().__init__()
        self.log_file = log_file
        self.shown = 0
        self._report.connect(self._show)

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        sys.excepthook = sys.__excepthook__
        threading.excepthook = threading.__excepthook__

    def handle(self, etype: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(etype, KeyboardInterrupt):
            QApplication.quit()
            return
        details = "".join(traceback.format_exception(etype, value, tb))
        log.error("uncaught exception\n%s", details)
        self._report.emit(f"{etype.__name__}: {value}", details)

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        self.handle(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    @Slot(str, str)
    def _show(self, summary: str, details: str) -> None:
        assert QThread.currentThread() is QApplication.instance().thread()
        self.shown += 1
        box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME,
                          "Something went wrong, but your notes are safe.\n\n" + summary)
        box.setInformativeText(f"The details are in the log: {self.log_file}" if self.log_file else "")
        box.setDetailedText(details)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the summary may quote an article
        box.setObjectName("crashDialog")
        box.open()  # non-blocking: the reader keeps running
