"""The real window, the real model, the real analysis process: killed (SIGKILL) or hung (SIGSTOP)
in the middle of an analysis. The window says so in one line, the process is restarted, the
analysis runs again and its highlights appear, and a note typed before is in the library.

Waits are on signals and conditions only; the one time limit is the short hang limit set for
the hung-process test (instead of a minute)."""

from __future__ import annotations

import os
import signal
import sys

import pytest

from reader.store import Library

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL / SIGSTOP are POSIX signals")

ANALYSIS_TIMEOUT_MS = 120_000  # a new process loads the real model, on a busy machine
COPIES = 25  # of the sample's paragraphs: an analysis of several seconds, so the kill lands mid-way
NOTE = "Ask the port authority for the sailing schedule."
TEST_HANG_LIMIT_MS = 10_000  # silence of a process whose model is ready; the real limit is a minute


@pytest.fixture
def long_path(tmp_path, sample_text):
    _title, body = sample_text.strip().split("\n", 1)
    path = tmp_path / "long-ferry-story.txt"
    path.write_text("Ferry story, long version\n" + "\n".join([body] * COPIES), encoding="utf-8")
    return path


def _open_until_partial(window, qtbot, path):  # noqa: ANN001, ANN202
    """Open `path` and wait for the first partial analysis with a source card."""
    assert window.open_path(path)
    qtbot.waitUntil(lambda: window.analysis is not None and bool(window.analysis.sources),
                    timeout=ANALYSIS_TIMEOUT_MS)
    assert not window.analysis_done  # still analysing: what follows happens mid-analysis
    return max(window.analysis.sources, key=lambda s: len(s.claim_ids))


def _type_note(window, qtbot, source) -> None:  # noqa: ANN001
    window.select_source(source.id)
    assert window.notes.editor.isEnabled()
    qtbot.keyClicks(window.notes.editor, NOTE)


def _saved_note(data_dir, article_id: str, source) -> str:  # noqa: ANN001
    reader = Library.open(data_dir)  # a second connection: what is on disk, not in the window
    try:
        return reader.note(article_id, source.name, source.kind)
    finally:
        reader.close()


def _message_containing(words: str):  # noqa: ANN202
    return lambda text: words in text


def _assert_gone(pid: int) -> None:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return
    raise AssertionError(f"analysis process {pid} still exists")


def _assert_analysed_again(window, qtbot, data_dir, source, old_pid: int) -> None:  # noqa: ANN001
    with qtbot.waitSignal(window.analysisFinished, timeout=ANALYSIS_TIMEOUT_MS):
        pass  # the re-run of the same request, in the new process
    client = window.session.client
    assert client.process_id not in (None, old_pid)
    _assert_gone(old_pid)
    assert window.analysis_done and len(window.analysis.claims) > COPIES
    assert window.view.extraSelections()  # highlights drawn
    assert any(s.name == source.name for s in window.analysis.sources)
    assert window.message_bar.text() == ""  # the re-run succeeded: the crash message is no longer up
    qtbot.waitUntil(lambda: _saved_note(data_dir, window.article.id, source) == NOTE, timeout=ANALYSIS_TIMEOUT_MS)
    assert window.notes.editor.toPlainText() == NOTE  # nothing the user typed was touched


def test_a_killed_analysis_process_is_restarted_and_the_note_is_safe(make_window, qtbot, data_dir, long_path):
    window = make_window()
    source = _open_until_partial(window, qtbot, long_path)
    _type_note(window, qtbot, source)
    pid = window.session.client.process_id
    with qtbot.waitSignal(window.messageShown, timeout=ANALYSIS_TIMEOUT_MS,
                          check_params_cb=_message_containing("stopped unexpectedly")) as shown:
        os.kill(pid, signal.SIGKILL)
    assert shown.args[0] == ("The analysis process stopped unexpectedly (killed by SIGKILL); "
                             "it was restarted and the analysis runs again.")
    assert "\n" not in window.message_bar.text()  # one line
    _assert_analysed_again(window, qtbot, data_dir, source, pid)


def test_a_hung_analysis_process_is_killed_after_the_limit_and_restarted(make_window, qtbot, data_dir,
                                                                          long_path):
    window = make_window()
    window.session.client.hang_limit_ms = TEST_HANG_LIMIT_MS
    source = _open_until_partial(window, qtbot, long_path)
    _type_note(window, qtbot, source)
    pid = window.session.client.process_id
    with qtbot.waitSignal(window.messageShown, timeout=ANALYSIS_TIMEOUT_MS,
                          check_params_cb=_message_containing("did not answer")) as shown:
        os.kill(pid, signal.SIGSTOP)  # alive but silent: only the watchdog can tell
    assert shown.args[0] == ("The analysis process did not answer for 10 s; "
                             "it was restarted and the analysis runs again.")
    _assert_analysed_again(window, qtbot, data_dir, source, pid)
