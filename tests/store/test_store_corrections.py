"""The corrections log in a real library file: ordered, one transaction per write, kept across
reopening and re-analysis, and seen by the source book and the claims the exports read."""

from __future__ import annotations

import pytest

from reader.analysis import AttributionEngine, load_nlp
from reader.corrections import CardSpec, change_source, edit_card, not_a_claim
from reader.store import Library, StoreError
from reader.store import corrections as store_corrections

ARTICLE = "a" * 32
TEXT = (
    "Heavy rain will reach the coast by Friday, according to the national weather agency.\n"
    "\"We expect the schools to stay open,\" said Maria Lopez, a spokeswoman for the regional "
    "education office.\n"
    "The Daily Courier reported that two bridges had been closed overnight.\n"
)


@pytest.fixture(scope="module")
def analysis() -> dict:
    return AttributionEngine(load_nlp()).analyze(TEXT).to_dict(ARTICLE)


def _claim(doc: dict, words: str) -> dict:
    return next(c for c in doc["claims"] if words in TEXT[c["content"][0][0]:c["content"][0][1]])


def _card(doc: dict, name: str) -> dict:
    return next(s for s in doc["sources"] if s["name"] == name)


def _stored(lib: Library, analysis: dict) -> None:
    lib.remember_article(ARTICLE, "Rain", "/tmp/rain.txt", TEXT)
    lib.save_analysis(ARTICLE, "1.0.1", analysis)


def test_corrections_are_kept_in_order_across_reopening(data_dir, analysis) -> None:  # noqa: ANN001
    lib = Library.open(data_dir)
    _stored(lib, analysis)
    first = not_a_claim(TEXT, _claim(analysis, "two bridges"))
    second = edit_card(TEXT, _card(analysis, "Maria Lopez"), title="Ms", affiliation="Regional education office")
    lib.add_correction(ARTICLE, first)
    lib.add_correction(ARTICLE, second)
    lib.close()
    again = Library.open(data_dir)
    assert again.corrections(ARTICLE) == [first, second]
    # the source book and the claims read by the exports are the corrected ones
    book = {s.name: s for s in again.source_book()}
    assert "The Daily Courier" not in book
    assert book["Maria Lopez"].appearances[0].affiliation == "Regional education office"
    claims = again.claims()
    assert all("two bridges" not in c.quote for c in claims)
    assert {c.quote: c.corrected for c in claims}['"We expect the schools to stay open,"'] is False
    again.close()


def test_undo_removes_the_latest_correction_and_restores_the_cards(library, analysis) -> None:  # noqa: ANN001
    _stored(library, analysis)
    c = not_a_claim(TEXT, _claim(analysis, "two bridges"))
    library.add_correction(ARTICLE, c)
    assert "The Daily Courier" not in {s.name for s in library.source_book()}
    assert library.remove_correction(ARTICLE, c.uid) is True
    assert library.corrections(ARTICLE) == []
    assert "The Daily Courier" in {s.name for s in library.source_book()}
    assert library.remove_correction(ARTICLE, c.uid) is False


def test_a_new_analysis_is_stored_with_the_corrections_on_its_cards(library, analysis) -> None:  # noqa: ANN001
    _stored(library, analysis)
    c = change_source(TEXT, _claim(analysis, "Heavy rain"), new_card=CardSpec("National Weather Agency", "government"))
    library.add_correction(ARTICLE, c)
    library.save_analysis(ARTICLE, "9.9.9", analysis)  # a newer engine's result replaces the cache
    names = {s.name for s in library.source_book()}
    assert "National Weather Agency" in names and "the national weather agency" not in names
    assert library.cached_analysis(ARTICLE, "9.9.9") == analysis  # the cache stays the engine's own


def test_an_edit_that_no_longer_applies_stays_in_the_log(library, analysis) -> None:  # noqa: ANN001
    _stored(library, analysis)
    c = not_a_claim(TEXT, _claim(analysis, "two bridges"))
    library.add_correction(ARTICLE, c)
    changed = TEXT.replace("two bridges had been closed", "the ferry was cancelled")
    library.db.execute("UPDATE articles SET text = ? WHERE id = ?", [changed, ARTICLE])
    [(article_id, _title, _text, doc, unapplied)] = store_corrections.corrected_articles(library.db)
    assert article_id == ARTICLE and [u.correction for u in unapplied] == [c]
    assert library.corrections(ARTICLE) == [c]


