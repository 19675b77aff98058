"""Fixtures shared by the ingest tests."""

import logging

import pytest


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of 2 worker processes, one per test module that asks for it."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=logging.ERROR) as local:
        yield local
