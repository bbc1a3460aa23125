"""YAML front matter of the Markdown exports: the article's title, author, date, address and
site, read back with a real YAML parser (PyYAML); what an article did not say is left out,
never written as an empty or 'None' value; any text survives the quoting."""

from __future__ import annotations

import datetime

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from reader.store.export import collect_all, export, export_per_source, export_source, render
from reader.store.front_matter import YamlDate, yaml_date, yaml_front_matter, yaml_string
from store_samples import TEXT, make_analysis

# What a page may say about itself: a colon, quotes, a hash, a line break, a leading dash.
NASTY_TITLE = 'Officials: "no deal" #breaking\n- part 2'
ABOUT = {"author": "Jane O'Hara and Tom \"TJ\" Ng", "date": "2024-03-03", "site_name": "City Desk: Morning",
         "url": "https://citydesk.example/a"}


def front_matter(markdown: str) -> dict:
    """The YAML between the first two '---' lines, parsed."""
    head, sep, _body = markdown.partition("\n---\n")
    assert head.startswith("---\n") and sep, markdown[:200]
    return yaml.safe_load(head[len("---\n"):])


def store_two_articles(lib, about: dict | None) -> None:  # noqa: ANN001 - a Library
    """A web article (its page said `about`) and a local file that said nothing, both analysed."""
    lib.remember_article("web", NASTY_TITLE, "https://citydesk.example/a", TEXT, about)
    lib.save_analysis("web", "test-engine", make_analysis())
    other = TEXT + " Nothing else was said."
    lib.remember_article("file", "Plain notes", "/home/u/plain.txt", other)
    lib.save_analysis("file", "test-engine", make_analysis(other))


@pytest.fixture
def described(library):
    store_two_articles(library, ABOUT)
    return library


def test_front_matter_has_the_author_date_and_site_when_known_and_omits_them_when_not(described):
    articles, sources = collect_all(described)
    markdown = render(sources, "markdown", articles)
    meta = front_matter(markdown)
    assert meta["articles"] == [
        {"title": NASTY_TITLE, "author": ABOUT["author"], "date": datetime.date(2024, 3, 3),
         "url": "https://citydesk.example/a", "site": "City Desk: Morning"},
        {"title": "Plain notes"}]
    head = markdown.split("\n---\n", 1)[0]
    assert "None" not in head and '""' not in head and ": \n" not in head + "\n"


def test_a_reopened_article_keeps_what_it_said_and_an_old_row_gains_it(described):
    described.remember_article("web", NASTY_TITLE, "/home/u/saved.html", TEXT)  # reopened without metadata
    stored = described.article("web")
    assert (stored.author, stored.published, stored.site) == (ABOUT["author"], "2024-03-03", ABOUT["site_name"])
    assert stored.metadata() == {"author": ABOUT["author"], "date": "2024-03-03", "site_name": ABOUT["site_name"]}
    assert described.article("file").metadata() == {}
    described.remember_article("file", "Plain notes", "/home/u/plain.txt", "", {"author": "Ana Ruiz", "date": ""})
    assert described.article("file").metadata() == {"author": "Ana Ruiz"}


def test_each_source_page_lists_its_articles_with_what_they_said(described, tmp_path):
    written = {p.stem: p for p in export_per_source(described, tmp_path / "vault")}
    meta = front_matter(written["Yoav Mordechai"].read_text(encoding="utf-8"))
    assert meta["title"] == "Yoav Mordechai" and meta["kind"] == "person"
    assert meta["articles"] == [  # in the order of its claims
        {"title": "Plain notes"},
        {"title": NASTY_TITLE, "author": ABOUT["author"], "date": datetime.date(2024, 3, 3),
         "url": "https://citydesk.example/a", "site": "City Desk: Morning"}]
    one = export_source(described, tmp_path / "one.md", "file", "Yoav Mordechai", "person")
    assert one.read_text(encoding="utf-8") == written["Yoav Mordechai"].read_text(encoding="utf-8")


def test_a_date_that_is_not_a_day_stays_text(library):
    library.remember_article("a", "Spring", "https://x.example/a", TEXT, {"date": "March 2024"})
    library.save_analysis("a", "test-engine", make_analysis())
    articles, sources = collect_all(library)
    assert front_matter(render(sources, "markdown", articles))["articles"][0]["date"] == "March 2024"
    assert yaml_date("2024-13-45") == "2024-13-45" and not isinstance(yaml_date("2024-13-45"), YamlDate)
    assert isinstance(yaml_date("2024-02-29"), YamlDate)


def test_csv_is_the_same_whatever_the_articles_said_about_themselves(described, library_without_metadata):
    assert render(collect_all(described)[1], "csv") == render(collect_all(library_without_metadata)[1], "csv")


@pytest.fixture
def library_without_metadata(tmp_path):
    from reader.store import Library

    lib = Library.open(tmp_path / "plain")
    store_two_articles(lib, None)
    yield lib
    lib.close()


def test_the_json_export_names_the_author_and_date(described, tmp_path):
    import json

    doc = json.loads(export(described, tmp_path / "all.json").read_text(encoding="utf-8"))
    assert doc["articles"][0] == {"id": "web", "title": NASTY_TITLE, "author": ABOUT["author"],
                                  "date": "2024-03-03", "url": "https://citydesk.example/a",
                                  "site": "City Desk: Morning"}
    assert doc["articles"][1]["author"] == "" and doc["articles"][1]["site"] == ""


# Characters YAML refuses raw or reads as line breaks, next to ordinary hostile text.
AWKWARD = ["a: b", "#tag", "- item", "null", "yes", "'single'", '"double"', "back\\slash", "\x85", "\u2028",
           "\u2029", "\x7f", "\x9f", "\ufeff", "\t", "\r\n", "\x00", "%YAML", "---", "...", "{x: [1]}", "🙂"]


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_text_round_trips_through_yaml(text):
    assert yaml.safe_load(f"k: {yaml_string(text)}") == {"k": text}


@given(st.text())
def test_any_text_round_trips_through_yaml(text):
    assert yaml.safe_load(f"k: {yaml_string(text)}") == {"k": text}


@given(st.dictionaries(st.sampled_from(["title", "author", "url", "site"]), st.text(min_size=1), min_size=1),
       st.lists(st.text(min_size=1), max_size=3))
def test_front_matter_round_trips(article, tags):
    lines = yaml_front_matter({"title": "x", "date": YamlDate("2024-03-03"), "articles": [article], "tags": tags})
    assert lines[0] == lines[-2] == "---" and lines[-1] == ""
    assert yaml.safe_load("\n".join(lines[1:-2])) == {"title": "x", "date": datetime.date(2024, 3, 3),
                                                      "articles": [article], "tags": tags}
