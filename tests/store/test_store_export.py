"""Export: every source with its notes and claims, in Markdown, CSV and JSON, with user
text escaped for each format; and the `reader export` command."""

from __future__ import annotations

import csv
import io
import json

import pytest
from store_samples import TEXT, make_analysis

from reader.cli import main
from reader.store import Library
from reader.store.export import collect, export, md_link, render

NASTY_NOTE = ('# not a heading | a "pipe" & \'quotes\'\n> not a quote\n- not a list\n1. not a list\n'
              "    not code\n\n<script>alert('x')</script> **not bold** [not](javascript:alert(1)) #notatag "
              "==x== %%y%% a\\b")
NASTY_TEXT = '=HYPERLINK("http://evil") said the man. Critics said <b>"no" | never</b>\nagain.'
NASTY_TITLE = "Title with ] bracket, # hash\nand a newline"


def span(text: str, words: str) -> list[int]:
    return [text.index(words), text.index(words) + len(words)]


@pytest.fixture
def nasty_library(data_dir):
    lib = Library.open(data_dir)
    analysis = make_analysis()  # the clean article
    lib.remember_article("a1", "Crossing to reopen", "https://example.org/a b?x=(1)", TEXT)
    lib.save_analysis("a1", "e", analysis)
    lib.save_note("a1", "s1", "Yoav Mordechai", "person", NASTY_NOTE)
    # an article whose quote would be a spreadsheet formula and holds HTML and a newline
    nasty = {"id": "", "boilerplate": [],
             "claims": [{"id": "c1", "kind": "direct", "cue": [span(NASTY_TEXT, "said the")],
                         "content": [span(NASTY_TEXT, '=HYPERLINK("http://evil")')], "source_mention": [],
                         "source_id": "s1", "parent": None, "confidence": 1, "rule": "r"},
                        {"id": "c2", "kind": "direct", "cue": [span(NASTY_TEXT, "said <b>")],
                         "content": [span(NASTY_TEXT, '<b>"no" | never</b>\nagain.')], "source_mention": [],
                         "source_id": "s2", "parent": None, "confidence": 1, "rule": "r"}],
             "sources": [{"id": "s1", "name": "The | man #1", "kind": "person", "claim_ids": ["c1"]},
                         {"id": "s2", "name": "Critics", "kind": "unnamed_group", "claim_ids": ["c2"]}]}
    lib.remember_article("a2", NASTY_TITLE, "/home/u/my notes/article.txt", NASTY_TEXT)
    lib.save_analysis("a2", "e", nasty)
    lib.save_note("a2", "s2", "Critics", "unnamed_group", "=1+1\n@cmd")
    yield lib
    lib.close()


def test_collect_gathers_sources_notes_and_claims(nasty_library):
    sources = {s.name: s for s in collect(nasty_library)}
    assert set(sources) == {"Critics", "Reuters", "The | man #1", "Yoav Mordechai"}
    yoav = sources["Yoav Mordechai"]
    assert [n.text for n in yoav.notes] == [NASTY_NOTE]
    assert [(c.text, c.cue, c.article_title, c.origin) for c in yoav.claims] == [
        ("the crossing would reopen on Sunday.", "said", "Crossing to reopen", "https://example.org/a b?x=(1)")]
    assert sources["Critics"].claims[0].text == '<b>"no" | never</b>\nagain.'
    assert sources["Critics"].article_id == "a2"  # a generic group: a card of its article only


def test_json_round_trips_every_character(nasty_library):
    doc = json.loads(render(collect(nasty_library), "json"))
    by_name = {s["name"]: s for s in doc["sources"]}
    assert by_name["Yoav Mordechai"]["notes"][0]["text"] == NASTY_NOTE
    assert by_name["Critics"]["claims"][0]["content"] == '<b>"no" | never</b>\nagain.'
    assert by_name["Critics"]["notes"][0]["article_title"] == NASTY_TITLE
    assert by_name["Critics"]["kind"] == "unnamed group"
    assert doc["app"].startswith("Sourcelight")


