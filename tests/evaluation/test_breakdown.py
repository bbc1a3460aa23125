"""`reader eval --outermost --by-class --by-construction` on hand-made gold whose figures are known."""

from __future__ import annotations

from pathlib import Path

from reader.cli import main
from reader.evaluation.scoring import score_corpus
from tests.evaluation.test_scoring import CRITICS, MAYOR, claim, gold, write_jsonl

SPEECH = dict(MAYOR, cue_class="speech", construction="plain-verb", construction_also=["pronoun-source"])
BELIEF = dict(CRITICS, cue_class="belief", construction="plain-verb")


def rows(report: dict, key: str) -> dict[str, tuple]:
    return {r["value"]: (r["gold"], r["found"], r["pred"], r["pred_paired"]) for r in report[key]}


def test_by_class_counts_found_per_gold_class_and_precision_per_predicted_class():
    stray = claim(MAYOR, 2, content=[[TEXT_END - 5, TEXT_END]], cue_class="belief")
    report = score_corpus([(gold(SPEECH, BELIEF), {"claims": [claim(MAYOR, 0, cue_class="speech"), stray]})])
    assert rows(report, "by_class") == {"speech": (1, 1, 1, 1), "belief": (1, 0, 1, 0)}
    by = {r["value"]: r for r in report["by_class"]}
    assert by["speech"]["found_rate"] == 1.0 and by["belief"]["precision"] == 0.0
    assert by["speech"]["correctly_sourced_rate"] == 1.0


def test_by_construction_counts_main_and_also_tags():
    report = score_corpus([(gold(SPEECH, BELIEF), {"claims": [claim(MAYOR, 0)]})])
    counts = {r["value"]: (r["gold"], r["found"]) for r in report["by_construction"]}
    assert counts == {"plain-verb": (2, 1), "pronoun-source": (1, 1)}


def test_outermost_leaves_out_nested_gold_and_child_predictions():
    inner = dict(BELIEF, nested_in=0)
    g = gold(SPEECH, inner)
    preds = {"claims": [claim(MAYOR, 0), claim(CRITICS, 1, parent="c0")]}
    everything = score_corpus([(g, preds)])["attributions"]
    outer = score_corpus([(g, preds)], outermost=True)
    assert (everything["gold"], everything["pred"], everything["found"]) == (2, 2, 2)
    assert (outer["attributions"]["gold"], outer["attributions"]["pred"], outer["attributions"]["found"]) == (1, 1, 1)
    assert outer["nested_left_out"] == 1


def test_cli_prints_the_breakdown_tables(tmp_path: Path, capsys):
    g = gold(SPEECH, BELIEF)
    gold_file = write_jsonl(tmp_path / "gold.jsonl", g)
    pred_file = write_jsonl(tmp_path / "pred.jsonl", {"id": "doc", "claims": [claim(MAYOR, 0, cue_class="speech")],
                                                      "sources": []})
    assert main(["eval", str(gold_file), "--pred", str(pred_file), "--outermost", "--by-class",
                 "--by-construction"]) == 0
    out = capsys.readouterr().out
    assert "by gold cue_class" in out and "by gold construction" in out
    assert "pronoun-source" in out and "belief" in out


TEXT_END = len(gold()["text"])
