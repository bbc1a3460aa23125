"""The unsaved-notes file holds notes on sources and on claims alike, and a file written before
notes on claims existed still reads."""

from __future__ import annotations

import json

from reader.corrections import Anchor
from reader.corrections.notes import ClaimNote
from reader.store import Library, recovery
from reader.store.recovery import PendingClaimNote, PendingNote

TEXT = "The mayor said the bridge would reopen in May."


def test_both_kinds_round_trip_and_save_themselves(data_dir) -> None:  # noqa: ANN001
    path = recovery.recovery_path(data_dir)
    source_note = PendingNote("a1", "s1", "The mayor", "person", "Re-elected in 2020.")
    claim_note = PendingClaimNote.of("a1", ClaimNote(Anchor.at(TEXT, 15, 45), "Check the council minutes."))
    data_dir.mkdir(parents=True, exist_ok=True)
    recovery.write(path, [source_note, claim_note])
    assert recovery.load(path) == [source_note, claim_note]
    assert claim_note.name == "the claim “the bridge would reopen in May”"
    assert claim_note.key != source_note.key
    lib = Library.open(data_dir)
    lib.remember_article("a1", "Bridge", "/tmp/bridge.txt", TEXT)
    for note in recovery.load(path):
        note.save(lib)
    assert lib.note("a1", "The mayor", "person") == "Re-elected in 2020."
    assert [(n.text, n.anchor.quote) for n in lib.claim_notes("a1")] == [
        ("Check the council minutes.", "the bridge would reopen in May")]
    lib.close()
    recovery.write(path, [])
    assert not path.exists()


def test_a_file_without_claim_notes_still_reads(data_dir) -> None:  # noqa: ANN001
    data_dir.mkdir(parents=True, exist_ok=True)
    path = recovery.recovery_path(data_dir)
    path.write_text(json.dumps({"version": 1, "notes": [
        {"article_id": "a1", "source_id": "s1", "name": "X", "kind": "person", "text": "t"}]}), encoding="utf-8")
    assert recovery.load(path) == [PendingNote("a1", "s1", "X", "person", "t")]


def test_a_damaged_claim_note_sets_the_file_aside(data_dir) -> None:  # noqa: ANN001
    data_dir.mkdir(parents=True, exist_ok=True)
    path = recovery.recovery_path(data_dir)
    path.write_text(json.dumps({"version": 1, "notes": [], "claim_notes": [
        {"article_id": "a1", "uid": "u", "anchor": {"quote": "no offsets"}, "text": "t"}]}), encoding="utf-8")
    assert recovery.load(path) == []
    assert not path.exists() and len(list(data_dir.glob("unsaved-notes*unreadable*"))) == 1
