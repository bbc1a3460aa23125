"""Quotation-mark pairing on raw text: every style, apostrophes never break pairs, a bad mark
costs at most its own paragraph, and the open-quote paragraph convention."""

from __future__ import annotations

import pytest

from reader.analysis.paragraphs import paragraph_spans
from reader.analysis.quotes import find_quotes, outermost


def quoted(text: str) -> list[str]:
    quotes = outermost(find_quotes(text, paragraph_spans(text)))
    return [" / ".join(text[s:e] for s, e in q.parts) for q in quotes]


@pytest.mark.parametrize("text, expected", [
    ("“We are done,” he said.", ["“We are done,”"]),
    ('"We are done," he said.', ['"We are done,"']),
    ("''We are done,'' he said.", ["''We are done,''"]),
    ("‘We are done,’ he said.", ["‘We are done,’"]),
    ("``We are done,'' the senator said.", ["``We are done,''"]),
    ("«Nous partons», a-t-il dit.", ["«Nous partons»"]),
])
def test_every_quote_style_pairs(text, expected):
    assert quoted(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The voters’ trust is gone, she said, “and it won’t return.”", ["“and it won’t return.”"]),
    ("Hamas’ agreement with the group’s leaders dates to the ’90s. “It holds,” he said.", ["“It holds,”"]),
    ("They played rock ’n’ roll in the '90s. 'We loved it,' she said.", ["'We loved it,'"]),
    ("‘The drivers’ unions’ complaints are old,’ she said.", ["‘The drivers’ unions’ complaints are old,’"]),
    ("The companies' fees rose. \"Not again,\" said the dean of the students' union.", ['"Not again,"']),
])
def test_apostrophes_and_possessives_never_break_pairing(text, expected):
    assert quoted(text) == expected


def test_one_bad_mark_costs_at_most_its_paragraph():
    text = ("He said “this never closes and the paragraph ends.\n"
            "“The next paragraph is fine,” she said.\n"
            'A stray " mark here.\n'
            "“And so is this one,” they said.")
    assert quoted(text)[-2:] == ["“The next paragraph is fine,”", "“And so is this one,”"]


def test_open_quote_paragraph_convention_joins_paragraphs():
    text = ("“The first paragraph of a long statement.\n"
            "“The second one goes on.\n"
            "“The third ends it,” the minister said.\n"
            "Then the press left.")
    quotes = outermost(find_quotes(text, paragraph_spans(text)))
    assert len(quotes) == 1 and len(quotes[0].parts) == 3 and quotes[0].closed


def test_quote_opening_a_paragraph_that_never_closes_ends_with_it():
    text = "“This quote has no end\nA normal paragraph follows."
    assert quoted(text) == ["“This quote has no end"]


def test_nested_single_quotes_stay_inside_the_double_quote():
    text = "“They called it ‘a disgrace’ in public,” he said."
    assert quoted(text) == ["“They called it ‘a disgrace’ in public,”"]
