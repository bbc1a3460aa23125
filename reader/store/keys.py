"""Canonical source keys: one key per real-world source across articles."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+")


def source_key(name: str, kind: str) -> str:
    """Normalised name + kind: 'Yoav  Mordechai' (person) → 'person:yoav mordechai'."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode() or name
    words = _NON_WORD.sub(" ", folded.casefold()).split()
    return f"{kind}:{' '.join(words)}"
