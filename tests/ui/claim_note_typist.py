"""A real window typing a note on one claim without pause until it is killed (run by
test_window_claim_notes.py).

Usage: python claim_note_typist.py DATA_DIR ARTICLE WORDS. Opens ARTICLE, waits for its
analysis, chooses the claim whose words hold WORDS, prints "ready <article id>", then
"<count> <monotonic time>" after every keystroke in the claim's note. The text is the digits
0-9 repeated, so the saved length says how far the save got.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reader.ui import MainWindow

KEY_INTERVAL_MS = 15  # fast typing: the pause alone would never hand it over


def main() -> None:
    app = QApplication(sys.argv[:1])
    data_dir, article, words = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    window = MainWindow(data_dir, warm_up=False)
    window.show()
    typed = 0

    def type_one() -> None:
        nonlocal typed
        QTest.keyClick(window.claim_note.editor, str(typed % 10))
        typed += 1
        print(typed, time.monotonic(), flush=True)

    timer = QTimer(interval=KEY_INTERVAL_MS, timerType=Qt.TimerType.PreciseTimer)
    timer.timeout.connect(type_one)

    def start(_article_id: str) -> None:
        if timer.isActive():
            return
        text = window.article.text
        claim = next(c for c in window.analysis.claims if any(words in text[s:e] for s, e in c.content))
        window.view.claimClicked.emit(claim.id)
        window.claim_note.focus_editor()
        print("ready", window.article.id, flush=True)
        timer.start()

    window.analysisFinished.connect(start)
    window.open_path(article)
    app.exec()


if __name__ == "__main__":
    main()
