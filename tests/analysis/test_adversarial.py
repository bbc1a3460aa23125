"""Documents that hung or crashed the analysis (issue 17, items 8 and 9).

* A text longer than spaCy's `nlp.max_length` (one 5 MB line) ended in spaCy's E088
  traceback; long paragraphs are now parsed in pieces, with offsets into the article kept.
* Hostile paragraphs (24,000 "[", thousands of quote marks, deep nesting) took minutes.
  The `reader analyze` runs below are real processes with a very generous timeout: the
  fixed engine needs seconds, the old one minutes. Figures: benchmarks/bench_adversarial.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reader.analysis import contract_problems
from reader.analysis.parser_text import MAX_PIECE_CHARS, parse_pieces, parser_text
from reader.analysis.quotes import find_quotes

GENEROUS_SECONDS = 240
SAYS = "Anna Berg said the plan would work."


def reader_analyze(path: Path) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("reader")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "reader"]
    return subprocess.run([*cmd, "analyze", str(path), "--json"], capture_output=True, text=True,
                          timeout=GENEROUS_SECONDS, encoding="utf-8")


def test_a_text_longer_than_the_model_accepts_is_analysed(tmp_path, nlp):
    line = SAYS + " " + "=" * (nlp.max_length + 1000) + " " + SAYS
    path = tmp_path / "one-long-line.txt"
    path.write_text("Title\n" + line + "\n", encoding="utf-8")
    proc = reader_analyze(path)
    assert proc.returncode == 0, proc.stderr
    assert "E088" not in proc.stderr and "Traceback" not in proc.stderr
    result = json.loads(proc.stdout)
    assert len(result["claims"]) == 2


def test_a_24k_bracket_markdown_file_is_analysed(tmp_path):
    path = tmp_path / "brackets.md"
    path.write_text("# Brackets\n\n" + SAYS + "\n\n" + "[" * 24_000 + "\n", encoding="utf-8")
    proc = reader_analyze(path)
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["claims"]) == 1


def test_thousands_of_quote_marks_and_deep_nesting_are_analysed(tmp_path):
    nested = "".join(f"Anna Berg said {'“‘'[i % 2]}" for i in range(1000)) + "it works." + \
        "".join("’”"[i % 2] for i in reversed(range(1000)))
    many = " ".join(f"“Plan {i} will work,” Anna Berg said." for i in range(1000))
    path = tmp_path / "quotes.txt"
    path.write_text("\n".join([SAYS, '"' * 10_000, nested, many]) + "\n", encoding="utf-8")
    proc = reader_analyze(path)
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["claims"]) >= 1000


def test_claims_in_a_long_paragraph_keep_their_offsets(analyze):
    filler = "The weather was mild and the streets were quiet. " * 100
    text = filler + SAYS + " " + filler + "Tom Reyes said the bridge would open in May."
    assert len(text) > 4 * MAX_PIECE_CHARS
    result = analyze(text)
    assert contract_problems(result.analysis.to_dict(), len(text)) == []
    assert result.spans(result.claim("plan").content) == "the plan would work"
    assert result.speaker("bridge") == "Tom Reyes"


def test_pieces_cover_the_paragraph_at_sentence_ends():
    text = "Short sentence one. " * 300 + "x" * 5000 + " tail."
    pieces = parse_pieces(text, (0, len(text)))
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))
    assert all(0 < e - s <= MAX_PIECE_CHARS for s, e in pieces)
    assert text[:pieces[0][1]].endswith("one. ")     # cut after a sentence, not inside one


def test_parser_text_keeps_the_length_and_breaks_runs():
    text = "He said " + "[" * 3000 + " and " + "a" * 1000 + " “" + "”" * 50
    prepared = parser_text(text)
    assert len(prepared) == len(text)
    assert max(len(word) for word in prepared.split()) <= 200
    assert prepared.startswith("He said [[[[ ")


def test_a_paragraph_of_possessives_pairs_in_one_pass():
    # Each possessive mark once looked ahead over every later mark: 50,000 of them took minutes.
    text = "“The voters’ " * 50_000 + "trust,” she said."
    quotes = find_quotes(text, [(0, len(text))])
    assert quotes and quotes[-1].end == text.index("she") - 1
