"""The analysis client against a real child process: progress, results, cancellation, stale
results, loads with their own ids, and errors coming back as sentences."""

from __future__ import annotations

import os
import sys

import pytest
from service_engines import FAIL, NOISE, PROCESS_TIMEOUT_MS, WAIT, JournalEngine, NoisyEngine, ScrolledEngine

MAX_NICENESS = 19  # POSIX: the lowest priority there is
PIPE_BYTES = 64 * 1024  # what a pipe holds on Linux; a request larger than this waits for the child to read it


def _journal_lines(journal) -> list[str]:  # noqa: ANN001
    return journal.read_text(encoding="utf-8").splitlines()


def test_the_real_engine_analyses_the_sample_in_the_early_started_process(qtbot, make_client, sample_text):
    from reader.service.process import start_early

    start_early()  # what reader.app does before importing PySide6
    from reader.service.process import _early

    early_pid = _early.pid
    client = make_client()
    assert client.process_id == early_pid != os.getpid()  # adopted, not started again
    progress = []
    client.analysisProgress.connect(lambda rid, done, total, _a: progress.append((rid, done, total)))
    with qtbot.waitSignal(client.analysisFinished, timeout=PROCESS_TIMEOUT_MS) as finished:
        request = client.analyze(sample_text)
    rid, analysis = finished.args
    assert rid == request
    assert len(analysis.claims) > 10 and analysis.sources
    assert progress[-1][0] == request and progress[-1][1] == progress[-1][2]  # the last one is complete


def test_results_arrive_in_order_and_the_process_is_reused(qtbot, make_client, journal):
    client = make_client(JournalEngine, journal)
    pid = client.process_id
    events = []
    client.analysisProgress.connect(lambda rid, done, total, _a: events.append((rid, done, total)))
    for text in ("one", "two"):
        with qtbot.waitSignal(client.analysisFinished, timeout=PROCESS_TIMEOUT_MS) as finished:
            request = client.analyze(text)
        assert finished.args[0] == request and finished.args[1].claims[0].content == [(0, len(text))]
        assert events[-2:] == [(request, 1, 2), (request, 2, 2)]  # partial first, then complete
    assert client.process_id == pid
    assert _journal_lines(journal) == ["start one", "end one", "start two", "end two"]


def test_a_text_larger_than_a_pipe_arrives_whole_and_in_order(qtbot, make_client, journal):
    client = make_client(JournalEngine, journal)
    big = "b" * (16 * PIPE_BYTES)  # written by the process's writer thread, not by the caller
    client.analyze(big)
    with qtbot.waitSignal(client.analysisFinished, timeout=PROCESS_TIMEOUT_MS) as finished:
        request = client.analyze("small")
    assert finished.args[0] == request
    qtbot.waitUntil(lambda: "end small" in _journal_lines(journal), timeout=PROCESS_TIMEOUT_MS)
    lines = _journal_lines(journal)
    assert lines[-1] == "end small" and (f"start {big}" not in lines or lines.index(f"start {big}") == 0)


def test_where_the_reader_is_reaches_the_engine_when_it_asks(qtbot, make_client, journal):
    client = make_client(ScrolledEngine, journal)
    with qtbot.waitSignal(client.analysisFinished, timeout=PROCESS_TIMEOUT_MS):
        client.analyze("article", visible_from=5)
        qtbot.waitUntil(lambda: "where 5" in _journal_lines(journal), timeout=PROCESS_TIMEOUT_MS)
        client.show_reader_at(40)  # the reader scrolled while the analysis waited
    assert _journal_lines(journal) == ["where 5", "where 40"]


def test_a_newer_analysis_stops_the_running_one_and_its_results_are_dropped(qtbot, make_client, journal):
    client = make_client(JournalEngine, journal)
    finished, progressed = [], []
    client.analysisFinished.connect(lambda rid, _a: finished.append(rid))
    client.analysisProgress.connect(lambda rid, *_: progressed.append(rid))
    with qtbot.waitSignal(client.analysisProgress, timeout=PROCESS_TIMEOUT_MS):
        first = client.analyze(f"{WAIT} first")  # blocks after one batch until cancelled
    second = client.analyze("second")
    third = client.analyze("third")
    with qtbot.waitSignal(client.analysisFinished, timeout=PROCESS_TIMEOUT_MS) as done:
        pass
    assert done.args[0] == third and not client.is_current_analysis(first)
    qtbot.waitUntil(lambda: "end third" in _journal_lines(journal), timeout=PROCESS_TIMEOUT_MS)
    assert f"cancelled {WAIT} first" in _journal_lines(journal)  # the cancel reached the running batch loop
    assert finished == [third]
    assert set(progressed) <= {first, third} and second not in progressed


