"""Direct quotations become claims: speaker before, after or inside, split quotes, colons,
short quotes, multi-paragraph quotes and floating quotes that continue one speaker."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, words, speaker", [
    ("“The bridge will reopen on Monday,” Mayor Ana Ruiz said.", "bridge will reopen", "Ana Ruiz"),
    ('"We have no plans to raise taxes," said Governor Tom Welch.', "no plans to raise", "Tom Welch"),
    ("‘The figures are wrong,’ the finance ministry said in a statement.", "figures are wrong", "finance ministry"),
    ("''Nobody expected this,'' Coach Dana Price told reporters.", "Nobody expected this", "Dana Price"),
])
def test_speaker_after_the_quote(analyze, text, words, speaker):
    r = analyze(text)
    claim = r.claim(words)
    assert claim.kind == "direct"
    assert speaker.lower() in r.speaker(words).lower()


@pytest.mark.parametrize("text, words, speaker", [
    ("Senator Maria Lopez said: “The vote is a disgrace.”", "vote is a disgrace", "Maria Lopez"),
    ("The agency wrote on its website: “All flights are cancelled until further notice.”",
     "flights are cancelled", "agency"),
    ("President Alan Brooks tweeted “Great day for our farmers!”", "Great day for our farmers", "Alan Brooks"),
])
def test_speaker_before_the_quote_and_quotes_after_a_colon(analyze, text, words, speaker):
    r = analyze(text)
    assert r.claim(words).kind == "direct"
    assert speaker.lower() in r.speaker(words).lower()


@pytest.mark.parametrize("text", [
    "“I abstain,” she said.",
    "“No comment,” the spokesman said.",
    "“Never,” replied Peter Holm.",
])
def test_short_quotes_with_a_cue_are_claims(analyze, text):
    r = analyze(text)
    assert len(r.analysis.claims) == 1 and r.analysis.claims[0].kind == "direct"


@pytest.mark.parametrize("text", [
    "“We will rebuild the port,” Kessler said, “and we will do it within a month.”",
    "“Prices are high,” said Nora Bell, an economist, “but they are falling.”",
    "“The law is clear,” the judge told the court, “and it applies to everyone.”",
])
def test_split_quote_is_one_claim_with_two_content_spans(analyze, text):
    r = analyze(text)
    assert len(r.analysis.claims) == 1
    assert len(r.analysis.claims[0].content) == 2


def test_quote_running_over_several_paragraphs_is_one_claim(analyze):
    text = ("The minister opened the session.\n"
            "“We have examined every option.\n"
            "“None of them is painless.\n"
            "“But we must act now,” Minister Ruth Adler said.")
    r = analyze(text)
    claim = r.claim("examined every option")
    assert len(claim.content) == 3
    assert r.speaker("None of them") == "Ruth Adler"


@pytest.mark.parametrize("text, follow", [
    ("“We are relieved,” said Maria Okafor. “Every day counts.”", "Every day counts"),
    ("Haddad said the closure exposed the region. “A second pier is not a luxury.”", "second pier"),
    ("“It hurts,” the farmer told reporters. “Nobody listens to us anymore.”", "Nobody listens"),
])
def test_floating_quote_inherits_the_speaker_of_its_paragraph(analyze, text, follow):
    r = analyze(text)
    first = r.analysis.claims[0]
    assert r.source_of(r.claim(follow)).id == first.source_id


def test_floating_quote_opening_the_next_paragraph_keeps_the_speaker(analyze):
    text = ("“Nobody came to help,” said Omar Haddad, a farmer.\n"
            "“We waited for three days without water.”")
    r = analyze(text)
    assert r.speaker("waited for three days") == "Omar Haddad"
    # the quote goes on in the next paragraph: more content of the same claim (the contract)
    assert len(r.analysis.claims) == 1
    assert r.spans(r.claim("waited for three days").content) == (
        "“Nobody came to help,” | “We waited for three days without water.”")


def test_floating_quote_after_reported_speech_is_its_own_claim(analyze):
    r = analyze("The mayor said the river was rising. “We need sandbags on every street tonight.”")
    claim = r.claim("sandbags")
    assert claim.rule == "floating-quote"
    assert r.speaker("sandbags") == r.speaker("the river was rising")


@pytest.mark.parametrize("text", [
    "The plan was called “dead” by critics last week.",
    "Officials described the talks as “productive” but gave no details.",
])
def test_scare_quotes_without_a_speaker_are_not_direct_claims(analyze, text):
    r = analyze(text)
    assert all(c.kind != "direct" for c in r.analysis.claims)


def test_mixed_quote_inside_reported_speech(analyze):
    r = analyze("The analyst wrote that the merger “has become one of the worst deals in history.”")
    assert r.claim("merger").kind == "mixed"


@pytest.mark.parametrize("text, speaker", [
    ('"I think the market will recover," said Gustafon.', "Gustafon"),
    ("“We believe the law is wrong,” the union's leader, Mara Voss, told reporters.", "Mara Voss"),
    ("Hilary Braysmith said, “I think his photographs matter as much as his paintings.”", "Hilary Braysmith"),
])
def test_first_person_inside_a_quote_is_the_quoted_speaker(analyze, text, speaker):
    r = analyze(text)
    inner = [c for c in r.analysis.claims if c.parent]
    assert inner and r.source_of(inner[0]).name == speaker


def test_split_quote_around_a_long_attribution(analyze):
    r = analyze("“We will win,” Trump told supporters at a rally in Ohio, “and we will win big.”")
    assert len(r.analysis.claims) == 1 and len(r.analysis.claims[0].content) == 2


def test_confidence_is_higher_for_quoted_than_for_repaired_attributions(analyze):
    quoted = analyze("“The pier is safe,” the general said.").analysis.claims[0]
    repaired = analyze("The pier is safe, the general said on Monday.").analysis.claims[0]
    assert 0 < repaired.confidence < quoted.confidence <= 1


@pytest.mark.parametrize("text, speaker", [
    ('"So far, it\'s the Internet: 1, Scientology: 0. But it\'s a long game." - Matthew Ingram', "Matthew Ingram"),
    ("“We will not be moved.” — Commissioner Jessica Rosenworcel, FCC", "Jessica Rosenworcel"),
])
def test_quote_with_a_dash_credit_line(analyze, text, speaker):
    r = analyze(text)
    assert r.analysis.claims[0].kind == "direct" and r.source_of(r.analysis.claims[0]).name == speaker


def test_a_dash_before_a_clause_is_not_a_credit(analyze):
    r = analyze("“Enough,” the crowd chanted — and then the police arrived.")
    assert all(c.rule != "quote-dash-credit" for c in r.analysis.claims)
