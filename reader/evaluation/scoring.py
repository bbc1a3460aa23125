"""Score attribution extraction against annotated news: the rules of ../shared/eval/README.md.

Pure functions over plain dicts: a gold record is one line of an eval file, a prediction is
the analysis contract as JSON (`Analysis.to_dict()`). No Qt and no spaCy, so scoring saved
predictions (`reader eval --pred`) and the tests never load a model.

Spans are compared by their *significant characters*: the set of text positions of their
fragments that are neither whitespace nor Unicode punctuation, so a quote mark or a final
full stop never decides a match, and two identical strings at different places never match.

Nested gold (`nested_in`): the README annotates nested attributions on purpose (the outer
content contains the inner attribution, and "--ignore-nested is not appropriate"), so a
nested gold attribution is scored like any other: it must be found as a claim of its own,
even when, as in "The Post reported, citing Israeli authorities, ...", it shares its content
with the outer one. At the role level that shared content is one distinct span and counts
once. On top of that the attribution level reports, for nested gold, how many were found and
how many of those have the predicted `parent` pointing at the claim paired with the outer
gold attribution ("linked"); this never changes found / precision / correctly sourced.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher
from typing import Any

from reader.evaluation.breakdown import rates, tally

Sig = frozenset[int]
ROLES = ("source", "cue", "content")
MODES = ("exact", "begin", "overlap")
TOP_CUES = 15


# ---------------------------------------------------------------- characters and pairing

def _is_significant(ch: str) -> bool:
    return not ch.isspace() and not unicodedata.category(ch).startswith("P")


def significant(text: str, spans: Iterable[Iterable[int]]) -> Sig:
    """Positions of the significant characters of the union of `spans` (end exclusive)."""
    positions = {i for s, e in spans for i in range(max(0, s), min(e, len(text)))}
    sig = frozenset(i for i in positions if _is_significant(text[i]))
    if sig or not positions:
        return sig
    # A span of punctuation only (a ":" cue, an introducing dash) would otherwise vanish and
    # could never match; it keeps its non-space characters instead.
    return frozenset(i for i in positions if not text[i].isspace())


def _begin(text: str, sig: Sig) -> int | None:
    """Position of the first alphanumeric character (the first character if none is)."""
    alnum = [i for i in sig if text[i].isalnum()]
    return min(alnum or sig) if sig else None


def pair_greedy(gold: list[Sig], pred: list[Sig], accept=None, tie=None) -> list[tuple[int, int]]:  # noqa: ANN001
    """One-to-one pairs (gold index, pred index), largest overlap first.

    Only pairs sharing at least one character are candidates; `accept(gi, pi)` narrows them
    (the exact and begin modes). Equal overlaps go to `tie(gi, pi)` (smaller first), then to
    the smaller symmetric difference (the closer span), then to document order, so the
    result never depends on set iteration order.
    """
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            common = len(g & p)
            if common and (accept is None or accept(gi, pi)):
                candidates.append((-common, tie(gi, pi) if tie else (), len(g ^ p), gi, pi))
    candidates.sort()
    used_gold, used_pred, pairs = set(), set(), []
    for *_, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return pairs


def _letters(value: str | None) -> str:
    return "".join(ch for ch in (value or "").casefold() if _is_significant(ch))


def text_match(gold: str | None, pred: str | None) -> bool:
    """Card titles and roles: do the two strings overlap in their significant characters?

    They are strings, not spans, so "at least one common character" would match almost
    anything; they match when the characters in common (in order) cover at least half of the
    longer one: "IDF Maj.-Gen." ~ "Maj.-Gen.", "coordinator of government activities" ~ the
    same with "in the territories".
    """
    g, p = _letters(gold), _letters(pred)
    if not g or not p:
        # Gold null or empty and predicted empty is a match (both say "no title"); a value on
        # one side only is a miss either way.
        return not g and not p
    common = sum(b.size for b in SequenceMatcher(None, g, p, autojunk=False).get_matching_blocks())
    return 2 * common >= max(len(g), len(p))


# ---------------------------------------------------------------- one article

def _joined(text: str, spans: list) -> str:
    return " ".join(" ".join(text[s:e].split()) for s, e in spans)


def _role_counts(text: str, gold: dict[Sig, bool], pred: list[Sig]) -> dict[str, Any]:
    """P/R counts for one role: `gold` maps each distinct span to "optional"."""
    gold_sigs = list(gold)
    optional = [gold[g] for g in gold_sigs]
    begins_g = [_begin(text, g) for g in gold_sigs]
    begins_p = [_begin(text, p) for p in pred]
    accept = {
        "exact": lambda gi, pi: gold_sigs[gi] == pred[pi],
        "begin": lambda gi, pi: begins_g[gi] == begins_p[pi],
        "overlap": None,
    }
    required = sum(not o for o in optional)
    out: dict[str, Any] = {}
    for mode in MODES:
        pairs = pair_greedy(gold_sigs, pred, accept[mode])
        on_optional = sum(optional[gi] for gi, _ in pairs)
        out[mode] = {"tp": len(pairs) - on_optional, "gold": required, "pred": len(pred) - on_optional}
    # Soft scores on the overlap pairing; optional gold and what it paired with are left out.
    pairs = pair_greedy(gold_sigs, pred)
    paired_optional = {pi for gi, pi in pairs if optional[gi]}
    out["soft"] = {
        "common": sum(len(gold_sigs[gi] & pred[pi]) for gi, pi in pairs if not optional[gi]),
        "gold_chars": sum(len(g) for g, o in zip(gold_sigs, optional) if not o),
        "pred_chars": sum(len(p) for pi, p in enumerate(pred) if pi not in paired_optional),
    }
    return out


def _as_dict(prediction: Any) -> dict[str, Any]:
    return prediction.to_dict() if hasattr(prediction, "to_dict") else prediction


def score_article(gold: dict[str, Any], prediction: Any, outermost: bool = False,
                  classes: frozenset[str] | None = None) -> dict[str, Any]:
    """Raw counts for one article (summed by `score_corpus`); `prediction` is contract JSON.

    `outermost` compares only outermost claims: predictions with a `parent` and gold with
    `nested_in` are left out (as corpora of the PARC tradition annotate only the outermost).
    """
    pred_doc = _as_dict(prediction)
    text, doc_id = gold["text"], gold.get("id", "")
    ignored_at = {i for s, e in gold.get("boilerplate_spans", []) + gold.get("discard_spans", [])
                  for i in range(s, e)}

    def inside_ignored(sig: Sig) -> bool:
        return bool(sig) and sig <= ignored_at

    # Gold attributions, keeping their index in the file (`nested_in` refers to it).
    golds = []
    for index, a in enumerate(gold.get("attributions", [])):
        if a.get("non_claim") or (outermost and a.get("nested_in") is not None):
            continue
        golds.append({"index": index, "a": a, "optional": bool(a.get("optional")),
                      **{r: significant(text, a.get(r, [])) for r in ROLES}})
    skipped = sum(bool(a.get("non_claim")) for a in gold.get("attributions", []))
    nested_left_out = len(gold.get("attributions", [])) - skipped - len(golds)
    preds, ignored, out_of_scope = [], 0, 0
    for c in pred_doc.get("claims", []):
        if outermost and c.get("parent") is not None:
            continue
        if classes and c.get("cue_class", "speech") not in classes:
            out_of_scope += 1   # a class the gold's scheme does not annotate (--classes)
            continue
        sigs = {"source": significant(text, c.get("source_mention", [])),
                "cue": significant(text, c.get("cue", [])),
                "content": significant(text, c.get("content", []))}
        if inside_ignored(sigs["content"]):
            ignored += 1
            continue
        preds.append({"c": c, **sigs})

    # Role level: distinct spans; a gold span is optional only if every holder is optional.
    roles = {}
    for role in ROLES:
        gold_spans: dict[Sig, bool] = {}
        for g in golds:
            if g[role]:
                gold_spans[g[role]] = gold_spans.get(g[role], True) and g["optional"]
        pred_spans = list(dict.fromkeys(p[role] for p in preds if p[role] and not inside_ignored(p[role])))
        roles[role] = _role_counts(text, gold_spans, pred_spans)

    # Attribution level: pair by content; equal content overlaps go to the better source,
    # then the better cue (an outer and a nested attribution can share their content).
    pairs = pair_greedy(
        [g["content"] for g in golds], [p["content"] for p in preds],
        tie=lambda gi, pi: (-len(golds[gi]["source"] & preds[pi]["source"]),
                            -len(golds[gi]["cue"] & preds[pi]["cue"])))
    pred_of = dict(pairs)
    paired_preds = set(pred_of.values())
    by_index = {g["index"]: gi for gi, g in enumerate(golds)}
    att = dict.fromkeys(("gold", "pred", "found", "sourced_gold", "correctly_sourced",
                         "nested_gold", "nested_found", "nested_linked"), 0)
    by_cue: dict[str, dict[str, int]] = {}
    by_kind: dict[str, dict[str, int]] = {}
    misses, wrong_source = [], []

    def describe(spans_of: dict[str, list], extra: dict[str, Any]) -> dict[str, Any]:
        return {"doc": doc_id, **{r: _joined(text, spans_of.get(r, [])) for r in ROLES}, **extra}

    for gi, g in enumerate(golds):
        a = g["a"]
        if g["optional"]:
            continue
        pi = pred_of.get(gi)
        found = pi is not None
        att["gold"] += 1
        att["found"] += found
        cue_ok = found and bool(g["cue"] & preds[pi]["cue"])
        for table, key in ((by_cue, _joined(text, a.get("cue", [])).lower() or "(none)"),
                           (by_kind, a.get("kind"))):
            if key:
                row = table.setdefault(key, {"gold": 0, "found": 0, "cue_ok": 0})
                row["gold"] += 1
                row["found"] += found
                row["cue_ok"] += cue_ok
        if g["source"]:  # a hedge has no source: it cannot be (in)correctly sourced
            att["sourced_gold"] += 1
            if found and g["source"] & preds[pi]["source"]:
                att["correctly_sourced"] += 1
            elif found:
                wrong_source.append(describe(a, {"predicted_source": _joined(text, preds[pi]["c"].get("source_mention", []))}))
        if not found:
            misses.append(describe(a, {"kind": a.get("kind")}))
        outer = a.get("nested_in")
        if outer is not None:
            att["nested_gold"] += 1
            att["nested_found"] += found
            outer_pi = pred_of.get(by_index.get(outer, -1))
            if found and outer_pi is not None and preds[pi]["c"].get("parent") == preds[outer_pi]["c"].get("id"):
                att["nested_linked"] += 1
    on_optional = sum(golds[gi]["optional"] for gi, _ in pairs)
    att["pred"] = len(preds) - on_optional
    false_positives = [
        describe({"source": p["c"].get("source_mention", []), "cue": p["c"].get("cue", []),
                  "content": p["c"].get("content", [])}, {"rule": p["c"].get("rule", "")})
        for pi, p in enumerate(preds) if pi not in paired_preds]

    result = {
        "articles": 1, "non_claim_skipped": skipped, "nested_left_out": nested_left_out, "optional": sum(g["optional"] for g in golds),
        "ignored_predictions": ignored, "out_of_scope_predictions": out_of_scope, "roles": roles, "attributions": att,
        "by_cue": by_cue, "by_kind": by_kind, "misses": misses,
        "false_positives": false_positives, "wrong_source": wrong_source,
        **tally(golds, preds, pred_of),
        "per_article": [{"id": doc_id, "gold": att["gold"], "pred": att["pred"], "found": att["found"]}],
    }
    if gold.get("sources"):
        result["cards"] = _score_cards(text, gold["sources"], golds, preds, pred_of, pred_doc, inside_ignored)
    return result


def _score_cards(text, cards, golds, preds, pred_of, pred_doc, inside_ignored) -> dict[str, int]:  # noqa: ANN001
    """Source cards: found / kind / title / role / mentions merged, over required gold cards.

    Gold cards and predicted sources are paired one-to-one (largest overlap first) like
    everything else, so one predicted card that swallowed two speakers finds only one.
    """
    claims_of = {card["id"]: [gi for gi, g in enumerate(golds) if g["a"].get("source_id") == card["id"]]
                 for card in cards}
    gold_sigs = [frozenset().union(*(golds[gi]["source"] for gi in claims_of[card["id"]])) for card in cards]
    sources = []
    for s in pred_doc.get("sources", []):
        # A source's mentions, plus the source_mention of its claims in case the engine
        # listed only some of them on the card.
        spans = list(s.get("mentions", [])) + [m for c in pred_doc.get("claims", [])
                                                if c.get("source_id") == s.get("id")
                                                for m in c.get("source_mention", [])]
        sig = significant(text, spans)
        if not inside_ignored(sig):
            sources.append((s, sig))
    pairs = dict(pair_greedy(gold_sigs, [sig for _, sig in sources]))
    out = dict.fromkeys(("gold", "found", "kind", "title", "role", "merged"), 0)
    for ci, card in enumerate(cards):
        if card.get("optional"):
            continue  # neither a miss nor, when found, counted
        out["gold"] += 1
        if ci not in pairs:
            continue
        source = sources[pairs[ci]][0]
        out["found"] += 1
        out["kind"] += card.get("kind") == source.get("kind")
        out["title"] += text_match(card.get("title"), source.get("title"))
        out["role"] += text_match(card.get("role"), source.get("role"))
        # Merged: every required claim of this card was found and points at this one source.
        out["merged"] += all(
            gi in pred_of and preds[pred_of[gi]]["c"].get("source_id") == source.get("id")
            for gi in claims_of[card["id"]] if not golds[gi]["optional"])
    return out


# ---------------------------------------------------------------- many articles

def _add(into: dict[str, Any], other: dict[str, Any]) -> None:
    """Sum counts key by key (micro-averaging); lists are concatenated."""
    for key, value in other.items():
        if isinstance(value, dict):
            _add(into.setdefault(key, {}), value)
        elif isinstance(value, list):
            into.setdefault(key, []).extend(value)
        else:
            into[key] = into.get(key, 0) + value


def _rate(num: int, den: int) -> float | None:
    return num / den if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


def score_corpus(items: Iterable[tuple[dict[str, Any], Any]], outermost: bool = False,
                 classes: frozenset[str] | None = None) -> dict[str, Any]:
    """Micro-averaged report over (gold record, prediction) pairs; JSON-serialisable."""
    total: dict[str, Any] = {}
    for gold, prediction in items:
        _add(total, score_article(gold, prediction, outermost, classes))
    if not total:
        raise ValueError("nothing to score: no gold articles")
    total["classes"] = sorted(classes) if classes else None
    for role in ROLES:
        for mode in MODES:
            c = total["roles"][role][mode]
            c["precision"], c["recall"] = _rate(c["tp"], c["pred"]), _rate(c["tp"], c["gold"])
            c["f1"] = _f1(c["precision"], c["recall"])
        s = total["roles"][role]["soft"]
        s["precision"], s["recall"] = _rate(s["common"], s["pred_chars"]), _rate(s["common"], s["gold_chars"])
        s["f1"] = _f1(s["precision"], s["recall"])
    att = total["attributions"]
    att["found_rate"] = _rate(att["found"], att["gold"])
    # One-to-one pairing: each found gold has exactly one paired prediction.
    att["precision"] = _rate(att["found"], att["pred"])
    att["correctly_sourced_rate"] = _rate(att["correctly_sourced"], att["sourced_gold"])
    for key in ("by_cue", "by_kind"):
        rows = [{"value": k, **v, "recall": _rate(v["found"], v["gold"])} for k, v in total[key].items()]
        rows.sort(key=lambda row: (-row["gold"], row["value"]))
        total[key] = rows[:TOP_CUES] if key == "by_cue" else rows
    for key in ("by_class", "by_construction"):
        total[key] = rates(total[key])
    if "cards" in total:
        c = total["cards"]
        c["found_rate"] = _rate(c["found"], c["gold"])
        for key in ("kind", "title", "role", "merged"):
            c[key + "_rate"] = _rate(c[key], c["found"])
    return total
