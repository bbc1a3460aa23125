"""`reader eval`: score the analysis against annotated news (../shared/eval/README.md).

Without --pred the engine analyses every gold text (the model is loaded once); with --pred
the predictions come from a JSON Lines file as written by `reader analyze --jsonl`, matched
to the gold by `id`, and no model is needed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from reader.cli_errors import CommandError


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("gold", nargs="+", metavar="GOLD.jsonl", help="annotated articles, one JSON object per line")
    p.add_argument("--pred", metavar="PRED.jsonl",
                   help="score these saved analyses (one contract object per line, by id) instead of running the engine")
    p.add_argument("--json", action="store_true", help="print the report as one JSON object")
    p.add_argument("--outermost", action="store_true",
                   help="compare only outermost claims: predictions without a parent, gold outside nested_in")
    p.add_argument("--by-class", action="store_true", help="add found / precision / sourced per gold cue_class")
    p.add_argument("--by-construction", action="store_true",
                   help="add found / sourced per gold construction tag (where the gold has tags)")
    p.add_argument("--classes", metavar="CLASS,…",
                   help="score only predictions of these cue classes, or of a corpus's scope: "
                        "'gum' = speech,belief,evidence,perception,decree (GUM annotates no "
                        "intentions and no hedges)")
    p.add_argument("--show", type=int, default=0, metavar="N",
                   help="list up to N misses, false positives and wrongly sourced claims")


def run(args: argparse.Namespace) -> int:
    from reader.evaluation.report import format_report
    from reader.evaluation.scoring import score_corpus

    if args.show < 0:
        raise CommandError("--show takes a count of 0 or more")
    golds = _load_gold([Path(g) for g in args.gold])
    predictions = _load_predictions(Path(args.pred), golds) if args.pred else _run_engine(golds)
    classes = _classes(args.classes)
    report = score_corpus(((g, predictions[g["id"]]) for g in golds), outermost=args.outermost, classes=classes)
    for key in ("misses", "false_positives", "wrong_source"):
        report[key] = report.get(key, [])[: args.show]
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(format_report(report, [str(g) for g in args.gold], by_class=args.by_class,
                            by_construction=args.by_construction))
    return 0


def _classes(value: str | None) -> frozenset[str] | None:
    from reader.evaluation.scopes import UnknownClass, classes_of

    try:
        return classes_of(value)
    except UnknownClass as exc:
        raise CommandError(str(exc)) from exc


def read_jsonl(path: Path) -> list[tuple[int, dict[str, Any]]]:
    if not path.is_file():
        raise CommandError(f"No such file: {path}")
    records = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                raise CommandError(f"{path}:{number}: not JSON ({exc})") from exc
            if not isinstance(record, dict) or "id" not in record:
                raise CommandError(f"{path}:{number}: not an object with an \"id\"")
            records.append((number, record))
    return records


def _load_gold(paths: list[Path]) -> list[dict[str, Any]]:
    golds, seen = [], set()
    for path in paths:
        for number, record in read_jsonl(path):
            where = f"{path}:{number}"
            if not isinstance(record.get("text"), str) or not isinstance(record.get("attributions"), list):
                raise CommandError(f"{where}: a gold line needs \"text\" and \"attributions\"")
            record["id"] = str(record["id"])
            if record["id"] in seen:  # --pred matches by id, so ids must be unique
                raise CommandError(f"{where}: id {record['id']!r} appears twice in the gold")
            seen.add(record["id"])
            _check_spans(record, where)
            golds.append(record)
    if not golds:
        raise CommandError("the gold files hold no articles")
    return golds


def _check_spans(record: dict[str, Any], where: str) -> None:
    n = len(record["text"])

    def ok(spans: Any) -> bool:
        return isinstance(spans, list) and all(
            isinstance(s, list) and len(s) == 2 and all(isinstance(x, int) for x in s) and 0 <= s[0] <= s[1] <= n
            for s in spans)

    for i, a in enumerate(record["attributions"]):
        for role in ("source", "cue", "content"):
            if not ok(a.get(role, [])):
                raise CommandError(f"{where}: attribution {i}: bad {role} spans")
    for key in ("boilerplate_spans", "discard_spans"):
        if not ok(record.get(key, [])):
            raise CommandError(f"{where}: bad {key}")


def _load_predictions(path: Path, golds: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    predictions = {str(r["id"]): r for _n, r in read_jsonl(path)}
    missing = [g["id"] for g in golds if g["id"] not in predictions]
    if missing:
        raise CommandError(f"{path} has no prediction for {len(missing)} gold article(s): {', '.join(missing[:5])}")
    for doc_id, doc in predictions.items():
        if not isinstance(doc.get("claims", []), list) or not isinstance(doc.get("sources", []), list):
            raise CommandError(f"{path}: prediction {doc_id!r}: 'claims' and 'sources' must be lists")
    return predictions


def _run_engine(golds: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    from reader.analysis import AttributionEngine, ModelLoadError

    engine = AttributionEngine()  # one engine: the model is loaded once for every article
    out = {}
    live = sys.stderr.isatty()  # a running count on a terminal, one line in a log
    try:
        for i, g in enumerate(golds, 1):
            out[g["id"]] = engine.analyze(g["text"]).to_dict(g["id"])
            if live:
                print(f"\ranalysed {i}/{len(golds)}", end="", file=sys.stderr, flush=True)
    except ModelLoadError as exc:
        raise CommandError(str(exc)) from exc
    print(("\r" if live else "") + f"analysed {len(golds)} article(s)", file=sys.stderr)
    return out
