"""Plain-text and Markdown articles: byline and dateline go to `Article.metadata`, and they,
the sign-up / subscribe / follow appeals, photo credits and copyright lines stay in the text,
marked as boilerplate by the analysis (the one mechanism: reader/analysis/boilerplate.py)."""

from __future__ import annotations

import pytest

from reader.analysis.boilerplate import boilerplate_paragraphs
from reader.documents import load_path
from reader.documents.textmeta import text_metadata

PROSE = [
    "The city council on Tuesday approved the budget for the new Harbour Bridge after a debate "
    "that ran past midnight, the council's clerk said.",
    "“We have waited eleven years for this,” said Councillor Ama Owusu, who chairs the transport "
    "committee. She said work would start in the spring.",
    "By Tuesday evening, opponents had begun collecting signatures for a referendum on the plan.",
]
HEAD = ["By Jane Whitford, City Desk", "Published March 3, 2024"]
FOOT = [
    "Photo by Ana Ruiz/City Desk",
    "Subscribe for unlimited access to City Desk reporting.",
    "Follow the City Desk on social media",
    "Sign up for our morning briefing",
    "Read more: How the council voted",
    "© 2024 City Desk Media. All rights reserved.",
]
TEXT_FILE = "\n\n".join(["Council approves bridge budget", *HEAD, *PROSE, *FOOT]) + "\n"
MARKDOWN_FILE = "\n\n".join([
    "# Council approves bridge budget", "*By Jane Whitford, City Desk*", "_Published March 3, 2024_",
    *PROSE, "![The bridge](bridge.jpg)", *(f"*{line}*" for line in FOOT[:1]), *FOOT[1:],
]) + "\n"


def flagged(text: str) -> dict[str, bool]:
    lines = text.split("\n")
    spans, pos = [], 0
    for line in lines:
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return dict(zip(lines, boilerplate_paragraphs(text, spans)))


@pytest.mark.parametrize("name, content", [("bridge.txt", TEXT_FILE), ("bridge.md", MARKDOWN_FILE)])
def test_byline_and_date_go_to_metadata_and_stay_in_the_text_as_boilerplate(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    article = load_path(path)
    assert article.title == "Council approves bridge budget"
    assert article.metadata["authors"] == ["Jane Whitford"]
    assert article.metadata["date"] == "2024-03-03"
    assert article.metadata["byline"] == "By Jane Whitford, City Desk"
    assert article.header() == {"author": "Jane Whitford", "date": "2024-03-03"}
    flags = flagged(article.text)
    for line in HEAD + FOOT:
        assert flags.get(line) is True, line  # kept, one paragraph, marked
    for line in PROSE:
        assert flags.get(line) is False, line
    assert flags["Council approves bridge budget"] is False


def test_the_engine_reports_the_head_and_the_foot_as_boilerplate_and_finds_the_quote(tmp_path):
    from reader.analysis import AttributionEngine

    path = tmp_path / "bridge.txt"
    path.write_text(TEXT_FILE, encoding="utf-8")
    text = load_path(path).text
    analysis = AttributionEngine().analyze(text)
    marked = "".join(text[s:e] + "\n" for s, e in analysis.boilerplate)
    assert all(line in marked for line in HEAD + FOOT)
    assert not any(line in marked for line in PROSE)
    assert any("eleven years" in text[s:e] for c in analysis.claims for s, e in c.content)


@pytest.mark.parametrize("head, authors, date", [
    ("By A and B | Published March 3, 2024", ["A", "B"], "2024-03-03"),
    ("By Jane Whitford and Tom Ng, Staff Writers\nTuesday, 3 March 2024, 10:31 GMT",
     ["Jane Whitford", "Tom Ng"], "2024-03-03"),
    ("BY TOM NG\nUpdated: 10:31 AM EST, March 3, 2024", ["TOM NG"], "2024-03-03"),
    ("By Tuesday, the plan was dead.", [], ""),           # a sentence, not a byline
    ("By the river, the council met.", [], ""),
    ("March 3, 2024 was the day the bridge closed, officials said.", [], ""),  # prose with a date
])
def test_head_lines(head, authors, date):
    meta = text_metadata("Bridge budget\n" + head + "\n" + PROSE[0])
    assert meta.get("authors", []) == authors
    assert meta.get("date", "") == date


def test_a_byline_below_the_first_paragraph_is_not_the_article_s(tmp_path):
    # the head ends at the first real paragraph: a quoted letter's "By …" further down is not it
    text = "\n".join(["Bridge budget", PROSE[0], "By Ama Owusu", PROSE[1]])
    assert text_metadata(text) == {}


@pytest.mark.parametrize("line", [
    "Tuesday, 3 March 2024, 10:31 GMT", "(Photo: AP)", "Ana Ruiz/Getty Images",
    "Follow us on Instagram and X", "Photograph: Ana Ruiz for the Herald",
])
def test_more_boilerplate_lines(line):
    text = f"{PROSE[0]}\n{line}\n{PROSE[2]}"
    assert flagged(text)[line] is True


@pytest.mark.parametrize("line", [
    "The mayor said she would subscribe to the plan if the council kept its promise.",
    "Follow the money, the auditor told the council on Tuesday.",
    "Photographs by the agency show the damage to the bridge.",
    "May 2024 was the wettest month on record, the weather service said.",
    "The AP/NORC poll found that 40 percent of voters agreed.",
])
def test_prose_that_looks_like_boilerplate_is_prose(line):
    text = f"{PROSE[0]}\n{line}\n{PROSE[2]}"
    assert flagged(text)[line] is False


def test_short_head_lines_above_one_line_paragraphs_are_not_joined(tmp_path):
    # short title / byline / date lines once looked "hard-wrapped" and were joined into one
    path = tmp_path / "short.txt"
    path.write_text(TEXT_FILE, encoding="utf-8")
    lines = load_path(path).text.split("\n")
    assert lines[:3] == ["Council approves bridge budget", *HEAD]


def test_a_page_s_byline_line_is_kept_and_marked_too():
    # "By A | Published …" once slipped past the byline pattern ("|" ended it)
    from pathlib import Path

    article = load_path(Path(__file__).parent / "fixtures" / "pages" / "sectioned-review.html")
    byline = "By Sigrid Alme | Published March 3, 2024"
    assert article.text.split("\n")[1] == byline
    assert flagged(article.text)[byline] is True
