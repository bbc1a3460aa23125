"""File → `Article`. Plain text and Markdown; HTML through trafilatura."""

from __future__ import annotations

from pathlib import Path

from reader.documents.article import Article, DocumentError

MAX_BYTES = 20 * 1024 * 1024  # refuse larger files: no news article is 20 MB of text
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def load_path(path: str | Path) -> Article:
    p = Path(path)
    if not p.exists():
        raise DocumentError(f"No such file: {p}")
    if p.is_dir():
        raise DocumentError(f"{p} is a folder, not an article")
    size = p.stat().st_size
    if size == 0:
        raise DocumentError(f"{p.name} is empty")
    if size > MAX_BYTES:
        raise DocumentError(f"{p.name} is {size / 2**20:.0f} MB; Sourcelight opens files up to {MAX_BYTES // 2**20} MB")
    data = p.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(f"{p.name} is not a text file (it looks binary)")
    text = _decode(data, p.name)
    if p.suffix.lower() in HTML_SUFFIXES:
        return _from_html(text, str(p))
    text = normalise_newlines(text).strip()
    if not text:
        raise DocumentError(f"{p.name} holds no text")
    first = text.split("\n", 1)[0].strip()
    title = first if len(first) <= 200 else p.stem
    return Article(title=title.lstrip("# ").strip() or p.stem, text=text, origin=str(p.resolve()))


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise DocumentError(f"{name} is not a text file (no text encoding fits it)") from None
        return str(best)


def _from_html(html: str, origin: str) -> Article:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise DocumentError("No article text found on this page")
    meta = trafilatura.extract_metadata(html)
    title = (meta.title if meta and meta.title else text.split("\n", 1)[0])[:200]
    return Article(title=title, text=normalise_newlines(text).strip(), origin=origin)
