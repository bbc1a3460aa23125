"""YAML front matter for the Markdown exports (Obsidian reads it as the note's properties).

Every string is written double-quoted, JSON style (JSON strings are valid YAML), so no title
with a colon, a quote, a "#", a leading "-" or a line break can change the structure, and
no value is read back as a number, a boolean or null. A `YamlDate` is written bare, so
Obsidian shows it as a date. Keys are the exporter's own names, never untrusted text.
"""

from __future__ import annotations

import json


class YamlDate(str):
    """A YYYY-MM-DD date written bare, so Obsidian reads it as a date property."""


def yaml_string(value: object) -> str:
    """One scalar: a date bare, anything else as a double-quoted (JSON) string or number."""
    if isinstance(value, YamlDate):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


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
