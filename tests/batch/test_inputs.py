"""What a batch reads and how it treats bad input: malformed lines, failing documents, gzip,
stdin, folders, glob patterns, Parquet."""

from __future__ import annotations

import gzip
import json
import subprocess

import pytest
from batch_corpus import by_id, corpus, read_lines, reader_process, run_batch, write_jsonl, write_shards

# One paragraph longer than spaCy's limit (1,000,000 characters): the engine raises on it.


def test_malformed_lines_are_reported_with_their_number_and_skipped(tmp_path, capsys):
    good = corpus(3)
    src = write_jsonl(tmp_path / "in.jsonl", good[:2], raw_lines=(
        "not json", '{"id": "x"}', "[1, 2]", '{"id": "y", "text": 7}', "", json.dumps(good[2])))
    out = tmp_path / "out.jsonl"
    code, err = run_batch(capsys, "--jsonl", str(src), "--out", str(out), "--jobs", "1")
    assert code == 0
    for number, reason in [(3, "not JSON"), (4, 'no "text"'), (5, "a JSON list"), (6, '"text" is not a string')]:
        assert f"in.jsonl:{number}: " in err and reason in err
    assert "analysed 3 documents" in err and "4 malformed lines skipped" in err
    assert [json.loads(line)["id"] for line in read_lines(out)] == [r["id"] for r in good]


def test_strict_stops_at_the_first_malformed_line_and_keeps_what_came_before(tmp_path, capsys):
    good = corpus(6)
    src = write_jsonl(tmp_path / "in.jsonl", good[:5], raw_lines=("{oops", json.dumps(good[5])))
    out = tmp_path / "out.jsonl"
    code, err = run_batch(capsys, "--jsonl", str(src), "--out", str(out), "--jobs", "2", "--strict")
    assert code == 1 and "in.jsonl:6: " in err and "--strict" in err and err.count("\n") == 1
    assert [json.loads(line)["id"] for line in read_lines(out)] == [r["id"] for r in good[:5]]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_document_the_engine_fails_on_is_written_as_an_error_and_counted(tmp_path, capsys, jobs):
    # A lone surrogate is valid JSON (an escaped \\ud800) but no text spaCy can hash: a real
    # engine failure. (Over-long paragraphs no longer fail: they are parsed in pieces.)
    records = corpus(3)
    bad = {"id": "surrogate", "text": "\ud800 Anna Berg said the port had reopened."}
    src = write_jsonl(tmp_path / "in.jsonl", records, raw_lines=(json.dumps(bad),))
    out = tmp_path / "out.jsonl"
    code, err = run_batch(capsys, "--jsonl", str(src), "--out", str(out), "--jobs", jobs)
    assert code == 0 and "analysed 4 documents" in err and "1 failed" in err
    docs = [json.loads(line) for line in read_lines(out)]
    assert [d["id"] for d in docs] == [r["id"] for r in records] + ["surrogate"]
    assert set(docs[-1]) == {"id", "error"} and "surrogates" in docs[-1]["error"]
    assert all("claims" in d for d in docs[:-1])


def test_gzip_is_read_whatever_the_file_is_called(tmp_path, capsys):
    records = corpus(3)
    plain = write_jsonl(tmp_path / "plain.jsonl", records)
    disguised = tmp_path / "disguised.jsonl"
    disguised.write_bytes(gzip.compress(plain.read_bytes()))
    run_batch(capsys, "--jsonl", str(plain), "--out", str(tmp_path / "a.jsonl"), "--jobs", "1")
    code, _ = run_batch(capsys, "--jsonl", str(disguised), "--out", str(tmp_path / "b.jsonl.gz"), "--jobs", "1")
    assert code == 0
    assert read_lines(tmp_path / "b.jsonl.gz") == read_lines(tmp_path / "a.jsonl")


