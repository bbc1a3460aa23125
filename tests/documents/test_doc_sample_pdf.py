"""The sample PDF the self-test opens: made from the sample article by packaging/make_sample_pdf.py,
read back through the loader of File > Open as exactly the sample's text."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from reader import selftest
from reader.documents import load_path
from reader.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]


def _maker():
    spec = importlib.util.spec_from_file_location("make_sample_pdf", ROOT / "packaging" / "make_sample_pdf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_sample_pdf_reads_back_as_the_sample_article(sample_text):
    article = load_path(resource_path("sample-article.pdf"))
    assert article.metadata["format"] == "pdf" and article.metadata["pages"] == 2
    # paragraphs rebuilt across lines and the page break; running header and page numbers gone
    assert article.text == sample_text.strip()
    assert "Sourcelight sample article" not in article.text
    assert article.title == sample_text.split("\n", 1)[0]
    assert article.metadata["author"] == "Sourcelight Staff"


def test_the_committed_pdf_is_what_the_script_makes_of_the_sample_text():
    maker = _maker()
    if not all(any((d / f).is_file() for d in maker.FONT_DIRS) for f in maker.FONT_FILES.values()):
        pytest.skip("the DejaVu Serif fonts are not installed here")
    assert maker.build() == resource_path("sample-article.pdf").read_bytes(), \
        "resources/sample-article.pdf is stale: run packaging/make_sample_pdf.py"


def test_the_self_test_pdf_check_passes():
    assert selftest._check_pdf() == "2 pages, 18 paragraphs as in the sample"


@pytest.mark.parametrize("damage", ["missing", "truncated", "other text"])
def test_the_self_test_pdf_check_fails_in_one_line(tmp_path, monkeypatch, damage):
    folder = tmp_path / "resources"
    folder.mkdir()
    shutil.copy(resource_path("sample-article.txt"), folder)
    pdf = resource_path("sample-article.pdf").read_bytes()
    if damage == "truncated":
        (folder / "sample-article.pdf").write_bytes(pdf[: len(pdf) // 3])
    elif damage == "other text":
        (folder / "sample-article.pdf").write_bytes(pdf)
        (folder / "sample-article.txt").write_text("Another title\nAnother paragraph.\n", encoding="utf-8")
    monkeypatch.setattr("reader.resources.resources_dir", lambda: folder)
    with pytest.raises(selftest.CheckFailed) as err:
        selftest._check_pdf()
    message = str(err.value)
    assert "\n" not in message
    assert {"missing": "sample PDF missing", "truncated": "is damaged or not a PDF",
            "other text": "18 paragraphs, 2 expected; paragraph 1 differs"}[damage] in message
