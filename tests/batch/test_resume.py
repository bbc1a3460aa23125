"""A run killed half-way goes on with --resume and ends with exactly the results of a clean run."""

from __future__ import annotations

import gzip
import json
import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from batch_corpus import RUN_TIMEOUT, by_id, corpus, read_lines, reader_process, run_batch, write_jsonl, write_shards
from batch_processes import analysing_children

from reader.batch import analyze_partitions
from reader.batch.outputs import recover
from reader.cli_errors import CommandError

LINES_BEFORE_KILL = 4


def wait_for_lines(path: Path, count: int, running) -> None:  # noqa: ANN001
    """Until `path` holds `count` whole lines (the run is under way), while `running()` says the run
    is still going."""
    deadline = time.monotonic() + RUN_TIMEOUT
    while not (path.exists() and path.read_bytes().count(b"\n") >= count):
        assert running(), "the run ended before it could be interrupted"
        assert time.monotonic() < deadline, "the run wrote nothing in time"
        time.sleep(0.05)


def test_a_killed_run_resumes_where_it_stopped(tmp_path, capsys):
    records = corpus(70)
    src = write_jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "out.jsonl"
    proc = reader_process("--jsonl", str(src), "--out", str(out), "--jobs", "1")
    try:
        wait_for_lines(out, LINES_BEFORE_KILL, lambda: proc.poll() is None)
        proc.send_signal(signal.SIGKILL)   # a crash: no clean-up runs
    finally:
        proc.wait(timeout=RUN_TIMEOUT)
    kept = read_lines(out)
    assert LINES_BEFORE_KILL <= len(kept) < len(records)
    with out.open("ab") as cut:   # and the kill may land inside a line
        cut.write(b'{"id": "doc-9')

    code, err = run_batch(capsys, "--jsonl", str(src), "--out", str(out), "--jobs", "2", "--resume")
    assert code == 0
    assert f"{len(kept)} already done" in err and f"analysed {len(records) - len(kept)} documents" in err
    resumed = read_lines(out)
    assert resumed[: len(kept)] == kept
    clean = tmp_path / "clean.jsonl"
    run_batch(capsys, "--jsonl", str(src), "--out", str(clean), "--jobs", "1")
    assert by_id(resumed) == by_id(read_lines(clean))


def test_a_gzip_output_cut_short_keeps_its_whole_lines(tmp_path):
    out = tmp_path / "out.jsonl.gz"
    whole = b"".join(json.dumps({"id": f"d{k}", "claims": []}).encode() + b"\n" for k in range(3))
    out.write_bytes(gzip.compress(whole + b'{"id": "d3", "cla')[:-6])   # no gzip trailer either
    assert recover(out) == {"d0", "d1", "d2"}
    assert gzip.decompress(out.read_bytes()) == whole


def test_dask_resumes_inside_an_unfinished_shard(tmp_path, dask_client):
    records = corpus(9)
    shards = tmp_path / "shards"
    write_shards(shards, records[:6], 2)
    write_jsonl(shards / "part-2.jsonl", records[6:8], raw_lines=("not json",))
    with (shards / "part-2.jsonl").open("a") as more:
        more.write(json.dumps(records[8]) + "\n")
    paths = sorted(str(p) for p in shards.iterdir())
    out = tmp_path / "out"
    with pytest.raises(CommandError, match=r"part-2.jsonl:3: .*stopped there \(--strict\)"):
        analyze_partitions(paths, out, dask_client, strict=True)
    assert len(read_lines(out / "_partial" / "part-2.jsonl")) == 2   # the lines before the bad one

    tally = analyze_partitions(paths, out, dask_client, resume=True)
    assert tally.malformed == 1 and tally.resumed >= 2 and tally.analysed + tally.resumed == 9
    assert not (out / "_partial").exists()
    single = tmp_path / "one.jsonl"
    from reader.cli import main

    assert main(["analyze", "--jsonl", *paths, "--out", str(single), "--jobs", "1"]) == 0
    assert by_id(read_lines(out)) == by_id(read_lines(single))


def test_a_killed_analysing_process_ends_the_dask_run_and_resume_finishes_it(tmp_path, dask_client):
    records = corpus(120)
    names = ["part-0.jsonl", "part-1.jsonl"]   # plain, so that their lines can be counted as they grow
    paths = [str(write_jsonl(tmp_path / name, records[k::2])) for k, name in enumerate(names)]
    out = tmp_path / "out"
    with ThreadPoolExecutor(max_workers=1) as runner:
        run = runner.submit(analyze_partitions, paths, out, dask_client)
        for name in names:   # both shards under way
            wait_for_lines(out / "_partial" / name, 1, lambda: not run.done())
        for pids in dask_client.run(analysing_children).values():
            for pid in pids:
                os.kill(pid, signal.SIGKILL)   # as the out-of-memory killer would
        with pytest.raises(CommandError, match="A worker process stopped.*--resume"):
            run.result(timeout=RUN_TIMEOUT)

    tally = analyze_partitions(paths, out, dask_client, resume=True)   # on fresh analysing processes
    assert tally.resumed >= 2 and tally.analysed + tally.resumed == len(records)
    single = tmp_path / "one.jsonl"
    from reader.cli import main

    assert main(["analyze", "--jsonl", *paths, "--out", str(single), "--jobs", "1"]) == 0
    assert by_id(read_lines(out)) == by_id(read_lines(single))
