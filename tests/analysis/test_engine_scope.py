"""The wider scope of issue 11, each construction with sentences of our own: relative-pronoun
source mentions, preposition cues, possessive (creator) sources, passive speech cues and
questions, trailing evidence and belief cues, colon cues."""

from __future__ import annotations

import pytest


# ---- relative pronouns: the mention is the pronoun, the card the antecedent's -------------

@pytest.mark.parametrize("text, content, pronoun, card", [
    ("The harbour master, who said the pier was unsafe, closed it on Friday.", "the pier was unsafe", "who",
     "The harbour master"),
    ("Shares in the bakery chain, which says it will open forty shops next year, rose.",
     "it will open forty shops next year", "which", "the bakery chain"),
    ("The head teacher, who has long argued that classes are too large, retired in July.",
     "that classes are too large", "who", "The head teacher"),
])
def test_relative_pronoun_is_the_mention_and_the_card_is_the_antecedent(analyze, text, content, pronoun, card):
    r = analyze(text)
    claim = r.claim(content)
    assert r.spans(claim.source_mention) == pronoun, r.describe()
    assert r.speaker(content) == card
    source = r.source_of(claim)
    assert any(r.text[s:e] == card for s, e in source.mentions)


def test_relative_clause_coordination_keeps_one_card(analyze):
    r = analyze("The dean, who argued that fees were too high and warned that students would leave, "
                "stepped down.")
    first, second = r.claim("fees were too high"), r.claim("students would leave")
    assert r.spans(first.source_mention) == r.spans(second.source_mention) == "who"
    assert first.source_id == second.source_id
    assert r.speaker("students would leave") == "The dean"


def test_an_aside_relative_clause_is_not_part_of_the_source(analyze):
    r = analyze("The ferry company, which says it carries two million passengers a year, denied the report.")
    denial = r.claim("the report")
    assert r.spans(denial.source_mention) == "The ferry company", r.describe()
    assert denial.source_id == r.claim("two million passengers").source_id


def test_restrictive_relative_clause_stays_in_the_source(analyze):
    r = analyze("Officials who spoke on condition of anonymity said the talks had stalled.")
    claim = r.claim("the talks had stalled")
    assert r.spans(claim.source_mention) == "Officials who spoke on condition of anonymity"


# ---- preposition cues ----------------------------------------------------------------------

@pytest.mark.parametrize("text, cue, source, content", [
    ("The museum will close for repairs in June, per a council notice.", "per", "a council notice",
     "The museum will close for repairs in June"),
    ("Per the airline's own figures, one flight in five left late.", "Per", "the airline",
     "one flight in five left late"),
    ("In the view of most engineers, the bridge can be saved.", "In the view of", "most engineers",
     "the bridge can be saved"),
    ("In her view, the club sold its best players too cheaply.", "view", "her",
     "the club sold its best players too cheaply"),
    ("In the eyes of many growers, the new quota is unworkable.", "In the eyes of", "many growers",
     "the new quota is unworkable"),
    ("The river, in the words of one angler, is \"finally alive again\".", "in the words of", "one angler",
     "is \"finally alive again\""),
])
def test_preposition_cues(analyze, text, cue, source, content):
    r = analyze(text)
    claim = r.claim(content)
    assert r.spans(claim.cue) == cue, r.describe()
    assert r.spans(claim.source_mention) == source


def test_per_is_not_a_cue_for_a_rate(analyze):
    r = analyze("The drivers are paid per hour and the cleaners per shift.")
    assert not r.analysis.claims, r.describe()


def test_creator_of_a_document_is_its_source(analyze):
    r = analyze("Rents rose by a fifth last year, according to the housing trust's annual report.")
    claim = r.claim("Rents rose by a fifth last year")
    assert r.spans(claim.source_mention) == "the housing trust"
    assert claim.cue_class == "evidence"


# ---- passive speech cues and questions: no source, or the by-phrase -----------------------

@pytest.mark.parametrize("text, cue, content", [
    ("Asked whether the depot would reopen, the manager shrugged.", "Asked", "whether the depot would reopen"),
    ("The tenants were told that the lifts would be repaired by March.", "were told",
     "that the lifts would be repaired by March"),
    ("She was asked if she would run again.", "was asked", "if she would run again"),
    ("Voters were also asked which party they trusted on housing.", "were also asked", "which party they trusted on housing"),
])
def test_passive_speech_cue_has_no_source(analyze, text, cue, content):
    r = analyze(text)
    claim = r.claim(content)
    assert r.spans(claim.content) == content, r.describe()
    assert r.spans(claim.cue) == cue
    assert claim.source_mention == [] and claim.source_id is None
    assert claim.kind != "hedged"


