"""Pages whose article sits in boxes named like boilerplate: our pruning must never cost the
article (sectioned body, share wrapper, paywall teaser, live blog, gallery, explainer blocks).

Each fixture in fixtures/pages/ has NAME.expected.txt: the title line, then every paragraph
the article text must hold (bylines included: the text keeps them, marked boilerplate).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.documents import load_path
from reader.documents.webpage import article_from_html

PAGES = Path(__file__).parent / "fixtures" / "pages"
SHAPES = sorted(p.stem for p in PAGES.glob("*.html"))


def expected(name: str) -> list[str]:
    return (PAGES / f"{name}.expected.txt").read_text(encoding="utf-8").strip().split("\n")


def test_every_failure_shape_has_a_fixture():
    assert set(SHAPES) >= {"sectioned-review", "share-wrapper", "paywall-teaser", "liveblog", "gallery", "explainer"}


@pytest.mark.parametrize("name", SHAPES)
def test_the_article_survives_pruning_paragraph_by_paragraph(name):
    article = load_path(PAGES / f"{name}.html")
    title, *paragraphs = expected(name)
    lines = article.text.split("\n")
    assert article.title == title and lines[0] == title
    # every paragraph, live-blog entry times ("09:05") included
    missing = [p for p in paragraphs if p not in lines]
    assert missing == []


@pytest.mark.parametrize("name", SHAPES)
def test_boilerplate_around_the_article_still_goes(name):
    text = load_path(PAGES / f"{name}.html").text
    for box in ("Sign up for our newsletter", "More from", "Ferry fares rise", "All rights reserved",
                "Share on Facebook", "Privacy policy", "Get unlimited access", "Reader comments",
                "canalwatcher", "They have been saying"):
        assert box not in text


def test_a_donation_box_inside_a_sectioned_body_still_goes():
    sections = "".join(
        f'<section class="body-part paywall"><h2>Part {n}</h2><p>{sentence * 3}</p></section>'
        for n, sentence in enumerate([
            "The river rose by two metres overnight and the lower town was evacuated before dawn. ",
            "Engineers said the old levee held, though water seeped through in three places. ",
            "The mayor said schools would stay closed until the water had gone down. ",
            "Farmers upstream reported that most of the harvest had already been brought in. "]))
    donation = ('<div class="donate-box"><p>Our reporting is funded by readers like you. Please donate '
                'today so that we can keep covering the floods.</p></div>')
    html = f"<html><body><article><h1>Floods in the lower town</h1>{sections}{donation}</article></body></html>"
    text = article_from_html(html, "x.html").text
    assert "Part 3" in text and "Farmers upstream" in text and "levee held" in text
    assert "donate" not in text.lower()


def test_captions_of_an_ordinary_article_are_not_made_paragraphs():
    """Only a page whose captions outweigh its prose is a gallery."""
    text = load_path(Path(__file__).parent / "fixtures" / "news-page.html").text
    assert "The shoreline of the Aldon reservoir" not in text


def _live_page(times: list[str], byline: str = "") -> str:
    posts = "".join(
        f'<div class="post"><time datetime="2024-03-03T{t}">{t}</time><h2>Update {n}</h2>'
        f"<p>Update {n} from the count: the counting went on through the night in every district.</p></div>"
        for n, t in enumerate(times))
    return f"<html><body><article><h1>Election live</h1>{byline}{posts}</article></body></html>"


def test_live_blog_times_are_paragraphs_but_a_byline_s_time_is_not():
    byline = '<div class="byline">By Ana Ruiz <time datetime="2024-03-03">March 3, 2024</time></div>'
    times = ["09:05", "10:15", "11:30", "12:45"]
    lines = article_from_html(_live_page(times, byline), "x.html").text.split("\n")
    assert [line for line in lines if line[:2].isdigit()] == times
    assert "March 3, 2024" not in lines
    # two timed blocks are not yet a live blog: their times stay out
    assert "09:05" not in article_from_html(_live_page(times[:2]), "x.html").text.split("\n")
