"""One window per library: a second start hands its file to the running window and exits.

Two windows on one library would overwrite each other's notes silently (each keeps its own
text and saves it last). So the first start holds `<data>/sourcelight.lock` (a QLockFile:
released when the process ends, even by kill -9, as Qt sees the owner is gone) and listens
on a local socket named after the data folder. A later start finds the lock taken, sends
the file or URL it was given (or nothing) through the socket, and exits; the running
window raises itself and opens it. `reader export` takes no lock: it only reads.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger("reader.ui.single_instance")
LOCK_NAME = "sourcelight.lock"
LOCK_WAIT_MS = 200  # a start racing another start waits this long for the lock
CONNECT_TIMEOUT_MS = 5000  # the running window may be busy for a moment
ENCODING = "utf-8"


def server_name(data_dir: Path) -> str:
    """The local socket of the window on `data_dir` (one per library, short enough for Unix)."""
    digest = hashlib.sha256(str(Path(data_dir).resolve()).encode(ENCODING, "surrogateescape")).hexdigest()
    return f"sourcelight-{digest[:16]}"


class SingleInstance(QObject):
    openRequested = Signal(str)  # a path or URL a second start was given
    raiseRequested = Signal()  # a second start happened: show the window

    def __init__(self, data_dir: Path, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._name = server_name(data_dir)
        self._lock = QLockFile(str(Path(data_dir) / LOCK_NAME))
        self._lock.setStaleLockTime(0)  # never stale by age: only when its process is gone
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """True when this process is the library's window (or no lock can be taken at all,
        say in a read-only folder: then nothing is shared and nothing is refused)."""
        if self._lock.tryLock(LOCK_WAIT_MS):
            self._listen()
            return True
        if self._lock.error() != QLockFile.LockError.LockFailedError:
            log.warning("no single-instance lock (%s); going on without it", self._lock.error())
            return True
        return False

    def _listen(self) -> None:
        QLocalServer.removeServer(self._name)  # a socket left by a killed window: we hold the lock
        self._server = QLocalServer(self)
        if not self._server.listen(self._name):
            log.warning("cannot listen on %s: %s", self._name, self._server.errorString())
            return
        self._server.newConnection.connect(self._on_connection)

    def _on_connection(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.setParent(self)
            socket.readyRead.connect(self._on_ready_read)
            socket.disconnected.connect(socket.deleteLater)

    def _on_ready_read(self) -> None:
        socket = self.sender()
        if not isinstance(socket, QLocalSocket) or not socket.canReadLine():
            return
        target = bytes(socket.readLine()).decode(ENCODING, "replace").rstrip("\n")
        socket.write(b"ok\n")
        socket.flush()
        self.raiseRequested.emit()
        if target:
            self.openRequested.emit(target)

    def hand_over(self, target: str | None) -> bool:
        """Send `target` (or nothing) to the running window; True when it answered."""
        socket = QLocalSocket()
        socket.connectToServer(self._name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        socket.write((target or "").replace("\n", " ").encode(ENCODING) + b"\n")
        answered = socket.waitForBytesWritten(CONNECT_TIMEOUT_MS) and socket.waitForReadyRead(CONNECT_TIMEOUT_MS)
        socket.disconnectFromServer()
        return bool(answered)

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()
