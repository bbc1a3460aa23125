"""The reader's corrections applied on top of real analyses by the real engine."""

from __future__ import annotations

import json

from reader.analysis.types import contract_problems
from reader.corrections import (
    CORRECTED_KEY,
    Anchor,
    CardSpec,
    Correction,
    add_claim,
    apply,
    change_kind,
    change_source,
    corrected_ids,
    edit_card,
    edit_span,
    merge_cards,
    not_a_claim,
    split_mentions,
)
from reader.corrections.model import READER_ID_PREFIX


def _sound(article, doc) -> None:  # noqa: ANN001
    assert contract_problems(doc, len(article.text)) == []


# anchors -------------------------------------------------------------------------------------
def test_anchor_found_where_it_was_and_after_the_text_moved() -> None:
    text = "The minister said the plan works. Later the minister said the plan works again."
    second = text.rindex("the plan works")
    anchor = Anchor.at(text, second, second + len("the plan works"))
    assert anchor.find(text) == (second, second + 14)
    moved = "A new first paragraph.\n" + text
    # two occurrences: the context picks the second one, not the first
    assert anchor.find(moved) == (second + 23, second + 23 + 14)


def test_anchor_of_deleted_text_is_not_found() -> None:
    anchor = Anchor.at("Alpha said beta.", 11, 15)
    assert anchor.find("Alpha said gamma.") is None


# each kind -----------------------------------------------------------------------------------
def test_not_a_claim_removes_the_claim_its_card_link_and_empty_card(article) -> None:  # noqa: ANN001
    bridges = article.claim("two bridges")
    courier = article.card("The Daily Courier")
    doc, unapplied = apply(article.doc, [not_a_claim(article.text, bridges)], article.text)
    assert unapplied == []
    assert all("two bridges" not in article.text[c["content"][0][0]:c["content"][0][1]] for c in doc["claims"])
    assert courier["id"] not in {s["id"] for s in doc["sources"]}  # its only claim is gone
    assert doc[CORRECTED_KEY] == 1
    assert article.doc["claims"] != doc["claims"]  # the engine's analysis is not changed
    assert any(c["id"] == bridges["id"] for c in article.doc["claims"])
    _sound(article, doc)


def test_rejecting_a_parent_unlinks_its_nested_claims(article) -> None:  # noqa: ANN001
    outer = article.claim('"We expect the schools to stay open,"')
    inner = [c for c in article.doc["claims"] if c.get("parent") == outer["id"]]
    assert inner, "the engine nests the belief inside the quote"
    doc, _ = apply(article.doc, [not_a_claim(article.text, outer)], article.text)
    assert outer["id"] not in {c["id"] for c in doc["claims"]}
    assert all(c["parent"] is None for c in doc["claims"] if c["id"] == inner[0]["id"])
    _sound(article, doc)


def test_change_source_to_another_card(article) -> None:  # noqa: ANN001
    rain = article.claim("Heavy rain")
    lopez = article.card("Maria Lopez")
    doc, _ = apply(article.doc, [change_source(article.text, rain, lopez)], article.text)
    moved = article.claim("Heavy rain", doc)
    assert moved["source_id"] == lopez["id"] and moved[CORRECTED_KEY]
    assert moved["id"] in article.card("Maria Lopez", doc)["claim_ids"]
    assert "the national weather agency" not in {s["name"] for s in doc["sources"]}
    _sound(article, doc)


def test_change_source_to_a_new_card_finds_its_name_near_the_claim(article) -> None:  # noqa: ANN001
    rain = article.claim("Heavy rain")
    c = change_source(article.text, rain, new_card=CardSpec("National Weather Agency", "government"))
    doc, _ = apply(article.doc, [c], article.text)
    card = next(s for s in doc["sources"] if s["id"] == c.reader_id)
    claim = article.claim("Heavy rain", doc)
    assert claim["source_id"] == card["id"] and card["claim_ids"] == [claim["id"]]
    assert [article.text[s:e] for s, e in claim["source_mention"]] == ["national weather agency"]
    _sound(article, doc)


