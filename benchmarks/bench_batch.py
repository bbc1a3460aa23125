"""Batch throughput: `reader analyze --jsonl` with 1, 2, … N jobs and on a Dask LocalCluster.

Each configuration runs the real command in a fresh process over the same corpus (the sample
article, repeated, in shards), so every figure includes what a user waits for: interpreter
start, model load per worker, reading and writing. Printed per configuration: wall time,
documents/s, tokens/s, the ratio to one job, the peak RSS of the largest worker (with one job,
the only process; a Dask worker as "worker + its children", the analysing process), and whether the output is byte-identical to one job's after
sorting by id. The load average is printed beside the figures: the machine may be shared.
CPU time is printed too (user + system of the command and every process under it: workers,
nannies, the scheduler), total and per document: on a shared machine it moves much less than the
wall time, and equal CPU per document across runs means the workers lose nothing to parallelism.

    python benchmarks/bench_batch.py [--docs 400] [--max-jobs N] [--results]

`--results` appends the table to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import psutil  # a dependency of dask's distributed (the cluster extra)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.batch.command import all_cores  # noqa: E402

RESULTS = ROOT / "benchmarks" / "RESULTS.md"
SHARDS = 8                 # enough shards that every Dask worker has several
SAMPLE_EVERY = 0.2         # seconds between two looks at the processes' peak memory
DEFAULT_DOCS = 400


def build_corpus(folder: Path, docs: int) -> int:
    """`docs` copies of the sample article in SHARDS shards; returns the corpus's token count."""
    import spacy

    text = (ROOT / "resources" / "sample-article.txt").read_text(encoding="utf-8")
    tokens_per_doc = len(spacy.blank("en")(text))
    folder.mkdir(parents=True)
    for shard in range(SHARDS):
        with open(folder / f"part-{shard}.jsonl", "w", encoding="utf-8") as out:
            for k in range(shard, docs, SHARDS):
                out.write(json.dumps({"id": f"doc-{k:06d}", "text": text}) + "\n")
    return tokens_per_doc * docs


def peak_rss_mb(proc: psutil.Process, peaks: dict[int, tuple[int, int]]) -> None:
    """Each process's parent and high-water mark of resident memory (VmHWM), the largest seen so far."""
    for p in [proc, *proc.children(recursive=True)]:
        try:
            parent = p.ppid()
            with open(f"/proc/{p.pid}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        peak = int(line.split()[1]) // 1024
                        peaks[p.pid] = (parent, max(peaks.get(p.pid, (parent, 0))[1], peak))
        except (OSError, psutil.Error):
            pass   # it ended between the listing and the look


def worker_memory(command: int, peaks: dict[int, tuple[int, int]]) -> str:
    """The peak RSS of the command's largest child process (a worker) with its own children's (a Dask
    worker's analysing process), or the command's own when it has no children."""
    def children(pid: int) -> int:
        return sum(peak for parent, peak in peaks.values() if parent == pid)

    workers = [pid for pid, (parent, _) in peaks.items() if parent == command] or [command]
    largest = max(workers, key=lambda pid: peaks[pid][1] + children(pid))
    own, below = peaks[largest][1], children(largest)
    return f"{own} + {below} = {own + below}" if below else str(own)


def children_cpu_seconds() -> float:
    """User + system time of the finished processes under this one (their own finished children included)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(corpus: Path, out: Path, extra: list[str]) -> tuple[float, str, float]:
    target = f"{out}/" if out.suffix == "" else str(out)   # a folder: one output shard per input shard
    cmd = [sys.executable, "-m", "reader", "analyze", "--jsonl", str(corpus), "--out", target, *extra]
    env = dict(os.environ, OMP_NUM_THREADS="1")
    cpu_before = children_cpu_seconds()
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    watched = psutil.Process(proc.pid)
    peaks: dict[int, tuple[int, int]] = {}
    while proc.poll() is None:
        peak_rss_mb(watched, peaks)
        time.sleep(SAMPLE_EVERY)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode()}")
    return seconds, worker_memory(proc.pid, peaks), children_cpu_seconds() - cpu_before


def sorted_bytes(out: Path) -> bytes:
    files = sorted(out.iterdir()) if out.is_dir() else [out]
    lines = [line for f in files if f.is_file() for line in f.read_bytes().splitlines(keepends=True)]
    return b"".join(sorted(lines, key=lambda line: json.loads(line)["id"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=DEFAULT_DOCS)
    parser.add_argument("--max-jobs", type=int, default=all_cores())
    parser.add_argument("--results", action="store_true", help="append the table to benchmarks/RESULTS.md")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        tokens = build_corpus(corpus, args.docs)
        configs = [(f"--jobs {n}", ["--jobs", str(n)], Path(tmp) / f"jobs{n}.jsonl")
                   for n in range(1, args.max_jobs + 1)]
        configs.append((f"Dask LocalCluster, {args.max_jobs} workers",
                        ["--scheduler", "local", "--jobs", str(args.max_jobs)], Path(tmp) / "dask"))
        rows = []
        reference: bytes | None = None
        for name, extra, out in configs:
            load_before = os.getloadavg()[0]
            seconds, rss, cpu = run(corpus, out, extra)
            data = sorted_bytes(out)
            reference = data if reference is None else reference
            rows.append((name, seconds, rss, cpu, data == reference, load_before, os.getloadavg()[0]))
            print(f"{name}: {seconds:.1f} s wall, {cpu:.1f} s CPU", file=sys.stderr)

    base = rows[0][1]
    header = (f"{args.docs} documents ({tokens} tokens, the sample article repeated, {SHARDS} shards); "
              f"{os.cpu_count()} cores; wall time includes start-up and model load per worker")
    table = ["| run | wall s | docs/s | tokens/s | × one job | CPU s, all processes | CPU ms/doc | "
             "peak RSS per worker MB | identical output | load avg before → after |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for name, seconds, rss, cpu, same, before, after in rows:
        table.append(f"| {name} | {seconds:.1f} | {args.docs / seconds:.1f} | {tokens / seconds:.0f} | "
                     f"{base / seconds:.2f} | {cpu:.1f} | {1000 * cpu / args.docs:.1f} | {rss} | "
                     f"{'yes' if same else 'NO'} | {before:.2f} → {after:.2f} |")
    print(header)
    print("\n".join(table))
    if args.results:
        stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        with RESULTS.open("a", encoding="utf-8") as results:
            results.write(f"\n### Batch run of {stamp} (`benchmarks/bench_batch.py`)\n\n{header}.\n\n"
                          + "\n".join(table) + "\n")
        print(f"appended to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
