"""Frames and cue classes of the lexicon (data/cues.tsv), each with sentences of our own:
the content sits where the frame says, the class is the guide's, the source is the holder."""

from __future__ import annotations

import pytest

from reader.analysis.lexicon import parse_cue


@pytest.mark.parametrize("text, content, cls, source", [
    # ccomp — a clause, complementizer included
    ("The ferry operator warned that night crossings would stop.", "that night crossings would stop", "speech",
     "ferry operator"),
    ("Economists expect wages to rise next spring.", "wages to rise next spring", "belief", "Economists"),
    ("The inspectors noticed that the seals were broken.", "that the seals were broken", "perception",
     "inspectors"),
    ("The tribunal ruled that the dismissal was unfair.", "that the dismissal was unfair", "decree", "tribunal"),
    # xcomp — an infinitive or gerund
    ("The rowing club plans to sell its boathouse.", "to sell its boathouse", "intention", "rowing club"),
    ("The landlord declined to comment on the rent rise.", "to comment on the rent rise", "intention", "landlord"),
    ("The harbour board ordered the ferry company to suspend night crossings.", "to suspend night crossings",
     "decree", "harbour board"),
    ("The treasurer denied moving the money.", "moving the money", "speech", "treasurer"),
    ("The tenants asked to see the contract.", "to see the contract", "intention", "tenants"),
    # dobj — a noun-phrase object
    ("The farmers' union opposes the new quota.", "the new quota", "intention", "farmers' union"),
    ("A survey of growers shows a sharp fall in yields.", "a sharp fall in yields", "evidence", "survey"),
    ("Local shopkeepers support the plan.", "the plan", "intention", "shopkeepers"),
    # pobj — the particle's object
    ("Parents have called for an inquiry into the closures.", "an inquiry into the closures", "intention", "Parents"),
    ("Orchard owners worried about the late frost.", "the late frost", "belief", "Orchard owners"),
    # obj_pred, obj_prep
    ("The councillor called the ruling absurd.", "the ruling absurd", "speech", "councillor"),
    ("The auditor accused the board of hiding the figures.", "the board of hiding the figures", "speech", "auditor"),
    # adjectives
    ("The club was willing to sell the ground.", "to sell the ground", "intention", "club"),
    ("The coach is confident of a win on Sunday.", "a win on Sunday", "belief", "coach"),
    ("Neighbours were alarmed that the river had risen so fast.", "that the river had risen so fast", "perception",
     "Neighbours"),
])
def test_frame_finds_content_class_and_source(analyze, text, content, cls, source):
    r = analyze(text)
    claim = r.claim(content)
    assert r.spans(claim.content) == content, r.describe()
    assert claim.cue_class == cls
    assert source.lower() in r.spans(claim.source_mention).lower()


@pytest.mark.parametrize("text, cue", [
    ("The mayor has repeatedly called for a new bridge.", "has repeatedly called for"),
    ("The minister could not say whether the plant would reopen.", "could not say"),
    ("The board also intends to appoint a new chair.", "also intends"),
])
def test_cue_keeps_its_verb_group(analyze, text, cue):
    r = analyze(text)
    assert r.spans(r.analysis.claims[0].cue) == cue, r.describe()


@pytest.mark.parametrize("text, content, source", [
    ("The union's warning that the depot would close went unanswered.", "that the depot would close", "union"),
    ("Her admission that the files were lost came late.", "that the files were lost", "Her"),
    ("The mayor's plan to close the pool angered swimmers.", "to close the pool", "mayor"),
])
def test_nominal_cue_with_possessor_source(analyze, text, content, source):
    r = analyze(text)
    claim = r.claim(content)
    assert source.lower() in r.spans(claim.source_mention).lower(), r.describe()


@pytest.mark.parametrize("text", [
    "The club tried to sell the ground.",              # an attempt, not an intention
    "A permit required to build the shed was lost.",   # a participle describing a noun
    "The mayor opened the new library.",               # an action
    "The police questioned him for an hour.",          # a person, not a thing said
])
def test_no_attribution_in_look_alikes(analyze, text):
    r = analyze(text)
    assert r.analysis.claims == [], r.describe()


def test_a_frame_can_carry_its_own_class():
    cue = parse_cue("ask", "speech", "verb", "ccomp,xcomp:intention")
    assert cue.frames == {"ccomp", "xcomp"}
    assert (cue.class_in("ccomp"), cue.class_in("xcomp")) == ("speech", "intention")


@pytest.mark.parametrize("text, content, cls", [
    # the guide counts directives ("ORDERED the plant to shut") and "is expected to" hedges;
    # these two sentences were look-alikes before the lexicon had those frames
    ("He told her to leave the room.", "to leave the room", "intention"),
    ("Officials are expected to announce the decision on Friday.", "to announce the decision", "hedge"),
])
def test_directives_and_expectations_count(analyze, text, content, cls):
    r = analyze(text)
    claim = r.claim(content)
    assert claim.cue_class == cls, r.describe()


@pytest.mark.parametrize("text", [
    "The vote showed deep divisions within the party.",   # not a document: a description
    "They called him a hero.",                            # a name for a person
])
def test_object_frames_need_a_document_or_a_thing(analyze, text):
    assert analyze(text).analysis.claims == []
