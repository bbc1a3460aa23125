"""One window per library (issue 17, item 2): a second start hands its file to the first, in
real processes; a library whose window was killed is free again."""

from __future__ import annotations

import os
import subprocess
import sys

from reader.ui.single_instance import SingleInstance

FIRST_WINDOW = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from reader.ui.single_instance import SingleInstance

app = QCoreApplication([])
instance = SingleInstance(Path(sys.argv[1]))
assert instance.claim()

class Window:
    def open_path(self, target):
        print("open", target, flush=True)
        app.quit()

window = Window()
instance.openRequested.connect(window.open_path)
print("ready", flush=True)
app.exec()
"""


def _start_first(data_dir):  # noqa: ANN001, ANN202
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, "-c", FIRST_WINDOW, str(data_dir)], stdout=subprocess.PIPE,
                            text=True, env=env)
    assert proc.stdout.readline().strip() == "ready"
    return proc


def test_a_second_start_hands_its_file_to_the_running_window(data_dir, qtbot):
    first = _start_first(data_dir)
    try:
        second = SingleInstance(data_dir)
        assert not second.claim()  # the library has its window
        assert second.hand_over("/tmp/ferry.txt")
        assert first.stdout.readline().strip() == "open /tmp/ferry.txt"
        assert first.wait(60) == 0
    finally:
        first.kill()
        first.wait(60)
        first.stdout.close()


def test_a_killed_window_leaves_the_library_free(data_dir, qtbot):
    first = _start_first(data_dir)
    first.kill()  # SIGKILL: the lock file stays behind, its process is gone
    first.wait(60)
    first.stdout.close()
    again = SingleInstance(data_dir)
    try:
        assert again.claim()
    finally:
        again.release()
