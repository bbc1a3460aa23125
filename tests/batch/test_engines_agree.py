"""One process, two worker processes and a 2-worker Dask LocalCluster write the same bytes."""

from __future__ import annotations

import json

from batch_corpus import by_id, corpus, read_lines, run_batch, write_jsonl, write_shards

from reader.analysis import contract_problems
from reader.batch import analyze_bag, analyze_partitions


def test_two_jobs_and_dask_write_what_one_process_writes(tmp_path, capsys, dask_client):
    records = corpus(14)
    shards = tmp_path / "shards"
    write_shards(shards, records, 3)

    code, err = run_batch(capsys, "--jsonl", str(shards), "--out", str(tmp_path / "one.jsonl"), "--jobs", "1")
    assert code == 0 and "analysed 14 documents" in err
    code, err = run_batch(capsys, "--jsonl", str(shards), "--out", str(tmp_path / "two.jsonl"), "--jobs", "2")
    assert code == 0 and "analysed 14 documents" in err
    tally = analyze_partitions(sorted(str(p) for p in shards.iterdir()), tmp_path / "dask", dask_client)
    assert tally.analysed == 14 and tally.failed == 0

    one = read_lines(tmp_path / "one.jsonl")
    two = read_lines(tmp_path / "two.jsonl")
    assert [json.loads(line)["id"] for line in one] == [r["id"] for r in records]   # input order
    assert two == one                       # --jobs keeps input order too
    assert by_id(read_lines(tmp_path / "dask")) == by_id(one)
    assert sorted(p.name for p in (tmp_path / "dask").iterdir()) == ["part-0.jsonl", "part-1.jsonl", "part-2.jsonl.gz"]
    texts = {r["id"]: r["text"] for r in records}
    for line in one:
        doc = json.loads(line)
        assert contract_problems(doc, len(texts[doc["id"]])) == []
    assert any(json.loads(line)["claims"] for line in one)


def test_the_command_runs_a_local_cluster(tmp_path, capsys):
    records = corpus(6)
    shards = tmp_path / "shards"
    write_shards(shards, records, 2)
    code, err = run_batch(capsys, "--jsonl", str(shards / "*.jsonl*"), "--out", f"{tmp_path / 'out'}/",
                          "--scheduler", "local", "--jobs", "2")
    assert code == 0 and "analysed 6 documents" in err
    code, _ = run_batch(capsys, "--jsonl", str(shards), "--out", str(tmp_path / "one.jsonl"), "--jobs", "1")
    assert by_id(read_lines(tmp_path / "out")) == by_id(read_lines(tmp_path / "one.jsonl"))


def test_a_bag_of_records_maps_to_results(tmp_path, dask_client):
    import dask.bag

    records = corpus(5)
    bag = dask.bag.from_sequence([*records, {"id": "no-text"}], npartitions=2)
    results = analyze_bag(bag).compute()
    assert [r["id"] for r in results] == [*(r["id"] for r in records), "no-text"]
    assert "no \"text\"" in results[-1]["error"]
    one = tmp_path / "one.jsonl"
    write_jsonl(tmp_path / "in.jsonl", records)
    from reader.cli import main

    assert main(["analyze", "--jsonl", str(tmp_path / "in.jsonl"), "--out", str(one), "--jobs", "1"]) == 0
    assert [json.loads(line) for line in read_lines(one)] == results[:-1]