def test_change_source_to_unsourced(article) -> None:  # noqa: ANN001
    buses = article.claim("buses would run")
    doc, _ = apply(article.doc, [change_source(article.text, buses)], article.text)
    claim = article.claim("buses would run", doc)
    assert claim["source_id"] is None and claim["source_mention"] == []
    assert claim["id"] not in article.card("Maria Lopez", doc)["claim_ids"]
    _sound(article, doc)


def test_change_kind_and_class(article) -> None:  # noqa: ANN001
    bridges = article.claim("two bridges")
    doc, _ = apply(article.doc, [change_kind(article.text, bridges, "direct", "evidence")], article.text)
    claim = article.claim("two bridges", doc)
    assert (claim["kind"], claim["cue_class"]) == ("direct", "evidence")
    hedge, _ = apply(article.doc, [change_kind(article.text, bridges, "hedged")], article.text)
    assert article.claim("two bridges", hedge)["source_id"] is None  # the contract: hedges have no source
    _sound(article, hedge)


def test_edit_span(article) -> None:  # noqa: ANN001
    buses = article.claim("buses would run")
    doc, _ = apply(article.doc, [edit_span(article.text, buses, *article.span("buses would run"))], article.text)
    assert article.text.__getitem__(slice(*article.claim("buses would run", doc)["content"][0])) == "buses would run"


def test_add_claim_on_a_selection_with_a_new_card_and_unsourced(article) -> None:  # noqa: ANN001
    start, end = article.span("the worst for the harvest this year")
    cue = article.span("fear")
    c = add_claim(article.text, start, end, new_card=CardSpec("Farmers", "unnamed_group"), cue=cue)
    doc, _ = apply(article.doc, [c], article.text)
    claim = next(x for x in doc["claims"] if x["id"] == c.reader_id)
    assert claim["id"].startswith(READER_ID_PREFIX)
    assert (claim["content"], claim["cue"], claim["kind"]) == ([[start, end]], [list(cue)], "indirect")
    assert [article.text[s:e] for s, e in claim["source_mention"]] == ["Farmers"]
    assert next(s for s in doc["sources"] if s["id"] == c.reader_id)["claim_ids"] == [c.reader_id]
    _sound(article, doc)
    loose, _ = apply(article.doc, [add_claim(article.text, start, end)], article.text)
    added = article.claim("the worst for the harvest", loose)
    assert added["source_id"] is None and added["kind"] == "hedged"
    _sound(article, loose)


def test_edit_merge_and_split_cards(article) -> None:  # noqa: ANN001
    lopez, courier = article.card("Maria Lopez"), article.card("The Daily Courier")
    edited, _ = apply(article.doc, [edit_card(article.text, courier, kind="media", name="Daily Courier",
                                              affiliation="Courier Group")], article.text)
    card = next(s for s in edited["sources"] if s["id"] == courier["id"])
    assert (card["name"], card["affiliation"], card[CORRECTED_KEY]) == ("Daily Courier", "Courier Group", True)

    merged, _ = apply(article.doc, [merge_cards(article.text, courier, lopez)], article.text)
    assert courier["id"] not in {s["id"] for s in merged["sources"]}
    assert article.claim("two bridges", merged)["source_id"] == lopez["id"]
    assert set(courier["claim_ids"]) <= set(article.card("Maria Lopez", merged)["claim_ids"])
    _sound(article, merged)

    lone = article.span("Lopez added")
    lone = (lone[0], lone[0] + len("Lopez"))
    s = split_mentions(article.text, lopez, [lone], CardSpec("Another Lopez"))
    split, unapplied = apply(article.doc, [s], article.text)
    assert unapplied == []
    new = next(x for x in split["sources"] if x["id"] == s.reader_id)
    assert new["mentions"] == [list(lone)]
    assert article.claim("buses would run", split)["source_id"] == new["id"]
    assert article.claim("two bridges", split)["source_id"] == courier["id"]
    assert lone not in {tuple(m) for m in article.card("Maria Lopez", split)["mentions"]}
    _sound(article, split)


