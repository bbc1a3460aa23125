"""`reader eval --classes`: cue classes or a corpus scope ("gum"); predictions of other classes
are left out, counted, and named in the report."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.evaluation.scopes import SCOPES, UnknownClass, classes_of
from reader.evaluation.scoring import score_corpus
from tests.evaluation.test_scoring import CRITICS, MAYOR, claim, gold, write_jsonl


def test_a_scope_name_expands_to_its_classes_and_mixes_with_classes():
    assert classes_of("gum") == frozenset(SCOPES["gum"])
    assert classes_of("gum,hedge") == frozenset(SCOPES["gum"]) | {"hedge"}
    assert classes_of("speech, belief") == {"speech", "belief"}
    assert classes_of("") is None and classes_of(None) is None
    assert "intention" not in SCOPES["gum"] and "hedge" not in SCOPES["gum"]


def test_an_unknown_name_is_refused_in_a_sentence():
    with pytest.raises(UnknownClass, match="neither a cue class .* nor a corpus scope"):
        classes_of("speech,opinions")


def test_predictions_outside_the_scope_are_left_out_and_counted():
    wish = claim(CRITICS, 1, cue_class="intention")   # a correct-looking claim the gold does not annotate
    preds = {"claims": [claim(MAYOR, 0, cue_class="speech"), wish]}
    everything = score_corpus([(gold(MAYOR), preds)])
    scoped = score_corpus([(gold(MAYOR), preds)], classes=classes_of("gum"))
    assert (everything["attributions"]["pred"], everything["attributions"]["precision"]) == (2, 0.5)
    assert (scoped["attributions"]["pred"], scoped["attributions"]["precision"]) == (1, 1.0)
    assert scoped["out_of_scope_predictions"] == 1 and scoped["classes"] == sorted(SCOPES["gum"])
    assert everything["classes"] is None


def test_cli_names_the_scope_in_the_report(tmp_path: Path, capsys):
    gold_file = write_jsonl(tmp_path / "gold.jsonl", gold(MAYOR))
    pred_file = write_jsonl(tmp_path / "pred.jsonl", {"id": "doc", "sources": [], "claims": [
        claim(MAYOR, 0, cue_class="speech"), claim(CRITICS, 1, cue_class="hedge")]})
    assert main(["eval", str(gold_file), "--pred", str(pred_file), "--classes", "gum"]) == 0
    out = capsys.readouterr().out
    assert "only classes belief, decree, evidence, perception, speech: 1 of other classes left out" in out
    assert main(["eval", str(gold_file), "--pred", str(pred_file), "--classes", "gum,opinions"]) == 1
    assert "opinions is neither a cue class" in capsys.readouterr().err