def test_cancel_analysis_drops_the_result_and_the_next_request_is_served(qtbot, make_client, journal):
    client = make_client(JournalEngine, journal)
    finished = []
    client.analysisFinished.connect(lambda rid, _a: finished.append(rid))
    with qtbot.waitSignal(client.analysisProgress, timeout=PROCESS_TIMEOUT_MS):
        waiting = client.analyze(f"{WAIT} long")
    client.cancel_analysis()
    assert not client.is_current_analysis(waiting)
    qtbot.waitUntil(lambda: f"cancelled {WAIT} long" in _journal_lines(journal), timeout=PROCESS_TIMEOUT_MS)
    with qtbot.waitSignal(client.analysisFinished, timeout=PROCESS_TIMEOUT_MS) as done:
        after = client.analyze("after")
    assert finished == [after] == [done.args[0]]


def test_loads_and_analyses_have_their_own_newest(qtbot, make_client, journal, tmp_path):
    client = make_client(JournalEngine, journal)
    older, newer = tmp_path / "older.txt", tmp_path / "newer.txt"
    older.write_text("Older\nThe older text.\n", encoding="utf-8")
    newer.write_text("Newer\nThe newer text.\n", encoding="utf-8")
    loaded = []
    client.articleLoaded.connect(lambda rid, article: loaded.append((rid, article.title)))
    stale_load = client.load(str(older))
    load = client.load(str(newer))
    with qtbot.waitSignal(client.analysisProgress, timeout=PROCESS_TIMEOUT_MS):
        analysis = client.analyze(f"{WAIT} meanwhile")  # requested after the load: must not make it stale
    assert client.is_current_load(load) and client.is_current_analysis(analysis)
    qtbot.waitUntil(lambda: bool(loaded), timeout=PROCESS_TIMEOUT_MS)
    assert loaded == [(load, "Newer")]  # the load was served while the analysis was still running
    assert not client.is_current_load(stale_load)
    with qtbot.waitSignal(client.articleLoaded, timeout=PROCESS_TIMEOUT_MS) as again:
        third = client.load(str(older))
    assert again.args[0] == third and client.is_current_analysis(analysis)  # a load never stales an analysis


def test_errors_come_back_as_sentences_and_the_process_serves_on(qtbot, make_client, journal, tmp_path):
    client = make_client(JournalEngine, journal)
    pid = client.process_id
    with qtbot.waitSignal(client.analysisFailed, timeout=PROCESS_TIMEOUT_MS) as failed:
        request = client.analyze(f"{FAIL} now")
    assert failed.args[0] == request
    assert failed.args[1] == "The analysis failed (ValueError: bad batch). The article is still readable."
    with qtbot.waitSignal(client.loadFailed, timeout=PROCESS_TIMEOUT_MS) as load_failed:
        load = client.load(str(tmp_path / "missing.txt"))
    assert load_failed.args[0] == load and "missing.txt" in load_failed.args[1]
    assert "Traceback" not in load_failed.args[1]
    with qtbot.waitSignal(client.analysisFinished, timeout=PROCESS_TIMEOUT_MS):
        client.analyze("fine")
    assert client.process_id == pid


def test_shutdown_stops_the_process_and_is_safe_twice(qtbot, make_client, journal):
    client = make_client(JournalEngine, journal)
    with qtbot.waitSignal(client.analysisProgress, timeout=PROCESS_TIMEOUT_MS):
        client.analyze(f"{WAIT} forever")
    pid = client.process_id
    client.shutdown(timeout_ms=PROCESS_TIMEOUT_MS)
    client.shutdown()
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        pass
    else:
        raise AssertionError(f"analysis process {pid} still runs after shutdown")


