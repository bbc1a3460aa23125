"""`reader analyze`: the analysis contract on stdout (or a JSON Lines file)."""

from __future__ import annotations

import argparse
import json
import sys

from reader.analysis.profile import profile_sentences, with_profile
from reader.batch import command as batch_command
from reader.cli_errors import CommandError


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="?", help="article to analyse: a .txt, .md or .html file, or an http(s) URL")
    p.add_argument("--json", action="store_true", help="print the analysis contract as JSON")
    p.add_argument("--with-text", action="store_true", help="include the analysed text, title and origin")
    batch_command.add_arguments(p)   # --jsonl, --out, --jobs, --resume, --strict, --scheduler


def run(args: argparse.Namespace) -> int:
    from reader.analysis import AttributionEngine, ModelLoadError

    if bool(args.file) == bool(args.jsonl):
        raise CommandError("give either FILE or --jsonl IN.jsonl")
    try:
        if args.jsonl:
            return batch_command.run(args)
        return _run_file(AttributionEngine(), args)
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
        doc.update(text=article.text, title=article.title, origin=article.origin, metadata=article.header())
    if args.json:
        json.dump(doc, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        _print_summary(article.text, analysis)
        print("\n".join(profile_sentences(doc["profile"])))
    return 0


def _print_summary(text: str, analysis) -> None:  # noqa: ANN001
    for claim in analysis.claims:
        source = analysis.source(claim.source_id)
        who = source.name if source else "(unsourced)"
        content = " … ".join(text[s:e] for s, e in claim.content)
        print(f"{claim.id:>4} {claim.kind:<12} {who}: {content[:100]}")
    print(f"{len(analysis.claims)} claims, {len(analysis.sources)} sources")
