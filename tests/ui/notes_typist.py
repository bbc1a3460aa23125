"""A real notes editor that types without pause until it is killed (run by test_notes_kill.py).

Usage: python notes_typist.py DATA_DIR. Prints "ready", then "<count> <monotonic time>" after
every keystroke, so the test knows when each character was typed. The text is the digits
0-9 repeated, so the saved length says how far the save got.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reader.store import Library
from reader.ui.notes_editor import NotesPanel, NoteTarget

KEY_INTERVAL_MS = 15  # fast typing: the pause debounce alone would never fire
TARGET = NoteTarget("a1", "s1", "Yoav Mordechai", "person")


def main() -> None:
    app = QApplication(sys.argv[:1])
    library = Library.open(sys.argv[1])
    panel = NotesPanel()
    panel.set_library(library)
    panel.set_target(TARGET)
    panel.show()
    typed = 0

    def type_one() -> None:
        nonlocal typed
        QTest.keyClick(panel.editor, str(typed % 10))
        typed += 1
        print(typed, time.monotonic(), flush=True)

    timer = QTimer(interval=KEY_INTERVAL_MS, timerType=Qt.TimerType.PreciseTimer)
    timer.timeout.connect(type_one)
    timer.start()
    print("ready", flush=True)
    app.exec()


if __name__ == "__main__":
    main()
