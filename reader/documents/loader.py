"""File → `Article`: plain text, Markdown, saved web pages and PDFs (by their signature).

Every way a file can be unusable ends in a `DocumentError` with one line for the user —
missing, a folder, not a regular file, unreadable, empty, too large, binary, broken
UTF-8, no text, or a page without an article — never a traceback.

Size cap: files above `MAX_BYTES` (20 MB) are refused before anything is read, with the
cap in the message. No news article comes near it (a long one is ~50 KB of text, a saved
page with inline images a few MB), and analysing 20 MB of text would already take the
engine many minutes; loading progressively would only postpone the same wall.
"""

from __future__ import annotations

import re
from pathlib import Path

from reader.documents.article import Article, DocumentError
from reader.documents.encoding import binary_kind, decode_html, decode_text, looks_binary
from reader.documents.mdtext import markdown_to_text
from reader.documents.names import shown
from reader.documents.plaintext import normalise_newlines, reflow
from reader.documents.textmeta import text_metadata

MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
PDF_SIGNATURE = b"%PDF-"
_MAX_TITLE = 200
_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)

__all__ = ["MAX_BYTES", "load_path", "normalise_newlines", "article_from_text"]


def load_path(path: str | Path) -> Article:
    """Open a .txt / .md / .html file (other suffixes are read as plain text)."""
    p = Path(path).expanduser()
    name = shown(p.name or str(p))  # a name with a newline must not split the message
    data = _read(p, name)
    suffix = p.suffix.lower()
    origin = str(p.resolve())
    binary = binary_kind(data)
    if data.startswith(PDF_SIGNATURE):
        from reader.documents.pdf import article_from_pdf

        return article_from_pdf(data, origin, name)
    if binary or looks_binary(data):
        raise DocumentError(f"{name} is not a text file (it is {binary or 'binary data'}); "
                            "Sourcelight opens .txt, .md, .html and .pdf")
    if suffix in HTML_SUFFIXES or (suffix not in MARKDOWN_SUFFIXES and _HTML_START.match(data[:1024])):
        # a page saved without its suffix (downloads often are) is still a page
        from reader.documents.webpage import article_from_html

        html, encoding = decode_html(data)
        return article_from_html(html, origin, extra_metadata={"encoding": encoding})
    text, encoding = decode_text(data, name)
    kind = "markdown" if suffix in MARKDOWN_SUFFIXES else "text"
    return article_from_text(text, origin, kind=kind, fallback_title=p.stem or name, name=name,
                             metadata={"encoding": encoding})


def article_from_text(text: str, origin: str, *, kind: str = "text", fallback_title: str = "",
                      name: str = "the text", metadata: dict | None = None) -> Article:
    """Decoded text or Markdown → `Article` with one paragraph per line; author(s) and date
    from its byline and dateline lines go to `metadata`."""
    text = normalise_newlines(text).replace("\ufeff", "")
    title = None
    if kind == "markdown":
        text, title = markdown_to_text(text)
    text = reflow(text)
    if not text.strip():
        raise DocumentError(f"{name} holds no text")
    first = text.split("\n", 1)[0].strip()
    title = title or (first if len(first) <= _MAX_TITLE else fallback_title or first[:_MAX_TITLE])
    # the byline and dateline stay in the text (the analysis marks them as boilerplate)
    metadata = {"format": kind, **text_metadata(text), **(metadata or {})}
    return Article(title=title, text=text, origin=origin, metadata=metadata)


def _read(p: Path, name: str) -> bytes:
    try:
        if not p.exists():
            raise DocumentError(f"No such file: {shown(p)}")
        if p.is_dir():
            raise DocumentError(f"{name} is a folder, not an article")
        if not p.is_file():
            raise DocumentError(f"{name} is not a regular file")
        size = p.stat().st_size
        if size == 0:
            raise DocumentError(f"{name} is empty")
        if size > MAX_BYTES:
            raise DocumentError(_too_large(name, size))
        with p.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)  # bounded even if the file grows while we read
    except PermissionError:
        raise DocumentError(f"Permission denied: Sourcelight may not read {name}") from None
    except OSError as exc:
        raise DocumentError(f"Could not read {name}: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise DocumentError(_too_large(name, len(data)))
    if not data:
        raise DocumentError(f"{name} is empty")
    return data


def _too_large(name: str, size: int) -> str:
    return (f"{name} is {size / 2**20:,.0f} MB; Sourcelight opens files up to "
            f"{MAX_BYTES // 2**20} MB (no news article is that large)")
