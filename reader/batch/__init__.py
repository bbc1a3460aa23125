"""Batch analysis at corpus scale: many documents, on every core of one machine or on a Dask cluster.

`reader analyze --jsonl IN… --out OUT` lands here (command.py). Every engine writes the same
bytes for the same document, because every one of them calls `engines.analyze_document` and
`engines.result_line`:

* `local.py` — one process (`--jobs 1`) or a pool of spawned worker processes (`pool.py`), one
  model per process, results in input order;
* `cluster.py` — Dask's distributed scheduler (a LocalCluster or `tcp://HOST:8786`), one task
  per input shard, one model per worker; `analyze_bag` / `analyze_partitions` for Dask users.

Inputs (inputs.py): JSON Lines files (gzip or not), directories of shards, glob patterns, `-`
for stdin, Parquet when pyarrow is installed. Outputs (outputs.py): the same formats, resumable.
"""

__all__ = ["analyze_bag", "analyze_document", "analyze_partitions", "result_line"]


def __getattr__(name: str):  # noqa: ANN202
    # Imported when asked for: `reader analyze --help` must not load spaCy, and the Dask API
    # needs the optional `cluster` extra.
    if name in ("analyze_bag", "analyze_partitions"):
        from reader.batch import cluster

        return getattr(cluster, name)
    if name in ("analyze_document", "result_line"):
        from reader.batch import engines

        return getattr(engines, name)
    raise AttributeError(name)
