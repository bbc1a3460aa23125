"""`reader --self-test` from source: every check passes and one summary line is printed."""

from __future__ import annotations

import re
import sys

import pytest

from reader import __version__, selftest
from reader.cli import main
from reader.resources import resource_path, resources_dir

SUMMARY = re.compile(rf"^Sourcelight {re.escape(__version__)} self-test (OK|FAILED \(\d+ of \d+ checks\)) in [\d.]+s: ")


def test_resource_path_finds_the_sample_from_source() -> None:
    assert resource_path("sample-article.txt").is_file()
    assert resources_dir().name == "resources"


def test_resource_path_in_a_frozen_build(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # noqa: ANN001
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("sample-article.txt") == tmp_path / "resources" / "sample-article.txt"


def test_self_test_passes_and_prints_one_line(capsys: pytest.CaptureFixture[str], data_dir) -> None:  # noqa: ANN001
    status = main(["--self-test"])
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert len(lines) == 1, out
    assert SUMMARY.match(lines[0]), lines[0]
    assert status == 0, lines[0]
    for name, _check in selftest.CHECKS:
        assert f"{name} " in lines[0]
    assert "spacy-legacy architectures" in lines[0] and "same as in-process" in lines[0]
    # the line is in the log too: that is all a windowed Windows build leaves behind
    assert lines[0] in (data_dir / "logs" / "sourcelight.log").read_text(encoding="utf-8")


def test_a_failing_check_gives_status_1_and_goes_on(monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    def broken() -> str:
        raise selftest.CheckFailed("0 spacy-legacy architectures")

    ran = []
    checks = [("registry", broken), ("store", lambda: ran.append("store") or "ok")]
    monkeypatch.setattr(selftest, "CHECKS", checks)
    assert selftest.run_self_test() == 1
    line = capsys.readouterr().out.strip()
    assert SUMMARY.match(line) and "FAILED (1 of 2 checks)" in line, line
    assert "registry FAILED (0 spacy-legacy architectures)" in line and "store ok" in line
    assert ran == ["store"]


def test_self_test_survives_no_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    """A windowed Windows build has sys.stdout = sys.stderr = None."""
    monkeypatch.setattr(selftest, "CHECKS", [("store", selftest._check_store)])
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    assert selftest.run_self_test() == 0
    assert sys.stdout is not None and sys.stderr is not None  # os.devnull, from ensure_std_streams
    sys.stdout.close()
    sys.stderr.close()


def test_the_process_check_goes_through_the_window_path_and_fails_in_a_sentence(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A child that cannot serve (here: exits at once) is restarted by the client, then given up
    on: the check reports the client's sentence, so the session's path was the one taken."""
    from reader.service import process

    assert selftest._check_process().endswith("same as in-process")
    monkeypatch.setattr(process, "worker_command", lambda: [sys.executable, "-c", "raise SystemExit(3)"])
    with pytest.raises(selftest.CheckFailed) as failed:
        selftest._check_process()
    assert str(failed.value) == ("The analysis process failed again on this request (exit status 3), "
                                 "so it was not run again. The article is still readable.")
