"""Sourcing profiles added up over many articles: the library, or one site of it.

`ProfileTotals.add(profile)` takes the per-article `profile` of the contract (profile.py);
`to_dict()` gives the same shape summed — counts and shares of claims by source kind, claim
kind and cue class, source counts — plus `articles`, `anonymous_share` (claims whose source is
anonymous or an unnamed group, of all claims: the table's sort key), `mean_top_source_share`
(how much one source carries, averaged over the articles that have a sourced claim; a sum of
shares would mean nothing) and `relayed_outlets` (outlet name → claims it relays, summed).

Sources are counted per article: the same spokesman in two articles counts twice, as an
article's reader meets them twice. `site_of(origin)` names the site an article came from.
Pure functions, no Qt, no store.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from reader.analysis.profile import DIMENSION_CATEGORIES, SHARE_DIGITS, UNNAMED_SOURCE_KINDS, breakdown, share

DIMENSIONS = tuple(DIMENSION_CATEGORIES)
SOURCE_COUNTS = ("sources", "named_sources", "anonymous_sources")
LOCAL_FILES = "local files"  # the site of an article opened from disk
NO_ORIGIN = "pasted or unknown"  # the site of a paste, or of a batch line without an origin
WEB_SCHEMES = ("http", "https")


def site_of(origin: str) -> str:
    """The host of a web page without "www." ("example.org"), else where the text came from."""
    if not origin:
        return NO_ORIGIN
    parts = urlsplit(origin)
    if parts.scheme in WEB_SCHEMES and parts.hostname:
        host = parts.hostname
        return host[4:] if host.startswith("www.") else host
    if parts.scheme == "file" or PurePath(origin).is_absolute():
        return LOCAL_FILES
    return NO_ORIGIN


@dataclass
class ProfileTotals:
    articles: int = 0
    claims: int = 0
    counts: dict[str, Counter[str]] = field(default_factory=lambda: {d: Counter() for d in DIMENSIONS})
    # the contract's categories, then any other an added profile listed: the totals keep the zeros
    # too, and an empty library still has every column
    categories: dict[str, dict[str, None]] = field(
        default_factory=lambda: {d: dict.fromkeys(DIMENSION_CATEGORIES[d]) for d in DIMENSIONS})
    source_counts: Counter[str] = field(default_factory=Counter)
    top_source_shares: list[float] = field(default_factory=list)
    relayed: Counter[str] = field(default_factory=Counter)

    def add(self, profile: dict[str, Any]) -> None:
        self.articles += 1
        self.claims += profile["claims"]
        for dimension in DIMENSIONS:
            for category, entry in profile[dimension].items():
                self.categories[dimension].setdefault(category)
                self.counts[dimension][category] += entry["count"]
        for key in SOURCE_COUNTS:
            self.source_counts[key] += profile[key]
        if profile["top_source"]:
            self.top_source_shares.append(profile["top_source"]["share"])
        for outlet in profile["relayed_outlets"]:
            self.relayed[outlet["name"]] += outlet["claims"]

    @property
    def anonymous_share(self) -> float:
        unnamed = sum(self.counts["by_source_kind"][kind] for kind in UNNAMED_SOURCE_KINDS)
        return share(unnamed, self.claims)

    @property
    def mean_top_source_share(self) -> float:
        shares = self.top_source_shares
        return round(sum(shares) / len(shares), SHARE_DIGITS) if shares else 0.0

    def to_dict(self) -> dict[str, Any]:
        summed = {dimension: breakdown(self.counts[dimension], tuple(self.categories[dimension]), self.claims)
                  for dimension in DIMENSIONS}
        return {
            "articles": self.articles,
            "claims": self.claims,
            **summed,
            **{key: self.source_counts[key] for key in SOURCE_COUNTS},
            "anonymous_share": self.anonymous_share,
            "mean_top_source_share": self.mean_top_source_share,
            "relayed_outlets": [{"name": name, "claims": n} for name, n in self.relayed.most_common()],
        }


def totals_by_site(profiles: list[tuple[str, dict[str, Any]]]) -> dict[str, ProfileTotals]:
    """(site, profile) pairs summed per site; the caller sorts."""
    sites: dict[str, ProfileTotals] = {}
    for site, profile in profiles:
        sites.setdefault(site, ProfileTotals()).add(profile)
    return sites
