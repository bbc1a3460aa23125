"""`Article`: what every opened file, page or paste becomes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from reader.analysis.paragraphs import paragraph_spans
from reader.analysis.types import Span


class DocumentError(Exception):
    """A file or page that cannot become an article. `str(err)` is one line for the user."""


@dataclass
class Article:
    title: str
    text: str
    origin: str = ""
    paragraphs: list[Span] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.paragraphs:
            self.paragraphs = paragraph_spans(self.text)

    @property
    def id(self) -> str:
        """Content hash: the same text is the same article, wherever it came from."""
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