def test_a_write_that_fails_halfway_leaves_nothing(library, analysis, monkeypatch) -> None:  # noqa: ANN001
    _stored(library, analysis)

    def broken(*_args) -> None:  # noqa: ANN002
        raise RuntimeError("disk went away")

    monkeypatch.setattr(store_corrections, "insert_source_cards", broken)
    with pytest.raises(RuntimeError):
        library.add_correction(ARTICLE, not_a_claim(TEXT, _claim(analysis, "two bridges")))
    assert library.db.execute("SELECT count(*) FROM corrections").fetchone() == (0,)


def test_a_read_only_library_refuses_with_a_sentence(data_dir, analysis) -> None:  # noqa: ANN001
    Library.open(data_dir).close()
    lib = Library.open(data_dir, read_only=True)
    with pytest.raises(StoreError, match=r"^This correction was not saved: your library is open read-only .*\.$"):
        lib.add_correction(ARTICLE, not_a_claim(TEXT, _claim(analysis, "two bridges")))
    lib.close()


def test_a_note_on_a_claim_is_kept_and_found_again_after_the_text_moved(data_dir, analysis) -> None:  # noqa: ANN001
    from reader.corrections.notes import ClaimNote, notes_by_claim

    lib = Library.open(data_dir)
    note = ClaimNote.of(TEXT, _claim(analysis, "two bridges"), "Ask the council which bridges.")
    lib.save_claim_note(ARTICLE, note)
    lib.close()
    again = Library.open(data_dir)
    assert again.claim_notes(ARTICLE) == [note]
    moved = "Updated at nine.\n" + TEXT
    later = AttributionEngine(load_nlp()).analyze(moved).to_dict(ARTICLE)
    [(claim_id, found)] = notes_by_claim(later, moved, again.claim_notes(ARTICLE)).items()
    assert found == note and "two bridges" in moved[slice(*next(c for c in later["claims"] if c["id"] == claim_id)["content"][0])]
    again.save_claim_note(ARTICLE, ClaimNote(note.anchor, "", note.uid))  # emptied: deleted
    assert again.claim_notes(ARTICLE) == []
    again.close()


def test_a_renamed_card_keeps_its_notes_and_undo_takes_them_back(library, analysis) -> None:  # noqa: ANN001
    _stored(library, analysis)
    courier = _card(analysis, "The Daily Courier")
    library.save_note(ARTICLE, courier["id"], "The Daily Courier", "media", "Often first with road news.")
    rename = edit_card(TEXT, courier, name="Daily Courier")
    library.add_correction(ARTICLE, rename)
    assert library.note(ARTICLE, "Daily Courier", "media") == "Often first with road news."
    assert library.note(ARTICLE, "The Daily Courier", "media") == ""
    library.remove_correction(ARTICLE, rename.uid)
    assert library.note(ARTICLE, "The Daily Courier", "media") == "Often first with road news."


def test_a_deleted_correction_goes_back_in_its_place(library, analysis) -> None:  # noqa: ANN001
    """Deleting one from the middle of the log and undoing the delete keeps the log's order."""
    _stored(library, analysis)
    made = [not_a_claim(TEXT, _claim(analysis, "two bridges")),
            edit_card(TEXT, _card(analysis, "Maria Lopez"), title="Ms"),
            change_source(TEXT, _claim(analysis, "Heavy rain"), new_card=CardSpec("Weather Agency", "government"))]
    for c in made:
        library.add_correction(ARTICLE, c)
    seq = library.delete_correction(ARTICLE, made[1].uid)
    assert isinstance(seq, int) and library.corrections(ARTICLE) == [made[0], made[2]]
    assert {s.name: s for s in library.source_book()}["Maria Lopez"].appearances[0].title != "Ms"
    library.add_correction(ARTICLE, made[1], seq)
    assert library.corrections(ARTICLE) == made
    assert {s.name: s for s in library.source_book()}["Maria Lopez"].appearances[0].title == "Ms"
    assert library.delete_correction(ARTICLE, "no-such-uid") is None
