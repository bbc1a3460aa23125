"""`reader export`: every source with its notes and claims, as Markdown, CSV or JSON, as the
reader corrected them; `--format eval-jsonl`: the corrected articles in the evaluation format."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli_errors import CommandError


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("markdown", "csv", "json", "eval-jsonl"), default="markdown",
                   help="markdown (for Obsidian; the default), csv or json; eval-jsonl: the articles you "
                        "corrected, in the format `reader eval` scores against")
    p.add_argument("--out", metavar="FILE", help="write here instead of to stdout")


def run(args: argparse.Namespace) -> int:
    from reader.app import user_data_dir
    from reader.store import Library, StoreError
    from reader.store.export import EVAL_FORMAT, collect, render

    if args.format == EVAL_FORMAT:
        return _run_eval_export(args)
    try:
        # read-only: an export never creates, migrates or repairs the user's library
        lib = Library.open(user_data_dir(), read_only=True)
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    try:
        sources = collect(lib)
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        lib.close()
    text = render(sources, args.format)
    if args.out:
        write_output(Path(args.out), text)
    else:
        sys.stdout.write(text)
    notes = sum(len(s.notes) for s in sources)
    claims = sum(len(s.claims) for s in sources)
    where = f" to {args.out}" if args.out else ""
    print(f"exported {len(sources)} sources, {notes} notes, {claims} claims{where}", file=sys.stderr)
    return 0


def write_output(path: Path, text: str) -> None:
    """Write a command's output file whole (atomically), or raise a CommandError saying why not."""
    from reader.store.export import write_atomically

    if path.is_dir():
        raise CommandError(f"{path} is a folder; give a file name")
    try:
        write_atomically(path.absolute(), text)
    except OSError as exc:
        raise CommandError(f"Cannot write {path}: {exc.strerror or exc}") from exc


def _run_eval_export(args: argparse.Namespace) -> int:
    """`--format eval-jsonl`: one gold line per corrected article (reader/corrections/eval_format.py)."""
    from reader.app import user_data_dir
    from reader.store import Library, StoreError
    from reader.store.export import eval_records, to_eval_jsonl

    try:
        lib = Library.open(user_data_dir(), read_only=True)
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    try:
        records = eval_records(lib)
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        lib.close()
    text = to_eval_jsonl(records)
    if args.out:
        write_output(Path(args.out), text)
    else:
        sys.stdout.write(text)
    where = f" to {args.out}" if args.out else ""
    print(f"exported {len(records)} corrected articles{where}", file=sys.stderr)
    return 0
