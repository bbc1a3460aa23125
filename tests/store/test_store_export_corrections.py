"""Exports use the corrected analysis: the sources and claims exports mark what the reader
corrected, and `reader export --format eval-jsonl` writes the corrected articles in the
evaluation format, which `reader eval` scores at 100 % against itself."""

from __future__ import annotations

import csv
import io
import json

import pytest

from reader.analysis import AttributionEngine, load_nlp
from reader.cli import main
from reader.corrections import CORRECTED_KEY, CardSpec, change_source, not_a_claim
from reader.corrections.notes import ClaimNote
from reader.store import Library
from reader.store.export import CORRECTED_LABEL, collect, render

TEXT = (
    "Heavy rain will reach the coast by Friday, according to the national weather agency.\n"
    "\"We expect the schools to stay open,\" said Maria Lopez, a spokeswoman for the regional "
    "education office.\n"
    "The Daily Courier reported that two bridges had been closed overnight.\n"
)


@pytest.fixture
def corrected_library(data_dir):  # noqa: ANN201
    analysis = AttributionEngine(load_nlp()).analyze(TEXT).to_dict("a1")

    def claim(words: str) -> dict:
        return next(c for c in analysis["claims"] if words in TEXT[slice(*c["content"][0])])

    lib = Library.open(data_dir)
    lib.remember_article("a1", "Rain", "/tmp/rain.txt", TEXT)
    lib.save_analysis("a1", "1.0.1", analysis)
    lib.remember_article("a2", "Untouched", "/tmp/b.txt", "Nobody said anything.")
    lib.save_analysis("a2", "1.0.1", AttributionEngine(load_nlp()).analyze("Nobody said anything.").to_dict("a2"))
    lib.add_correction("a1", not_a_claim(TEXT, claim("two bridges")))
    lib.save_claim_note("a1", ClaimNote.of(TEXT, claim("schools to stay open,"), "=Ask the *ministry*\n# twice"))
    lib.add_correction("a1", change_source(TEXT, claim("Heavy rain"),
                                           new_card=CardSpec("Met Office", "government")))
    lib.close()
    return data_dir


def test_sources_export_uses_and_marks_the_corrections(corrected_library) -> None:  # noqa: ANN001
    lib = Library.open(corrected_library, read_only=True)
    sources = {s.name: s for s in collect(lib)}
    lib.close()
    assert "The Daily Courier" not in sources and "the national weather agency" not in sources
    [rain] = sources["Met Office"].claims
    assert rain.corrected and rain.text.startswith("Heavy rain")
    assert not any(c.corrected for c in sources["Maria Lopez"].claims)
    listed = list(sources.values())
    assert f" ({CORRECTED_LABEL})\n" in render(listed, "markdown")
    rows = list(csv.DictReader(io.StringIO(render(listed, "csv").removeprefix("\ufeff"))))
    assert {r["source"]: r["corrected by reader"] for r in rows if r["cue"]}["Met Office"] == "yes"
    doc = json.loads(render(listed, "json"))
    assert [c["corrected"] for s in doc["sources"] if s["name"] == "Met Office" for c in s["claims"]] == [True]
    # the note on one claim goes with that claim, escaped for each format
    [noted] = [c for c in sources["Maria Lopez"].claims if c.note]
    assert noted.text.startswith('"We expect') and noted.note == "=Ask the *ministry*\n# twice"
    assert "Your note on this claim:\n\n\\=Ask the \\*ministry\\*\\\n\\# twice" in render(listed, "markdown")
    assert "'=Ask the *ministry*\n# twice" in {r["claim note"] for r in rows}
    assert "=Ask the *ministry*\n# twice" in [c["note"] for s in doc["sources"] for c in s["claims"]]


def test_eval_jsonl_export_scores_full_marks_against_itself(corrected_library, tmp_path, capsys) -> None:  # noqa: ANN001
    out = tmp_path / "mine.jsonl"
    assert main(["export", "--format", "eval-jsonl", "--out", str(out)]) == 0
    assert "exported 1 corrected articles" in capsys.readouterr().err
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["id"] == "a1" and record["text"] == TEXT and record[CORRECTED_KEY] == 2
    assert all("two bridges" not in TEXT[slice(*a["content"][0])] for a in record["attributions"])

    assert main(["eval", str(out), "--pred", str(out), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    for role in ("source", "cue", "content"):
        assert report["roles"][role]["exact"]["f1"] == 1.0, role
    assert report["attributions"]["found_rate"] == report["attributions"]["precision"] == 1.0
    assert report["attributions"]["correctly_sourced_rate"] == 1.0
    cards = report["cards"]  # "Met Office" is not in the text: no span to pair, so optional
    assert cards["gold"] == 1 and cards["found_rate"] == cards["kind_rate"] == cards["role_rate"] == 1.0

    # the engine itself, scored against the reader's corrections, is not perfect
    assert main(["eval", str(out), "--json"]) == 0
    engine = json.loads(capsys.readouterr().out)["attributions"]
    assert engine["precision"] < 1.0  # it still finds the claim the reader rejected
