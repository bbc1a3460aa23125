"""The wider scope of issue 11, each construction with sentences of our own: relative-pronoun
source mentions, preposition cues, possessive (creator) sources, passive speech cues and
questions, trailing evidence and belief cues, colon cues."""

from __future__ import annotations

import pytest


def found(analyze, text: str, content: str, *, source: str | None = None, cue: str | None = None,  # noqa: ANN001
          cls: str | None = None, whole: bool = False, within: bool = False):  # noqa: ANN201
    """The claim of `text` whose content holds `content`, checked: its content is exactly
    `content` (`whole`), its source mention is (or, with `within`, holds) `source`, its cue is
    `cue` and its class `cls`."""
    r = analyze(text)
    claim = r.claim(content)
    if whole:
        assert r.spans(claim.content) == content, r.describe()
    if source is not None:
        mention = r.spans(claim.source_mention)
        assert (source in mention) if within else (mention == source), r.describe()
    if cue is not None:
        assert r.spans(claim.cue) == cue, r.describe()
    if cls is not None:
        assert claim.cue_class == cls, r.describe()
    return r, claim


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
    r, claim = found(analyze, text, content, source=pronoun)
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
    r = analyze("The ferry company, which says it carries two million passengers a year, denied cutting sailings.")
    denial = r.claim("cutting sailings")
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
    found(analyze, text, content, source=source, cue=cue)


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
    _, claim = found(analyze, text, content, cue=cue, whole=True)
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
    found(analyze, text, content, source=source, cls=cls, within=True)


# ---- headlines, colons and transcript lines ------------------------------------------------

@pytest.mark.parametrize("text, content, source", [
    ("Storm closes coastal road; council vows to rebuild", "to rebuild", "council"),
    ("Rail fares rise again; commuters fear more cuts", "more cuts", "commuters"),
    ("Port strike enters second week, union says talks have failed", "talks have failed", "union"),
    # the parser made the cue the subject of its clause, or the noun a root
    ("Supreme court rules border checks are unlawful", "border checks are unlawful", "Supreme court"),
    ("Union says strike will go ahead", "strike will go ahead", "Union"),
])
def test_headline_clauses_apart(analyze, text, content, source):
    found(analyze, text, content, source=source, whole=True)


def test_split_quote_keeps_both_halves(analyze):
    r = analyze('"The plan," she said, "is dead."')
    assert r.spans(r.claim("The plan").content) == '"The plan," | "is dead."'


@pytest.mark.parametrize("text, source, content, cls", [
    ("Harbour chief: 'We will not reopen until spring'", "Harbour chief", "We will not reopen until spring",
     "speech"),
    ("Audit: council overspent on roads for a third year", "Audit", "council overspent on roads", "evidence"),
])
def test_headline_colon(analyze, text, source, content, cls):
    found(analyze, text, content, source=source, cue=":", cls=cls)


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
    found(analyze, text, content, source=source, cls="evidence", whole=True, within=True)


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
    found(analyze, text, content, source=source, cls="evidence")


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
    found(analyze, text, content, cue=cue, cls="belief")


def test_a_real_passive_with_an_agent_is_no_belief(analyze):
    assert not analyze("The minister was not convinced by the argument.").analysis.claims


@pytest.mark.parametrize("text, source, content", [
    ("Shipping logs released by the port authority show a sharp fall in arrivals.", "the port authority",
     "a sharp fall in arrivals"),
    ("A survey of 900 tenants, carried out in May by the housing trust, found most of them behind on rent.",
     "the housing trust", "most of them behind on rent"),
    ("Latest estimates put the cost at two billion euros.", "Latest estimates", "the cost at two billion euros"),
])
def test_evidence_objects_and_the_maker_of_a_document(analyze, text, source, content):
    found(analyze, text, content, source=source, cls="evidence", whole=True)


@pytest.mark.parametrize("text", ["She put the keys on the table.", "She found the keys in the car."])
def test_evidence_object_frames_need_a_document(analyze, text):
    assert not analyze(text).analysis.claims


