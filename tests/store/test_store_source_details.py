"""One source as the source book shows it when selected (`Library.source_details`): its articles,
most recently opened first, and its claims from the claims table grouped by those articles, each
in words with its verb."""

from __future__ import annotations

from store_samples import TEXT, add_article

YOAV, REUTERS = "person:yoav mordechai", "media:reuters"


def test_claims_are_grouped_by_article_newest_first_with_their_verbs(library):
    add_article(library, "a1", title="First")
    add_article(library, "a2", title="Second", text=TEXT + " More.")  # opened after a1
    details = library.source_details(YOAV)
    assert [a.article_id for a in details.appearances] == ["a2", "a1"]
    assert [(g.article_id, g.article_title) for g in details.claims] == [("a2", "Second"), ("a1", "First")]
    claim = details.claims[0].claims[0]
    assert (claim.claim_id, claim.line) == ("c1", "Yoav Mordechai said: “the crossing would reopen on Sunday.”")
    assert claim.line[slice(*claim.verb)] == "said" and claim.position == 0
    assert details.claim_count == 2


def test_an_according_to_claim_reads_in_words(library):
    add_article(library, "a1")
    (group,) = library.source_details(REUTERS).claims
    (claim,) = group.claims
    assert claim.line == "According to Reuters: “Officials familiar with the talks denied it”"
    assert claim.line[slice(*claim.verb)] == "According to" and claim.kind == "according_to"


def test_a_source_without_claims_or_unknown_has_none(library):
    add_article(library, "a1")
    library.save_note("a9", "s1", "Jane Roe", "person", "a note, no analysis")
    jane = library.source_details("person:jane roe")
    assert [a.article_id for a in jane.appearances] == ["a9"] and jane.claims == []
    nobody = library.source_details("person:nobody")
    assert (nobody.appearances, nobody.claims, nobody.claim_count) == ([], [], 0)
