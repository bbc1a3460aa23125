"""`reader report`: the sourcing profile summed over the library, or over batch outputs.

Without files it reads the stored analyses of the user's library (read-only, like `reader
export`); with files it reads JSON Lines of contract objects as `reader analyze --jsonl`
writes them (a line's `origin`, when there is one, names its site). One row for all articles,
and with `--by site` one per site, most anonymous sourcing first.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reader.cli_errors import CommandError

BY_CHOICES = ("site",)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("batch", nargs="*", metavar="OUT.jsonl",
                   help="analyses written by `reader analyze --jsonl` (default: your library)")
    p.add_argument("--by", choices=BY_CHOICES, help="one row per site (web host, local files, pasted)")
    p.add_argument("--format", choices=("markdown", "csv", "json"), default="markdown",
                   help="markdown (the default), csv or json")
    p.add_argument("--out", metavar="FILE", help="write here instead of to stdout")


def run(args: argparse.Namespace) -> int:
    from reader.commands.export import emit_output
    from reader.store.profiles import render_report, report_groups

    profiles = _batch_profiles([Path(b) for b in args.batch]) if args.batch else _library_profiles()
    emit_output(args.out, render_report(report_groups(profiles, by_site=args.by == "site"), args.format),
                f"reported on {len(profiles)} articles")
    return 0


def _library_profiles() -> list[tuple[str, dict[str, Any]]]:
    from reader.analysis.profile_totals import site_of
    from reader.commands.export import read_library
    from reader.store.profiles import article_profiles

    # read-only, like `reader export`: a report changes nothing
    return read_library(lambda lib: [(site_of(a.origin), a.profile) for a in article_profiles(lib)])


def _batch_profiles(paths: list[Path]) -> list[tuple[str, dict[str, Any]]]:
    from reader.analysis.profile import sourcing_profile
    from reader.analysis.profile_totals import site_of
    from reader.commands.evaluate import read_jsonl

    profiles = []
    for path in paths:
        for number, record in read_jsonl(path):
            if not isinstance(record.get("claims"), list) or not isinstance(record.get("sources"), list):
                raise CommandError(f"{path}:{number}: not an analysis (it needs \"claims\" and \"sources\" "
                                   "lists, as `reader analyze --jsonl` writes them)")
            # recomputed, not read: a line from an older version has no profile
            profiles.append((site_of(str(record.get("origin") or "")), sourcing_profile(record)))
    return profiles
