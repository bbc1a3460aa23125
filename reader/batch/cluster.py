"""Batch analysis on Dask's distributed scheduler: a LocalCluster, or a cluster at tcp://HOST:8786.

Dask does the scheduling; this module gives it one task per input shard (`analyze_shard`),
which reads the shard on a worker and writes its output shard, and it loads the model once
per worker (`EngineLoader`, a worker plugin, fills the per-process cache of engines.py).
An output shard is written under `_partial/` in the output folder and moved into place when
it is complete, so after an interruption `--resume` skips finished shards and goes on inside
the unfinished ones. Progress comes from the scheduler, shard by shard (`as_completed`).

For Dask users: `analyze_partitions(paths, out_dir)` on the current client, and
`analyze_bag(bag)` mapping a bag of `{"id", "text"}` records to result objects.
The workers must have Sourcelight installed and see the input and output paths. Our LocalCluster
starts its workers with `LOCAL_WORKER_CONFIG` (the reason is there); a remote cluster's workers
are as fast per document when they are started with the same two settings.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from reader.cli_errors import CommandError

try:
    import dask
    import distributed
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError as exc:  # the optional `cluster` extra
    raise CommandError("--scheduler needs Dask: pip install 'sourcelight[cluster]'.") from exc

from reader.batch import engines, inputs, outputs
from reader.batch.inputs import Malformed, Shard
from reader.batch.progress import Bar
from reader.batch.tally import Tally

LOCAL_SCHEDULER = "local"
PARTIAL_FOLDER = "_partial"
CONNECT_TIMEOUT = "30s"
SHARD_UNIT = "shard"
# The scheduler's HTTP server always starts; on port 0 it never collides with another cluster
# on this machine (the fixed default, 8787, warns and moves when taken).
DASHBOARD_ANY_PORT = ":0"
# Dask's settings for the workers of our LocalCluster. Measured in CPU time per document (issue 18):
# - Dask's nanny starts every worker with MALLOC_TRIM_THRESHOLD_=65536 (to hand freed memory back
#   to the system). Setting that variable at all turns off glibc's adaptive mmap threshold, so each
#   of spaCy's larger arrays is mmapped and unmapped anew: ~11,000 page faults per document (none
#   without it) and +15-25 % CPU per document. None unsets
#   it (Dask's documented way); the worker's peak memory stays well under the 300 MB target.
# - the worker's statistical profiler takes the GIL every 10 ms to sample the task's stack: ~4 %.
# One thread per worker (threads_per_worker=1): the engine is CPU-bound Python.
LOCAL_WORKER_CONFIG = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
}


class EngineLoader(WorkerPlugin):
    """Loads the model when a worker starts, so every task finds it ready (one model per worker)."""

    name = "sourcelight-engine"

    def setup(self, worker) -> None:  # noqa: ANN001
        engines.warm_up()


class StoppedAtMalformedLine(Exception):
    """--strict on a worker: the message names the line."""


def analyze_shard(shard_path: str, out_path: str, resume: bool, strict: bool) -> tuple[Tally, list[str]]:
    """One task: an input shard → its output shard. Returns the counts and the skipped lines' messages."""
    final = Path(out_path)
    tally = Tally()
    if resume and final.exists():
        tally.resumed = len(outputs.recover(final))
        return tally, []
    partial = final.parent / PARTIAL_FOLDER / final.name
    done = outputs.recover(partial) if resume else None
    sink = outputs.open_sink(partial, done)
    messages: list[str] = []
    try:
        for item in inputs.read(Shard(shard_path)):
            if isinstance(item, Malformed):
                if strict:
                    raise StoppedAtMalformedLine(f"{item.message()}; stopped there (--strict)")
                messages.append(f"reader: {item.message()}; skipped")
                tally.malformed += 1
            elif done and item.doc_id in done:
                tally.resumed += 1
            else:
                result = engines.analyze_document(item.doc_id, item.text)
                sink.write(engines.result_line(result))
                tally.analysed += 1
                tally.failed += engines.is_failure(result)
    finally:
        sink.close()
    os.replace(partial, final)
    return tally, messages


def analyze_partitions(paths: list[str], out_dir: str | Path, client: distributed.Client | None = None,
                       resume: bool = False, strict: bool = False) -> Tally:
    """Analyse every shard in `paths` on the cluster, one output shard per input shard in `out_dir`."""
    client = client or distributed.get_client()
    out = Path(out_dir)
    (out / PARTIAL_FOLDER).mkdir(parents=True, exist_ok=True)
    names = [outputs.output_name(Shard(p)) for p in paths]
    if len(set(names)) < len(names):
        raise CommandError("Two input shards have the same file name; an output folder needs distinct names.")
    client.register_plugin(EngineLoader())
    futures = [client.submit(analyze_shard, str(Path(p).resolve()), str((out / name).resolve()), resume, strict,
                             pure=False) for p, name in zip(paths, names)]
    tally = Tally()
    bar = Bar(len(futures), unit=SHARD_UNIT)
    try:
        for future in distributed.as_completed(futures):
            part, messages = future.result()
            for message in messages:
                bar.say(message)
            tally.add(part)
            bar.advance(1, part.failed)
    except StoppedAtMalformedLine as exc:
        client.cancel(futures)
        raise CommandError(str(exc)) from exc
    except distributed.client.FutureCancelledError as exc:
        raise CommandError("The Dask run was cancelled; finished shards are kept: run again with --resume.") from exc
    except distributed.scheduler.KilledWorker as exc:
        client.cancel(futures)
        raise CommandError("A Dask worker died on a shard (out of memory?); finished shards are kept: "
                           "run again with --resume.") from exc
    finally:
        bar.close()
    try:
        (out / PARTIAL_FOLDER).rmdir()   # only when empty: an unfinished shard stays for --resume
    except OSError:
        pass
    return tally


def analyze_bag(bag):  # noqa: ANN001, ANN201
    """A dask.bag of `{"id", "text"}` records → a bag of result objects (the analysis contract, or
    `{"id", "error"}` for a record that is malformed or that the engine fails on)."""
    return bag.map_partitions(_analyze_records)


def _analyze_records(records) -> list[dict[str, Any]]:  # noqa: ANN001
    results = []
    for number, record in enumerate(records, 1):
        item = inputs.document_from(record, f"record {number} of its partition")
        if isinstance(item, Malformed):
            doc_id = record.get("id") if isinstance(record, dict) else None
            results.append({"id": None if doc_id is None else str(doc_id), "error": item.message()})
        else:
            results.append(engines.analyze_document(item.doc_id, item.text))
    return results


def run_cluster(shards: list[Shard], out: Path, scheduler: str, jobs: int, resume: bool, strict: bool) -> Tally:
    with _client(scheduler, jobs) as client:
        return analyze_partitions([shard.path for shard in shards], out, client, resume=resume, strict=strict)


@contextmanager
def local_cluster(workers: int) -> Iterator[distributed.LocalCluster]:
    """A LocalCluster of `workers` processes, one thread and one model each, set up for the engine."""
    # the nannies read the configuration when they start: it must be in force while they are made
    with dask.config.set(LOCAL_WORKER_CONFIG), distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=DASHBOARD_ANY_PORT) as cluster:
        yield cluster


@contextmanager
def _client(scheduler: str, jobs: int) -> Iterator[distributed.Client]:
    if scheduler == LOCAL_SCHEDULER:
        with local_cluster(jobs) as cluster, distributed.Client(cluster) as client:
            yield client
        return
    try:
        client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, ValueError) as exc:
        raise CommandError(f"Could not reach the Dask scheduler at {scheduler} ({exc}).") from exc
    with client:
        yield client
