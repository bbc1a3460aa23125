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
    p.add_argument("--show", type=int, default=0, metavar="N",
                   help="list up to N misses, false positives and wrongly sourced claims")


def run(args: argparse.Namespace) -> int:
    from reader.analysis.scoring import score_corpus

    if args.show < 0:
        raise CommandError("--show takes a count of 0 or more")
    golds = _load_gold([Path(g) for g in args.gold])
    predictions = _load_predictions(Path(args.pred), golds) if args.pred else _run_engine(golds)
    report = score_corpus((g, predictions[g["id"]]) for g in golds)
    for key in ("misses", "false_positives", "wrong_source"):
        report[key] = report.get(key, [])[: args.show]
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(format_report(report, [str(g) for g in args.gold]))
    return 0


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


# ---------------------------------------------------------------- the readable report

def _pct(value: float | None) -> str:
    return "    —" if value is None else f"{100 * value:5.1f}"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def format_report(r: dict[str, Any], names: list[str]) -> str:
    lines = [
        f"{', '.join(names)}: {r['articles']} article(s), {r['attributions']['gold']} gold attributions scored "
        f"(plus {r['optional']} optional; {r['non_claim_skipped']} non_claim skipped), "
        f"{r['attributions']['pred']} predicted claims scored ({r['ignored_predictions']} in boilerplate ignored)",
        "(micro-averaged; P, R, F1 in %; soft counts are significant characters)",
        "",
        f"{'role':<8} {'mode':<8} {'P':>5} {'R':>5} {'F1':>5}   {'tp':>4} {'pred':>5} {'gold':>5}",
    ]
    for role, modes in r["roles"].items():
        for mode in ("exact", "begin", "overlap", "soft"):
            c = modes[mode]
            counts = (f"{c['common']:>4} {c['pred_chars']:>5} {c['gold_chars']:>5}" if mode == "soft"
                      else f"{c['tp']:>4} {c['pred']:>5} {c['gold']:>5}")
            lines.append(f"{role:<8} {mode:<8} {_pct(c['precision'])} {_pct(c['recall'])} {_pct(c['f1'])}   {counts}")
    a = r["attributions"]
    lines += [
        "",
        "attribution level",
        f"  found              {a['found']:>4}/{a['gold']:<4} {_pct(a['found_rate'])}%",
        f"  precision          {a['found']:>4}/{a['pred']:<4} {_pct(a['precision'])}%",
        f"  correctly sourced  {a['correctly_sourced']:>4}/{a['sourced_gold']:<4} {_pct(a['correctly_sourced_rate'])}%",
    ]
    if a["nested_gold"]:
        lines.append(f"  nested found       {a['nested_found']:>4}/{a['nested_gold']:<4} "
                     f"(parent linked {a['nested_linked']})")
    if "cards" in r:
        c = r["cards"]
        lines += ["", f"source cards ({c['gold']} gold; optional cards not counted)",
                  f"  found              {c['found']:>4}/{c['gold']:<4} {_pct(c['found_rate'])}%"]
        for key in ("kind", "title", "role", "merged"):
            label = "mentions merged" if key == "merged" else key
            lines.append(f"  {label:<18} {c[key]:>4}/{c['found']:<4} {_pct(c[key + '_rate'])}%  (of found)")
    for key, title in (("by_cue", "recall by gold cue word (top 15)"), ("by_kind", "recall by gold kind")):
        if r[key]:
            lines += ["", title, f"  {'':<22} {'gold':>4} {'found':>5} {'R':>5}  cue ok"]
            lines += [f"  {_clip(row['value'], 22):<22} {row['gold']:>4} {row['found']:>5} {_pct(row['recall'])}  {row['cue_ok']:>4}"
                      for row in r[key]]
    for key, title in (("misses", "missed gold"), ("false_positives", "false positives"),
                       ("wrong_source", "found, wrong source")):
        if r[key]:
            lines += ["", f"{title} (first {len(r[key])})"]
            for row in r[key]:
                extra = f" → predicted {row['predicted_source']!r}" if "predicted_source" in row else ""
                rule = f" [{row['rule']}]" if row.get("rule") else ""
                lines.append(f"  {row['doc']}: {row['source'] or '—'} | {row['cue'] or '—'} | "
                             f"{_clip(row['content'], 90)}{extra}{rule}")
    return "\n".join(lines)
