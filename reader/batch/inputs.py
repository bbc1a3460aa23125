"""Where documents come from: files, directories of shards, glob patterns, or `-` for stdin.

A *shard* is one input file (or stdin). Reading a shard yields, in order, a `Document` for every
good `{"id", "text"}` line and a `Malformed` (with its place, `path:line`) for every bad one;
blank lines are passed over. Gzip is recognised by its magic bytes, whatever the file's name;
Parquet (columns `id`, `text`) by the `.parquet` suffix, and needs the optional pyarrow.
"""

from __future__ import annotations

import glob
import gzip
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from reader.cli_errors import CommandError

STDIN = "-"
GZIP_MAGIC = b"\x1f\x8b"
PARQUET_SUFFIX = ".parquet"
# what a directory of shards is read for (other files there, a README, are left alone)
SHARD_PATTERNS = ("*.jsonl", "*.jsonl.gz", "*.ndjson", "*.ndjson.gz", "*.json.gz", "*" + PARQUET_SUFFIX)
GLOB_CHARS = frozenset("*?[")
PARQUET_BATCH_ROWS = 256


@dataclass(frozen=True)
class Document:
    doc_id: str
    text: str


@dataclass(frozen=True)
class Malformed:
    where: str     # "path:line" (Parquet: "path:row")
    reason: str

    def message(self) -> str:
        return f'{self.where}: not an {{"id", "text"}} object ({self.reason})'


@dataclass(frozen=True)
class Shard:
    """One input: a file path, or STDIN."""

    path: str

    @property
    def is_stdin(self) -> bool:
        return self.path == STDIN

    @property
    def is_parquet(self) -> bool:
        return self.path.endswith(PARQUET_SUFFIX)

    @property
    def name(self) -> str:
        return "stdin.jsonl" if self.is_stdin else Path(self.path).name


def expand(specs: list[str]) -> list[Shard]:
    """Every shard the command line names, in a stable order; a name matching nothing is an error."""
    shards: list[Shard] = []
    for spec in specs:
        path = Path(spec)
        if spec == STDIN:
            shards.append(Shard(STDIN))
        elif path.is_dir():
            found = sorted({str(p) for pattern in SHARD_PATTERNS for p in path.glob(pattern) if p.is_file()})
            if not found:
                raise CommandError(f"The folder {spec} holds no .jsonl, .jsonl.gz or .parquet files.")
            shards.extend(Shard(p) for p in found)
        elif path.is_file():
            shards.append(Shard(spec))
        elif GLOB_CHARS & set(spec):
            found = sorted(p for p in glob.glob(spec) if Path(p).is_file())
            if not found:
                raise CommandError(f"No file matches {spec}.")
            shards.extend(Shard(p) for p in found)
        else:
            raise CommandError(f"No such file: {spec}")
    if sum(s.is_stdin for s in shards) > 1:
        raise CommandError("Standard input (-) can be read only once.")
    return shards


def read(shard: Shard) -> Iterator[Document | Malformed]:
    if shard.is_parquet:
        yield from _read_parquet(shard.path)
        return
    with _open_binary(shard) as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                yield parse_line(line, f"{shard.path}:{number}")


def count(shard: Shard) -> int | None:
    """How many documents (non-blank lines) a shard holds, for the progress bar; None for stdin."""
    if shard.is_stdin:
        return None
    if shard.is_parquet:
        return parquet_module().ParquetFile(shard.path).metadata.num_rows
    with _open_binary(shard) as raw:
        return sum(1 for line in raw if line.strip())


def parse_line(line: bytes, where: str) -> Document | Malformed:
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Malformed(where, f"not UTF-8 text: {exc.reason} at byte {exc.start}")
    try:
        record = json.loads(decoded)
    except ValueError as exc:
        return Malformed(where, f"not JSON: {exc}")
    return document_from(record, where)


def document_from(record: Any, where: str) -> Document | Malformed:
    """A parsed record as a `Document`, or why it is not one."""
    if not isinstance(record, dict):
        return Malformed(where, f"a JSON {type(record).__name__}, not an object")
    missing = [key for key in ("id", "text") if record.get(key) is None]
    if missing:
        return Malformed(where, "no " + " and no ".join(f'"{key}"' for key in missing))
    if not isinstance(record["text"], str):
        return Malformed(where, '"text" is not a string')
    if isinstance(record["id"], (dict, list)):
        return Malformed(where, '"id" is not a string or a number')
    return Document(str(record["id"]), record["text"])


@contextmanager
def _open_binary(shard: Shard) -> Iterator[BinaryIO]:
    """The shard's bytes, gunzipped when they are gzip; stdin is read but never closed."""
    raw: BinaryIO = sys.stdin.buffer if shard.is_stdin else open(shard.path, "rb")  # noqa: SIM115
    try:
        if raw.peek(len(GZIP_MAGIC))[: len(GZIP_MAGIC)] == GZIP_MAGIC:  # type: ignore[attr-defined]
            with gzip.GzipFile(fileobj=raw, mode="rb") as unzipped:
                yield unzipped  # type: ignore[misc]
        else:
            yield raw
    finally:
        if not shard.is_stdin:
            raw.close()


def _read_parquet(path: str) -> Iterator[Document | Malformed]:
    pq = parquet_module()
    table = pq.ParquetFile(path)
    columns = set(table.schema_arrow.names)
    if not {"id", "text"} <= columns:
        raise CommandError(f'{path}: a Parquet file needs the columns "id" and "text".')
    row = 0
    for batch in table.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=["id", "text"]):
        for record in batch.to_pylist():
            row += 1
            yield document_from(record, f"{path}:{row}")


def parquet_module():  # noqa: ANN202
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise CommandError("Parquet needs pyarrow: pip install 'sourcelight[parquet]'.") from exc
    return pq
