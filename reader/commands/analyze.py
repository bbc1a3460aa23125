"""`reader analyze`: the analysis contract on stdout (or a JSON Lines file)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reader.analysis.profile import profile_sentences, sourcing_profile
from reader.cli_errors import CommandError


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="?", help="article to analyse: a .txt, .md or .html file, or an http(s) URL")
    p.add_argument("--json", action="store_true", help="print the analysis contract as JSON")
    p.add_argument("--with-text", action="store_true", help="include the analysed text, title and origin")
    p.add_argument("--jsonl", metavar="IN.jsonl", help='analyse every {"id", "text"} line of a JSON Lines file')
    p.add_argument("--out", metavar="OUT.jsonl", help="where --jsonl writes its results (default: stdout)")


def run(args: argparse.Namespace) -> int:
    from reader.analysis import AttributionEngine, ModelLoadError

    if bool(args.file) == bool(args.jsonl):
        raise CommandError("give either FILE or --jsonl IN.jsonl")
    try:
        engine = AttributionEngine()
        if args.jsonl:
            return _run_jsonl(engine, Path(args.jsonl), args.out)
        return _run_file(engine, args)
    except ModelLoadError as exc:
        raise CommandError(str(exc)) from exc


def _run_file(engine, args: argparse.Namespace) -> int:  # noqa: ANN001
    from reader.documents import DocumentError, load

    try:
        article = load(args.file)  # a path, or a URL fetched here (headless: blocking is fine)
    except DocumentError as exc:
        raise CommandError(str(exc)) from exc
    analysis = engine.analyze(article.text)
    doc = with_profile(analysis.to_dict(article.id))
    if args.with_text:
        doc.update(text=article.text, title=article.title, origin=article.origin)
    if args.json:
        json.dump(doc, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        _print_summary(article.text, analysis)
        print("\n".join(profile_sentences(doc["profile"])))
    return 0


def with_profile(doc: dict) -> dict:
    """The contract object with its sourcing profile (reader/analysis/profile.py)."""
    doc["profile"] = sourcing_profile(doc)
    return doc


def _print_summary(text: str, analysis) -> None:  # noqa: ANN001
    for claim in analysis.claims:
        source = analysis.source(claim.source_id)
        who = source.name if source else "(unsourced)"
        content = " … ".join(text[s:e] for s, e in claim.content)
        print(f"{claim.id:>4} {claim.kind:<12} {who}: {content[:100]}")
    print(f"{len(analysis.claims)} claims, {len(analysis.sources)} sources")


def _run_jsonl(engine, src: Path, out: str | None) -> int:  # noqa: ANN001
    if not src.is_file():
        raise CommandError(f"No such file: {src}")
    sink = open(out, "w", encoding="utf-8") if out else sys.stdout  # noqa: SIM115
    count = 0
    try:
        with src.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    doc_id, text = str(record["id"]), record["text"]
                except (ValueError, KeyError, TypeError) as exc:
                    raise CommandError(f"{src}:{number}: not an {{\"id\", \"text\"}} object ({exc})") from exc
                doc = with_profile(engine.analyze(text).to_dict(doc_id))
                sink.write(json.dumps(doc, ensure_ascii=False) + "\n")
                count += 1
    finally:
        if out:
            sink.close()
    print(f"analysed {count} documents", file=sys.stderr)
    return 0
