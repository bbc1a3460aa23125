"""The `reader` command: analyze output holds the contract; bad files give one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__
from reader.analysis import contract_problems
from reader.cli import main


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_analyze_sample_json_holds_the_contract(capsys, sample_path):
    code, out, _ = run_cli(capsys, "analyze", str(sample_path), "--json", "--with-text")
    assert code == 0
    doc = json.loads(out)
    assert doc["text"] == sample_path.read_text(encoding="utf-8").strip()
    assert doc["title"].startswith("Red Sea ferry link reopens")
    assert contract_problems(doc, len(doc["text"])) == []
    assert doc["claims"], "the sample article has attributed claims"
    for claim in doc["claims"]:
        assert claim["cue"] and claim["content"]
        for s, e in claim["content"]:
            assert doc["text"][s:e].strip()


def test_analyze_without_json_prints_a_summary(capsys, sample_path):
    code, out, _ = run_cli(capsys, "analyze", str(sample_path))
    assert code == 0
    assert "Kessler" in out
    lines = out.rstrip().splitlines()
    summary = next(i for i, line in enumerate(lines) if line.endswith(" sources"))
    # the sourcing profile's sentences come after the claims and their count
    assert any("anonymous or unnamed" in line for line in lines[summary + 1:])
    assert any("direct quote" in line for line in lines[summary + 1:])


def test_analyze_jsonl(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    texts = {"a": 'The mayor said that the bridge would reopen on Monday.', "b": "", "c": "No attribution here."}
    src.write_text("".join(json.dumps({"id": k, "text": v, "extra": 1}) + "\n" for k, v in texts.items()))
    out = tmp_path / "out.jsonl"
    code, _, err = run_cli(capsys, "analyze", "--jsonl", str(src), "--out", str(out))
    assert code == 0 and "3 documents" in err
    docs = [json.loads(line) for line in out.read_text().splitlines()]
    assert [d["id"] for d in docs] == ["a", "b", "c"]
    for d in docs:
        assert contract_problems(d, len(texts[d["id"]])) == []
    assert docs[0]["claims"] and docs[0]["claims"][0]["kind"] == "indirect"


def test_analyze_jsonl_bad_line_is_one_line(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a"}\n')
    code, out, err = run_cli(capsys, "analyze", "--jsonl", str(src), "--strict")  # without it: skipped
    assert code != 0 and err.count("\n") == 1 and "in.jsonl:1" in err


@pytest.mark.parametrize("make", ["missing", "binary", "empty", "directory"])
def test_analyze_bad_file_prints_one_clear_line(tmp_path, capsys, make):
    path = tmp_path / "article.txt"
    if make == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    elif make == "empty":
        path.write_bytes(b"")
    elif make == "directory":
        path.mkdir()
    code, out, err = run_cli(capsys, "analyze", str(path), "--json")
    assert code != 0
    assert out == ""
    assert err.startswith("reader: ") and err.count("\n") == 1
    assert "Traceback" not in err


def test_version_and_help_list_every_command(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert __version__ in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--help"])
    help_text = capsys.readouterr().out
    from reader.cli import COMMANDS

    for name in COMMANDS:
        assert f"reader {name}" in help_text or f"  {name} " in help_text


def test_console_script_on_a_missing_file_exits_non_zero(tmp_path):
    """The installed entry point, as a user runs it: one line, no traceback."""
    exe = Path(sys.executable).with_name("reader")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "reader"]
    proc = subprocess.run([*cmd, "analyze", str(tmp_path / "nope.txt")], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode != 0
    assert proc.stderr.strip().count("\n") == 0 and "No such file" in proc.stderr
