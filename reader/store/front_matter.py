"""YAML front matter for the Markdown exports (Obsidian reads it as the note's properties).

Every string is written double-quoted, JSON style (JSON strings are valid YAML), so no title
with a colon, a quote, a "#", a leading "-" or a line break can change the structure, and
no value is read back as a number, a boolean or null. JSON leaves some characters raw that
YAML does not accept raw in a quoted string (DEL and the C1 controls, a byte-order mark, lone
surrogates) or reads as a line break and folds (NEL, U+2028, U+2029): those are written as
"\\u" escapes, which YAML reads back as the same character. A `YamlDate` is written bare,
so Obsidian shows it as a date. Keys are the exporter's own names, never untrusted text.
The app ships no YAML library; tests/store/test_front_matter.py reads the output back with one.
"""

from __future__ import annotations

import json
import re
from datetime import date

# Characters json.dumps(ensure_ascii=False) leaves raw that YAML refuses or folds (see above).
_YAML_RAW_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class YamlDate(str):
    """A YYYY-MM-DD date written bare, so Obsidian reads it as a date property."""


def yaml_date(value: str) -> str:
    """A YYYY-MM-DD day as a YamlDate; anything else ("March 2024", "") stays a string."""
    if not _ISO_DAY.fullmatch(value):
        return value
    try:
        date.fromisoformat(value)
    except ValueError:
        return value  # "2024-13-45" is text, not a date
    return YamlDate(value)


def yaml_string(value: object) -> str:
    """One scalar: a date bare, anything else as a double-quoted (JSON) string or number."""
    if isinstance(value, YamlDate):
        return str(value)
    return _YAML_RAW_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


def yaml_front_matter(fields: dict) -> list[str]:
    """YAML front matter; strings double-quoted, lists of strings or of flat dicts (the
    empty values of a dict are left out)."""
    out = ["---"]
    for key, value in fields.items():
        if isinstance(value, list):
            out.append(f"{key}:" + ("" if value else " []"))
            for item in value:
                if isinstance(item, dict):
                    pairs = [(k, v) for k, v in item.items() if v not in ("", None)]
                    for i, (k, v) in enumerate(pairs):
                        out.append(f"{'  - ' if i == 0 else '    '}{k}: {yaml_string(v)}")
                else:
                    out.append(f"  - {yaml_string(item)}")
        else:
            out.append(f"{key}: {yaml_string(value)}")
    return out + ["---", ""]
