"""`reader export`: every source with its notes and claims, as Markdown, CSV or JSON, as the
reader corrected them; `--format eval-jsonl`: the corrected articles in the evaluation format."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from reader.cli_errors import CommandError

T = TypeVar("T")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("markdown", "csv", "json", "eval-jsonl"), default="markdown",
                   help="markdown (for Obsidian; the default), csv or json; eval-jsonl: the articles you "
                        "corrected, in the format `reader eval` scores against")
    p.add_argument("--out", metavar="FILE", help="write here instead of to stdout")
    p.add_argument("--per-source", metavar="FOLDER",
                   help="write one Markdown file per source into FOLDER (for an Obsidian vault)")


def run(args: argparse.Namespace) -> int:
    from reader.store.export import EVAL_FORMAT, collect_all, eval_records, render, to_eval_jsonl

    if args.per_source:  # one Markdown file per source, for an Obsidian vault
        return read_library(lambda lib: _per_source(lib, Path(args.per_source)))
    if args.format == EVAL_FORMAT:  # the corrected articles (reader/corrections/eval_format.py)
        records = read_library(eval_records)
        emit_output(args.out, to_eval_jsonl(records), f"exported {len(records)} corrected articles")
        return 0
    articles, sources = read_library(collect_all)
    notes = sum(len(s.notes) for s in sources)
    claims = sum(len(s.claims) for s in sources)
    emit_output(args.out, render(sources, args.format, articles),
                f"exported {len(sources)} sources, {notes} notes, {claims} claims")
    return 0


def read_library(read: Callable[[Any], T]) -> T:
    """`read(library)` on the user's library opened read-only (an export never creates,
    migrates or repairs it); a library problem becomes a CommandError."""
    from reader.app import user_data_dir
    from reader.store import Library, StoreError

    try:
        lib = Library.open(user_data_dir(), read_only=True)
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    try:
        return read(lib)
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        lib.close()


def emit_output(out: str | None, text: str, summary: str) -> None:
    """`text` to the file `out` (or stdout), and the one-line summary to stderr."""
    if out:
        write_output(Path(out), text)
    else:
        sys.stdout.write(text)
    print(f"{summary}{f' to {out}' if out else ''}", file=sys.stderr)


def _per_source(lib, folder: Path) -> int:  # noqa: ANN001 - reader.store.Library
    from reader.store.export import export_per_source

    try:
        written = export_per_source(lib, folder)
    except OSError as exc:
        raise CommandError(f"Cannot write into {folder}: {exc.strerror or exc}") from exc
    print(f"exported {len(written)} files in {folder}", file=sys.stderr)
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
