"""The sourcing profile against counts made by hand: a tiny article, the seed article's and a
newsroom article's gold annotations, and the sample article as the engine analyses it."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from reader.analysis.profile import profile_sentences, sourcing_profile
from reader.analysis.types import Analysis, Claim, Source, contract_problems

TEXT = 'The mayor said that the bridge would reopen. "Soon," she added. It reportedly cost $2m.'


def counts(breakdown: dict) -> dict[str, int]:
    """The non-zero counts of one dimension."""
    return {name: entry["count"] for name, entry in breakdown.items() if entry["count"]}


def gold_as_contract(record: dict) -> dict:
    """An annotated article of ../shared/eval as an analysis in contract JSON: the gold is what
    a perfect engine would say, so its profile can be counted by hand from the file."""
    claims = [
        Claim(f"c{i}", a["kind"], cue=a["cue"], content=a["content"], source_mention=a["source"],
              source_id=a.get("source_id"),
              parent=None if a.get("nested_in") is None else f"c{a['nested_in']}",
              confidence=1.0, rule="gold", cue_class=a.get("cue_class", "speech"))
        for i, a in enumerate(record["attributions"])
    ]
    sources = [Source(s["id"], s["name"], s["kind"],
                      claim_ids=[c.id for c in claims if c.source_id == s["id"]])
               for s in record.get("sources", [])]
    return Analysis(claims=claims, sources=sources).to_dict(record["id"])


def eval_record(shared_dir, name: str, record_id: str) -> dict:
    with (shared_dir / "eval" / name).open(encoding="utf-8") as lines:
        return next(r for r in map(json.loads, lines) if r["id"] == record_id)


def test_a_three_claim_article():
    doc = Analysis(
        claims=[
            Claim("c1", "indirect", [(10, 14)], [(20, 43)], [(0, 9)], "s1", rule="r"),
            Claim("c2", "direct", [(56, 61)], [(46, 50)], [(52, 55)], "s1", rule="r"),
            Claim("c3", "hedged", [(67, 77)], [(78, 86)], rule="r", cue_class="hedge"),
        ],
        sources=[Source("s1", "The mayor", "person", claim_ids=["c1", "c2"])],
    ).to_dict("doc")
    profile = sourcing_profile(doc)
    assert profile["claims"] == 3
    assert counts(profile["by_source_kind"]) == {"person": 2, "unsourced": 1}
    assert profile["by_source_kind"]["person"]["share"] == 0.667
    assert profile["by_source_kind"]["anonymous"] == {"count": 0, "share": 0.0}  # every kind is there
    assert counts(profile["by_claim_kind"]) == {"indirect": 1, "direct": 1, "hedged": 1}
    assert counts(profile["by_cue_class"]) == {"speech": 2, "hedge": 1}
    assert (profile["sources"], profile["named_sources"], profile["anonymous_sources"]) == (1, 1, 0)
    assert profile["top_source"] == {"source_id": "s1", "name": "The mayor", "claims": 2, "share": 0.667}
    assert profile["relayed_outlets"] == []
    assert profile_sentences(profile) == [
        "0 of 1 source is anonymous or unnamed.",
        "1 claim is hedged with no source.",
        "1 of 3 claims is a direct quote.",
    ]


def test_an_article_without_claims():
    profile = sourcing_profile(Analysis().to_dict("empty"))
    assert profile["claims"] == 0 and profile["top_source"] is None
    assert all(e == {"count": 0, "share": 0.0} for e in profile["by_claim_kind"].values())
    assert profile_sentences(profile) == ["No attributed claims were found."]


def test_the_seed_article(shared_dir):
    doc = gold_as_contract(eval_record(shared_dir, "seed-article.jsonl", "seed-isis-hamas-gaza"))
    profile = sourcing_profile(doc)
    # Counted from the 21 gold attributions: Mordechai 3, Issacharoff 3, Feferman 2,
    # Netanyahu 1, Agassi 1 (people: 10); the Jerusalem Post 2 and Ynet 1 (media: 3); Israeli
    # and Egyptian authorities (unnamed groups: 2); "sources familiar" and an Israeli general
    # (anonymous: 2); ISIS-Sinai Province (organisation: 1); 3 hedges with no source.
    assert profile["claims"] == 21
    assert counts(profile["by_source_kind"]) == {
        "person": 10, "media": 3, "organization": 1, "unnamed_group": 2, "anonymous": 2, "unsourced": 3}
    assert counts(profile["by_claim_kind"]) == {
        "direct": 4, "indirect": 10, "mixed": 2, "according_to": 2, "hedged": 3}
    assert profile["by_claim_kind"]["indirect"]["share"] == round(10 / 21, 3)
    assert (profile["sources"], profile["named_sources"], profile["anonymous_sources"]) == (12, 8, 4)
    # Mordechai and Issacharoff tie with 3; Mordechai comes first in the article
    assert profile["top_source"] == {"source_id": "yoav-mordechai", "name": "Yoav Mordechai",
                                     "claims": 3, "share": 0.143}
    # the Post relays Israeli authorities (nested in c0) and the sources familiar (in c5)
    assert profile["relayed_outlets"] == [{"source_id": "jerusalem-post", "name": "The Jerusalem Post",
                                           "claims": 2, "claim_ids": ["c1", "c6"]}]
    assert profile_sentences(profile) == [
        "4 of 12 sources are anonymous or unnamed.",
        "3 claims are hedged with no source.",
        "4 of 21 claims are direct quotes.",
        "One source, Yoav Mordechai, carries 14 % of the claims.",
        "The Jerusalem Post relays 2 claims from other sources.",
    ]
    doc["profile"] = profile
    assert contract_problems(doc, len(eval_record(shared_dir, "seed-article.jsonl",
                                                  "seed-isis-hamas-gaza")["text"])) == []


def test_a_newsroom_article_by_cue_class(shared_dir):
    doc = gold_as_contract(eval_record(shared_dir, "newsroom-dev.jsonl", "newsroom-a-02-court"))
    profile = sourcing_profile(doc)
    # Counted from its 30 gold attributions (no source cards there: every claim is unsourced).
    assert profile["claims"] == 30
    assert counts(profile["by_claim_kind"]) == {
        "indirect": 21, "direct": 3, "mixed": 3, "hedged": 1, "according_to": 2}
    # decree and perception are guide classes the engine's list may not have yet: still counted
    assert counts(profile["by_cue_class"]) == {
        "speech": 16, "intention": 4, "evidence": 4, "belief": 2, "perception": 2, "decree": 1, "hedge": 1}
    assert profile["by_cue_class"]["speech"]["share"] == 0.533
    assert counts(profile["by_source_kind"]) == {"unsourced": 30}


def test_the_sample_article_as_analysed(engine, sample_text):
    doc = engine.analyze(sample_text).to_dict("sample")
    profile = sourcing_profile(doc)
    doc["profile"] = profile
    assert contract_problems(doc, len(sample_text)) == []
    # the same figures counted straight from the claims and sources
    kind_of = {s["id"]: s["kind"] for s in doc["sources"]}
    by_kind = Counter(kind_of.get(c["source_id"], "unsourced") for c in doc["claims"])
    assert counts(profile["by_source_kind"]) == dict(by_kind)
    assert counts(profile["by_claim_kind"]) == dict(Counter(c["kind"] for c in doc["claims"]))
    carried = Counter(c["source_id"] for c in doc["claims"] if c["source_id"])
    assert profile["top_source"]["claims"] == max(carried.values())
    # stable facts of the article we wrote: Okafor is quoted most; the Times relays officials
    assert profile["top_source"]["name"] == "Maria Okafor"
    assert [o["name"] for o in profile["relayed_outlets"]] == ["The Times"]
    assert profile["anonymous_sources"] >= 2  # "A senior official" and "officials"
    assert profile["by_source_kind"]["unsourced"]["count"] >= 2  # "reportedly", "is believed"


@pytest.mark.parametrize("break_it, expected", [
    (lambda p: p.update(claims=4), "profile: claims"),
    (lambda p: p["by_claim_kind"]["direct"].update(count=2), "profile: by_claim_kind"),
    (lambda p: p.update(top_source=None), "profile: top_source"),
    (lambda p: p.update(relayed_outlets=[{"source_id": "s1"}]), "profile: relayed_outlets"),
])
def test_the_contract_checker_catches_a_profile_that_disagrees(break_it, expected):
    doc = Analysis(
        claims=[Claim("c1", "direct", [(10, 14)], [(20, 43)], [(0, 9)], "s1", rule="r")],
        sources=[Source("s1", "The mayor", "person", claim_ids=["c1"])],
    ).to_dict("doc")
    doc["profile"] = sourcing_profile(doc)
    assert contract_problems(doc, len(TEXT)) == []
    break_it(doc["profile"])
    assert any(expected in p for p in contract_problems(doc, len(TEXT)))
