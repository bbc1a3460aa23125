"""PDFs with a text layer, generated here with fpdf2: paragraphs rebuilt across line breaks
and hyphenation, running headers / footers and page numbers dropped, two columns read in
order, and a PDF without text says so in one line."""

from __future__ import annotations

import pytest
from fpdf import FPDF

from reader.documents import DocumentError, load_path

PARAS = [
    "The regional court ruled on Monday that the port authority had acted lawfully when it closed "
    "the old ferry terminal, dismissing a complaint brought by two shipping companies last year.",
    "In a forty-page judgment the court found that the authority had consulted the operators for "
    "long enough, and that the safety report it relied on was sound. The companies may appeal.",
    "A spokeswoman for the authority said the decision allowed work on the new terminal to begin in "
    "the spring, two years later than first planned, after the negotiations with the unions.",
]


def _pdf(tmp_path, pages, *, header=True, title="Court backs port authority", columns=False):
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    if title:
        pdf.set_title(title)
    pdf.set_author("Ana Ribeiro")
    for number, paras in enumerate(pages, 1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        if header:
            pdf.set_xy(20, 8)
            pdf.cell(0, 5, "Harbour Court Reports - Volume 12")
            pdf.set_xy(100, 285)
            pdf.cell(10, 5, str(number))
        if columns:
            for col, chunk in enumerate(paras):
                pdf.set_xy(20 + col * 90, 25)
                pdf.multi_cell(80, 6, chunk)
        else:
            pdf.set_xy(20, 25)
            for para in paras:
                pdf.multi_cell(170, 6, para)
                pdf.ln(6)
    path = tmp_path / "doc.pdf"
    pdf.output(str(path))
    return path


def test_paragraphs_are_rebuilt_and_running_lines_dropped(tmp_path):
    article = load_path(_pdf(tmp_path, [PARAS[:2], PARAS[2:]]))
    assert article.title == "Court backs port authority"
    assert article.text.split("\n") == ["Court backs port authority", *PARAS]
    assert article.metadata["format"] == "pdf" and article.metadata["pages"] == 2
    assert article.metadata["author"] == "Ana Ribeiro"


def test_a_word_hyphenated_at_a_line_end_is_joined(tmp_path):
    para = ("The board approved the renegoti- ations of the contract on Friday, and the "
            "unions said they would accept them.")
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.set_xy(20, 25)
    pdf.cell(0, 6, "The board approved the renegoti-")
    pdf.set_xy(20, 31)
    pdf.cell(0, 6, "ations of the contract on Friday, and the unions said they would accept them.")
    path = tmp_path / "h.pdf"
    pdf.output(str(path))
    text = load_path(path).text
    assert "renegotiations of the contract" in text and para.split(" ")[0] in text


def test_two_columns_are_read_left_then_right(tmp_path):
    article = load_path(_pdf(tmp_path, [[PARAS[0], PARAS[1]]], columns=True, header=False))
    assert article.text.split("\n")[1:] == [PARAS[0], PARAS[1]]


def test_a_pdf_without_text_says_so_in_one_line(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 100, style="F")  # a "scan": marks, no text
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(DocumentError, match="no text layer") as err:
        load_path(path)
    assert "\n" not in str(err.value)


def test_a_page_without_text_is_skipped_and_listed(tmp_path):
    path = _pdf(tmp_path, [PARAS, []], header=False)
    article = load_path(path)
    assert article.metadata["pages_without_text"] == [2]
    assert article.text.split("\n")[1:] == PARAS


def test_the_title_falls_back_to_the_first_line(tmp_path):
    article = load_path(_pdf(tmp_path, [PARAS], title=None, header=False))
    assert article.title == PARAS[0][:200]
