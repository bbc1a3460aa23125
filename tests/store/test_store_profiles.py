"""`reader report`: the sourcing profile summed over a real two-article library and over batch
outputs, against figures counted by hand."""

from __future__ import annotations

import csv
import io
import json

from store_samples import add_article

from reader.analysis.profile_totals import LOCAL_FILES, NO_ORIGIN, site_of
from reader.cli import main

# Article B: a relayed claim, an anonymous quote and a hedge (article A is store_samples':
# Yoav Mordechai (person) said …, according to Reuters (media)).
TEXT_B = 'The Post reported that officials say the port will close. "It is over," an aide said. The talks reportedly failed.'


def at(words: str) -> list[int]:
    start = TEXT_B.index(words)
    return [start, start + len(words)]


def claim(cid, kind, cue, content, mention, source_id, parent=None, cue_class="speech") -> dict:  # noqa: ANN001
    return {"id": cid, "kind": kind, "cue": [at(cue)], "content": [at(content)],
            "source_mention": [at(mention)] if mention else [], "source_id": source_id, "parent": parent,
            "confidence": 0.9, "rule": "hand", "cue_class": cue_class}


def source(sid, name, kind, claim_ids) -> dict:  # noqa: ANN001
    return {"id": sid, "name": name, "kind": kind, "title": "", "role": "", "affiliation": "",
            "mentions": [at(name)], "claim_ids": claim_ids}


ANALYSIS_B = {
    "id": "b",
    "claims": [
        claim("c1", "indirect", "reported", "that officials say the port will close", "The Post", "s1"),
        claim("c2", "indirect", "say", "the port will close", "officials", "s2", parent="c1"),
        claim("c3", "direct", "said", '"It is over,"', "an aide", "s3"),
        claim("c4", "hedged", "reportedly", "The talks", None, None, cue_class="hedge"),
    ],
    "sources": [source("s1", "The Post", "media", ["c1"]), source("s2", "officials", "unnamed_group", ["c2"]),
                source("s3", "an aide", "anonymous", ["c3"])],
    "boilerplate": [],
}


def two_article_library(library) -> None:  # noqa: ANN001
    add_article(library, "a", origin="https://www.example.org/crossing")
    library.remember_article("b", "Port to close", "https://news.test/port", TEXT_B)
    library.save_analysis("b", "test-engine", ANALYSIS_B)


