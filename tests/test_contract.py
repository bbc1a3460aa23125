"""The contract checker itself: it must catch every kind of broken analysis it claims to."""

import copy

import pytest

from reader.analysis.types import Analysis, Claim, Source, contract_problems

TEXT = 'The mayor said that the bridge would reopen. "Soon," she added. It reportedly cost $2m.'


def good() -> dict:
    a = Analysis(
        claims=[
            Claim("c1", "indirect", cue=[(10, 14)], content=[(20, 43)], source_mention=[(0, 9)],
                  source_id="s1", confidence=0.9, rule="subject-cue-complement"),
            Claim("c2", "direct", cue=[(56, 61)], content=[(46, 50)], source_mention=[(52, 55)],
                  source_id="s1", parent=None, confidence=0.8, rule="quote-cue"),
            Claim("c3", "hedged", cue=[(67, 77)], content=[(64, 66), (78, 86)], confidence=0.5,
                  rule="hedge-adverb", cue_class="hedge"),
        ],
        sources=[Source("s1", "mayor", "person", mentions=[(0, 9), (52, 55)], claim_ids=["c1", "c2"])],
        boilerplate=[],
    )
    return a.to_dict("doc")


def test_a_valid_analysis_has_no_problems():
    assert contract_problems(good(), len(TEXT)) == []


def test_round_trip_through_dicts_is_lossless():
    d = good()
    assert Analysis.from_dict(d).to_dict("doc") == d


@pytest.mark.parametrize(
    "break_it, expected",
    [
        (lambda d: d["claims"][0].update(cue=[]), "bad or empty cue"),
        (lambda d: d["claims"][0].update(content=[[20, 999]]), "bad or empty content"),
        (lambda d: d["claims"][0].update(content=[[30, 20]]), "bad or empty content"),
        (lambda d: d["claims"][0].update(source_mention=[[-1, 3]]), "bad source_mention"),
        (lambda d: d["claims"][0].update(source_id="s9"), "not in sources"),
        (lambda d: d["claims"][1].update(parent="c7"), "not a claim"),
        (lambda d: d["claims"][2].update(source_id="s1"), "hedged claim has no source"),
        (lambda d: d["claims"][0].update(kind="gossip"), "unknown kind"),
        (lambda d: d["claims"][0].update(confidence=1.5), "confidence"),
        (lambda d: d["claims"][0].update(rule=""), "no rule"),
        (lambda d: d["sources"][0].update(kind="alien"), "unknown kind"),
        (lambda d: d["sources"][0].update(mentions=[[0, 200]]), "bad mentions"),
        (lambda d: d["sources"][0].update(claim_ids=["c1", "c5"]), "claim c5 missing"),
        (lambda d: d["claims"].append(copy.deepcopy(d["claims"][0])), "not unique"),
        (lambda d: d.update(boilerplate=[[5]]), "boilerplate"),
    ],
)
def test_each_broken_rule_is_reported(break_it, expected):
    d = good()
    break_it(d)
    problems = contract_problems(d, len(TEXT))
    assert any(expected in p for p in problems), problems
