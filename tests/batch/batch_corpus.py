"""A small corpus of our own, written as shards, and the ways to run a batch over it."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

from reader.cli import main

ROOT = Path(__file__).resolve().parents[2]
RUN_TIMEOUT = 600   # seconds that a batch under test may take; generous: the machine is shared

# Short articles written for these tests: speech, belief, quotes, a hedge, an unattributed one.
ARTICLES = [
    'The mayor said that the bridge would reopen on Monday. Engineers believe the repairs will hold.',
    '"We are ready," the harbour master told reporters. She added that the ferry would sail at dawn.',
    'According to the council, the budget grew by four percent. Critics argue the figure hides new debt.',
    'Rain fell all night over the valley. The river rose but stayed inside its banks.',
    'The minister is reportedly considering a new tax. Officials familiar with the plan said it was not final.',
    'Dr. Amal Haddad, a surgeon at the city hospital, warned that beds were running short. "We need help now."',
]


def corpus(n: int) -> list[dict]:
    """n documents with distinct ids, cycling through the articles (and the sample article)."""
    sample = (ROOT / "resources" / "sample-article.txt").read_text(encoding="utf-8")
    texts = [*ARTICLES, sample]
    return [{"id": f"doc-{k:03d}", "text": texts[k % len(texts)]} for k in range(n)]


def write_jsonl(path: Path, records: list, raw_lines: tuple[str, ...] = ()) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + list(raw_lines)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


def write_shards(folder: Path, records: list[dict], count: int) -> list[Path]:
    """The records split into `count` shards, the last one gzipped."""
    folder.mkdir(parents=True, exist_ok=True)
    size = -(-len(records) // count)
    paths = []
    for k in range(count):
        name = f"part-{k}.jsonl.gz" if k == count - 1 else f"part-{k}.jsonl"
        paths.append(write_jsonl(folder / name, records[k * size:(k + 1) * size]))
    return paths


def read_lines(path: Path) -> list[bytes]:
    """Every result line of a file or of a folder of output shards."""
    if path.is_dir():
        return [line for p in sorted(path.iterdir()) if p.is_file() for line in read_lines(p)]
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    return data.splitlines(keepends=True)


def by_id(lines: list[bytes]) -> list[bytes]:
    return sorted(lines, key=lambda line: json.loads(line)["id"])


def run_batch(capsys, *argv: str) -> tuple[int, str]:
    code = main(["analyze", *argv])
    return code, capsys.readouterr().err


def reader_process(*argv: str, **kwargs) -> subprocess.Popen:
    """`python -m reader analyze …` as a user runs it, in its own process."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.Popen([sys.executable, "-m", "reader", "analyze", *argv], env=env, cwd=ROOT, **kwargs)
