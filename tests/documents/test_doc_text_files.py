"""Text and Markdown files: encodings, newlines, paragraphs one per line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from reader.analysis.paragraphs import paragraph_spans
from reader.documents import load_path
from reader.documents.plaintext import reflow

FIXTURES = Path(__file__).parent / "fixtures"
SAYING = "“We are relieved,” said Hélène Dubreuil. It’s déjà vu — naïve café owners."


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (SAYING.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SAYING.encode("utf-8"), "utf-8"),
        (SAYING.encode("utf-16"), "utf-16-le"),  # BOM + little-endian on every platform we ship
        (b"\xfe\xff" + SAYING.encode("utf-16-be"), "utf-16-be"),
        (SAYING.encode("utf-16-le"), "utf-16-le"),  # no BOM: recognised by its NUL pattern
        (SAYING.encode("cp1252"), "cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf16le-no-bom", "cp1252"],
)
def test_encodings_decode_to_the_same_text(tmp_path, encoded, encoding):
    path = tmp_path / "quote.txt"
    path.write_bytes(encoded)
    article = load_path(path)
    assert article.text == SAYING
    assert article.metadata["encoding"] == encoding
    assert article.origin == str(path.resolve())


def test_latin1_french_is_not_mistaken_for_a_baltic_code_page(tmp_path):
    text = "Le garçon a dit : « Ça va très bien. » Déjà vu à côté."
    path = tmp_path / "fr.txt"
    path.write_bytes(text.encode("latin-1"))
    assert load_path(path).text == text


def test_central_european_code_page_is_still_detected(tmp_path):
    text = "Starosta řekl, že most bude znovu otevřen v pondělí, protože opravy skončily dříve."
    path = tmp_path / "cz.txt"
    path.write_bytes(text.encode("cp1250"))
    assert load_path(path).text == text


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"], ids=["crlf", "cr", "lf"])
def test_newlines_are_normalised(tmp_path, newline):
    lines = ["Title of the piece", "First paragraph, one line.", "Second paragraph, one line."]
    path = tmp_path / "n.txt"
    path.write_bytes(newline.join(lines).encode() + newline.encode())
    article = load_path(path)
    assert article.text == "\n".join(lines)
    assert "\r" not in article.text
    assert article.title == "Title of the piece"
    assert len(paragraph_spans(article.text)) == 3


PARAS = [
    "Port Calder will limit household water use from Monday after the Aldon reservoir, "
    "which supplies most of the city, fell to 23 percent of its capacity.",
    "“We are not in an emergency yet, but we are one dry month away from one,” Mayor Ines "
    "Varga told reporters at City Hall on Tuesday. She said garden watering would be banned.",
    "The utility said that residents had cut consumption by only 6 percent since a "
    "well-known voluntary appeal in June.",
]


def test_hard_wrapped_paragraphs_become_one_line_each(tmp_path):
    body = "\n\n".join(textwrap.fill(p, 72) for p in PARAS)
    path = tmp_path / "wrapped.txt"
    path.write_text(f"Harbor city rations water\nBy Lena Brandt\n\n{body}\n\n- one item\n- two items\n",
                    encoding="utf-8")
    article = load_path(path)
    assert article.text.split("\n") == ["Harbor city rations water", "By Lena Brandt", *PARAS,
                                        "- one item", "- two items"]
    assert len(paragraph_spans(article.text)) == 7


def test_one_paragraph_per_line_text_is_left_alone(sample_path, sample_text):
    assert reflow(sample_text.strip()) == sample_text.strip()
    assert load_path(sample_path).text == sample_text.strip()


def test_long_lines_with_a_blank_after_the_title_are_not_joined():
    text = "Title\n\n" + "\n".join(PARAS)
    assert reflow(text) == "Title\n" + "\n".join(PARAS)


def test_markdown_is_reduced_to_plain_paragraphs():
    article = load_path(FIXTURES / "council.md")
    assert article.title == "Council approves the harbour plan"  # front matter wins
    assert article.metadata["format"] == "markdown"
    assert article.text.split("\n") == [
        "Council approves harbour plan",
        "By Dana Ortiz, Harbour Weekly",
        "The council voted 7 to 2 on Thursday to approve the redevelopment of the old fish market, "
        "ending a dispute that had lasted three years.",
        "“This is a good day for the harbour,” said Mayor Jonas Elm after the vote.",
        "Opponents listed their concerns:",
        "• traffic on Quay Road",
        "• the loss of public access to the pier at night",
        "• noise",
        "1. First step",
        "2. Second step with bold and old text",
        'print("code stays")',
        "x = 1",
        "Subheading",
        "Year | Votes",
        "2023 | 5",
        "Escaped *stars* and snake_case_name stay. Tom & Jerry. Inline html Line with hard break",
        "next line.",
    ]
    for gone in ("http", "](", "![", "**", "MD-SCRIPT", "hidden", "---", "title:"):
        assert gone not in article.text


def test_markdown_title_is_the_first_heading_without_front_matter(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("Intro line\n\nSetext title\n=====\n\nBody *text* here.\n", encoding="utf-8")
    article = load_path(path)
    assert article.title == "Setext title"
    assert article.text == "Intro line\nSetext title\nBody text here."


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("El alcalde dijo que el puente volverá a abrir el lunes. «Es una buena noticia», afirmó la señora Núñez.",
         "cp1252"),
        ("O prefeito disse que a ponte será reaberta na segunda-feira. “É uma boa notícia”, afirmou João.", "cp1252"),
        ("Der Bürgermeister sagte, die Brücke werde am Montag wieder geöffnet. „Gut“, sagte Frau Müller.",
         "cp1252"),
        ("Starosta řekl novinářům, že most bude znovu otevřen v pondělí. „Je to dobrá zpráva,“ uvedla Nováková.",
         "cp1250"),
    ],
    ids=["es", "pt", "de", "cz"],
)
def test_legacy_code_pages(tmp_path, text, encoding):
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    assert load_path(path).text == text
