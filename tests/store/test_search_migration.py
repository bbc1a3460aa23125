"""Schema v4 on files users already have: the v1, v2 and v3 fixtures migrate to one index over
everything, with the claims of their stored analyses searchable and v2's indexes gone (and a v4
file keeps its index through the later steps)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.store import Library
from reader.store.library import DB_NAME
from reader.store.migrations import stored_version

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def opened(data_dir: Path, version: int) -> Library:
    shutil.copyfile(FIXTURES / f"library-v{version}.db", data_dir / DB_NAME)
    lib = Library.open(data_dir)
    assert stored_version(lib.db.conn) >= 4
    return lib


@pytest.mark.parametrize("version", [1, 2, 3, 4])
def test_stored_claims_titles_and_notes_are_searchable_after_the_upgrade(data_dir, version):
    lib = opened(data_dir, version)
    claims = [h for h in lib.search("reopen") if h.kind == "claim"]
    assert [(h.article_id, h.claim_id, h.snippet) for h in claims] == [
        ("a" * 32, "c1", "Yoav Mordechai said: “the crossing would reopen on Sunday.”")]
    assert [h.kind for h in lib.search("transcript")] == ["note"]
    if version == 1:
        assert {h.article_id for h in lib.search("Second article")} == {"b" * 32}  # a title
    assert "a" * 32 in {h.article_id for h in lib.search("Crossing to reopen") if h.kind == "article"}
    tables = {r[0] for r in lib.db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")}
    assert not {"notes_fts", "sources_fts", "notes_ai", "sources_au"} & tables
    lib.close()


def test_the_v3_hedged_and_denied_claims_keep_their_verbs(data_dir):
    lib = opened(data_dir, 3)
    by_claim = {h.claim_id: h.snippet for h in lib.search("request donors") if h.kind == "claim"}
    assert by_claim == {"c2": "A senior official denied: “that the request had anything to do with pressure "
                              "from donors”"}
    hedged = [h.snippet for h in lib.search("resigned") if h.kind == "claim"]
    assert hedged == ["Reportedly: “minister … resigned on Friday”"]
    assert [h.kind for h in lib.search("donors asked")] == ["note"]
    # and the index keeps up with what the upgraded library saves next
    lib.save_note("c" * 32, "s1", "A senior official", "anonymous", "Check the donor list.")
    assert [h.kind for h in lib.search("donor list")] == ["note"]
    lib.close()
