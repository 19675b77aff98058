"""Reaching a Dask cluster for the commands that take `--dask ADDRESS|local:N` (`ingest`, `import gdelt --backfill`,
`backtest`): the address checked, the client connected (or a LocalCluster started), one line for any failure, and
`ClusterRun`, the iterator each runner hands its results back through.

`distributed` is imported only when a cluster is really reached, so that the commands stay quick to start.
"""

from __future__ import annotations

import logging
import os
import weakref
from collections.abc import Hashable, Iterator
from typing import Any, Generic, TypeVar

from legation.domain.errors import InputError

LOCAL = "local:"
CONNECT_TIMEOUT = "20s"
WORKERS_TIMEOUT = 60  # seconds for a first worker to join a scheduler that has none yet

T = TypeVar("T")


def parse_address(address: str) -> tuple[str, int | None]:
    """("local", N) for `local:N`, else (the scheduler's address, None); an error for a malformed value."""
    address = (address or "").strip()
    if address.lower().startswith(LOCAL):
        count = address[len(LOCAL):]
        if not count.isdigit() or int(count) < 1:
            raise InputError(f"--dask {address}: local:N needs a number of workers of at least 1")
        if int(count) > (os.cpu_count() or 1) * 4:
            raise InputError(f"--dask {address}: more than 4 workers per CPU ({os.cpu_count()} here)")
        return "local", int(count)
    if not address:
        raise InputError("--dask needs a scheduler's address (tcp://host:8786) or local:N")
    return address, None


def reason(error: BaseException | object) -> str:
    """One line for what went wrong on the cluster: the exception's type and the first line of its message."""
    if isinstance(error, tuple) and len(error) == 3:  # as_completed(raise_errors=False) gives (type, value, trace)
        error = error[1]
    if isinstance(error, BaseException):
        text = str(error).strip().splitlines()[0] if str(error).strip() else ""
        return f"{type(error).__name__}: {text}" if text else type(error).__name__
    return str(error)


def connect(address: str, *, plugin: Any = None, plugin_failure: str = "the workers cannot start"):
    """(client, the LocalCluster started here or None): a client on the scheduler at `address`, or on a LocalCluster
    of N worker processes for `local:N`, once at least one worker has joined. `plugin`, a worker plugin, is
    registered on its workers; if they cannot run it, the error says `plugin_failure`."""
    where, count = parse_address(address)
    from distributed import Client, LocalCluster

    cluster = None
    try:
        if count is not None:
            cluster = LocalCluster(n_workers=count, threads_per_worker=1, processes=True, dashboard_address=":0",
                                   silence_logs=logging.CRITICAL)  # our own line per failed file
            client = Client(cluster, set_as_default=False)
        else:
            client = Client(where, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError, RuntimeError) as err:  # RuntimeError: a local worker failed to start
        if cluster is not None:
            cluster.close()
        what = f"cannot start {count} local worker(s)" if count is not None else "cannot reach the scheduler"
        raise InputError(f"--dask {address}: {what} ({reason(err)})") from None
    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
    except (TimeoutError, OSError):
        shut(client, cluster)
        raise InputError(f"--dask {address}: no worker joined the scheduler in {WORKERS_TIMEOUT} s") from None
    if plugin is None:
        return client, cluster
    try:
        client.register_plugin(plugin)
    except Exception as err:  # noqa: BLE001 - a worker that cannot run the plugin: one clear line, not a trace
        shut(client, cluster)
        raise InputError(f"--dask {address}: {plugin_failure} ({reason(err)})") from None
    return client, cluster


def shut(client, cluster) -> None:
    """Close the client, then the cluster if this process started it (a cluster given by address keeps running)."""
    try:
        client.close()
    finally:
        if cluster is not None:
            cluster.close()


class ClusterRun(Generic[T]):
    """An iterator over the results of one run on a cluster. A subclass connects (`_start`), then sets `_results`
    to the generator that yields them; the client, and a cluster started here, are shut when the results run
    out, when the run is closed, or when it is dropped."""

    def _start(self, address: str, *, plugin: Any = None, plugin_failure: str = "the workers cannot start") -> int:
        """Connect; the number of worker threads the cluster has (each runs one task at a time)."""
        self.client, cluster = connect(address, plugin=plugin, plugin_failure=plugin_failure)
        self._finalizer = weakref.finalize(self, shut, self.client, cluster)
        return max(1, sum(self.client.nthreads().values()))

    _results: Iterator[T]

    @staticmethod
    def _run_again(future: Any, key: Hashable, tried: set) -> bool:
        """Whether `future`, a task the scheduler cancelled (a worker lost under load: CI once handed back its
        FutureCancelledError as a file's result), is to be submitted once more: the first time only, for its
        `key`. It is then released. Any other status but finished is the task's failure."""
        if future.status != "cancelled" or key in tried:
            return False
        tried.add(key)
        future.release()
        return True

    def __iter__(self) -> ClusterRun[T]:
        return self

    def __next__(self) -> T:
        return next(self._results)

    def close(self) -> None:
        close = getattr(self._results, "close", None)
        if close is not None:
            close()
        self._finalizer()
