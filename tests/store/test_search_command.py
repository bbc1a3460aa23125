"""`reader search QUERY [--json]` in a real process on a real library: the same hits as the
dialog, grouped by article, verbs and matched words bold; read-only."""

from __future__ import annotations

import json
import subprocess
import sys

from reader.store.library import DB_NAME
from reader.store.search import group_by_article


def reader(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=120)


def test_search_prints_hits_grouped_by_article_with_verbs_in_bold(sample_library):
    sample_library.save_note("sample", "s1", "Maria Okafor", "person", "Relief convoys: ask her.")
    done = reader("search", "relie")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Red Sea ferry link reopens after storm, but aid groups warn of backlog  (https://example.org/ferry)"
    assert "  claim     Maria Okafor **said**: “We are **relieved**, but **relief** is not the same as recovery”" in lines
    assert "  your note Maria Okafor — **Relief** convoys: ask her." in lines
    assert "hits in 1 article" in done.stderr


def test_search_json_carries_the_same_hits_as_the_library(sample_library, data_dir):
    done = reader("search", "donors", "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    expected = group_by_article(sample_library.search("donors"), "donors")
    assert [a["id"] for a in doc["articles"]] == [g.article_id for g in expected]
    hits = doc["articles"][0]["hits"]
    assert [(h["kind"], h["text"], h["claim_id"]) for h in hits] == [
        (h.kind, h.snippet, h.claim_id) for h in expected[0].hits]
    claim = next(h for h in hits if h["kind"] == "claim")
    assert claim["text"][slice(*claim["verb"])] == "denied"
    assert doc["articles"][0]["origin"] == "https://example.org/ferry"


def test_no_match_and_no_library_are_one_sentence_each(sample_library, data_dir):
    done = reader("search", "zeppelin")
    assert done.returncode == 0 and done.stdout == "Nothing in your library matches “zeppelin”.\n"
    sample_library.close()
    (data_dir / DB_NAME).unlink()
    done = reader("search", "anything")
    assert done.returncode == 1 and done.stderr.startswith("reader: ") and len(done.stderr.splitlines()) == 1
    assert not (data_dir / DB_NAME).exists()  # read-only: nothing created