def test_active_conjunct_of_a_passive_cue_keeps_its_subject(analyze):
    r = analyze("She was asked if she would run again and said she needed time to decide.")
    claim = r.claim("she needed time to decide")
    assert r.spans(claim.source_mention) == "She", r.describe()


# ---- cues after their clause: evidence and belief as well as speech ------------------------

@pytest.mark.parametrize("text, content, source, cls", [
    ("Among tenants under 30, the share who could save anything fell to a tenth, the latest survey found.",
     "the share who could save anything fell to a tenth", "the latest survey", "evidence"),
    ("Water in the lower lake is cleaner than it was a decade ago, most anglers believe.",
     "Water in the lower lake is cleaner", "most anglers", "belief"),
])
def test_trailing_cue_of_other_classes(analyze, text, content, source, cls):
    r = analyze(text)
    claim = r.claim(content)
    assert source in r.spans(claim.source_mention), r.describe()
    assert claim.cue_class == cls


# ---- headlines, colons and transcript lines ------------------------------------------------

@pytest.mark.parametrize("text, content, source", [
    ("Storm closes coastal road; council vows to rebuild", "to rebuild", "council"),
    ("Rail fares rise again; commuters fear more cuts", "more cuts", "commuters"),
    ("Port strike enters second week, union says talks have failed", "talks have failed", "union"),
])
def test_headline_clauses_apart(analyze, text, content, source):
    r = analyze(text)
    claim = r.claim(content)
    assert r.spans(claim.content) == content, r.describe()
    assert r.spans(claim.source_mention) == source


def test_split_quote_keeps_both_halves(analyze):
    r = analyze('"The plan," she said, "is dead."')
    assert r.spans(r.claim("The plan").content) == '"The plan," | "is dead."'


@pytest.mark.parametrize("text, source, content, cls", [
    ("Harbour chief: 'We will not reopen until spring'", "Harbour chief", "We will not reopen until spring",
     "speech"),
    ("Audit: council overspent on roads for a third year", "Audit", "council overspent on roads", "evidence"),
])
def test_headline_colon(analyze, text, source, content, cls):
    r = analyze(text)
    claim = r.claim(content)
    assert r.spans(claim.source_mention) == source, r.describe()
    assert r.spans(claim.cue) == ":"
    assert claim.cue_class == cls


def test_transcript_line_takes_the_whole_paragraph(analyze):
    text = ("The interview ran late.\n"
            "Radio Norte: Did you expect to win the vote?\n"
            "Ana Ruiz: No. We expected the rural districts to go the other way. People wanted a change.")
    r = analyze(text)
    question = r.claim("Did you expect to win the vote?")
    assert r.spans(question.source_mention) == "Radio Norte", r.describe()
    answer = r.claim("No. We expected")
    assert r.spans(answer.content) == ("No. We expected the rural districts to go the other way. "
                                       "People wanted a change"), r.describe()
    assert r.speaker("No. We expected") == "Ana Ruiz"


@pytest.mark.parametrize("text", ["Kickoff: 7.30 p.m.", "Tickets: £5 on the door", "Image: Ana Ruiz."])
def test_colon_labels_that_are_not_speech(analyze, text):
    assert not analyze(text).analysis.claims


# ---- evidence subjects the tagger misread ---------------------------------------------------

@pytest.mark.parametrize("text, source, content", [
    ("The company's policy states that staff may work from home.", "policy", "that staff may work from home"),
    ("Nesting was poorest among gulls and terns on the open shingle, the data show.", "the data",
     "Nesting was poorest among gulls and terns on the open shingle"),
    ('A banner above the stage read: "No more cuts."', "banner", '"No more cuts."'),
])
def test_cue_verb_tagged_as_a_noun(analyze, text, source, content):
    r = analyze(text)
    claim = r.claim(content)
    assert r.spans(claim.content) == content, r.describe()
    assert source in r.spans(claim.source_mention)
    assert claim.cue_class == "evidence"


def test_a_list_of_nouns_is_no_cue(analyze):
    assert not analyze("They sold apples and pears at the market, the plums and the figs.").analysis.claims


# ---- descriptions that look like attributions -----------------------------------------------

@pytest.mark.parametrize("text", [
    "People seeking asylum waited at the border for three days.",
    "A permit required to fish in the lake costs ten euros.",
    "The final saw two teams face off in the rain.",
    "The regiment, a unit called the Grey Watch, patrols the valley.",
])
def test_descriptions_are_not_attributions(analyze, text):
    assert not analyze(text).analysis.claims, analyze(text).describe()