def test_stdin_to_stdout(tmp_path, capsys):
    records = corpus(3)
    src = write_jsonl(tmp_path / "in.jsonl.gz", records)   # gzip on stdin too
    run_batch(capsys, "--jsonl", str(src), "--out", str(tmp_path / "a.jsonl"), "--jobs", "1")
    with src.open("rb") as stdin:
        proc = reader_process("--jsonl", "-", "--jobs", "1", stdin=stdin, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
        out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert out.splitlines(keepends=True) == read_lines(tmp_path / "a.jsonl")
    assert b"analysed 3 documents" in err and b"\r" not in err   # no progress bar when not a terminal


def test_folders_and_glob_patterns_of_shards_into_an_output_folder(tmp_path, capsys):
    records = corpus(8)
    shards = tmp_path / "shards"
    write_shards(shards, records, 3)
    (shards / "README.txt").write_text("not a shard")
    code, err = run_batch(capsys, "--jsonl", str(shards), "--out", f"{tmp_path / 'out'}/", "--jobs", "2")
    assert code == 0 and "analysed 8 documents" in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["part-0.jsonl", "part-1.jsonl",
                                                                    "part-2.jsonl.gz"]
    code, _ = run_batch(capsys, "--jsonl", str(shards / "part-*"), "--out", str(tmp_path / "all.jsonl"))
    assert code == 0
    assert read_lines(tmp_path / "all.jsonl") == read_lines(tmp_path / "out")


def test_parquet_in_and_out(tmp_path, capsys):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    records = corpus(5)
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "in.parquet")
    write_jsonl(tmp_path / "in.jsonl", records)
    code, _ = run_batch(capsys, "--jsonl", str(tmp_path / "in.parquet"), "--out", str(tmp_path / "out.parquet"),
                        "--jobs", "2")
    assert code == 0
    run_batch(capsys, "--jsonl", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "out.jsonl"), "--jobs", "1")
    table = pq.read_table(tmp_path / "out.parquet").to_pylist()
    expected = [json.loads(line) for line in read_lines(tmp_path / "out.jsonl")]
    assert [json.loads(row["result"]) for row in table] == expected
    assert [row["claims"] for row in table] == [len(d["claims"]) for d in expected]
    # resuming a Parquet output keeps its rows and adds the rest
    pq.write_table(pa.Table.from_pylist(table[:2]), tmp_path / "out.parquet")
    code, err = run_batch(capsys, "--jsonl", str(tmp_path / "in.parquet"), "--out", str(tmp_path / "out.parquet"),
                          "--jobs", "1", "--resume")
    assert code == 0 and "2 already done" in err
    assert pq.read_table(tmp_path / "out.parquet").to_pylist() == table


@pytest.mark.parametrize(("argv", "message"), [
    (["--jsonl", "{tmp}/missing.jsonl"], "No such file"),
    (["--jsonl", "{tmp}/empty"], "holds no .jsonl"),
    (["--jsonl", "{tmp}/*.nothing"], "No file matches"),
    (["--jsonl", "{tmp}/in.jsonl", "--resume"], "--resume needs --out"),
    (["--jsonl", "{tmp}/in.jsonl", "--jobs", "0"], "--jobs"),
    (["--jsonl", "{tmp}/in.jsonl", "--scheduler", "local", "--out", "{tmp}/out.jsonl"], "must be a folder"),
])
def test_bad_requests_get_one_sentence(tmp_path, capsys, argv, message):
    (tmp_path / "empty").mkdir()
    write_jsonl(tmp_path / "in.jsonl", corpus(1))
    code, err = run_batch(capsys, *(a.format(tmp=tmp_path) for a in argv))
    assert code == 1 and message in err and err.startswith("reader: ") and err.count("\n") == 1


def test_output_order_and_bytes_do_not_depend_on_the_shards(tmp_path, capsys):
    records = corpus(7)
    write_shards(tmp_path / "three", records, 3)
    write_jsonl(tmp_path / "one.jsonl", records)
    run_batch(capsys, "--jsonl", str(tmp_path / "three"), "--out", str(tmp_path / "a.jsonl"), "--jobs", "2")
    run_batch(capsys, "--jsonl", str(tmp_path / "one.jsonl"), "--out", str(tmp_path / "b.jsonl"), "--jobs", "1")
    assert read_lines(tmp_path / "a.jsonl") == read_lines(tmp_path / "b.jsonl") == by_id(read_lines(tmp_path / "b.jsonl"))
