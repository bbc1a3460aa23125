"""`Article`: what every opened file, page, PDF or paste becomes.

`text` is plain text, one paragraph per line; offsets into it are what the analysis and the
window share. `metadata` holds what the source said about itself (format, encoding, and for
pages and PDFs: author, date, site_name, url, …), each value one line of text or a list of
them (`authors`). `header()` picks the few fields the window shows above the article.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

# The fields of the quiet header above the article, in the order they are shown.
HEADER_FIELDS = ("author", "date", "site_name", "url")


class DocumentError(Exception):
    """A file or page that cannot become an article. `str(err)` is one line for the user."""


@dataclass
class Article:
    title: str
    text: str
    origin: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """Content hash: the same text is the same article, wherever it came from."""
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()[:32]

    def header(self) -> dict[str, str]:
        """Author(s), date, site name and address, as far as known: {field: one line}.

        Several authors are joined as people write them ("A, B and C").
        """
        fields: dict[str, str] = {}
        for key in HEADER_FIELDS:
            value = self.metadata.get(key)
            if key == "author" and self.metadata.get("authors"):
                value = join_names(self.metadata["authors"])
            if value and str(value).strip():
                fields[key] = " ".join(str(value).split())
        return fields


def join_names(names: list[str]) -> str:
    """["A"] → "A"; ["A", "B", "C"] → "A, B and C"."""
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
