"""`reader eval`'s scorer on hand-made gold/prediction pairs whose right numbers are known."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.evaluation.scoring import ROLES, score_article, score_corpus, significant, text_match
from reader.cli import main

TEXT = ('The mayor said, "The bridge will reopen on Monday." '
        "Critics warned that delays would continue. "
        "Donate now to support our journalism.")


def span(fragment: str, text: str = TEXT, nth: int = 0) -> list[int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(fragment, start + 1)
    return [start, start + len(fragment)]


MAYOR = {"source": [span("The mayor")], "cue": [span("said")],
         "content": [span('"The bridge will reopen on Monday."')], "kind": "direct", "source_id": "mayor"}
CRITICS = {"source": [span("Critics")], "cue": [span("warned")],
           "content": [span("that delays would continue.")], "kind": "indirect", "source_id": "critics"}
CARDS = [{"id": "mayor", "name": "the mayor", "kind": "person", "title": None, "role": "mayor"},
         {"id": "critics", "name": "Critics", "kind": "unnamed_group", "role": None}]


def gold(*attributions: dict, **extra) -> dict:
    return {"id": "doc", "text": extra.pop("text", TEXT), "attributions": list(attributions), **extra}


def claim(a: dict, i: int = 0, **changes) -> dict:
    c = {"id": f"c{i}", "kind": a.get("kind", "indirect"), "cue": a["cue"], "content": a["content"],
         "source_mention": a["source"], "source_id": a.get("source_id"), "parent": None,
         "confidence": 0.9, "rule": "test"}
    c.update(changes)
    return c


def gold_as_prediction(record: dict) -> dict:
    """The gold itself in the analysis contract: the prediction that must score 100%."""
    attributions = record["attributions"]
    claims = [claim(a, i, kind=a.get("kind", "indirect"),
                    parent=None if a.get("nested_in") is None else f"c{a['nested_in']}")
              for i, a in enumerate(attributions) if not a.get("non_claim")]
    sources = [{"id": s["id"], "name": s.get("name", ""), "kind": s.get("kind", "person"),
                "title": s.get("title") or "", "role": s.get("role") or "",
                "mentions": [m for a in attributions if a.get("source_id") == s["id"] for m in a["source"]],
                "claim_ids": [c["id"] for c in claims if c["source_id"] == s["id"]]}
               for s in record.get("sources", [])]
    return {"id": record["id"], "claims": claims, "sources": sources, "boilerplate": []}


def rates(report: dict) -> list[float | None]:
    """Every headline rate of a report, to assert "1.0 everywhere" in one line."""
    out = []
    for role in ROLES:
        for mode in ("exact", "begin", "overlap", "soft"):
            out += [report["roles"][role][mode][k] for k in ("precision", "recall", "f1")]
    att = report["attributions"]
    out += [att["found_rate"], att["precision"], att["correctly_sourced_rate"]]
    if "cards" in report:
        out += [report["cards"][k] for k in ("found_rate", "kind_rate", "title_rate", "role_rate", "merged_rate")]
    return out


def role(report: dict, name: str, mode: str) -> tuple[int, int, int]:
    c = report["roles"][name][mode]
    return c["tp"], c["pred"], c["gold"]


# ---------------------------------------------------------------- characters

def test_significant_characters_drop_whitespace_and_punctuation():
    text = '“Yes,” she said: — “no.”'
    assert "".join(text[i] for i in sorted(significant(text, [[0, len(text)]]))) == "Yesshesaidno"
    colon = text.index(":")
    assert significant(text, [[colon, colon + 1]]) == {colon}  # a ":" cue keeps itself
    assert significant(text, [[colon + 1, colon + 2]]) == set()  # whitespace alone is nothing


def test_text_match_for_card_titles_and_roles():
    assert text_match(None, "") and text_match("", "")  # gold null, predicted empty: a match
    assert text_match("IDF Maj.-Gen.", "Maj.-Gen.")
    assert text_match("coordinator of government activities in the territories",
                      "coordinator of government activities")
    assert not text_match("Israeli Prime Minister", "")
    assert not text_match(None, "spokesman")
    assert not text_match("Times of Israel journalist", "Iran specialist")


# ---------------------------------------------------------------- role and attribution level

def test_perfect_prediction_scores_one_everywhere():
    g = gold(MAYOR, CRITICS, sources=CARDS)
    report = score_corpus([(g, gold_as_prediction(g))])
    assert rates(report) == [1.0] * len(rates(report))
    assert report["attributions"]["found"] == 2 and not report["misses"] and not report["false_positives"]


def test_prediction_differing_only_by_quote_marks_and_punctuation_is_exact():
    bare = dict(MAYOR, content=[span("The bridge will reopen on Monday")])
    report = score_corpus([(gold(MAYOR), {"claims": [claim(bare)]})])
    assert role(report, "content", "exact") == (1, 1, 1)
    assert report["roles"]["content"]["soft"]["f1"] == 1.0


def test_shifted_span_overlaps_but_is_not_exact_nor_begin():
    shifted = dict(MAYOR, content=[span("bridge will reopen on Monday.\" Critics")])
    report = score_corpus([(gold(MAYOR), {"claims": [claim(shifted)]})])
    assert role(report, "content", "exact")[0] == 0
    assert role(report, "content", "begin")[0] == 0
    assert role(report, "content", "overlap") == (1, 1, 1)
    soft = report["roles"]["content"]["soft"]
    # gold "TheBridgewillreopenonMonday" (27), predicted adds "Critics" and loses "The"
    assert (soft["common"], soft["gold_chars"], soft["pred_chars"]) == (24, 27, 31)
    assert report["attributions"]["found"] == 1


def test_begin_match_needs_the_same_first_alphanumeric_character():
    short = dict(MAYOR, content=[span('"The bridge will')], source=[span("The mayor said")])
    report = score_corpus([(gold(MAYOR), {"claims": [claim(short)]})])
    # the opening quote is punctuation, so both contents begin at "T"
    assert role(report, "content", "begin") == (1, 1, 1)
    assert role(report, "content", "exact")[0] == 0
    assert role(report, "source", "begin")[0] == 1 and role(report, "source", "exact")[0] == 0


def test_pairing_is_one_to_one_and_largest_overlap_first():
    small = dict(MAYOR, content=[span("Monday")], source=[span("mayor")])
    big = dict(MAYOR, content=[span("The bridge will reopen")], source=[span("The mayor")])
    report = score_corpus([(gold(MAYOR), {"claims": [claim(small, 0), claim(big, 1)]})])
    assert role(report, "content", "overlap") == (1, 2, 1)
    assert report["roles"]["content"]["overlap"]["precision"] == 0.5
    assert role(report, "cue", "exact") == (1, 1, 1)  # the same cue twice is one distinct span
    att = report["attributions"]
    assert (att["found"], att["pred"]) == (1, 2)
    # the bigger overlap took the gold, so the leftover false positive is the small one
    assert [fp["content"] for fp in report["false_positives"]] == ["Monday"]


def test_predictions_inside_boilerplate_are_ignored():
    g = gold(MAYOR, boilerplate_spans=[span("Donate now to support our journalism.")])
    appeal = {"source": [span("our")], "cue": [span("Donate")], "content": [span("support our journalism")]}
    report = score_corpus([(g, {"claims": [claim(MAYOR, 0), claim(appeal, 1)]})])
    assert report["ignored_predictions"] == 1
    assert rates(report) == [1.0] * len(rates(report))


def test_optional_gold_is_neither_a_miss_nor_a_false_positive():
    g = gold(MAYOR, dict(CRITICS, optional=True))
    without = score_corpus([(g, {"claims": [claim(MAYOR)]})])
    with_it = score_corpus([(g, {"claims": [claim(MAYOR, 0), claim(CRITICS, 1)]})])
    for report in (without, with_it):
        assert rates(report) == [1.0] * len(rates(report))
        assert report["attributions"]["gold"] == 1 and report["attributions"]["pred"] == 1
        assert role(report, "content", "exact") == (1, 1, 1)
    assert without["optional"] == 1 and not without["misses"]


def test_non_claim_gold_is_skipped():
    credit = {"source": [span("Critics")], "cue": [], "content": [span("delays would continue")],
              "non_claim": "media_credit"}
    report = score_corpus([(gold(MAYOR, credit), {"claims": [claim(MAYOR)]})])
    assert report["non_claim_skipped"] == 1
    assert rates(report) == [1.0] * len(rates(report))


def test_correctly_sourced_counts_only_gold_with_a_source():
    hedge = {"source": [], "cue": [span("warned")], "content": [span("that delays would continue.")],
             "kind": "hedged"}
    wrong = claim(MAYOR, 0, source_mention=[span("Critics")])
    report = score_corpus([(gold(MAYOR, hedge), {"claims": [wrong, claim(hedge, 1)]})])
    att = report["attributions"]
    assert (att["found"], att["sourced_gold"], att["correctly_sourced"]) == (2, 1, 0)
    assert report["wrong_source"][0]["predicted_source"] == "Critics"
    assert {row["value"]: row["found"] for row in report["by_kind"]} == {"direct": 1, "hedged": 1}


def test_nested_gold_is_its_own_attribution_and_parent_linking_is_reported():
    text = "The Post reported, citing officials, that the crossing is closed."
    outer = {"source": [span("The Post", text)], "cue": [span("reported", text)],
             "content": [span("that the crossing is closed.", text)]}
    inner = dict(outer, source=[span("officials", text)], cue=[span("citing", text)], nested_in=0)
    g = gold(outer, inner, text=text)
    # both share one content: one distinct span at the role level, two attributions to find
    only_outer = score_corpus([(g, {"claims": [claim(outer, 0, content=inner["content"])]})])
    assert role(only_outer, "content", "exact") == (1, 1, 1)
    assert only_outer["attributions"]["found"] == 1 and only_outer["attributions"]["nested_found"] == 0
    # listed in reverse order: the tie on content is broken by the source, not by position
    both = score_corpus([(g, {"claims": [claim(inner, 1, parent="c0"), claim(outer, 0)]})])
    att = both["attributions"]
    assert (att["found"], att["correctly_sourced"], att["nested_found"], att["nested_linked"]) == (2, 2, 1, 1)


def test_recall_by_cue_word_is_lowercased_gold_cue_text():
    according = {"source": [span("Critics")], "cue": [span("The")],  # "The" stands in for a cue
                 "content": [span("delays would continue")]}
    report = score_corpus([(gold(MAYOR, CRITICS, according), {"claims": [claim(MAYOR)]})])
    rows = {row["value"]: (row["gold"], row["found"]) for row in report["by_cue"]}
    assert rows == {"said": (1, 1), "warned": (1, 0), "the": (1, 0)}


def test_micro_average_sums_counts_over_articles():
    g1, g2 = gold(MAYOR), dict(gold(MAYOR, CRITICS), id="doc2")
    report = score_corpus([(g1, {"claims": [claim(MAYOR)]}), (g2, {"claims": [claim(MAYOR)]})])
    assert report["articles"] == 2
    assert report["attributions"]["found_rate"] == pytest.approx(2 / 3)  # not the mean of 1 and 1/2
    assert role(report, "source", "exact") == (2, 2, 3)


# ---------------------------------------------------------------- source cards

def test_source_cards_kind_title_role_and_merging():
    again = {"source": [span("mayor", nth=0)], "cue": [span("warned")],
             "content": [span("that delays would continue.")], "source_id": "mayor"}
    g = gold(MAYOR, again, sources=[dict(CARDS[0], title="Mayor")])
    # the engine split the mayor into two cards; the first (the larger overlap) is the match
    pred = {"claims": [claim(MAYOR, 0, source_id="s1"), claim(again, 1, source_id="s2")],
            "sources": [{"id": "s1", "kind": "organization", "title": "mayor", "role": "",
                         "mentions": [span("The mayor")]},
                        {"id": "s2", "kind": "person", "title": "", "role": "", "mentions": [span("mayor")]}]}
    cards = score_corpus([(g, pred)])["cards"]
    assert cards == {**cards, "gold": 1, "found": 1, "kind": 0, "title": 1, "role": 0, "merged": 0}
    pred["claims"][1]["source_id"] = "s1"
    pred["sources"][0].update(kind="person", role="Mayor")
    cards = score_corpus([(g, pred)])["cards"]
    assert (cards["kind"], cards["role"], cards["merged"]) == (1, 1, 1)


def test_optional_card_is_not_counted_and_missing_card_is_not_found():
    cards = [CARDS[0], dict(CARDS[1], optional=True)]
    report = score_corpus([(gold(MAYOR, CRITICS, sources=cards), {"claims": [], "sources": []})])
    assert (report["cards"]["gold"], report["cards"]["found"]) == (1, 0)
    assert report["cards"]["kind_rate"] is None  # nothing found: no rate, not a zero


# ---------------------------------------------------------------- the real gold files

@pytest.mark.parametrize("name", ["gum-news.jsonl", "seed-article.jsonl"])
def test_gold_scores_100_against_itself(shared_dir: Path, name: str):
    records = [json.loads(line) for line in (shared_dir / "eval" / name).read_text(encoding="utf-8").splitlines()
               if line.strip()]
    report = score_corpus((r, gold_as_prediction(r)) for r in records)
    assert rates(report) == [1.0] * len(rates(report))
    assert report["attributions"]["gold"] > 0
    assert not report["misses"] and not report["false_positives"] and not report["wrong_source"]


# ---------------------------------------------------------------- the command

def write_jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_cli_eval_with_saved_predictions(tmp_path: Path, capsys):
    g = gold(MAYOR, CRITICS, sources=CARDS)
    gold_file = write_jsonl(tmp_path / "gold.jsonl", g)
    pred = gold_as_prediction(g)
    pred["claims"] = pred["claims"][:1]
    pred_file = write_jsonl(tmp_path / "pred.jsonl", pred)

    assert main(["eval", str(gold_file), "--pred", str(pred_file), "--show", "5"]) == 0
    out = capsys.readouterr().out
    assert "attribution level" in out and "source cards" in out and "recall by gold cue word" in out
    assert "missed gold" in out and "that delays would continue." in out

    assert main(["eval", str(gold_file), "--pred", str(pred_file), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["attributions"]["found"] == 1 and report["attributions"]["found_rate"] == 0.5
    assert report["misses"] == []  # --show 0: counts only


def test_cli_eval_user_mistakes_are_one_line(tmp_path: Path, capsys):
    gold_file = write_jsonl(tmp_path / "gold.jsonl", gold(MAYOR))
    other = write_jsonl(tmp_path / "pred.jsonl", {"id": "another", "claims": [], "sources": []})
    assert main(["eval", str(gold_file), "--pred", str(other)]) == 1
    assert "no prediction for 1 gold article" in capsys.readouterr().err
    assert main(["eval", str(tmp_path / "missing.jsonl")]) == 1
    assert "No such file" in capsys.readouterr().err
    bad = write_jsonl(tmp_path / "bad.jsonl", gold(dict(MAYOR, content=[[0, 10_000]])))
    assert main(["eval", str(bad), "--pred", str(other)]) == 1
    assert "bad content spans" in capsys.readouterr().err


def test_cli_eval_runs_the_engine_without_pred(tmp_path: Path, capsys):
    gold_file = write_jsonl(tmp_path / "gold.jsonl", gold(MAYOR, CRITICS))
    assert main(["eval", str(gold_file), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["articles"] == 1 and report["attributions"]["gold"] == 2
