"""A dead or hung analysis process: one sentence says so, a new process starts, and the current
request runs again under the same id; a request that keeps killing it fails with a message."""

from __future__ import annotations

import os
import signal

from service_engines import PROCESS_TIMEOUT_MS, SEGFAULT, HangOnceEngine, JournalEngine


def _states(client) -> list[str]:  # noqa: ANN001
    states: list[str] = []
    client.modelState.connect(states.append)
    return states


def test_a_killed_process_is_restarted_and_the_analysis_runs_again(qtbot, make_client, journal):
    client = make_client(HangOnceEngine, journal)
    states = _states(client)
    with qtbot.waitSignal(client.analysisProgress, timeout=PROCESS_TIMEOUT_MS):
        request = client.analyze("the article")
    first_pid = client.process_id
    with qtbot.waitSignal(client.analysisFinished, timeout=PROCESS_TIMEOUT_MS) as finished:
        os.kill(first_pid, signal.SIGKILL)
    assert finished.args[0] == request and client.is_current_analysis(request)
    assert finished.args[1].claims  # the complete result of the second run
    assert client.process_id != first_pid
    restarted = [s for s in states if "stopped unexpectedly" in s]
    assert restarted == ["The analysis process stopped unexpectedly (killed by SIGKILL); "
                         "it was restarted and the analysis runs again."]
    journal_lines = journal.read_text(encoding="utf-8").splitlines()
    assert journal_lines == ["hanging the article", "start the article", "end the article"]


def test_a_hung_process_is_killed_after_the_limit_and_restarted(qtbot, make_client, journal):
    client = make_client(HangOnceEngine, journal)
    client.hang_limit_ms = 5_000  # instead of a minute; the restarted process answers well within it
    states = _states(client)
    with qtbot.waitSignal(client.analysisProgress, timeout=PROCESS_TIMEOUT_MS):
        request = client.analyze("the article")
    hung_pid = client.process_id
    with qtbot.waitSignal(client.analysisFinished, timeout=PROCESS_TIMEOUT_MS) as finished:
        pass  # nothing to do: the client notices the silence by itself
    assert finished.args[0] == request
    assert client.process_id != hung_pid
    assert [s for s in states if "did not answer" in s] == [
        "The analysis process did not answer for 5 s; it was restarted and the analysis runs again."]
    try:
        os.kill(hung_pid, 0)
    except ProcessLookupError:
        pass
    else:
        raise AssertionError("the hung process was not killed")


def test_a_loaded_article_survives_a_crash_while_it_loads(qtbot, make_client, journal, tmp_path):
    client = make_client(HangOnceEngine, journal)
    path = tmp_path / "article.txt"
    path.write_text("Title\nBody text.\n", encoding="utf-8")
    with qtbot.waitSignal(client.analysisProgress, timeout=PROCESS_TIMEOUT_MS):
        client.analyze("the article")
    load = client.load(str(path))
    os.kill(client.process_id, signal.SIGKILL)
    with qtbot.waitSignals([client.analysisFinished, client.articleLoaded], timeout=PROCESS_TIMEOUT_MS):
        pass
    assert client.is_current_load(load)


def test_a_request_that_keeps_crashing_the_process_fails_with_a_message(qtbot, make_client, journal):
    client = make_client(JournalEngine, journal)
    with qtbot.waitSignal(client.analysisFailed, timeout=PROCESS_TIMEOUT_MS) as failed:
        request = client.analyze(f"{SEGFAULT} here")  # a real segmentation fault, every time
    assert failed.args[0] == request
    assert failed.args[1] == ("The analysis process failed again on this request (killed by SIGSEGV), "
                              "so it was not run again. The article is still readable.")
    starts = journal.read_text(encoding="utf-8").splitlines()
    assert starts == [f"start {SEGFAULT} here"] * 2  # run once more after the first crash, then given up
    with qtbot.waitSignal(client.analysisFinished, timeout=PROCESS_TIMEOUT_MS) as finished:
        after = client.analyze("the next article")  # the window keeps working
    assert finished.args[0] == after
