"""`reader analyze page.html --json --with-text`: offsets index into the extracted text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.analysis import contract_problems
from reader.cli import main
from reader.documents import load_path

FIXTURES = Path(__file__).parent / "fixtures"


def _spans(doc: dict) -> list[list[int]]:
    spans = [s for c in doc["claims"] for key in ("cue", "content", "source_mention") for s in c[key]]
    spans += [m for s in doc["sources"] for m in s["mentions"]]
    return spans + doc["boilerplate"]


@pytest.mark.parametrize("name", ["news-page.html", "cp1252-no-charset.html", "council.md"])
def test_analyze_with_text_offsets_index_the_extracted_text(capsys, name):
    path = FIXTURES / name
    code = main(["analyze", str(path), "--json", "--with-text"])
    out, err = capsys.readouterr()
    assert code == 0, err
    doc = json.loads(out)
    article = load_path(path)
    assert doc["text"] == article.text and doc["title"] == article.title
    assert doc["origin"] == str(path.resolve())
    assert doc["id"] == article.id
    assert contract_problems(doc, len(doc["text"])) == []
    for s, e in _spans(doc):
        assert 0 <= s < e <= len(doc["text"]) and doc["text"][s:e].strip()


def test_news_page_claims_land_on_the_quotes(capsys):
    assert main(["analyze", str(FIXTURES / "news-page.html"), "--json", "--with-text"]) == 0
    doc = json.loads(capsys.readouterr().out)
    text = doc["text"]
    contents = [text[s:e] for c in doc["claims"] for s, e in c["content"]]
    assert any("Some of us will not plant next spring" in c for c in contents)
    assert any("one dry month away" in c for c in contents)
    assert not any("donate" in c.lower() for c in contents)  # the appeal never reached the text