def report(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["report", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_report_sums_a_two_article_library_per_site(library, capsys):
    two_article_library(library)
    code, out, err = report(capsys, "--by", "site", "--format", "json")
    assert code == 0 and "reported on 2 articles" in err
    everything, first, second = json.loads(out)["groups"]
    assert everything["site"] == "all articles"
    assert (everything["articles"], everything["claims"]) == (2, 6)
    assert {k: v["count"] for k, v in everything["by_source_kind"].items() if v["count"]} == {
        "person": 1, "media": 2, "unnamed_group": 1, "anonymous": 1, "unsourced": 1}
    assert {k: v["count"] for k, v in everything["by_claim_kind"].items() if v["count"]} == {
        "indirect": 3, "according_to": 1, "direct": 1, "hedged": 1}
    assert everything["by_claim_kind"]["indirect"]["share"] == 0.5
    assert (everything["sources"], everything["named_sources"], everything["anonymous_sources"]) == (5, 3, 2)
    assert everything["anonymous_share"] == 0.333  # officials and the aide: 2 of 6 claims
    assert everything["mean_top_source_share"] == 0.375  # A: 1 of 2, B: 1 of 4
    assert everything["relayed_outlets"] == [{"name": "The Post", "claims": 1}]
    # most anonymous sourcing first: B's site (2 of 4), then A's (none); "www." is dropped
    assert (first["site"], first["articles"], first["claims"], first["anonymous_share"]) == ("news.test", 1, 4, 0.5)
    assert (second["site"], second["claims"], second["anonymous_share"]) == ("example.org", 2, 0.0)


def test_the_markdown_and_csv_tables(library, capsys):
    two_article_library(library)
    _code, markdown, _err = report(capsys, "--by", "site")
    lines = markdown.splitlines()
    assert lines[0].startswith("| Site | Articles | Claims |")
    assert lines[2] == "| all articles | 2 | 6 | 5 | 3 | 33 % | 17 % | 17 % | 38 % | The Post (1) |"
    assert lines[3].startswith("| news.test | 1 | 4 | 3 | 1 | 50 % |")
    _code, table, _err = report(capsys, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(table)))
    assert len(rows) == 1  # without --by, only the total
    assert rows[0]["anonymous_share"] == "0.333" and rows[0]["claims"] == "6"


def test_a_damaged_stored_analysis_is_left_out(library, capsys):
    two_article_library(library)
    library.db.execute("UPDATE analyses SET analysis = '{not json' WHERE article_id = 'a'")
    library.db.conn.commit()
    code, out, err = report(capsys, "--format", "json")
    assert code == 0 and "reported on 1 articles" in err
    assert json.loads(out)["groups"][0]["claims"] == 4


def test_the_report_reads_batch_outputs(tmp_path, capsys):
    batch = tmp_path / "out.jsonl"
    lines = [{**ANALYSIS_B, "origin": "https://news.test/port"}, {**ANALYSIS_B, "id": "b2"}]
    batch.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    code, out, err = report(capsys, str(batch), "--by", "site", "--format", "json", "--out",
                            str(tmp_path / "report.json"))
    assert code == 0 and out == "" and "reported on 2 articles to" in err
    groups = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["groups"]
    assert [(g["site"], g["claims"]) for g in groups] == [("all articles", 8), ("news.test", 4), (NO_ORIGIN, 4)]


def test_a_batch_line_that_is_no_analysis_is_one_message(tmp_path, capsys):
    batch = tmp_path / "in.jsonl"
    batch.write_text('{"id": "x", "text": "Not analysed yet."}\n', encoding="utf-8")
    code, out, err = report(capsys, str(batch))
    assert code == 1 and out == ""
    assert err.startswith(f"reader: {batch}:1: not an analysis") and err.count("\n") == 1


def test_no_library_yet_is_one_message(capsys):
    code, out, err = report(capsys)
    assert code == 1 and out == ""
    assert err.startswith("reader: ") and err.count("\n") == 1


def test_sites():
    assert site_of("https://www.Example.org/a?b=1") == "example.org"
    assert site_of("http://news.test:8080/x") == "news.test"
    assert site_of("/home/me/article.txt") == LOCAL_FILES
    assert site_of("file:///home/me/a.html") == LOCAL_FILES
    assert site_of("") == NO_ORIGIN
    assert site_of("clipboard") == NO_ORIGIN


def test_a_library_with_no_analysis_yet_is_a_row_of_zeros(library, capsys):
    code, out, err = report(capsys, "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["site"], r["articles"], r["claims"], r["unsourced_share"]) for r in rows] == [
        ("all articles", "0", "0", "0.0")]


def test_the_report_counts_the_corrected_analyses(library, capsys):
    """The report sums what the exports write: a claim the reader rejected is not counted, and
    a claim the reader gave a source counts under that source."""
    from reader.corrections import change_source, not_a_claim

    two_article_library(library)
    aide, hedge = ANALYSIS_B["claims"][2], ANALYSIS_B["claims"][3]
    library.add_correction("b", not_a_claim(TEXT_B, aide))
    _code, out, _err = report(capsys, "--format", "json")
    everything = json.loads(out)["groups"][0]
    assert everything["claims"] == 5  # 6 found by the engine, one rejected
    assert everything["by_source_kind"]["anonymous"]["count"] == 0
    assert everything["by_claim_kind"]["direct"]["count"] == 0
    assert everything["anonymous_share"] == 0.2  # officials: 1 of 5 claims
    library.add_correction("b", change_source(TEXT_B, hedge, ANALYSIS_B["sources"][0]))  # "The Post"
    _code, out, _err = report(capsys, "--format", "json")
    everything = json.loads(out)["groups"][0]
    assert everything["claims"] == 5
    assert everything["by_source_kind"]["unsourced"]["count"] == 0
    assert everything["by_source_kind"]["media"]["count"] == 3
    # taking the corrections back gives the engine's counts again
    for correction in reversed(library.corrections("b")):
        library.remove_correction("b", correction.uid)
    _code, out, _err = report(capsys, "--format", "json")
    assert json.loads(out)["groups"][0]["claims"] == 6
