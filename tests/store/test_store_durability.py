"""A note whose save returned survives the process being killed at any moment."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time

from reader.store.library import DB_NAME

# The writer: saves notes in a loop and prints each number only after save_note returned.
WRITER = """
import sys
from reader.store import Library
lib = Library.open(sys.argv[1])
i = int(sys.argv[2])
while True:
    lib.save_note(f"article-{i % 7}", f"s{i}", f"Person {i}", "person", f"note number {i}\\nline two")
    print(i, flush=True)
    i += 1
"""


def run_and_kill(data_dir, start: int, delay: float) -> list[int]:
    with subprocess.Popen([sys.executable, "-c", WRITER, str(data_dir), str(start)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)
        reader.start()
        deadline = time.monotonic() + 30
        while not lines and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.01)  # wait for the first save, so the kill lands inside the loop
        if not lines:
            proc.kill()
            raise AssertionError(f"the writer never saved a note: {proc.stderr.read()}")
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        reader.join(5)
    assert proc.returncode == -signal.SIGKILL
    # a line cut short by the kill was never complete: its save may not have returned
    return [int(line) for line in lines if line.endswith("\n")]


def test_notes_survive_sigkill_at_a_random_moment(data_dir):
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    saved: list[int] = []
    for _round in range(3):  # the same file is killed, reopened and written again
        saved += run_and_kill(data_dir, start=(saved[-1] + 1 if saved else 0), delay=rng.uniform(0.05, 0.6))
        conn = sqlite3.connect(data_dir / DB_NAME)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], f"seed {seed}"
            stored = {row[0] for row in conn.execute("SELECT source_id FROM notes")}
            texts = dict(conn.execute("SELECT source_id, text FROM notes").fetchall())
        finally:
            conn.close()
        missing = [i for i in saved if f"s{i}" not in stored]
        assert not missing, f"seed {seed}: notes {missing[:10]} were reported saved but are gone"
        assert all(texts[f"s{i}"] == f"note number {i}\nline two" for i in saved)
    assert len(saved) > 3, "the kills all landed before any save: the test proved little"
