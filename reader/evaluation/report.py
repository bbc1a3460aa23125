"""The readable `reader eval` report: role table, attribution level, cards, breakdowns, lists."""

from __future__ import annotations

from typing import Any

def _pct(value: float | None) -> str:
    return "    —" if value is None else f"{100 * value:5.1f}"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _breakdown(rows: list[dict[str, Any]], title: str, with_precision: bool) -> list[str]:
    head = f"  {'':<26} {'gold':>4} {'found':>5} {'F%':>5}"
    head += f" {'pred':>5} {'P%':>5}" if with_precision else ""
    lines = ["", title, head + f" {'src%':>5}"]
    for row in rows:
        line = f"  {_clip(row['value'], 26):<26} {row['gold']:>4} {row['found']:>5} {_pct(row['found_rate'])}"
        if with_precision:
            line += f" {row['pred']:>5} {_pct(row['precision'])}"
        lines.append(line + f" {_pct(row['correctly_sourced_rate'])}")
    return lines


def _scope(r: dict[str, Any]) -> str:
    if not r.get("classes"):
        return ""
    return f"; only classes {', '.join(r['classes'])}: {r.get('out_of_scope_predictions', 0)} of other classes left out"


def format_report(r: dict[str, Any], names: list[str], by_class: bool = False, by_construction: bool = False) -> str:
    lines = [
        f"{', '.join(names)}: {r['articles']} article(s), {r['attributions']['gold']} gold attributions scored "
        f"(plus {r['optional']} optional; {r['non_claim_skipped']} non_claim skipped"
        f"{'; ' + str(r['nested_left_out']) + ' nested left out' if r['nested_left_out'] else ''}), "
        f"{r['attributions']['pred']} predicted claims scored ({r['ignored_predictions']} in boilerplate ignored"
        f"{_scope(r)})",
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
    if by_class:
        lines += _breakdown(r["by_class"], "by gold cue_class (precision: predictions of that class paired with any gold)",
                            with_precision=True)
    if by_construction:
        lines += _breakdown(r["by_construction"], "by gold construction (main tag and construction_also)",
                            with_precision=False)
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