def test_csv_round_trips_and_defuses_formulas(nasty_library):
    text = render(collect(nasty_library), "csv")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:], newline="")))
    note = next(r for r in rows if r["source"] == "Yoav Mordechai" and r["note"])
    assert note["note"] == NASTY_NOTE  # commas, quotes, newlines, pipes intact
    formula = next(r for r in rows if r["source"] == "The | man #1")
    assert formula["content"] == "'" + '=HYPERLINK("http://evil")'  # text in a spreadsheet, not a formula
    critics_note = next(r for r in rows if r["source"] == "Critics" and r["note"])
    assert critics_note["note"] == "'=1+1\n@cmd" and critics_note["article"] == NASTY_TITLE


def test_markdown_is_inert_and_keeps_the_text(nasty_library):
    MarkdownIt = pytest.importorskip("markdown_it").MarkdownIt  # noqa: N806 - a class

    md = render(collect(nasty_library), "markdown")
    front, md = md.split("\n---\n", 1)  # YAML front matter (Obsidian reads it; CommonMark does not)
    assert front.startswith("---\ntitle: ") and 'url: "https://example.org/a b?x=(1)"' in front
    tokens = MarkdownIt("commonmark").parse(md)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    # a heading per source, plus the document's and the Notes/Claims sections: nothing from user text
    names = [h for h in headings if h not in ("Notes", "Claims")]
    assert names[1:] == ["Critics (in “Title with \\] bracket, \\# hash and a newline”)", "Reuters",
                         "The \\| man \\#1", "Yoav Mordechai"]
    kinds = {t.type for t in tokens}
    assert not kinds & {"html_block", "bullet_list_open", "ordered_list_open", "code_block", "hr"}
    renderer = MarkdownIt("commonmark")
    renderer.validateLink = lambda url: True  # markdown-it refuses file: links; Obsidian opens them
    html = renderer.render(md)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert 'href="javascript' not in html  # no link made from user text
    assert html.count("<strong>") == 4 and "<strong>said</strong>" in html  # only the verbs are bold
    # the note's text is all there, one rendered line per typed line
    assert "# not a heading | a &quot;pipe&quot; &amp; 'quotes'<br />" in html
    assert "&gt; not a quote<br />" in html and "- not a list<br />" in html
    # claims are blockquotes with a link to the article
    assert html.count("<blockquote>") == 4  # one per claim
    assert '<a href="https://example.org/a%20b?x=(1)">Crossing to reopen</a>' in html
    assert "file://" not in html and "<em>Title with ] bracket" in html and "(article.txt)" in html
    assert "Title with ] bracket, # hash and a newline" in html


def test_markdown_links_only_to_web_origins():
    assert md_link("t", "javascript:alert(1)") == "*t* (javascript:alert(1))"
    assert md_link("t", "") == "*t*"
    assert md_link("t", "/home/u/a b.txt") == "*t* (a b.txt)" and md_link("t", "file:///x/y.md") == "*t* (file:///x/y.md)"
    assert md_link("a > b", "https://x.org/<y>") == "[a \\> b](<https://x.org/%3Cy%3E>)"


def test_export_writes_a_file_in_the_format_of_its_suffix(nasty_library, tmp_path):
    out = export(nasty_library, tmp_path / "notes.json")
    assert json.loads(out.read_text(encoding="utf-8"))["sources"]
    assert export(nasty_library, tmp_path / "notes.md").read_text(encoding="utf-8").startswith("---\ntitle:")
    assert export(nasty_library, tmp_path / "n.txt", "csv").read_text(encoding="utf-8").startswith("\ufeffarticle,")


def test_reader_export_command(nasty_library, capsys, tmp_path):
    assert main(["export", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert {s["name"] for s in json.loads(out)["sources"]} >= {"Yoav Mordechai", "Critics"}
    assert "exported 4 sources, 2 notes, 4 claims" in err
    target = tmp_path / "out.csv"
    assert main(["export", "--format", "csv", "--out", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("\ufeffarticle,")
    assert main(["export", "--out", str(tmp_path / "out.md")]) == 0  # markdown by default
    assert "\n# Sourcelight" in (tmp_path / "out.md").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["export", "--out", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err


def test_reader_export_without_a_library_is_one_line_and_creates_nothing(capsys, user_paths):
    assert main(["export"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("reader: There is no library") and err.count("\n") == 1
    assert not user_paths.exists()
