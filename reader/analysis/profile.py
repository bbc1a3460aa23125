"""The sourcing profile of one article: how its claims are sourced, computed from the contract.

`sourcing_profile(doc)` reads an analysis as contract JSON (`Analysis.to_dict()`, a stored
analysis, a line of `reader analyze --jsonl` output) and returns the `profile` object of the
contract (README, "The sourcing profile"):

- `claims`: the number of claims;
- `by_source_kind`, `by_claim_kind`, `by_cue_class`: for every category, `{"count", "share"}`,
  the share being of all claims (0 when there are none). Every category of the contract is
  present, with zeros, so consumers can draw a fixed legend; a claim with no source counts as
  `unsourced`. A cue class the contract does not list yet is counted under its own name.
- `sources`: distinct source cards; `named_sources`: those that are not anonymous or an
  unnamed group; `anonymous_sources`: the others;
- `top_source`: the source carrying most claims (the first to appear on a tie), with its
  count and share, or null when no claim has a source;
- `relayed_outlets`: every media source that relays another source's claim (a claim whose
  `parent` is that outlet's claim), with the ids of the relayed claims.

`profile_sentences(profile)` turns it into the plain sentences the CLI and the window show.
Pure functions, no Qt, no model.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from reader.analysis.types import CLAIM_KINDS, CUE_CLASSES, SOURCE_KINDS

UNSOURCED = "unsourced"  # the source-kind category of a claim with no source (hedged)
PROFILE_SOURCE_KINDS = (*SOURCE_KINDS, UNSOURCED)
# Source kinds that name nobody: the "anonymous or unnamed" of the profile's sentences.
UNNAMED_SOURCE_KINDS = ("anonymous", "unnamed_group")
RELAYING_SOURCE_KIND = "media"
SHARE_DIGITS = 3  # shares are rounded to a tenth of a per cent


def share(count: int, total: int) -> float:
    """`count` as a fraction of `total`, rounded; 0 for an empty total."""
    return round(count / total, SHARE_DIGITS) if total else 0.0


def breakdown(counts: Counter[str], categories: tuple[str, ...], total: int) -> dict[str, dict[str, Any]]:
    """Every category (in the contract's order, then any others seen) with count and share."""
    names = list(categories) + sorted(set(counts) - set(categories))
    return {name: {"count": counts[name], "share": share(counts[name], total)} for name in names}


# the profile's three breakdowns, and the categories each lists first (in this order)
DIMENSION_CATEGORIES = {"by_source_kind": PROFILE_SOURCE_KINDS, "by_claim_kind": CLAIM_KINDS,
                        "by_cue_class": CUE_CLASSES}


def category_of(dimension: str, claim: dict[str, Any], source_by_id: dict[str, Any]) -> str:
    """The category of `dimension` the profile counts `claim` under."""
    if dimension == "by_source_kind":
        source = source_by_id.get(claim.get("source_id"))
        return source.get("kind", "") if source else UNSOURCED
    return claim.get("kind" if dimension == "by_claim_kind" else "cue_class", "")


def claim_categories(doc: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Dimension → claim id → its category (the window's sourcing bars filter claims with it)."""
    source_by_id = {s.get("id"): s for s in doc.get("sources") or []}
    return {dimension: {c.get("id"): category_of(dimension, c, source_by_id) for c in doc.get("claims") or []}
            for dimension in DIMENSION_CATEGORIES}


def sourcing_profile(doc: dict[str, Any]) -> dict[str, Any]:
    """The `profile` object of one analysis in contract JSON (see the module docstring)."""
    claims = doc.get("claims") or []
    sources = doc.get("sources") or []
    source_by_id = {s.get("id"): s for s in sources}
    claim_by_id = {c.get("id"): c for c in claims}
    total = len(claims)
    carried = Counter(c.get("source_id") for c in claims if c.get("source_id") in source_by_id)
    unnamed = sum(1 for s in sources if s.get("kind") in UNNAMED_SOURCE_KINDS)
    return {
        "claims": total,
        **{dimension: breakdown(Counter(category_of(dimension, c, source_by_id) for c in claims), listed, total)
           for dimension, listed in DIMENSION_CATEGORIES.items()},
        "sources": len(sources),
        "named_sources": len(sources) - unnamed,
        "anonymous_sources": unnamed,
        "top_source": _top_source(sources, carried, total),
        "relayed_outlets": _relayed_outlets(claims, claim_by_id, source_by_id),
    }


def with_profile(doc: dict[str, Any]) -> dict[str, Any]:
    """The contract object with its sourcing profile added (`reader analyze`, batch outputs)."""
    doc["profile"] = sourcing_profile(doc)
    return doc


def _top_source(sources: list[dict[str, Any]], carried: Counter[str], total: int) -> dict[str, Any] | None:
    if not carried:
        return None
    most = max(carried.values())
    top = next(s for s in sources if carried[s.get("id")] == most)  # first in the article on a tie
    return {"source_id": top.get("id"), "name": top.get("name", ""), "claims": most,
            "share": share(most, total)}


def _relayed_outlets(claims: list[dict[str, Any]], claim_by_id: dict[str, Any],
                     source_by_id: dict[str, Any]) -> list[dict[str, Any]]:
    relayed: dict[str, list[str]] = {}  # outlet source id → relayed claim ids, in article order
    for claim in claims:
        parent = claim_by_id.get(claim.get("parent"))
        outlet = source_by_id.get(parent.get("source_id")) if parent else None
        if outlet and outlet.get("kind") == RELAYING_SOURCE_KIND:
            relayed.setdefault(outlet.get("id"), []).append(claim.get("id"))
    return [{"source_id": sid, "name": source_by_id[sid].get("name", ""), "claims": len(ids),
             "claim_ids": ids} for sid, ids in relayed.items()]


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


def percent(fraction: float) -> str:
    """A share as the sentences print it: "30 %" (whole per cents; "<1 %" for a sliver)."""
    if 0 < fraction < 0.005:
        return "<1 %"
    return f"{round(fraction * 100)} %"


def profile_sentences(profile: dict[str, Any]) -> list[str]:
    """Two to five plain sentences a reader can judge the article's sourcing by."""
    total = profile["claims"]
    if not total:
        return ["No attributed claims were found."]
    sentences = []
    sources = profile["sources"]
    if sources:
        unnamed = profile["anonymous_sources"]
        verb = "is" if 1 in (unnamed, sources) else "are"
        sentences.append(f"{unnamed} of {_count(sources, 'source', 'sources')} {verb} anonymous or unnamed.")
    unsourced = profile["by_source_kind"][UNSOURCED]["count"]
    if unsourced:
        verb = "is" if unsourced == 1 else "are"
        sentences.append(f"{_count(unsourced, 'claim', 'claims')} {verb} hedged with no source.")
    direct = profile["by_claim_kind"]["direct"]["count"]
    quotes = "is a direct quote" if 1 in (direct, total) else "are direct quotes"
    sentences.append(f"{direct} of {_count(total, 'claim', 'claims')} {quotes}.")
    top = profile["top_source"]
    if top and sources > 1:
        sentences.append(f"One source, {top['name']}, carries {percent(top['share'])} of the claims.")
    for outlet in profile["relayed_outlets"]:
        sentences.append(f"{outlet['name']} relays {_count(outlet['claims'], 'claim', 'claims')} from other sources.")
    return sentences


def profile_problems(doc: dict[str, Any]) -> list[str]:
    """How `doc["profile"]` differs from the profile of its claims and sources; [] when it agrees
    (or when there is no profile: it is optional in stored analyses)."""
    if "profile" not in doc:
        return []
    given, expected = doc["profile"], sourcing_profile(doc)
    if not isinstance(given, dict):
        return ["'profile' must be an object"]
    return [f"profile: {key} is {given.get(key)!r}, its claims and sources give {value!r}"
            for key, value in expected.items() if given.get(key) != value]