def test_a_person_questioned_is_no_content(analyze):
    assert not analyze("Police questioned the student for two hours.").analysis.claims
    assert analyze("The ministry questioned the figures.").has_claim("the figures")


@pytest.mark.parametrize("text, source, content, cls", [
    ('Her verdict: the plan "cannot work".', "Her", 'the plan "cannot work"', "decree"),
    ('The union\'s message: "Every empty shelf is a family without dinner."', "The union",
     '"Every empty shelf is a family without dinner."', "speech"),
])
def test_nominal_cue_with_a_colon(analyze, text, source, content, cls):
    found(analyze, text, content, source=source, cls=cls)


def test_the_writers_own_colon_is_no_attribution(analyze):
    assert not analyze("The result: a three-hour delay.").analysis.claims


def test_a_headline_label_is_a_document_card(analyze):
    r = analyze("Audit: council overspent on roads for a third year")
    assert r.source_of(r.claim("council overspent")).kind == "document"


def test_short_quote_after_a_colon(analyze):
    r = analyze('Asked whether he would resign, Okafor replied: "Not today."')
    assert r.speaker('"Not today."') == "Okafor", r.describe()


def test_a_possessed_role_joins_the_named_holder(analyze):
    r = analyze("Omar Zayed, a spokesman for the ministry, said the road was closed. "
                "The ministry's spokesman later said it would reopen.")
    assert r.speaker("it would reopen") == "Omar Zayed"


def test_a_clause_subject_is_no_headline_cue(analyze):
    assert not analyze("What the mayor says matters.").analysis.claims


@pytest.mark.parametrize("text, words, speaker", [
    ('Ana Ruiz runs the food bank. Her message: "Every empty shelf is a family without dinner."',
     "Every empty shelf", "Ana Ruiz"),
    ("Ana Ruiz runs the food bank. In her view, the city has forgotten the poor.", "the city has forgotten",
     "Ana Ruiz"),
    ('The council\'s leader, Tom Berg, spoke first. In his words, the budget is "a disgrace".', "the budget",
     "Tom Berg"),
])
def test_possessive_pronoun_sources_find_their_person(analyze, text, words, speaker):
    assert analyze(text).speaker(words) == speaker


def test_a_colon_introducing_speech_is_part_of_the_cue(analyze):
    found(analyze, 'Okafor replied: "Not today."', '"Not today."', cue="replied:", source="Okafor")


def test_nominal_cue_with_a_modifier_source(analyze):
    found(analyze, "Market expectations that rates will fall have grown.", "that rates will fall", source="Market",
          cls="belief", whole=True)


def test_a_nominal_cues_clause_is_not_the_verbs(analyze):
    r, outer = found(analyze, "Critics dismissed the suggestion by the minister that the cuts were fair.",
                     "the suggestion by the minister", source="Critics")
    inner = next(c for c in r.analysis.claims if r.spans(c.cue) == "suggestion")
    assert r.spans(inner.source_mention) == "the minister" and inner.parent == outer.id


def test_a_cue_takes_the_quote_before_it_not_the_next_sentences(analyze):
    r = analyze('"We have to be careful with the numbers, because people will use them," Ms Varga said. '
                '"Nobody trusts the figures any more."')
    claim = r.claim("careful with the numbers")
    assert r.spans(claim.content) == ('"We have to be careful with the numbers, because people will use them," | '
                                      '"Nobody trusts the figures any more."'), r.describe()
    assert r.speaker("careful with the numbers") == "Varga"   # the honorific is a title


@pytest.mark.parametrize("text, cue, quote", [
    ('"We will see," the coach shrugged.', "shrugged", '"We will see,"'),
    ('"Really? I never said that," he snapped.', "snapped", '"Really? I never said that,"'),
])
def test_manner_verbs_own_their_quotation(analyze, text, cue, quote):
    r, claim = found(analyze, text, quote, cue=cue)
    assert claim.parent is None
    for other in r.analysis.claims:   # what is said inside the quotation nests under it, never round
        if other is not claim:
            assert other.parent == claim.id, r.describe()
            assert r.spans(other.content) in r.spans(claim.content)
