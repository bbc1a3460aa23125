"""Exports that keep meaning, on real analyses (the sample article and a second article, both
analysed by the real engine): the verb of every claim, hedged claims, human labels, generic
sources never merged across articles, web links only, YAML front matter, CSV with a BOM,
one Markdown file per source."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from reader.store.export import collect, collect_all, export, export_per_source, render

SECOND = ("Border talks stall\nPort officials said the border would stay closed until Friday. "
          "A senior official said the talks had failed. Maria Okafor said the convoys were ready.")
INTERNAL = re.compile(r"unnamed_group|according_to|\bindirect\b|\bmixed\b|\banonymous\b(?! source)")


@pytest.fixture
def two_articles(sample_library):
    from reader.analysis import AttributionEngine, load_nlp

    lib = sample_library
    lib.remember_article("second", "Border talks stall", "/home/u/Downloads/border talks.txt", SECOND)
    lib.save_analysis("second", "real-engine", AttributionEngine(load_nlp()).analyze(SECOND).to_dict("second"))
    lib.save_note("sample", "s1", "Maria Okafor", "person", "Ask about the convoys.")
    lib.save_note("sample", "sx", "A senior official", "anonymous", "Who is this?")
    return lib


@pytest.fixture
def markdown(two_articles) -> str:
    articles, sources = collect_all(two_articles)
    return render(sources, "markdown", articles)


def test_markdown_keeps_the_verb_that_gives_each_claim_its_meaning(markdown):
    assert ("> A senior official **denied**: “that the request had anything to do with pressure from donors”"
            in markdown)
    assert "> [[Maria Okafor]] **said**: “We are relieved, but relief is not the same as recovery”" in markdown
    assert "> **According to** [[World Food Programme]]: “more than 40,000 families" in markdown
    assert "> [[Arab Bridge Maritime]] **said in a statement**: “that its two largest vessels" in markdown


def test_hedged_claims_are_included_under_no_named_source(markdown):
    assert "## No named source (in “Red Sea ferry link reopens" in markdown
    assert "> **Reportedly**: “The shipping companies … agreed to the request last week”" in markdown
    assert "> **Is believed**: “One of them … to have moved a vessel" in markdown
    assert "· hedged (no source)" in markdown


def test_labels_are_human(markdown, two_articles):
    assert not INTERNAL.search(markdown), INTERNAL.search(markdown)
    assert "*unnamed group*" in markdown and "*anonymous source" in markdown and "· according to" in markdown
    assert "· reported speech" in markdown and "· direct quote" in markdown
    text = render(collect(two_articles), "csv") + render(collect(two_articles), "json")
    assert not re.search(r"unnamed_group|according_to|\"indirect\"|,indirect,", text)


def test_generic_sources_are_never_merged_across_articles_but_named_people_are(markdown, two_articles):
    sources = collect(two_articles)
    officials = [s for s in sources if s.name == "A senior official"]
    assert sorted(s.article_id for s in officials) == ["sample", "second"]  # two cards, one per article
    port = [s for s in sources if s.name == "Port officials"]
    assert sorted(s.article_id for s in port) == ["sample", "second"]
    okafor = [s for s in sources if s.name == "Maria Okafor"]
    assert len(okafor) == 1 and {c.article_id for c in okafor[0].claims} == {"sample", "second"}
    assert markdown.count("\n## Maria Okafor\n") == 1
    assert "## A senior official (in “Border talks stall”)" in markdown
    assert "## A senior official (in “Red Sea ferry link reopens after storm, but aid groups warn of backlog”)" \
        in markdown
    assert "[[A senior official]]" not in markdown and "[[Port officials]]" not in markdown
    # each note stays with its own card
    sample_official = next(s for s in officials if s.article_id == "sample")
    assert [n.text for n in sample_official.notes] == ["Who is this?"]


def test_links_are_web_addresses_and_local_files_are_named(markdown):
    assert "file://" not in markdown
    assert "[Red Sea ferry link reopens after storm, but aid groups warn of backlog](<https://example.org/ferry>)" \
        in markdown
    assert "*Border talks stall* (border talks.txt)" in markdown


def test_yaml_front_matter_lists_the_articles(markdown):
    yaml = pytest.importorskip("yaml")
    front = yaml.safe_load(markdown.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert front["title"] == "Sourcelight: sources and notes"
    assert str(front["date"])[:4].isdigit() and front["tags"] == ["sourcelight"]
    assert {"title": "Red Sea ferry link reopens after storm, but aid groups warn of backlog",
            "url": "https://example.org/ferry", "site": "example.org"} in front["articles"]
    assert {"title": "Border talks stall"} in front["articles"]
    assert front["claims"] == markdown.count("\n> ") // 2 and front["notes"] == 2


def test_csv_has_a_bom_and_one_column_per_field(two_articles, tmp_path):
    path = export(two_articles, tmp_path / "sources.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == ["article", "url", "source", "source kind", "title", "role", "affiliation", "cue",
                             "claim kind", "class", "content", "note", "updated", "corrected by reader", "claim note"]
    denied = next(r for r in rows if r["cue"] == "denied")
    assert (denied["source"], denied["source kind"], denied["claim kind"], denied["class"]) == (
        "A senior official", "anonymous source", "reported speech", "speech")
    assert denied["content"] == "that the request had anything to do with pressure from donors"
    assert denied["url"] == "https://example.org/ferry"
    hedged = next(r for r in rows if r["cue"] == "reportedly")
    assert hedged["source"] == "No named source" and hedged["claim kind"] == "hedged (no source)"
    assert hedged["class"] == "hedge"
    note = next(r for r in rows if r["note"] == "Ask about the convoys.")
    assert note["source"] == "Maria Okafor" and note["cue"] == "" and note["updated"]
    local = next(r for r in rows if r["article"] == "Border talks stall")
    assert local["url"] == ""  # a local file is no link


def test_json_claims_have_verb_kind_class_and_a_sentence(two_articles):
    doc = json.loads(render(collect(two_articles), "json"))
    wfp = next(s for s in doc["sources"] if s["name"] == "World Food Programme")
    claim = wfp["claims"][0]
    assert (claim["cue"], claim["claim_kind"], claim["class"]) == ("According to", "according to", "speech")
    assert claim["sentence"].startswith("According to World Food Programme: “more than 40,000 families")
    assert wfp["kind"] == "organisation" and wfp["article_id"] is None


def test_one_markdown_file_per_source(two_articles, tmp_path):
    written = export_per_source(two_articles, tmp_path / "vault")
    names = sorted(p.name for p in written)
    assert "Maria Okafor.md" in names
    assert "A senior official (in “Border talks stall”).md" in names
    page = (tmp_path / "vault" / "Maria Okafor.md").read_text(encoding="utf-8")
    assert page.startswith('---\ntitle: "Maria Okafor"\nkind: "person"\n')
    assert "> [[Maria Okafor]] **said**: “the convoys were ready”" in page
    assert "## Notes" in page and "Ask about the convoys." in page
    assert len(names) == len(set(n.casefold() for n in names)) == len(collect(two_articles))


def test_reader_export_per_source_writes_a_folder(two_articles, tmp_path, capsys):
    from reader.cli import main

    assert main(["export", "--per-source", str(tmp_path / "notes")]) == 0
    assert (tmp_path / "notes" / "Maria Okafor.md").is_file()
    assert "files in" in capsys.readouterr().err
