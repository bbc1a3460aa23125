"""Page metadata: author(s), date, site and address from JSON-LD, meta tags or the byline;
titles prefer og:title / <h1> over <title> with its " | Site" suffix."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.documents import Article, load_path
from reader.documents.pagemeta import parse_byline
from reader.documents.webpage import article_from_html

PAGES = Path(__file__).parent / "fixtures" / "pages"
BODY = "<p>" + "The council met on Tuesday and agreed to rebuild the old pier before the summer. " * 3 + "</p>"


def page(head: str = "", body: str = "") -> str:
    return f"<html><head>{head}</head><body><article>{body}{BODY}</article></body></html>"


@pytest.mark.parametrize("line, authors, date", [
    ("By A. Writer and Bo Reporter | Published March 3, 2024", ["A. Writer", "Bo Reporter"], "2024-03-03"),
    ("By Daniel Costa and Priya Natarajan · June 10, 2024", ["Daniel Costa", "Priya Natarajan"], "2024-06-10"),
    ("By Ann Lee, Bob Stone and Cy Young", ["Ann Lee", "Bob Stone", "Cy Young"], ""),
    ("BY JANE DOE — Updated 4 July 2023", ["JANE DOE"], "2023-07-04"),
    ("Published 14 May 2024", [], "2024-05-14"),
    ("Photo: Ola Berg", [], ""),
])
def test_bylines_are_parsed(line, authors, date):
    assert parse_byline(line) == (authors, date)


def test_byline_gives_authors_and_date_and_stays_in_the_text():
    article = load_path(PAGES / "sectioned-review.html")
    assert article.metadata["authors"] == ["Sigrid Alme"]
    assert article.metadata["date"] == "2024-03-03"
    assert article.text.split("\n")[1] == "By Sigrid Alme | Published March 3, 2024"
    assert article.header() == {"author": "Sigrid Alme", "date": "2024-03-03", "site_name": "Soundstage Weekly"}


def test_two_authors_in_a_byline_are_both_kept():
    article = load_path(PAGES / "paywall-teaser.html")
    assert article.metadata["authors"] == ["Daniel Costa", "Priya Natarajan"]
    assert article.header()["author"] == "Daniel Costa and Priya Natarajan"
    assert article.header()["date"] == "2024-06-10"


def test_json_ld_authors_date_and_publisher():
    head = ('<script type="application/ld+json">{"@graph": [{"@type": "WebSite", "name": "x"}, '
            '{"@type": "NewsArticle", "headline": "Pier to be rebuilt", "author": [{"name": "Ann Lee"}, '
            '{"name": "Bob Stone"}], "datePublished": "2024-02-01T08:00:00Z", "publisher": {"name": "Bay News"}}]}'
            '</script><title>Pier to be rebuilt | Bay News</title><link rel="canonical" href="https://bay.example/pier">')
    article = article_from_html(page(head), "p.html")
    assert article.title == "Pier to be rebuilt"
    assert article.header() == {"author": "Ann Lee and Bob Stone", "date": "2024-02-01", "site_name": "Bay News",
                                "url": "https://bay.example/pier"}


def test_a_broken_json_ld_block_is_ignored():
    head = '<script type="application/ld+json">{"@type": "NewsArticle", </script><meta name="author" content="Ann Lee">'
    assert article_from_html(page(head), "p.html").metadata["author"] == "Ann Lee"


@pytest.mark.parametrize("head, body, title", [
    ("<title>Pier to be rebuilt | Bay News</title>", "<h1>Pier to be rebuilt</h1>", "Pier to be rebuilt"),
    ('<title>Pier to be rebuilt - Bay News</title><meta property="og:site_name" content="Bay News">', "",
     "Pier to be rebuilt"),
    ('<title>Home | Bay News</title><meta property="og:title" content="Council backs pier plan">',
     "<h1>Bay News</h1>", "Council backs pier plan"),
    ("<title>Pier to be rebuilt | Bay News</title>", "<h1>Council agrees: pier to be rebuilt</h1>",
     "Council agrees: pier to be rebuilt"),
    ("<title>Rebuild - or lose - the pier</title>", "", "Rebuild - or lose - the pier"),
])
def test_titles_prefer_og_title_and_h1_and_lose_the_site_suffix(head, body, title):
    assert article_from_html(page(head, body), "p.html").title == title


def test_a_commenters_name_is_not_the_author():
    body = '<div class="comments"><span class="comment-author">troll42</span></div>'
    assert "author" not in article_from_html(page("", body), "p.html").metadata


def test_header_of_a_text_article_is_empty_and_of_a_fetched_page_has_its_address():
    assert Article(title="t", text="t").header() == {}
    article = Article(title="t", text="t", metadata={"url": "https://a.example/x", "format": "html"})
    assert article.header() == {"url": "https://a.example/x"}