def test_each_message_carries_only_the_claims_after_those_already_sent():
    from reader.analysis import Analysis
    from reader.service import protocol
    from service_engines import one_claim

    def analysis(*texts: str) -> Analysis:
        return Analysis(claims=[claim for text in texts for claim in one_claim(text).claims])

    def line(request_id: int, fields: dict) -> bytes:
        return protocol.encode({"event": protocol.PROGRESS, "id": request_id, "done": 1, "total": 2, **fields})

    sent, received = protocol.ClaimsSent(), protocol.ClaimsReceived()
    first = sent.fields(analysis("a", "bb"))
    assert first["claims_from"] == 0 and len(first["analysis"]["claims"]) == 2
    second = sent.fields(analysis("a", "bb", "ccc"))
    assert second["claims_from"] == 2 and len(second["analysis"]["claims"]) == 1  # only the new one
    changed = sent.fields(analysis("a", "bbbbbb", "ccc", "dddd"))  # a settled claim changed after all
    assert changed["claims_from"] == 1 and len(changed["analysis"]["claims"]) == 3
    for fields, expected in ((first, ("a", "bb")), (second, ("a", "bb", "ccc")), (changed, ("a", "bbbbbb", "ccc", "dddd"))):
        event = protocol.decode_event(line(7, fields), received)
        assert event["analysis"].to_dict() == analysis(*expected).to_dict()
    # another request starts from nothing; a tail without its beginning is refused, never guessed
    assert protocol.decode_event(line(8, protocol.ClaimsSent().fields(analysis("e"))), received)["analysis"].claims
    try:
        protocol.decode_event(line(9, second), received)
    except ValueError:
        pass
    else:
        raise AssertionError("a tail for claims never received was accepted")


WINDOWED_CHILD = r"""
import sys
sys.stdin = sys.stdout = sys.stderr = None  # as in a windowed frozen build
from reader.service.server import serve
sys.exit(serve())
"""


def test_the_process_speaks_the_protocol_without_python_std_streams(tmp_path, journal):
    """A windowed build has sys.stdin/stdout/stderr None; the pipes are used by file descriptor,
    and what an engine prints, or writes to fd 1 from C, goes to stderr, not into the protocol."""
    import functools
    import subprocess
    import sys

    from reader.service import protocol
    from reader.service.process import _child_environment

    factory = protocol.pack_factory(functools.partial(NoisyEngine, str(journal)))
    requests = (protocol.encode({"op": protocol.HELLO, "factory": factory, "path": list(sys.path)})
                + protocol.encode({"op": protocol.LOAD, "id": 3, "target": str(tmp_path / "missing.txt")})
                + protocol.encode({"op": protocol.ANALYZE, "id": 4, "text": "noisy"}))
    child = subprocess.Popen([sys.executable, "-c", WINDOWED_CHILD], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_child_environment())
    events = []
    try:
        child.stdin.write(requests)
        child.stdin.flush()  # kept open: end of input would tell the process the window is gone
        while not {protocol.FINISHED, protocol.LOAD_FAILED} <= {e["event"] for e in events}:
            line = child.stdout.readline()
            assert line, "the process ended before it finished"
            events.append(protocol.decode(line))  # every line is an event: nothing stray got in
    finally:
        child.stdin.close()
        stderr = child.stderr.read()
        child.wait(PROCESS_TIMEOUT_MS / 1000)
        child.stdout.close()
        child.stderr.close()
    ids = {e["event"]: e.get("id") for e in events}
    assert ids[protocol.LOAD_FAILED] == 3 and ids[protocol.FINISHED] == 4
    assert NOISE.encode() in stderr  # the print went to os.devnull: this build has no sys.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX niceness; Windows starts the process below normal")
def test_the_analysis_process_runs_below_the_windows_priority(qtbot, make_client, journal):
    from reader.service.server import ANALYSIS_NICENESS

    client = make_client(JournalEngine, journal)
    with qtbot.waitSignal(client.analysisFinished, timeout=PROCESS_TIMEOUT_MS):
        client.analyze("one")  # it is up and serving: it has lowered its priority
    mine = os.getpriority(os.PRIO_PROCESS, 0)
    assert os.getpriority(os.PRIO_PROCESS, client.process_id) == min(mine + ANALYSIS_NICENESS, MAX_NICENESS)