@pytest.mark.parametrize("text, content", [
    ("A petition calling for a new crossing was handed in.", "a new crossing"),
    ("Neighbours saw smoke rising from the roof.", "smoke rising from the roof"),
    ("Maria saw the van leave.", "the van leave"),
])
def test_attributions_next_to_those_descriptions_stay(analyze, text, content):
    assert analyze(text).has_claim(content)


def test_infinitive_under_a_cue_is_its_content_not_a_claim(analyze):
    r = analyze("The council wants to support the plan.")
    assert len(r.analysis.claims) == 1
    assert r.spans(r.analysis.claims[0].content) == "to support the plan"


# ---- evidence: creators, raising verbs, cues after the clause -----------------------------

@pytest.mark.parametrize("text, source, content", [
    ("The agency's latest figures show a sharp drop in burglaries.", "The agency", "a sharp drop in burglaries"),
    ("Her campaign's internal polling suggests the race is tied.", "Her campaign", "the race is tied"),
])
def test_a_documents_creator_is_the_source(analyze, text, source, content):
    r = analyze(text)
    claim = r.claim(content)
    assert r.spans(claim.source_mention) == source, r.describe()
    assert claim.cue_class == "evidence"


def test_raising_verb_joins_the_cue(analyze):
    r = analyze("Internal emails seen by the newspaper appear to show staff were warned in May.")
    claim = r.claim("staff were warned in May")
    assert r.spans(claim.cue) == "appear to show", r.describe()
    assert r.spans(claim.content) == "staff were warned in May"


def test_trailing_reports_agrees_with_a_singular_subject(analyze):
    r = analyze("Bird counts at the two reserves did not change, the paper reports.")
    claim = r.claim("Bird counts at the two reserves did not change")
    assert r.spans(claim.source_mention) == "the paper", r.describe()


@pytest.mark.parametrize("text, cue, content", [
    ("The mayor declined to say whether the depot would close.", "declined", "to say whether the depot would close"),
    ("The union urged members to remember that the strike is legal.", "urged",
     "to remember that the strike is legal"),
])
def test_a_cue_inside_an_intention_is_its_content(analyze, text, cue, content):
    r = analyze(text)
    assert len(r.analysis.claims) == 1, r.describe()
    assert r.spans(r.analysis.claims[0].cue) == cue
    assert r.spans(r.analysis.claims[0].content) == content


def test_an_infinitive_under_a_passive_is_active(analyze):
    r = analyze("The minister is expected to announce that the plant will close.")
    claim = next(c for c in r.analysis.claims if r.spans(c.cue) == "to announce")
    assert r.spans(claim.content) == "that the plant will close", r.describe()
    assert r.spans(claim.source_mention) == "The minister"


def test_contract_holds_over_the_new_constructions(analyze):
    from reader.analysis import contract_problems
    text = ("Storm closes coastal road; council vows to rebuild\n"
            "The harbour master, who said the pier was unsafe, closed it on Friday. Asked whether it would "
            "reopen, he shrugged. Per the council's notice, repairs will take a month.\n"
            "In the view of most engineers, the pier can be saved, and the agency's figures show a rise in visitors.\n"
            "Radio Norte: Will you rebuild the pier?")
    r = analyze(text)
    assert contract_problems(r.analysis.to_dict(), len(text)) == []
    for claim in r.analysis.claims:
        if claim.source_id is not None:   # the mention a claim shows is on its card
            assert set(map(tuple, claim.source_mention)) <= set(map(tuple, r.source_of(claim).mentions)), r.describe()
        else:
            assert claim.source_mention == []
    rules = {c.rule.removeprefix("quote-") for c in r.analysis.claims}
    assert {"passive-cue", "per-x", "in-x-view", "speaker-line"} <= rules, rules


@pytest.mark.parametrize("text, cue, content", [
    ("She is convinced the damage can be undone.", "is convinced", "the damage can be undone"),
    ("Parents were worried that the school would close.", "were worried", "that the school would close"),
])
def test_adjective_cue_tagged_as_a_passive_verb(analyze, text, cue, content):
    r = analyze(text)
    claim = r.claim(content)
    assert r.spans(claim.cue) == cue, r.describe()
    assert claim.cue_class == "belief"


def test_a_real_passive_with_an_agent_is_no_belief(analyze):
    assert not analyze("The minister was not convinced by the argument.").analysis.claims
