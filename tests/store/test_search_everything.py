"""Search everything (schema v4): one index over article titles and text, claims (cue, content,
source name), source cards and notes; ranked, prefix matching, grouped by article, with the
matched words marked and the claim's verb shown. Real SQLite in tmp_path; the sample article
analysed by the real engine."""

from __future__ import annotations

import pytest

from reader.store.search import group_by_article


def claim_hits(hits):
    return [h for h in hits if h.kind == "claim"]


def marked(hit) -> list[str]:
    return [hit.snippet[s:e] for s, e in hit.marks]


def test_a_word_of_a_visible_quote_finds_the_claim_with_its_source_and_verb(sample_library, sample_text):
    hits = claim_hits(sample_library.search("relieved"))
    assert len(hits) == 1
    hit = hits[0]
    assert hit.snippet.startswith("Maria Okafor said: “We are relieved, but relief is not the same as recovery”")
    assert hit.snippet[hit.verb[0]:hit.verb[1]] == "said" and marked(hit) == ["relieved"]
    assert hit.source_key == "person:maria okafor" and hit.article_title.startswith("Red Sea ferry link")
    # the claim id and place that the window scrolls to and outlines
    assert sample_text[hit.position:].startswith("“We are relieved")
    assert hit.claim_id


def test_the_verb_that_gives_a_claim_its_meaning_is_in_the_hit(sample_library):
    hit = claim_hits(sample_library.search("donors"))[0]
    assert hit.snippet.startswith("A senior official denied: “that the request had anything to do with")
    assert hit.snippet[hit.verb[0]:hit.verb[1]] == "denied"


def test_hedged_and_according_to_claims_read_as_words(sample_library):
    hedged = claim_hits(sample_library.search("agreed request"))[0]
    assert hedged.snippet.startswith("Reportedly: “The shipping companies … agreed to the request")
    assert hedged.source_key == "" and hedged.source_name == ""
    according = claim_hits(sample_library.search("40,000 families"))[0]
    assert according.snippet.startswith("According to World Food Programme: “more than 40,000 families")
    assert "according_to" not in according.snippet and "unnamed_group" not in according.snippet


def test_the_source_name_of_a_claim_and_the_cue_are_searched(sample_library):
    assert {h.source_name for h in claim_hits(sample_library.search("Haddad"))} == {"Leila Haddad"}
    assert any(h.snippet.startswith("Arab Bridge Maritime said in a statement:")
               for h in claim_hits(sample_library.search("statement sailings")))


def test_titles_and_article_text_are_searched(sample_library):
    sample_library.remember_article("other", "Harbour pilots strike", "/tmp/other.txt",
                                    "Nobody in this text is quoted about the tugboats.")
    groups = group_by_article(sample_library.search("tugboats"), "tugboats")
    assert [(g.article_id, [h.kind for h in g.hits]) for g in groups] == [("other", ["article"])]
    assert "tugboats" in groups[0].hits[0].snippet
    groups = group_by_article(sample_library.search("harbour pilots"), "harbour pilots")
    assert groups[0].article_id == "other"
    assert [groups[0].title[s:e] for s, e in groups[0].title_marks] == ["Harbour", "pilots"]


def test_notes_are_searched_and_everything_is_grouped_by_article(sample_library):
    sample_library.save_note("sample", "s1", "Maria Okafor", "person", "Ask her about the relief convoys.")
    sample_library.remember_article("later", "Convoys resume", "https://example.org/later", "Convoys resumed.")
    groups = group_by_article(sample_library.search("convoys"), "convoys")
    assert {g.article_id for g in groups} == {"sample", "later"}
    sample = next(g for g in groups if g.article_id == "sample")
    assert [(h.kind, h.source_name) for h in sample.hits] == [("note", "Maria Okafor")]
    assert [g.rank for g in groups] == sorted(g.rank for g in groups)  # best article first


def test_prefixes_and_stems_match_and_rank_the_closer_hit_first(sample_library):
    assert claim_hits(sample_library.search("reliev"))  # search as you type
    assert claim_hits(sample_library.search("denies"))  # Porter: denies ~ denied
    hits = sample_library.search("Okafor")
    # her claims and card, best first; bm25 puts the short card ahead of the long article text
    assert hits[0].kind in ("source", "claim") and hits[-1].kind == "article"
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)


def test_the_index_follows_a_new_analysis_and_drops_the_old_claims(sample_library, sample_analysis):
    assert claim_hits(sample_library.search("relieved"))
    fewer = dict(sample_analysis, claims=[c for c in sample_analysis["claims"] if c["kind"] == "hedged"])
    sample_library.save_analysis("sample", "real-engine-2", fewer)
    assert not claim_hits(sample_library.search("relieved"))
    assert claim_hits(sample_library.search("reportedly"))
    rows = sample_library.db.execute("SELECT count(*) FROM claims WHERE article_id = 'sample'").fetchone()
    assert rows == (2,)


def test_a_failed_save_leaves_the_index_as_it_was(sample_library, sample_analysis, monkeypatch):
    from reader.store import StoreError
    from reader.store import corrections as corrections_module  # it writes the claims of a saved analysis

    real = corrections_module.replace_claims

    def fails_halfway(db, article_id, analysis):  # noqa: ANN001
        real(db, article_id, analysis)
        db.execute("INSERT INTO claims (article_id) VALUES (NULL)")  # NOT NULL: the save fails

    monkeypatch.setattr(corrections_module, "replace_claims", fails_halfway)
    with pytest.raises(StoreError):
        sample_library.save_analysis("sample", "broken", dict(sample_analysis, claims=[]))
    assert claim_hits(sample_library.search("relieved"))  # the old claims, still indexed
    assert sample_library.db.execute("SELECT engine_version FROM analyses").fetchone() == ("real-engine",)


def test_notes_stay_indexed_through_edits_and_deletion(sample_library):
    sample_library.save_note("sample", "s1", "Maria Okafor", "person", "marmalade")
    assert [h.kind for h in sample_library.search("marmalade")] == ["note"]
    sample_library.save_note("sample", "s1", "Maria Okafor", "person", "zeppelins")
    assert sample_library.search("marmalade") == [] and sample_library.search("zeppelins")
    sample_library.save_note("sample", "s1", "Maria Okafor", "person", "")
    assert sample_library.search("zeppelins") == []
    fts = sample_library.db.execute("SELECT count(*) FROM search_fts").fetchone()[0]
    rows = sum(sample_library.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608
               for t in ("articles", "claims", "notes", "sources"))
    assert fts == rows  # one index row per stored row, no stale ones


def test_the_index_follows_the_readers_corrections(sample_library, sample_analysis, sample_text):
    from reader.corrections import CardSpec, change_source, not_a_claim

    okafor = next(c for c in sample_analysis["claims"]
                  if sample_text[c["content"][0][0]:].startswith("“We are relieved"))
    correction = not_a_claim(sample_text, okafor)
    sample_library.add_correction("sample", correction)
    assert not claim_hits(sample_library.search("relieved"))  # no longer a claim
    assert sample_library.search("relieved")  # the article's text still has the words
    sample_library.remove_correction("sample", correction.uid)
    assert claim_hits(sample_library.search("relieved"))
    hedged = next(c for c in sample_analysis["claims"] if c["kind"] == "hedged")
    sample_library.add_correction("sample", change_source(sample_text, hedged,
                                                          new_card=CardSpec("Port authority", "government")))
    hit = claim_hits(sample_library.search("Port authority agreed"))[0]
    assert hit.source_name == "Port authority" and "agreed to the request" in hit.snippet
