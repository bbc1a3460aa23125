"""Saved web pages: main text only, metadata kept, nothing remote or executable survives."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from reader.documents import DocumentError, load_path
from reader.documents.webpage import article_from_html

FIXTURES = Path(__file__).parent / "fixtures"
NEWS = FIXTURES / "news-page.html"
TITLE = "Harbor city rations water as reservoir falls to record low"


@pytest.fixture(scope="module")
def news():
    return load_path(NEWS)


def test_news_page_title_and_metadata(news):
    assert news.title == TITLE
    assert news.metadata["author"] == "Lena Brandt"
    assert news.metadata["date"] == "2024-08-14"
    assert news.metadata["site_name"] == "The Meridian Courier"
    assert news.metadata["format"] == "html" and news.metadata["encoding"] == "utf-8"
    assert news.origin == str(NEWS.resolve())


def test_news_page_keeps_every_article_paragraph_one_per_line(news):
    lines = news.text.split("\n")
    assert lines[0] == TITLE  # the headline heads the text the window shows
    assert lines[1] == "By Lena Brandt"  # the byline stays, under the headline (marked boilerplate)
    assert len(lines) == 2 + 8  # the eight <p> of the article, nothing else
    assert lines[2].startswith("Port Calder will limit household water use")
    assert lines[-1] == ("The utility said repairs to the main trunk line would begin in September "
                         "and take about two years.")
    assert "“Some of us will not plant next spring,” said Tomas Reyes" in news.text


@pytest.mark.parametrize(
    "boilerplate",
    ["cookies", "Accept all", "Politics", "ADVERTISEMENT", "Refinance", "Independent journalism needs you",
     "donate", "Donate now", "Related stories", "Bottled water sales", "COMMENT-TEXT", "waterwatcher77",
     "newsletter", "Share on Social", "All rights reserved", "Privacy policy"],
)
def test_news_page_drops_boilerplate(news, boilerplate):
    assert boilerplate.lower() not in news.text.lower()


def test_no_script_style_image_or_url_reaches_the_text(news):
    """Privacy: the window shows `text` as plain text; nothing in it can load or run."""
    for secret in ("SCRIPT-SECRET", "STYLE-SECRET", "STYLE-CONTENT-LEAK", "IMG-ALT", "NOSCRIPT",
                   "dataLayer", "document.write", "pixel", "tracker", "reservoir.jpg"):
        assert secret not in news.text
    assert not re.search(r"https?://|www\.|<[a-z/!]|\.css|\.js\b|\{|\}", news.text)
    values = [x for v in news.metadata.values() for x in (v if isinstance(v, list) else [v])]
    assert all(isinstance(v, str) and "\n" not in v for v in values)


def test_donation_box_inside_the_article_goes_but_text_after_it_stays():
    html = NEWS.read_text(encoding="utf-8").replace(
        "</div>\n  <p>Farmers", "</div>TAIL-AFTER-BOX is part of the story and stays in this paragraph.\n  <p>Farmers")
    article = article_from_html(html, "x")
    assert "TAIL-AFTER-BOX" in article.text and "donate" not in article.text


def test_a_class_that_wraps_the_whole_story_does_not_remove_the_story():
    html = NEWS.read_text(encoding="utf-8").replace('<article class="story">', '<article class="story share-enabled">')
    html = html.replace("<main>", '<main><div class="social-wrapper">').replace("</main>", "</div></main>")
    article = article_from_html(html, "x")
    assert "Tomas Reyes" in article.text and "Halas" in article.text


def test_cp1252_page_without_charset_declaration():
    article = load_path(FIXTURES / "cp1252-no-charset.html")
    assert FIXTURES.joinpath("cp1252-no-charset.html").read_bytes().count(b"\x92") >= 2  # really cp1252
    assert article.metadata["encoding"] == "cp1252"
    assert article.title == "Café owners say the new tram line is “a lifeline”"
    assert "“We nearly closed in the winter,” said Hélène Dubreuil" in article.text
    assert "Café Étoile" in article.text and "there’s a queue" in article.text
    assert article.metadata["author"] == "Noémie Laurent"
    assert "\ufffd" not in article.text and "Ã" not in article.text


def test_declared_charset_wins_and_a_wrong_declaration_is_ignored(tmp_path):
    body = "<p>" + " ".join(["The councillor said the “new rules” are fair to café owners."] * 3) + "</p>"
    page = f'<html><head><meta charset="{{}}"><title>T</title></head><body><article>{body}</article></body></html>'
    declared = tmp_path / "a.html"
    declared.write_bytes(page.format("windows-1252").encode("cp1252"))
    assert "“new rules”" in load_path(declared).text
    liar = tmp_path / "b.html"  # says UTF-8, is cp1252: old sites do this
    liar.write_bytes(page.format("utf-8").encode("cp1252"))
    assert "“new rules” are fair to café" in load_path(liar).text


def test_page_that_is_only_navigation_has_no_article():
    with pytest.raises(DocumentError, match="No article text found"):
        load_path(FIXTURES / "nav-only.html")


@pytest.mark.parametrize("html", ["", "   ", "<html></html>", "<<<>>>", "\x00\x01garbage", "<p>Too short.</p>"])
def test_degenerate_html_is_a_document_error(html):
    with pytest.raises(DocumentError) as err:
        article_from_html(html, "x")
    assert "\n" not in str(err.value)


def test_htm_suffix_and_uppercase(tmp_path):
    target = tmp_path / "SAVED.HTM"
    shutil.copy(NEWS, target)
    assert load_path(target).title == TITLE


def test_page_saved_without_suffix_is_read_as_html(tmp_path):
    target = tmp_path / "download"
    shutil.copy(NEWS, target)
    article = load_path(target)
    assert article.title == TITLE and "<" not in article.text


def test_utf16_page(tmp_path):
    target = tmp_path / "utf16.html"
    target.write_bytes(NEWS.read_text(encoding="utf-8").replace('<meta charset="utf-8">', "").encode("utf-16"))
    assert load_path(target).text == load_path(NEWS).text


@pytest.mark.parametrize("label", ["rot13", "base64", "zlib", "no-such-charset"])
def test_bogus_charset_labels_are_ignored(tmp_path, label):
    target = tmp_path / "bogus.html"
    target.write_bytes(NEWS.read_bytes().replace(b'<meta charset="utf-8">', f'<meta charset="{label}">'.encode()))
    assert load_path(target).text == load_path(NEWS).text
