"""Organisations whose names the small model tags as common nouns are still named bodies."""

import pytest


@pytest.mark.parametrize("text, name_part, kind", [
    ("Aid groups remain cautious. Save the Children warned that two schools were damaged.", "Children",
     "organization"),
    ("Critics were quick to respond. Friends of the Earth said the plan was weak.", "Earth", "organization"),
    ("Later on Monday, the Democrats said the bill would fail.", "Democrats", "unnamed_group"),
    ("Residents were angry. Egyptian authorities said the road would reopen.", "authorities", "unnamed_group"),
    ("On Monday the Israeli authorities said the road would reopen.", "authorities", "unnamed_group"),
])
def test_kind_of_a_capitalised_body(analyze, text, name_part, kind):
    result = analyze(text)
    cards = [s for s in result.analysis.sources if name_part in s.name]
    assert cards, result.describe()
    assert cards[0].kind == kind, (cards[0], result.describe())
