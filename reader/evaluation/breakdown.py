"""Attribution-level figures split by the gold's `cue_class` and `construction` tags.

Counts per article (summed by `score_corpus`), then rates. For a class the row also holds
precision: predictions carrying that `cue_class`, and how many of them were paired with some
gold attribution (of any class: a belief predicted as speech is still found). A construction
row counts every gold attribution whose main `construction` or any `construction_also` tag
is that construction, so one attribution can stand in several rows; constructions have no
precision (predictions carry no construction).
"""

from __future__ import annotations

from typing import Any

UNTAGGED = "(none)"
_COUNTS = ("gold", "found", "sourced_gold", "correctly_sourced")


def _row(table: dict[str, dict[str, int]], key: str) -> dict[str, int]:
    return table.setdefault(key, dict.fromkeys(_COUNTS + ("pred", "pred_paired"), 0))


def tally(golds: list[dict[str, Any]], preds: list[dict[str, Any]], pred_of: dict[int, int]) -> dict[str, Any]:
    """`golds` / `preds` as built by scoring.score_article; `pred_of` maps gold → paired pred."""
    by_class: dict[str, dict[str, int]] = {}
    by_construction: dict[str, dict[str, int]] = {}
    for gi, g in enumerate(golds):
        if g["optional"]:
            continue
        a = g["a"]
        pi = pred_of.get(gi)
        found = pi is not None
        sourced = found and bool(g["source"] & preds[pi]["source"])
        tags = [a.get("construction") or UNTAGGED] + [t for t in a.get("construction_also") or []
                                                      if t != a.get("construction")]
        rows = [_row(by_class, a.get("cue_class") or UNTAGGED)] + [_row(by_construction, t) for t in tags]
        for row in rows:
            row["gold"] += 1
            row["found"] += found
            if g["source"]:
                row["sourced_gold"] += 1
                row["correctly_sourced"] += sourced
    paired = set(pred_of.values())
    optional_pairs = {pi for gi, pi in pred_of.items() if golds[gi]["optional"]}
    for pi, p in enumerate(preds):
        if pi in optional_pairs:
            continue
        row = _row(by_class, p["c"].get("cue_class") or UNTAGGED)
        row["pred"] += 1
        row["pred_paired"] += pi in paired
    return {"by_class": by_class, "by_construction": by_construction}


def rates(table: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    """Rows with found / precision / sourced rates, the most frequent gold first."""
    rows = []
    for key, c in table.items():
        rows.append({"value": key, **c,
                     "found_rate": c["found"] / c["gold"] if c["gold"] else None,
                     "precision": c["pred_paired"] / c["pred"] if c["pred"] else None,
                     "correctly_sourced_rate": c["correctly_sourced"] / c["sourced_gold"] if c["sourced_gold"] else None})
    rows.sort(key=lambda row: (-row["gold"], row["value"]))
    return rows
