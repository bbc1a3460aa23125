"""Where results go: a JSON Lines file (gzip when it ends in .gz), a Parquet file, stdout, or a
folder with one output shard per input shard.

Every result is one line of `engines.result_line`; a JSON Lines sink flushes after each line, so
a killed run keeps everything it had finished. `--resume` reads the ids already in an output
(`recover`): a line cut short by the kill is dropped (the file is truncated or, for gzip,
rewritten without it) and the run appends after the last whole line. Parquet (columns `id`,
`error`, `claims`, `sources`, `result` — the JSON line) is written to a temporary file and
renamed when the run ends, so a Parquet output is always complete; resuming one copies its rows.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path
from typing import Protocol, TextIO

from reader.batch.inputs import PARQUET_SUFFIX, Shard, parquet_module
from reader.cli_errors import CommandError

GZIP_SUFFIX = ".gz"
PARTIAL_SUFFIX = ".part"
PARQUET_BATCH_ROWS = 512


class Sink(Protocol):
    def write(self, line: str) -> None: ...

    def close(self) -> None: ...


def output_name(shard: Shard) -> str:
    """An input shard's output file name in an output folder: the same name and format."""
    return shard.name


def open_sink(path: Path, done: set[str] | None) -> Sink:
    """A sink writing to `path`; `done` are the ids it already holds (a resumed run), None for a fresh one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.name.endswith(PARQUET_SUFFIX):
        return ParquetSink(path, keep=done is not None)
    return JsonlSink(path, append=done is not None)


class StdoutSink:
    def write(self, line: str) -> None:
        sys.stdout.write(line)
        sys.stdout.flush()

    def close(self) -> None:
        pass


class JsonlSink:
    def __init__(self, path: Path, append: bool) -> None:
        mode = "a" if append else "w"
        self._file: TextIO = (gzip.open(path, mode + "t", encoding="utf-8") if path.name.endswith(GZIP_SUFFIX)
                              else open(path, mode, encoding="utf-8"))  # noqa: SIM115

    def write(self, line: str) -> None:
        self._file.write(line)
        self._file.flush()   # a killed run keeps every finished line (gzip: a sync flush)

    def close(self) -> None:
        self._file.close()


class ParquetSink:
    def __init__(self, path: Path, keep: bool) -> None:
        self._pq = parquet_module()
        import pyarrow as pa

        self._pa = pa
        self._path = path
        self._partial = path.with_name(path.name + PARTIAL_SUFFIX)
        self._schema = pa.schema([("id", pa.string()), ("error", pa.string()), ("claims", pa.int32()),
                                  ("sources", pa.int32()), ("result", pa.string())])
        self._writer = self._pq.ParquetWriter(self._partial, self._schema)
        self._rows: list[dict] = []
        if keep and path.exists():
            for batch in self._pq.ParquetFile(path).iter_batches(batch_size=PARQUET_BATCH_ROWS):
                kept = pa.Table.from_batches([batch]).select(self._schema.names)
                self._writer.write_table(kept.cast(self._schema))   # e.g. rewritten by pandas: int64

    def write(self, line: str) -> None:
        result = json.loads(line)
        self._rows.append({"id": result["id"], "error": result.get("error"),
                           "claims": len(result.get("claims", [])), "sources": len(result.get("sources", [])),
                           "result": line.rstrip("\n")})
        if len(self._rows) >= PARQUET_BATCH_ROWS:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            self._writer.write_batch(self._pa.RecordBatch.from_pylist(self._rows, schema=self._schema))
            self._rows = []

    def close(self) -> None:
        self._flush()
        self._writer.close()
        os.replace(self._partial, self._path)


def recover(path: Path) -> set[str]:
    """The ids an earlier (maybe killed) run wrote to `path`; repairs a last line cut short."""
    if not path.exists():
        return set()
    if path.name.endswith(PARQUET_SUFFIX):
        return _parquet_ids(path)
    if path.name.endswith(GZIP_SUFFIX):
        return _recover_gzip(path)
    return _recover_plain(path)


def _recover_plain(path: Path) -> set[str]:
    ids: set[str] = set()
    good_end = 0
    with open(path, "rb") as lines:
        for line in lines:
            doc_id = _finished_id(line)
            if doc_id is None:
                break
            ids.add(doc_id)
            good_end += len(line)
    if good_end < path.stat().st_size:
        os.truncate(path, good_end)   # the rest is a line the kill cut short
    return ids


def _recover_gzip(path: Path) -> set[str]:
    kept: list[bytes] = []
    clean = True
    try:
        with gzip.open(path, "rb") as lines:
            for line in lines:
                if _finished_id(line) is None:
                    clean = False
                    break
                kept.append(line)
    except (EOFError, gzip.BadGzipFile, OSError):
        clean = False   # the stream stops where the kill cut it: keep the whole lines before
    if not clean:
        partial = path.with_name(path.name + PARTIAL_SUFFIX)
        with gzip.open(partial, "wb") as out:
            out.writelines(kept)
        os.replace(partial, path)
    return {_finished_id(line) for line in kept}  # type: ignore[misc]


def _finished_id(line: bytes) -> str | None:
    if not line.endswith(b"\n"):
        return None
    try:
        return str(json.loads(line)["id"])
    except (ValueError, KeyError, TypeError):
        return None


def _parquet_ids(path: Path) -> set[str]:
    try:
        table = parquet_module().read_table(path, columns=["id"])
    except OSError as exc:
        raise CommandError(f"{path} is not a complete Parquet file ({exc}); move it away to start again.") from exc
    return {str(v) for v in table.column("id").to_pylist()}
