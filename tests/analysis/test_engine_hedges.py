"""Hedged, unsourced claims: kind "hedged", no source mention, no card."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, words, cue", [
    ("The shipping companies reportedly agreed to the request.", "agreed to the request", "reportedly"),
    ("The suspect allegedly fired three shots.", "fired three shots", "allegedly"),
    ("The group is believed to have thousands of fighters.", "to have thousands", "is believed"),
    ("The painting is said to be worth millions.", "to be worth millions", "is said"),
    ("It is understood that the talks will resume on Friday.", "talks will resume", "is understood"),
    ("It was announced that the factory would close.", "factory would close", "was announced"),
    ("According to reports, the minister will resign.", "minister will resign", "According to"),
])
def test_hedged_claims_have_no_source(analyze, text, words, cue):
    r = analyze(text)
    claim = r.claim(words)
    assert claim.kind == "hedged" and claim.cue_class == "hedge"
    assert claim.source_mention == [] and claim.source_id is None
    assert cue in r.spans(claim.cue)
    assert r.analysis.sources == []


def test_hedge_content_excludes_the_hedge_word(analyze):
    r = analyze("Egypt reportedly views the agreement gravely.")
    assert r.spans(r.claim("views").content) == "Egypt | views the agreement gravely"


def test_a_sourced_report_is_not_hedged(analyze):
    r = analyze("It was announced by the ministry that the factory would close.")
    assert r.claim("factory would close").kind == "indirect"
    assert "ministry" in r.speaker("factory would close").lower()
