"""Arbitrary text never breaks the engine: no exception, every span in bounds, contract holds."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.analysis import contract_problems

_NEWSY = st.sampled_from([
    "“", "”", '"', "'", "‘", "’", "``", "''", "«", "»", " said ", " told reporters ", ", according to ",
    " reportedly ", " is believed to ", "He", "She", "Sen. ", "Maj.-Gen. ", "(res.) ", "\n", ": ", ", ",
    ". ", "Mordechai", "the Post", " that ", "donate", "By ", "🙂", "\u200b", "\u00a0", "e\u0301",
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(_NEWSY, st.text(max_size=12)), max_size=40).map("".join))
def test_any_text_holds_the_contract(engine, text):
    analysis = engine.analyze(text)
    assert contract_problems(analysis.to_dict(), len(text)) == []


def test_very_long_line_and_unbalanced_quotes(engine):
    text = ("“He said that the plan, which the minister said was “dead, would work. " * 300) + "\n“open"
    analysis = engine.analyze(text)
    assert contract_problems(analysis.to_dict(), len(text)) == []


def test_only_quote_marks(engine):
    for text in ('"', "“”", "''''", "‘’‘’", '" " " "', "\n“\n”\n"):
        assert contract_problems(engine.analyze(text).to_dict(), len(text)) == []
