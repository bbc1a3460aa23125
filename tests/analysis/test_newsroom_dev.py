"""Regression over ../shared/eval/newsroom-dev.jsonl (skipped without ../shared): the engine's
outermost claims scored like `reader eval --outermost --by-class`, figures printed per class.

The floors sit a little under the figures the engine reached when they were set, so a change
that loses a class fails here; they are not targets to tune against (the set is for looking).
"""

from __future__ import annotations

import json
from pathlib import Path

from reader.evaluation.scoring import score_corpus

OVERALL_FLOORS = {"found_rate": 0.91, "precision": 0.92, "correctly_sourced_rate": 0.87}
CLASS_FOUND_FLOORS = {"speech": 0.94, "belief": 0.84, "intention": 0.89, "evidence": 0.75}
CONTENT_EXACT_F1_FLOOR = 0.77


def test_newsroom_dev_figures_by_class(shared_dir: Path, engine, capsys):
    gold = [json.loads(line) for line in (shared_dir / "eval" / "newsroom-dev.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    report = score_corpus(((g, engine.analyze(g["text"])) for g in gold), outermost=True)
    att = report["attributions"]
    rows = {row["value"]: row for row in report["by_class"]}
    with capsys.disabled():
        print(f"\nnewsroom-dev outermost: found {att['found_rate']:.1%}  precision {att['precision']:.1%}  "
              f"sourced {att['correctly_sourced_rate']:.1%}  "
              f"content exact F1 {report['roles']['content']['exact']['f1']:.1%}")
        for name, row in rows.items():
            print(f"  {name:<11} gold {row['gold']:>3}  found {row['found_rate']:.1%}")
    for key, floor in OVERALL_FLOORS.items():
        assert att[key] >= floor, (key, att[key])
    assert report["roles"]["content"]["exact"]["f1"] >= CONTENT_EXACT_F1_FLOOR
    for name, floor in CLASS_FOUND_FLOORS.items():
        assert rows[name]["found_rate"] >= floor, (name, rows[name]["found_rate"])
