"""Boilerplate paragraphs are listed and never become claims."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("paragraph", [
    "Sign up for our free Morning Briefing newsletter to get the day's top stories in your inbox.",
    "Support independent journalism: donate today.",
    "Will you offer us a hand? Every gift, regardless of size, fuels our future.",
    "You can support us for as little as $1 via PayPal.",
    "Read more: Storm batters the coast",
    "By Jane Smith",
    "by TheTower.org",
    "© 2024 Daily Planet Media. All rights reserved.",
    "Thank you.",
    "Image: NASA.",
    "Photo credit: Nick Moreau",
])
def test_boilerplate_paragraphs(analyze, paragraph):
    text = "The mayor said that the bridge would reopen.\n" + paragraph + "\nThe council said it agreed."
    r = analyze(text)
    start = text.index(paragraph)
    assert any(s <= start and start + len(paragraph) <= e for s, e in r.analysis.boilerplate), paragraph
    assert all(not (start <= s < start + len(paragraph)) for c in r.analysis.claims for s, _ in c.content)


@pytest.mark.parametrize("paragraph", [
    "By Monday the port had reopened and trucks were moving again.",
    "The charity said donations had doubled since the storm.",
    "“Thank you for coming,” the mayor told the crowd.",
])
def test_prose_is_not_boilerplate(analyze, paragraph):
    assert analyze(paragraph).analysis.boilerplate == []


def test_adjacent_boilerplate_paragraphs_merge_into_one_span(analyze):
    text = ("The mayor said that the bridge would reopen.\nPlease donate today to keep us going.\n"
            "Thank you.\nThe council said it agreed.")
    assert len(analyze(text).analysis.boilerplate) == 1


@pytest.mark.parametrize("paragraph", [
    "\"MP calls for probe into misplaced documents\" — Edmonton Sun, August 16, 2008",
    "\"Minister says port will reopen\" – Reuters, Jan. 3, 2024",
    "Sources",
])
def test_reference_list_entries_are_boilerplate(analyze, paragraph):
    text = "The mayor said that the bridge would reopen.\n" + paragraph
    r = analyze(text)
    assert r.analysis.boilerplate and len(r.analysis.claims) == 1
