"""`reader export`: every source with its notes and claims, as Markdown, CSV or JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli_errors import CommandError


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("markdown", "csv", "json"), default="markdown",
                   help="markdown (for Obsidian; the default), csv or json")
    p.add_argument("--out", metavar="FILE", help="write here instead of to stdout")
    p.add_argument("--per-source", metavar="FOLDER",
                   help="write one Markdown file per source into FOLDER (for an Obsidian vault)")


def run(args: argparse.Namespace) -> int:
    from reader.app import user_data_dir
    from reader.store import Library, StoreError
    from reader.store.export import collect, render

    try:
        # read-only: an export never creates, migrates or repairs the user's library
        lib = Library.open(user_data_dir(), read_only=True)
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    try:
        if args.per_source:
            return _per_source(lib, Path(args.per_source))
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