# across re-analysis, order, and what no longer applies ---------------------------------------
def test_corrections_survive_a_reanalysis_of_moved_text(article, analyse) -> None:  # noqa: ANN001
    text = article.text
    corrections = [
        not_a_claim(text, article.claim("two bridges")),
        change_source(text, article.claim("Heavy rain"), new_card=CardSpec("National Weather Agency", "government")),
        add_claim(text, *article.span("the worst for the harvest this year"), card=article.card("Maria Lopez")),
    ]
    later = analyse("Updated at 9:00. A storm warning is in force.\n" + text)  # every offset moved
    doc, unapplied = apply(later.doc, corrections, later.text)
    assert unapplied == []
    assert all("two bridges" not in later.text[s:e] for c in doc["claims"] for s, e in c["content"])
    rain = later.claim("Heavy rain", doc)
    assert rain["source_id"] == corrections[1].reader_id
    added = later.claim("the worst for the harvest", doc)
    assert added["source_id"] == later.card("Maria Lopez", doc)["id"]
    assert later.text[slice(*added["content"][0])] == "the worst for the harvest this year"
    assert corrected_ids(doc)[0] == {rain["id"], added["id"]}
    _sound(later, doc)


def test_an_edit_that_no_longer_applies_is_listed_and_the_rest_apply(article, analyse) -> None:  # noqa: ANN001
    text = article.text
    gone = not_a_claim(text, article.claim("two bridges"))
    kept = not_a_claim(text, article.claim("buses would run"))
    later = analyse(text.replace("The Daily Courier reported that two bridges had been closed overnight.\n", ""))
    doc, unapplied = apply(later.doc, [gone, kept], later.text)
    assert [u.correction.uid for u in unapplied] == [gone.uid]
    assert "no longer in the article" in unapplied[0].reason and unapplied[0].reason.endswith(".")
    assert all("buses" not in later.text[s:e] for c in doc["claims"] for s, e in c["content"])


def test_later_corrections_build_on_cards_the_reader_created(article) -> None:  # noqa: ANN001
    first = add_claim(article.text, *article.span("the worst for the harvest"), new_card=CardSpec("Farmers"))
    doc, _ = apply(article.doc, [first], article.text)
    card = next(s for s in doc["sources"] if s["id"] == first.reader_id)
    second = edit_card(article.text, card, kind="unnamed_group", role="growers in the valley")
    third = not_a_claim(article.text, next(c for c in doc["claims"] if c["id"] == first.reader_id))
    doc2, unapplied = apply(article.doc, [first, second], article.text)
    assert unapplied == []
    assert next(s for s in doc2["sources"] if s["id"] == first.reader_id)["role"] == "growers in the valley"
    doc3, _ = apply(article.doc, [first, second, third], article.text)
    assert first.reader_id not in {c["id"] for c in doc3["claims"]}
    assert first.reader_id not in {s["id"] for s in doc3["sources"]}


def test_stored_form_round_trips_through_json(article) -> None:  # noqa: ANN001
    corrections = [
        split_mentions(article.text, article.card("Maria Lopez"), [article.span("Lopez added")], CardSpec("X")),
        change_kind(article.text, article.claim("two bridges"), cue_class="evidence"),
        merge_cards(article.text, article.card("The Daily Courier"), article.card("Maria Lopez")),
    ]
    again = [Correction.from_dict(json.loads(json.dumps(c.to_dict()))) for c in corrections]
    assert again == corrections
    assert apply(article.doc, again, article.text) == apply(article.doc, corrections, article.text)


def test_a_damaged_stored_edit_is_listed_not_raised(article) -> None:  # noqa: ANN001
    odd = Correction("edit_span", claim=Anchor.at(article.text, *article.span("two bridges")))  # no span
    doc, unapplied = apply(article.doc, [odd], article.text)
    assert [u.correction for u in unapplied] == [odd]
    assert doc["claims"] == article.doc["claims"]


def test_a_correction_that_breaks_halfway_changes_nothing(article) -> None:  # noqa: ANN001
    good = not_a_claim(article.text, article.claim("buses would run"))
    # a new card whose name is no text fails only once the claim and the card were added
    odd = add_claim(article.text, *article.span("the worst for the harvest"), new_card=CardSpec(123))  # type: ignore[arg-type]
    doc, unapplied = apply(article.doc, [odd, good], article.text)
    assert [u.correction.uid for u in unapplied] == [odd.uid]
    assert unapplied[0].reason.startswith("This correction could not be read")
    alone, _ = apply(article.doc, [good], article.text)
    assert doc == alone
