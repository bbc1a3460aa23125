"""Read-only: the sourcing profile of every article with a stored analysis, and the sourcing
report over them (all articles, and per site) as Markdown, CSV or JSON: for `reader report` and
the library's sourcing report.

A stored analysis is the contract JSON `Library.save_analysis` keeps; its profile is computed
here from its claims and sources (an older analysis has none stored) after the reader's
corrections are applied on top (reader/store/corrections.py), so the report counts the same
corrected analyses the exports write. A damaged entry is skipped, as the source book skips
it: the report covers what can be read.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from reader import __version__
from reader.analysis.profile import UNSOURCED, percent, sourcing_profile
from reader.analysis.profile_totals import ProfileTotals, totals_by_site
from reader.store import corrections as _corrections
from reader.store.export import csv_cell, md_inline
from reader.store.library import Library
from reader.store.opening import StoreError


@dataclass(frozen=True)
class ArticleProfile:
    article_id: str
    title: str
    origin: str
    profile: dict[str, Any]


def article_profiles(lib: Library) -> Iterator[ArticleProfile]:
    """Every analysed article of the library with the profile of its corrected analysis, oldest first."""
    sql = ("SELECT a.id, a.title, a.origin, a.text, an.analysis FROM analyses an"
           " JOIN articles a ON a.id = an.article_id ORDER BY a.added")
    try:
        rows = lib.db.conn.execute(sql).fetchall()
        logs = _corrections.by_article(lib.db)
    except sqlite3.Error as exc:
        raise StoreError(f"Could not read the stored analyses: {exc} (your library is {lib.path})") from exc
    for article_id, title, origin, text, stored in rows:
        try:
            analysis = json.loads(stored)
        except (TypeError, ValueError):
            continue
        if isinstance(analysis, dict):
            # without the article's text no anchor can be found: the engine's analysis stands
            doc, _unapplied = _corrections.corrected(analysis, text or "", logs.get(article_id, []) if text else [])
            yield ArticleProfile(article_id, title or "", origin or "", sourcing_profile(doc))


# The report table ----------------------------------------------------------------------------
ALL_ARTICLES = "all articles"  # the first row: everything the report covers
REPORT_FORMATS = ("markdown", "csv", "json")
# (column, heading in Markdown, is a share) in table order
REPORT_COLUMNS = (
    ("site", "Site", False),
    ("articles", "Articles", False),
    ("claims", "Claims", False),
    ("sources", "Sources", False),
    ("named_sources", "Named", False),
    ("anonymous_share", "Anonymous or unnamed", True),
    ("unsourced_share", "Hedged, no source", True),
    ("direct_share", "Direct quotes", True),
    ("mean_top_source_share", "Top source (mean)", True),
    ("relayed_outlets", "Relayed outlets", False),
)


def report_groups(profiles: list[tuple[str, dict[str, Any]]], by_site: bool) -> list[dict[str, Any]]:
    """The report's rows as dicts: all articles first, then (by_site) one per site, most
    anonymous sourcing first. Each is `ProfileTotals.to_dict()` with its `site`."""
    everything = ProfileTotals()
    for _site, profile in profiles:
        everything.add(profile)
    groups = [(ALL_ARTICLES, everything)]
    if by_site:
        sites = totals_by_site(profiles)
        groups += sorted(sites.items(), key=lambda item: (-item[1].anonymous_share, item[0]))
    return [{"site": site, **totals.to_dict()} for site, totals in groups]


def table_row(group: dict[str, Any]) -> dict[str, Any]:
    """One report row: the columns of REPORT_COLUMNS from a group of report_groups()."""
    return {
        "site": group["site"],
        "articles": group["articles"],
        "claims": group["claims"],
        "sources": group["sources"],
        "named_sources": group["named_sources"],
        "anonymous_share": group["anonymous_share"],
        "unsourced_share": group["by_source_kind"][UNSOURCED]["share"],
        "direct_share": group["by_claim_kind"]["direct"]["share"],
        "mean_top_source_share": group["mean_top_source_share"],
        "relayed_outlets": "; ".join(f"{o['name']} ({o['claims']})" for o in group["relayed_outlets"]),
    }


def render_report(groups: list[dict[str, Any]], fmt: str) -> str:
    """The report as Markdown (a table, shares in per cent), CSV (shares as fractions) or JSON
    (every count of every group)."""
    if fmt == "json":
        return json.dumps({"app": f"Sourcelight {__version__}", "groups": groups}, ensure_ascii=False,
                          indent=2) + "\n"
    rows = [table_row(g) for g in groups]
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow([name for name, _h, _s in REPORT_COLUMNS])
        for row in rows:
            writer.writerow([csv_cell(str(row[name])) for name, _h, _s in REPORT_COLUMNS])
        return buf.getvalue()
    if fmt != "markdown":
        raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(REPORT_FORMATS)}")
    out = ["| " + " | ".join(heading for _n, heading, _s in REPORT_COLUMNS) + " |",
           "|" + "|".join("---" if name in ("site", "relayed_outlets") else "---:"
                          for name, _h, _s in REPORT_COLUMNS) + "|"]
    for row in rows:
        cells = [percent(row[name]) if is_share else md_inline(str(row[name]))
                 for name, _h, is_share in REPORT_COLUMNS]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"
