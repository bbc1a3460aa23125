"""Fixtures of the batch tests (helpers are in batch_corpus.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def dask_client():
    """One 2-worker LocalCluster for a module's tests, set up as the command sets it up (each worker
    loads the model once)."""
    distributed = pytest.importorskip("distributed")
    from reader.batch.cluster import local_cluster

    with local_cluster(2) as cluster, distributed.Client(cluster) as client:
        yield client
