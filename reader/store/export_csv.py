"""The CSV export: one row per claim and per note, one column per field, human labels.

The file starts with a UTF-8 BOM (spreadsheets then read it as UTF-8) and ends its rows
with CRLF (RFC 4180). The csv module quotes commas, quotes and newlines; a cell that a
spreadsheet would run as a formula (starting with = + - @ or a tab) is prefixed with an
apostrophe.
"""

from __future__ import annotations

import csv
import io

from reader.store import labels
from reader.store.export_items import ExportArticle, ExportSource, web_address

BOM = "\ufeff"
CSV_COLUMNS = ["article", "url", "source", "source kind", "title", "role", "affiliation", "cue", "claim kind",
               "class", "content", "note", "updated", "corrected by reader", "claim note"]
# the columns a card with neither claims nor notes leaves empty (cue … claim note)
_EMPTY_ITEM = [""] * 8


def csv_cell(value: str) -> str:
    """Spreadsheets run a cell starting with = + - @ (or a tab/CR before one) as a formula:
    an article quote like '=HYPERLINK(...)' must stay text. The apostrophe is what Excel
    and LibreOffice themselves use to mark a text cell."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_rows(sources: list[ExportSource]) -> list[list[str]]:
    """One row per claim and per note (a card with neither gets one row of its own)."""
    rows = []
    for src in sources:
        head = [src.name, labels.source_kind(src.kind) if src.kind else "", src.title, src.role, src.affiliation]
        for claim in src.claims:
            rows.append([claim.article_title, web_address(claim.origin), *head, claim.parts().verb,
                         labels.claim_kind(claim.kind), labels.cue_class(claim.cue_class) if claim.cue_class else "",
                         claim.parts().content, "", "", "yes" if claim.corrected else "", claim.note])
        for note in src.notes:
            rows.append([note.article_title, web_address(note.origin), *head, "", "", "", "", note.text,
                         note.updated, "", ""])
        if not src.claims and not src.notes:
            rows.append([src.article_title, web_address(src.origin), *head, *_EMPTY_ITEM])
    return rows


def to_csv(sources: list[ExportSource], articles: list[ExportArticle] | None = None) -> str:
    buf = io.StringIO()
    buf.write(BOM)
    writer = csv.writer(buf, lineterminator="\r\n")  # RFC 4180
    writer.writerow(CSV_COLUMNS)
    for row in csv_rows(sources):
        writer.writerow([csv_cell(v) for v in row])
    return buf.getvalue()
