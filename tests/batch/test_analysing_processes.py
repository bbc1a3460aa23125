"""The processes that analyse keep their per-document cost flat (issue 18).

- Nothing a document leaves behind stays alive: the live objects and the model's strings are the
  same after more documents of text already seen.
- A one-job run, the pool's workers and a Dask worker's analysing process never start a thread:
  spaCy's parser takes and releases the GIL ~800,000 times a document, which costs ~13 % more CPU
  once glibc sees a second thread.
- Our LocalCluster's workers run without Dask's MALLOC_TRIM_THRESHOLD_ and without its profiler.
"""

from __future__ import annotations

import json
import os
import platform
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from batch_corpus import ROOT, RUN_TIMEOUT, corpus, write_jsonl, write_shards
from batch_processes import analysing_children, this_process

from reader.batch import analyze_partitions, engines
from reader.batch.pool import WorkerPool

GLIBC = platform.libc_ver()[0] == "glibc"
# the environment a user has who never heard of BLAS threads
USER_ENVIRONMENT = {k: v for k, v in os.environ.items() if k not in engines.SINGLE_THREAD_ENVIRONMENT}
# Run in a process of its own: the command, then whether the process ever had a second thread.
ONE_JOB_RUN = """
import sys
from batch_processes import never_had_a_second_thread
from reader.cli import main
code = main(sys.argv[1:])
print(code, never_had_a_second_thread())
"""
# A first pass over the texts (every word seen once, every lazy set-up done), then three more over
# the same texts: the live objects and the model's strings after the first, and after the others.
LIVE_OBJECTS = """
import gc
from batch_corpus import ARTICLES, ROOT
from reader.batch import engines
texts = [*ARTICLES, (ROOT / "resources" / "sample-article.txt").read_text(encoding="utf-8")]
for passes in (1, 3):
    for _ in range(passes):
        for k, text in enumerate(texts):
            engines.result_line(engines.analyze_document(f"doc-{k}", text))
    gc.collect()
    print(len(gc.get_objects()), len(engines.engine().nlp.vocab.strings))
"""


def test_more_documents_leave_no_more_live_objects():
    # in a process of its own: in this one a Dask client's thread may be making objects meanwhile
    done = subprocess.run([sys.executable, "-c", LIVE_OBJECTS], cwd=Path(__file__).parent, capture_output=True,
                          text=True, check=True)
    first, again = (line.split() for line in done.stdout.splitlines())
    assert again == first, "analysing text already seen keeps more objects or strings alive"


@pytest.mark.skipif(not GLIBC, reason="reads glibc's record of threads")
def test_a_one_job_run_never_starts_a_thread(tmp_path):
    write_jsonl(tmp_path / "in.jsonl", corpus(3))
    done = subprocess.run([sys.executable, "-c", ONE_JOB_RUN, "analyze", "--jsonl", str(tmp_path / "in.jsonl"),
                           "--out", str(tmp_path / "out.jsonl"), "--jobs", "1"],
                          env=USER_ENVIRONMENT, cwd=Path(__file__).parent, capture_output=True, text=True, check=True)
    assert "analysed 3 documents" in done.stderr
    assert done.stdout.split() == ["0", "True"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="counts threads in /proc")
def test_pool_workers_run_on_one_thread(monkeypatch):
    psutil = pytest.importorskip("psutil")
    for name in engines.SINGLE_THREAD_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    records = [(r["id"], r["text"]) for r in corpus(4)]
    others = set(psutil.Process().children())   # e.g. a Dask cluster's workers, from another test
    with WorkerPool(2) as pool:
        results = list(pool.results([("a", records[:2]), ("b", records[2:])]))
        workers = [p for p in psutil.Process().children() if p not in others and "spawn_main" in " ".join(p.cmdline())]
        threads = [p.num_threads() for p in workers]
    assert [tag for tag, _ in results] == ["a", "b"]
    assert [json.loads(line)["id"] for _, chunk in results for line, failed in chunk if not failed] == \
        [doc_id for doc_id, _ in records]
    assert threads == [1] * len(workers) and workers   # the model is loaded (warm_up): no BLAS threads


def test_local_cluster_workers_run_without_malloc_trimming_or_profiler(dask_client):
    import dask

    def worker_settings() -> tuple[str | None, bool]:
        return os.environ.get("MALLOC_TRIM_THRESHOLD_"), dask.config.get("distributed.worker.profile.enabled")

    assert list(dask_client.run(worker_settings).values()) == [(None, False)] * 2


@pytest.mark.skipif(not GLIBC, reason="reads glibc's record of threads")
def test_dask_workers_analyse_in_a_single_threaded_child(tmp_path, dask_client):
    import dask

    from reader.batch.cluster import ANALYSING_EXECUTOR

    shards = tmp_path / "shards"
    write_shards(shards, corpus(6), 2)
    tally = analyze_partitions(sorted(str(p) for p in shards.iterdir()), tmp_path / "out", dask_client)
    assert tally.analysed == 6 and tally.failed == 0
    workers = dask_client.run(this_process)
    with dask.annotate(executor=ANALYSING_EXECUTOR):   # where analyze_partitions ran, after it ran
        children = {address: dask_client.submit(this_process, workers=[address], pure=False).result()
                    for address in workers}
    for address, (worker_pid, _, worker_single) in workers.items():
        child_pid, child_parent, child_single = children[address]
        assert child_parent == worker_pid and child_pid != worker_pid
        assert child_single and not worker_single   # the worker has its event loop's threads


def test_a_daemonic_dask_worker_analyses_on_its_own_thread(tmp_path):
    # Dask's default worker (distributed.worker.daemon) may not start processes: the run still works.
    # Our other settings stay: with Dask's, the nanny would set MALLOC_TRIM_THRESHOLD_ in this process's
    # own environment before spawning, and every later cluster's workers would inherit it.
    distributed = pytest.importorskip("distributed")
    import dask

    from reader.batch.cluster import ANALYSING_EXECUTOR, LOCAL_WORKER_CONFIG

    shards = tmp_path / "shards"
    write_shards(shards, corpus(3), 1)
    with dask.config.set({**LOCAL_WORKER_CONFIG, "distributed.worker.daemon": True}), distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, dashboard_address=":0") as cluster, distributed.Client(cluster) as client:
        tally = analyze_partitions([str(p) for p in shards.iterdir()], tmp_path / "out", client)
        with dask.annotate(executor=ANALYSING_EXECUTOR):
            analysing_pid, _, _ = client.submit(this_process, pure=False).result()
        assert list(client.run(os.getpid).values()) == [analysing_pid]
    assert tally.analysed == 3 and tally.failed == 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the analysing process dies with its worker on Linux")
@pytest.mark.parametrize("worker_end", ["killed", "closed"])
def test_an_analysing_process_ends_with_its_worker(worker_end):
    # a worker killed (-9, the out-of-memory killer) or closed must not leave a process holding a model
    distributed = pytest.importorskip("distributed")
    import psutil

    from reader.batch.cluster import EngineLoader, local_cluster

    with local_cluster(1) as cluster, distributed.Client(cluster) as client:
        client.register_plugin(EngineLoader())   # each worker starts its analysing process now
        [worker_pid] = client.run(os.getpid).values()
        [children] = client.run(analysing_children).values()
        analysing = [psutil.Process(pid) for pid in children]
        if worker_end == "killed":
            os.kill(worker_pid, signal.SIGKILL)
            _, alive = psutil.wait_procs(analysing, timeout=RUN_TIMEOUT)
    if worker_end == "closed":
        _, alive = psutil.wait_procs(analysing, timeout=RUN_TIMEOUT)
    assert analysing and not alive
