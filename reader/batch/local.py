"""Batch analysis on this machine: `--jobs 1` in this process, `--jobs N` on a `WorkerPool`.

Results are written in input order. With one output file every shard goes into it; with an
output folder each input shard gets its own output shard (`outputs.output_name`); with no
`--out` results go to stdout. A malformed line is reported with its place and skipped, or, with
`strict`, ends the run after everything before it is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from reader.batch import inputs, outputs
from reader.batch.inputs import Document, Malformed, Shard
from reader.batch.pool import Chunk, WorkerPool
from reader.batch.progress import Bar, wanted
from reader.batch.tally import Tally
from reader.cli_errors import CommandError

# Documents per worker task: small, so the workers stay evenly loaded and the output in order
# follows closely behind the slowest one.
CHUNK_DOCUMENTS = 4


def routes(shards: list[Shard], out: Path | None, folder: bool) -> dict[Shard, Path | None]:
    """Each shard's output file (None: stdout)."""
    if out is None:
        return dict.fromkeys(shards)
    if not folder:
        return dict.fromkeys(shards, out)
    paths = {shard: out / outputs.output_name(shard) for shard in shards}
    if len(set(paths.values())) < len(paths):
        raise CommandError("Two input shards have the same file name; an output folder needs distinct names.")
    return paths


def run_local(shards: list[Shard], route: dict[Shard, Path | None], jobs: int, resume: bool, strict: bool) -> Tally:
    done = {path: outputs.recover(path) for path in set(route.values()) if path is not None} if resume else {}
    tally = Tally()
    bar = Bar(_total(shards) if wanted() else None)
    feed = _Feed(shards, route, done, tally, bar, strict)
    writer = _Writer(done)
    try:
        with WorkerPool(jobs) as pool:
            for path, results in pool.results(feed.chunks()):
                failed = sum(failure for _line, failure in results)
                writer.write(path, [line for line, _failure in results])
                tally.analysed += len(results)
                tally.failed += failed
                bar.advance(len(results), failed)
    finally:
        writer.close()
        bar.close()
    for path in route.values():
        writer.ensure(path)   # a shard with nothing new still has its output
    if feed.stopped is not None:
        raise CommandError(f"{feed.stopped.message()}; stopped there (--strict)")
    return tally


def _total(shards: list[Shard]) -> int | None:
    counts = [inputs.count(shard) for shard in shards]
    return None if None in counts else sum(counts)  # type: ignore[arg-type]


class _Feed:
    """Reads the shards into chunks of documents still to do, counting what it passes over."""

    def __init__(self, shards: list[Shard], route: dict[Shard, Path | None], done: dict[Path, set[str]],
                 tally: Tally, bar: Bar, strict: bool) -> None:
        self._shards, self._route, self._done = shards, route, done
        self._tally, self._bar, self._strict = tally, bar, strict
        self.stopped: Malformed | None = None

    def chunks(self) -> Iterator[tuple[Path | None, Chunk]]:
        for shard in self._shards:
            path = self._route[shard]
            done = self._done.get(path, set()) if path is not None else set()
            chunk: Chunk = []
            for item in inputs.read(shard):
                if isinstance(item, Malformed):
                    if self._strict:
                        self.stopped = item
                        break
                    self._bar.say(f"reader: {item.message()}; skipped")
                    self._tally.malformed += 1
                    self._bar.advance(1)
                elif item.doc_id in done:
                    self._tally.resumed += 1
                    self._bar.advance(1)
                else:
                    chunk.append(_pair(item))
                    if len(chunk) >= CHUNK_DOCUMENTS:
                        yield path, chunk
                        chunk = []
            if chunk:
                yield path, chunk
            if self.stopped is not None:
                return


def _pair(document: Document) -> tuple[str, str]:
    return document.doc_id, document.text


class _Writer:
    """One sink open at a time (a folder of thousands of shards must not hold thousands of files)."""

    def __init__(self, done: dict[Path, set[str]]) -> None:
        self._done = done
        self._path: Path | None = None
        self._sink: outputs.Sink | None = None
        self._opened: set[Path | None] = set()

    def write(self, path: Path | None, lines: list[str]) -> None:
        if self._sink is None or path != self._path:
            self.close()
            # each output is opened once: shards are read in order and one output's shards follow each other
            self._sink = outputs.StdoutSink() if path is None else outputs.open_sink(path, self._done.get(path))
            self._path = path
            self._opened.add(path)
        for line in lines:
            self._sink.write(line)

    def close(self) -> None:
        if self._sink is not None:
            self._sink.close()
            self._sink = None

    def ensure(self, path: Path | None) -> None:
        if path is not None and path not in self._opened and not path.exists():
            outputs.open_sink(path, None).close()
