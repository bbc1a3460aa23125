"""A corrected analysis in the evaluation format scores 100 % against itself."""

from __future__ import annotations

from reader.corrections import CORRECTED_KEY, CardSpec, add_claim, apply, change_source, not_a_claim
from reader.corrections.eval_format import gold_record
from reader.evaluation.scoring import score_article


def test_corrected_article_scores_full_marks_against_its_own_record(article) -> None:  # noqa: ANN001
    text = article.text
    corrections = [
        not_a_claim(text, article.claim("two bridges")),
        change_source(text, article.claim("Heavy rain"), new_card=CardSpec("National Weather Agency", "government")),
        add_claim(text, *article.span("the worst for the harvest this year"), new_card=CardSpec("Farmers"),
                  cue=article.span("fear")),
    ]
    doc, _ = apply(article.doc, corrections, text)
    gold = gold_record("a1", text, doc, title="Rain")
    assert gold["text"] == text and gold[CORRECTED_KEY] == 3
    assert len(gold["attributions"]) == len(doc["claims"])
    report = score_article(gold, doc)
    for role, modes in report["roles"].items():
        exact = modes["exact"]
        assert exact["tp"] == exact["gold"] == exact["pred"], role
    att = report["attributions"]
    assert att["found"] == att["gold"] == att["pred"] == len(doc["claims"])
    assert att["correctly_sourced"] == att["sourced_gold"]
    cards = report["cards"]
    assert cards["found"] == cards["kind"] == cards["title"] == cards["role"] == cards["gold"] == len(doc["sources"])
    # and the engine's own result does not: the record holds what the reader changed
    engine = score_article(gold, article.doc)["attributions"]
    assert engine["found"] < engine["pred"] or engine["correctly_sourced"] < engine["sourced_gold"]
