"""`reader analyze --jsonl IN… [--out OUT] [--jobs N | --scheduler local|tcp://HOST:8786]`: the flags
and the run. `reader/commands/analyze.py` adds these flags and hands a --jsonl run here."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from reader.batch import inputs
from reader.batch.tally import Tally
from reader.cli_errors import CommandError

LOCAL_SCHEDULER = "local"


def all_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--jsonl", nargs="+", metavar="IN",
                   help='analyse every {"id", "text"} line of JSON Lines files (gzip too), folders of shards, '
                        'glob patterns, Parquet files, or - for stdin')
    p.add_argument("--out", metavar="OUT",
                   help="where --jsonl writes: a .jsonl, .jsonl.gz or .parquet file, or a folder (ending in /) "
                        "for one output shard per input shard (default: stdout)")
    p.add_argument("--jobs", type=int, default=all_cores(), metavar="N",
                   help="worker processes, or Dask workers with --scheduler local (default: all cores)")
    p.add_argument("--resume", action="store_true", help="skip the documents whose ids are already in --out")
    p.add_argument("--strict", action="store_true", help="stop at the first malformed line instead of skipping it")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run on Dask: 'local' for a LocalCluster of --jobs workers, or tcp://HOST:8786 "
                        "(needs the cluster extra; --out must be a folder)")


def run(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        raise CommandError("--jobs needs a whole number of at least 1.")
    if args.resume and not args.out:
        raise CommandError("--resume needs --out: it skips the documents already there.")
    shards = inputs.expand(args.jsonl)
    out = Path(args.out) if args.out else None
    folder = out is not None and (out.is_dir() or args.out.endswith(("/", os.sep)))
    started = time.perf_counter()
    if args.scheduler:
        tally = _run_on_dask(shards, out, folder, args)
    else:
        from reader.batch.local import routes, run_local

        tally = run_local(shards, routes(shards, out, folder), args.jobs, args.resume, args.strict)
    print(tally.sentence(time.perf_counter() - started), file=sys.stderr)
    return 0


def _run_on_dask(shards: list[inputs.Shard], out: Path | None, folder: bool, args: argparse.Namespace) -> Tally:
    if out is None or not folder:
        raise CommandError("With --scheduler, --out must be a folder (ending in /): one output shard per input shard.")
    if any(shard.is_stdin for shard in shards):
        raise CommandError("With --scheduler, the input must be files the workers can read, not stdin.")
    from reader.batch.cluster import run_cluster

    return run_cluster(shards, out, args.scheduler, args.jobs, args.resume, args.strict)
