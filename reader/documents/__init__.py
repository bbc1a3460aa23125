"""File / HTML / URL → `Article`. No Qt here.

`load(path_or_url)` is the one entry point for "open this": http(s) addresses are fetched
(blocking: call it off the GUI thread), file:// URLs and paths are read from disk.
The text of every `Article` is plain text, one paragraph per line; see `webpage` for why
that also keeps remote content out of the window.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from reader.documents.article import Article, DocumentError
from reader.documents.loader import MAX_BYTES, load_path

__all__ = ["Article", "DocumentError", "MAX_BYTES", "MAX_FETCH_BYTES", "fetch_url", "is_url", "load", "load_path"]

# A scheme of two or more letters followed by ":": "C:\\news.txt" stays a Windows path.
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")


def is_url(value: str | Path) -> bool:
    """True for anything with a URL scheme (http, https, file, and ones we refuse)."""
    return isinstance(value, str) and bool(_SCHEME.match(value.strip())) and "://" in value


def load(path_or_url: str | Path, timeout: float = 15) -> Article:
    """Open a file path, a file:// URL or an http(s) URL. Raises `DocumentError`."""
    if not is_url(path_or_url):
        return load_path(path_or_url)
    value = str(path_or_url).strip()
    scheme = _SCHEME.match(value).group(1).lower()  # type: ignore[union-attr]
    if scheme in ("http", "https"):
        from reader.documents.fetch import fetch_url

        return fetch_url(value, timeout=timeout)
    if scheme == "file":
        import urllib.parse
        import urllib.request

        parts = urllib.parse.urlsplit(value)
        if parts.netloc not in ("", "localhost"):
            raise DocumentError(f"Cannot open files on another computer: {value}")
        return load_path(urllib.request.url2pathname(parts.path))
    raise DocumentError(f"Only http://, https:// and file:// addresses can be opened, not {scheme}:")


def __getattr__(name: str) -> Any:
    # urllib.request and ssl cost ~75 ms to import: the window pays it on the first URL,
    # not at start-up, while `from reader.documents import fetch_url` still works.
    if name in ("fetch_url", "MAX_FETCH_BYTES"):
        from reader.documents import fetch

        return getattr(fetch, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
