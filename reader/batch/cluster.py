"""Batch analysis on Dask's distributed scheduler: a LocalCluster, or a cluster at tcp://HOST:8786.

Dask does the scheduling; this module gives it one task per input shard (`analyze_shard`),
which reads the shard and writes its output shard. The tasks run on Dask's executor
`ANALYSING_EXECUTOR`, which a worker plugin (`EngineLoader`, registered by the client, so on a
remote cluster too) adds to every worker: one spawned child process per worker, which loads the
model once and stays single-threaded (the reason is in EngineLoader). A child that dies (killed,
out of memory) ends the run with a sentence, and the next run gets fresh children.
An output shard is written under `_partial/` in the output folder and moved into place when
it is complete, so after an interruption `--resume` skips finished shards and goes on inside
the unfinished ones. Progress comes from the scheduler, shard by shard (`as_completed`).

For Dask users: `analyze_partitions(paths, out_dir)` on the current client, and
`analyze_bag(bag)` mapping a bag of `{"id", "text"}` records to result objects.
The workers must have Sourcelight installed and see the input and output paths. Our LocalCluster
starts its workers with `LOCAL_WORKER_CONFIG` (the reasons are there); a remote cluster's workers
are as fast per document when they are started with the same three settings, in a Dask YAML file
on the workers (e.g. ~/.config/dask/sourcelight.yaml; not as DASK_ environment variables, which
Dask lowercases, so MALLOC_TRIM_THRESHOLD_ would stay set). With Dask's default, daemonic workers,
the engine runs on a thread of the worker instead (slower; the worker's log says so).
A worker's memory limit counts the worker only, not its analysing child.
"""

from __future__ import annotations

import asyncio
import ctypes
import logging
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
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
from reader.batch.pool import START_METHOD, WORKER_STOPPED
from reader.batch.progress import Bar
from reader.batch.tally import Tally

LOCAL_SCHEDULER = "local"
PARTIAL_FOLDER = "_partial"
CONNECT_TIMEOUT = "30s"
SHARD_UNIT = "shard"
logger = logging.getLogger(__name__)
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
# - a daemonic process may not start processes, and each worker starts its analysing process
#   (EngineLoader); the nanny still ends its worker when it closes.
# One thread per worker (threads_per_worker=1): the engine is CPU-bound Python.
LOCAL_WORKER_CONFIG = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
    "distributed.worker.daemon": False,
}
# The Dask executor, on every worker, that runs the analysing tasks (EngineLoader).
ANALYSING_EXECUTOR = "sourcelight"
DAEMONIC_WORKER_WARNING = (
    "Sourcelight analyses on this Dask worker's own thread, about 15 % slower a document: start the "
    "workers with DASK_DISTRIBUTED__WORKER__DAEMON=False to analyse in a single-threaded process.")
PR_SET_PDEATHSIG = 1   # <linux/prctl.h>: the signal a process gets when its parent ends


class EngineLoader(WorkerPlugin):
    """Gives each worker its analysing process: a Dask executor (`ANALYSING_EXECUTOR`) of one spawned
    process that loads the model once and never starts a thread. The worker itself loads no model.

    Why a process: a Dask worker runs tasks on a thread beside its event loop, and spaCy's parser takes
    and releases the GIL ~800,000 times a document; glibc's locks are cheap only in a process that has
    never had a second thread (~86 ms a document on the worker's thread, ~74 in such a process).
    A daemonic worker (Dask's default, `distributed.worker.daemon`) may not start processes: there the
    executor is one thread of the worker's, and the worker logs how to get the faster one.

    Registered once per scheduler (`idempotent`): runs sharing a cluster share the analysing processes,
    and a second run does not load the model again. `renewed()` replaces them (after one died).
    """

    name = "sourcelight-engine"
    idempotent = True

    @classmethod
    def renewed(cls) -> EngineLoader:
        loader = cls()
        loader.idempotent = False   # registered again: every worker tears down and sets up anew
        return loader

    def setup(self, worker) -> None:  # noqa: ANN001
        if multiprocessing.current_process().daemon:
            logger.warning(DAEMONIC_WORKER_WARNING)
            worker.executors[ANALYSING_EXECUTOR] = ThreadPoolExecutor(max_workers=1,
                                                                      thread_name_prefix=ANALYSING_EXECUTOR)
            return
        engines.keep_single_threaded()   # inherited by the analysing process
        executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context(START_METHOD),
                                       initializer=start_analysing_process, initargs=(os.getpid(),))
        # started now, from the event loop's thread (it lives as long as the worker: see
        # start_analysing_process), and the model loads while the run's tasks are being sent
        executor.submit(os.getpid)
        worker.executors[ANALYSING_EXECUTOR] = executor

    async def teardown(self, worker) -> None:  # noqa: ANN001
        executor = worker.executors.pop(ANALYSING_EXECUTOR, None)
        if executor is not None:
            # waited for off the event loop, which must go on answering; a worker that exited first
            # would leave its analysing process waiting for work for ever (see start_analysing_process)
            await asyncio.to_thread(executor.shutdown, wait=True, cancel_futures=True)


def start_analysing_process(worker_pid: int) -> None:
    """The analysing process's first step: it is to die with its worker; then it loads the model."""
    # A ProcessPoolExecutor's process holds both ends of its task pipe, so it outlives a parent that
    # exits before the executor's shutdown reaches it (a worker closing, or killed): it would keep a
    # model's memory for ever. Linux ends it when the thread that started it ends (PR_SET_PDEATHSIG).
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != worker_pid:   # the worker was gone before that
            os._exit(1)
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
    with dask.annotate(executor=ANALYSING_EXECUTOR):
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
    except BrokenProcessPool as exc:
        client.cancel(futures)
        client.register_plugin(EngineLoader.renewed())   # the next run finds every worker ready
        raise CommandError(WORKER_STOPPED) from exc
    finally:
        bar.close()
    try:
        (out / PARTIAL_FOLDER).rmdir()   # only when empty: an unfinished shard stays for --resume
    except OSError:
        pass
    return tally


def analyze_bag(bag, client: distributed.Client | None = None):  # noqa: ANN001, ANN201
    """A dask.bag of `{"id", "text"}` records → a bag of result objects (the analysis contract, or
    `{"id", "error"}` for a record that is malformed or that the engine fails on).

    On a distributed client (`client`, or the current one) each partition is analysed in its worker's
    analysing process; with no client (Dask's local schedulers), where the bag is computed."""
    try:
        (client or distributed.get_client()).register_plugin(EngineLoader())
    except ValueError:
        pass   # no distributed client: nothing to set up
    return bag.map_partitions(_analyze_partition)


def _analyze_partition(records) -> list[dict[str, Any]]:  # noqa: ANN001
    # A bag's graph optimisation fuses its tasks and drops their annotations, so the partition's task
    # hands its records to the worker's analysing executor itself (its own thread only waits).
    records = list(records)
    try:
        executor = distributed.get_worker().executors[ANALYSING_EXECUTOR]
    except (ValueError, KeyError):   # not on a worker, or on one without EngineLoader
        return _analyze_records(records)
    return executor.submit(_analyze_records, records).result()


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
