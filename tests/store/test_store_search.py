"""Full-text search over notes, source cards, claims and articles: ranked; a note and a card
of the same source in one article are one hit. (tests/store/test_search_everything.py covers
claims, titles, grouping and the index's upkeep.)"""

from __future__ import annotations

import pytest
from store_samples import TEXT, add_article, make_analysis

from reader.store.search import fts_query, snippet


@pytest.fixture
def filled(library):
    add_article(library, "a1", title="Crossing to reopen")
    add_article(library, "a2", title="Talks stall", text=TEXT + " Later.")
    library.save_note("a1", "s1", "Yoav Mordechai", "person",
                      "Denies everything.\nCompare with the March briefing on the crossing.")
    library.save_note("a2", "s2", "Reuters", "media", "Wire copy; the crossing story again.")
    library.save_note("a2", "s1", "Yoav Mordechai", "person", "Müller's numbers differ.")
    return library


def notes_and_cards(hits):
    return [h for h in hits if h.kind in ("note", "source")]


def test_a_note_is_found_with_its_article_and_source(filled):
    hits = filled.search("briefing")
    assert [(h.article_id, h.source_key, h.article_title, h.source_name, h.in_note) for h in hits] == [
        ("a1", "person:yoav mordechai", "Crossing to reopen", "Yoav Mordechai", True)]
    hit = hits[0]
    assert hit.snippet.startswith("Denies everything. Compare")  # one line
    assert [hit.snippet[s:e] for s, e in hit.marks] == ["briefing"]


def test_source_names_titles_and_roles_are_searched_too(filled):
    by_role = notes_and_cards(filled.search("coordinator"))
    assert {(h.article_id, h.source_key, h.in_note) for h in by_role} == {
        ("a1", "person:yoav mordechai", False), ("a2", "person:yoav mordechai", False)}
    assert "coordinator" in by_role[0].snippet
    assert {h.article_id for h in notes_and_cards(filled.search("news agency"))} == {"a1", "a2"}


def test_one_hit_per_article_and_source_even_when_note_and_card_both_match(filled):
    hits = notes_and_cards(filled.search("mordechai"))
    pairs = [(h.article_id, h.source_key) for h in hits]
    assert sorted(pairs) == [("a1", "person:yoav mordechai"), ("a2", "person:yoav mordechai")]


def test_ranking_puts_the_closer_match_first(library):
    for i, note in enumerate(["the ferry, the ferry, the ferry schedule", "mentions a ferry once among "
                              "many other words about ports, budgets, ministers and weather"]):
        add_article(library, f"a{i}", title=f"Article {i}")
        library.save_note(f"a{i}", "s1", "Yoav Mordechai", "person", note)
    assert [h.article_id for h in library.search("ferry")] == ["a0", "a1"]


def test_prefixes_diacritics_and_stems_match(filled):
    assert filled.search("Mordech")  # search as you type
    assert filled.search("muller") and filled.search("MÜLLER")
    assert [h.article_id for h in filled.search("denies") if h.in_note] == ["a1"]  # Porter: denies ~ denied
    assert {h.kind for h in filled.search("denies")} >= {"claim", "note"}  # "denied it" in the claim
    assert filled.search("crossing briefing")[0].article_id == "a1"  # every word must match
    assert filled.search("crossing zebra") == []


@pytest.mark.parametrize("query", ['"', "AND", "OR NOT", "a*b", "(", "col:umn", "NEAR(x y)", "'", "-x", "^"])
def test_fts_syntax_in_the_query_is_just_text(filled, query):
    filled.search(query)  # no sqlite3.OperationalError: fts5 syntax error
    assert fts_query('she said "no" NOT NEAR *') == '"said"* "no"* "NOT"* "NEAR"*'


def test_stop_words_are_dropped_unless_nothing_else_is_left(filled, library):
    assert fts_query("the crossing of the border") == '"crossing"* "border"*'
    assert fts_query("The") == '"The"*'
    assert filled.search("the crossing") == filled.search("crossing")
    # a stop-word-only query still finds notes, newest first, without ranking the library
    library.save_note("a0", "s9", "Omar Zayed", "person", "the first note")
    library.save_note("a1", "s9", "Omar Zayed", "person", "the second note")
    hits = [h for h in library.search("the") if h.in_note]
    assert [h.article_id for h in hits[:2]] == ["a1", "a0"]


def test_empty_and_blank_queries_find_nothing(filled):
    assert filled.search("") == [] and filled.search("   ") == [] and filled.search("…!") == []


def test_search_follows_edits_deletions_and_new_analyses(filled):
    filled.save_note("a1", "s1", "Yoav Mordechai", "person", "Now about tunnels.")
    assert not filled.search("briefing") and filled.search("tunnels")
    filled.save_note("a1", "s1", "Yoav Mordechai", "person", "")
    assert not filled.search("tunnels")
    analysis = make_analysis()
    analysis["sources"][0]["role"] = "head of logistics"
    filled.save_analysis("a1", "engine-2", analysis)
    assert [(h.article_id, h.kind) for h in filled.search("logistics")] == [("a1", "source")]


def test_limit(library):
    for i in range(30):
        library.save_note(f"a{i}", "s1", "Yoav Mordechai", "person", f"ferry note {i}")
    assert len(library.search("ferry", limit=7)) == 7
    assert len(library.search("ferry")) == 30


def test_snippet_is_a_window_around_the_first_match():
    body = " ".join(f"w{i}" for i in range(100)) + " target " + " ".join(f"v{i}" for i in range(100))
    text, marks = snippet(body, "target")
    assert text.startswith("… ") and text.endswith(" …") and len(text.split()) <= 18
    assert [text[s:e] for s, e in marks] == ["target"]
