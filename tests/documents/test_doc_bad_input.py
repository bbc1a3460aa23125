"""Every bad input: one line for the user, from `load` and from `reader analyze … --json`."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from reader.cli import main
from reader.documents import MAX_BYTES, DocumentError, load, load_path

FIXTURES = Path(__file__).parent / "fixtures"


def _png(p: Path) -> Path:
    p = p / "photo.txt"  # a PNG renamed .txt
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 16)
    return p


def _png_as_html(p: Path) -> Path:
    path = p / "page.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 16)
    return path


def _pdf(p: Path) -> Path:
    path = p / "report.txt"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    return path


def _empty(p: Path) -> Path:
    (p / "empty.txt").write_bytes(b"")
    return p / "empty.txt"


def _blank(p: Path) -> Path:
    (p / "blank.txt").write_bytes(b" \r\n\t\n\n   \n")
    return p / "blank.txt"


def _huge(p: Path) -> Path:
    """100 MB, sparse: instant to make, and refused from its size before any read."""
    path = p / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(100 * 2**20)
    return path


def _bad_utf8(p: Path) -> Path:
    path = p / "broken.txt"
    path.write_bytes("“Quoted” café text in UTF-8. ".encode() * 20 + b"\xff\xfe\xc3(" + b" more text.")
    return path


def _random_bytes(p: Path) -> Path:
    path = p / "noise.md"
    path.write_bytes(bytes((i * 7919 + 13) % 255 + 1 for i in range(8000)))  # no NULs, no text
    return path


def _no_article(p: Path) -> Path:
    shutil.copy(FIXTURES / "nav-only.html", p / "sections.html")
    return p / "sections.html"


def _only_images_md(p: Path) -> Path:
    (p / "pics.md").write_text("![one](a.png)\n\n![two](b.png)\n\n---\n", encoding="utf-8")
    return p / "pics.md"


def _directory(p: Path) -> Path:
    (p / "folder.txt").mkdir()
    return p / "folder.txt"


def _missing(p: Path) -> Path:
    return p / "nope.txt"


def _fifo(p: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this platform")
    os.mkfifo(p / "pipe.txt")
    return p / "pipe.txt"


def _unreadable(p: Path) -> Path:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root reads every file; test_permission_denied_when_opening covers this")
    path = p / "secret.txt"
    path.write_text("A private article.", encoding="utf-8")
    path.chmod(0)
    return path


CASES = {
    "png-renamed": (_png, "not a text file"),
    "png-renamed-html": (_png_as_html, "is not a text file (it is an image)"),
    "pdf-damaged": (_pdf, "is damaged or not a PDF Sourcelight can read"),
    "empty": (_empty, "is empty"),
    "whitespace-only": (_blank, "holds no text"),
    "100mb": (_huge, "up to 20 MB"),
    "invalid-utf8": (_bad_utf8, "not valid UTF-8"),
    "random-bytes": (_random_bytes, "not a text file"),
    "html-no-article": (_no_article, "No article text found"),
    "md-only-images": (_only_images_md, "holds no text"),
    "directory": (_directory, "is a folder"),
    "missing": (_missing, "No such file"),
    "fifo": (_fifo, "not a regular file"),
    "unreadable": (_unreadable, "Permission denied"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_load_gives_one_clear_line(tmp_path, case):
    make, expected = CASES[case]
    path = make(tmp_path)
    started = time.monotonic()
    with pytest.raises(DocumentError) as err:
        load(str(path))
    message = str(err.value)
    assert expected in message
    assert "\n" not in message and 10 < len(message) < 300
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("case", list(CASES))
def test_cli_gives_one_line_on_stderr_and_fails(tmp_path, capsys, case):
    make, expected = CASES[case]
    path = make(tmp_path)
    code = main(["analyze", str(path), "--json"])
    out, err = capsys.readouterr()
    assert code != 0
    assert out == ""
    assert err.startswith("reader: ") and err.count("\n") == 1, err
    assert expected in err and "Traceback" not in err


def test_cap_is_documented_and_said():
    import reader.documents.loader as loader

    assert MAX_BYTES == 20 * 2**20
    assert "20 MB" in loader.__doc__


def test_a_large_but_allowed_file_opens(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"The mayor said that the bridge would reopen.\n" * ((2 * 2**20) // 46))
    article = load_path(path)
    assert article.text.startswith("The mayor said")


def test_permission_denied_when_opening(tmp_path, capsys, monkeypatch):
    """Works as root too: the OS refusal is simulated at the one place the loader opens."""
    path = tmp_path / "secret.txt"
    path.write_text("A private article.", encoding="utf-8")
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(DocumentError, match="Permission denied: Sourcelight may not read secret.txt"):
        load_path(path)
    assert main(["analyze", str(path), "--json"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err == "reader: Permission denied: Sourcelight may not read secret.txt\n"


def test_unsupported_url_schemes(capsys):
    for value, expected in [("ftp://example.org/a.txt", "Only http"),
                            ("file://server/share/a.txt", "another computer")]:
        with pytest.raises(DocumentError, match=expected):
            load(value)
    assert main(["analyze", "javascript://alert(1)", "--json"]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_file_url_opens_the_file(sample_path):
    assert load(sample_path.resolve().as_uri()).text == load_path(sample_path).text
