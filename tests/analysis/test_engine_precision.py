"""Look-alikes that are not attributions under the guide (../shared/eval/ATTRIBUTION-GUIDE.md),
each with sentences of our own, beside the attributions they resemble, which still count:

* a speech verb whose noun-phrase object only names the act or its topic ("denied the
  reports", "announced a review") attributes no content; a gerund, a noun with its own clause
  or a colon after the object does ("denied taking", "disputed the idea that", "denied the
  claims: …"); a document's object is its finding ("the poll suggested a closer race");
* "in order to" is a purpose, not an order; "to the point that" a degree, not content;
* an event holds no intention or decree ("Winning the contract required the firm to …");
* a participle describing a noun takes no clause before it ("a habitat characterised by …");
* a finite verb with no subject, complementizer or quotation is no clause said ("pointed to
  the table with soup served with bread": a participle the parser took for a complement);
* a cue and the participle under it that read the same quotation ("admitted …, writing in a
  letter “…”") give one claim, the participle's;
* "call X home" is an idiom of place; "the next thing she knew" one of sudden change;
* being critical of something is a stance of opposition, which the guide counts as intention.
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "The ministry denied the reports about the mine.",
    "The board confirmed the appointment of a new treasurer.",
    "The mayor announced a review of the tram network.",
    "The union revealed the names of the three managers.",
    "The council raised its fees in order to fund the library.",
    "The council cut the grant in order that the pool could stay open.",
    "Winning the contract required the firm to hire forty engineers.",
    "Keeping the orchard open requires the family to borrow money.",
    "The marsh is a habitat characterised by shallow pools and reeds.",
    "The old ferry will soon call the harbour museum home.",
    "The next thing the driver knew, the bus was in the river.",
    "She pointed to the table with cakes served on silver plates.",
    "The next thing she knows she is in a cell for the night.",
])
def test_look_alikes_are_no_claims(analyze, text):
    r = analyze(text)
    assert r.analysis.claims == [], r.describe()


def test_a_degree_clause_is_not_what_was_complained_of(analyze):
    r = analyze("Residents complained to the council about the noise to the point that they could not sleep.")
    assert not r.has_claim("that they could not sleep"), r.describe()


@pytest.mark.parametrize("text, content, cls, source", [
    ("The treasurer denied taking the money.", "taking the money", "speech", "treasurer"),
    ("The ministry disputed the claim that the mine was unsafe.", "the claim that the mine was unsafe", "speech",
     "ministry"),
    ("The judge rejected a request to delay the hearing.", "a request to delay the hearing", "speech", "judge"),
    ("A survey of tenants suggested a sharp rise in rents.", "a sharp rise in rents", "evidence", "survey"),
    ("The board requires members to declare their shares.", "to declare their shares", "decree", "board"),
    ("The mayor argued in a post that the plan would fail.", "that the plan would fail", "speech", "mayor"),
])
def test_the_attributions_they_resemble_still_count(analyze, text, content, cls, source):
    r = analyze(text)
    claim = r.claim(content)
    assert r.spans(claim.content) == content, r.describe()
    assert claim.cue_class == cls, r.describe()
    assert source in r.spans(claim.source_mention), r.describe()


@pytest.mark.parametrize("text, content, source", [
    ("The ministry denied these claims: the mine had never been closed.", "the mine had never been closed",
     "ministry"),
    ("The coach confirmed the news: he was staying at the club.", "he was staying at the club", "coach"),
])
def test_a_colon_after_the_object_introduces_the_content(analyze, text, content, source):
    r = analyze(text)
    claim = r.claim(content)
    assert r.spans(claim.content) == content, r.describe()
    assert source in r.spans(claim.source_mention), r.describe()


def test_being_critical_of_something_is_opposition(analyze):
    r = analyze("Several residents were critical of the new parking rules.")
    claim = r.claim("the new parking rules")
    assert claim.cue_class == "intention", r.describe()
    assert r.spans(claim.source_mention) == "Several residents"


def test_knowing_a_fact_is_still_a_belief(analyze):
    r = analyze("The next day she knew the bus was late.")
    assert r.claim("the bus was late").cue_class == "belief", r.describe()


@pytest.mark.parametrize("text, cue", [
    ('One tenant admitted to joining the protest, writing in a letter "I have myself chained the gate shut."',
     "writing in a letter"),
    ('The club responded on Monday, saying "We will appeal the decision."', "saying"),
])
def test_a_quotation_read_by_a_cue_and_its_participle_is_one_claim(analyze, text, cue):
    r = analyze(text)
    assert len(r.analysis.claims) == 1, r.describe()
    assert r.spans(r.analysis.claims[0].cue) == cue, r.describe()
