"""File names and paths as they appear in messages: always one line, nothing invisible.

A file name may hold any character but "/" and NUL: a newline would split a message (and
the CLI's one-line error) in two, and a terminal escape or a right-to-left override would
make it lie about what it shows. `shown(path)` escapes every such character the way Python
writes it in a string (`\\n`, `\\x1b`, `\\u202e`), and leaves everything printable alone,
non-ASCII letters included.
"""

from __future__ import annotations

import os
import unicodedata

_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}


def _escaped(ch: str) -> str:
    if ch in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[ch]
    # Cc control, Cf format (bidi overrides, zero-width), Cs lone surrogates (undecodable
    # bytes of a file name), Co/Cn private and unassigned; Zl/Zp line and paragraph separators
    if unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}:
        code = ord(ch)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
    return ch


def shown(path: str | os.PathLike) -> str:
    """`path` (a name or a path) written safely for a one-line message."""
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    if text.isprintable() and "\\" not in text:
        return text  # the common case, at no cost
    return "".join(_escaped(ch) for ch in text)
