"""Fixtures of the batch tests (helpers are in batch_corpus.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def dask_client():
    """One 2-worker LocalCluster for a module's tests (each worker loads the model once)."""
    distributed = pytest.importorskip("distributed")
    from reader.batch.cluster import DASHBOARD_ANY_PORT

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=DASHBOARD_ANY_PORT) as cluster, distributed.Client(cluster) as client:
        yield client
