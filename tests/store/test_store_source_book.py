"""The source book: every source across the library, with its articles, notes and claims."""

from __future__ import annotations

from store_samples import TEXT, add_article


def test_every_source_across_articles_with_its_notes(library):
    add_article(library, "a1", title="First")
    add_article(library, "a2", title="Second", text=TEXT + " More.")
    library.save_note("a1", "s1", "Yoav Mordechai", "person", "note one")
    library.save_note("a3", "s9", "Jane Roe", "person", "on an article never analysed")
    book = library.source_book()
    assert [(s.name, s.kind) for s in book] == [("Jane Roe", "person"), ("Reuters", "media"),
                                                ("Yoav Mordechai", "person")]
    yoav = book[2]
    assert yoav.key == "person:yoav mordechai" and yoav.title == "IDF Maj.-Gen."
    assert {a.article_id: a.note for a in yoav.appearances} == {"a1": "note one", "a2": ""}
    assert yoav.note_count == 1
    first = next(a for a in yoav.appearances if a.article_id == "a1")
    assert (first.article_title, first.origin, first.source_id, first.claims) == (
        "First", "https://example.org/crossing", "s1", 1)
    assert book[0].appearances[0].note == "on an article never analysed"


def test_one_key_twice_in_an_article_is_one_appearance(library):
    add_article(library, "a1")
    analysis = library.cached_analysis("a1", "test-engine")
    analysis["sources"].append(dict(analysis["sources"][0], id="s3", claim_ids=[]))
    library.save_analysis("a1", "test-engine", analysis)
    yoav = next(s for s in library.source_book() if s.name == "Yoav Mordechai")
    assert len(yoav.appearances) == 1


def test_claims_carry_their_quote_text_article_and_origin(library):
    add_article(library, "a1", title="First")
    claims = library.claims()
    assert [(c.source_key, c.quote, c.kind, c.article_title) for c in claims] == [
        ("person:yoav mordechai", "the crossing would reopen on Sunday.", "indirect", "First"),
        ("media:reuters", "Officials familiar with the talks denied it", "according_to", "First")]


def test_the_index_and_per_source_appearances_agree_with_the_whole_book(library):
    add_article(library, "a1", title="First")
    add_article(library, "a2", title="Second", text=TEXT + " More.")
    library.save_note("a1", "s1", "Yoav Mordechai", "person", "note one")
    library.save_note("a3", "s9", "Yoav Mordechai", "person", "on an article without cards")
    library.save_note("a3", "s8", "Jane Roe", "person", "only a note")
    book = library.source_book()
    index = library.source_index()
    assert [(s.key, s.name, s.kind, s.title, s.role) for s in index] == [
        (b.key, b.name, b.kind, b.title, b.role) for b in book]
    assert [(s.articles, s.notes) for s in index] == [(len(b.appearances), b.note_count) for b in book]
    assert [(s.name, s.articles, s.notes) for s in index] == [
        ("Jane Roe", 1, 1), ("Reuters", 2, 0), ("Yoav Mordechai", 3, 2)]
    for entry in book:
        assert library.appearances(entry.key) == entry.appearances
    assert library.appearances("person:nobody") == []
    assert library.quick_check() == []
