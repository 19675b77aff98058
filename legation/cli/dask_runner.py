"""`legation ingest --dask ADDRESS|local:N`: the file runner of `ingest` on dask.distributed workers.

The files are cut into chunks, one task each; a worker runs `process_chunk` (the function the process-pool runner
runs) on its chunk with the extractor it loaded once, when it joined (`LoadExtractor`, a worker plugin). The
client, here, is the only writer: it hands the outcomes back in the order of the paths, as the other runners do,
and `ingest` stores them by the store's upserts (a report by the hash of its text, an event by its deterministic
id). A task lost with its worker is recomputed by the scheduler and still arrives once, since each chunk's
outcomes are taken from one future, once; and an outcome stored twice would change nothing anyway.

A chunk whose task fails (its worker died on it too often, or the task raised) is split and its files retried one
by one, so that one bad file is reported with its reason and the others of its chunk still go through.

The workers read the files by the paths given: on a cluster of several machines, give paths that every worker can
open (a shared file system, the same mount point).
"""

from __future__ import annotations

import contextlib
import logging
import os
import weakref
from collections.abc import Iterator, Sequence
from pathlib import Path

from distributed import WorkerPlugin

from legation.cli.extract import CHUNK, MAX_ARTICLE_BYTES, Outcome, load_extractor, process_chunk, warm_up
from legation.domain.errors import InputError, LegationError

LOCAL = "local:"
CONNECT_TIMEOUT = "20s"
WORKERS_TIMEOUT = 60  # seconds for a first worker to join a scheduler that has none yet


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


class LoadExtractor(WorkerPlugin):
    """Worker plugin: load the language model (and the resolvers' tables) when the worker starts, once; the
    tasks then find it in the process's cache (`Extractor.load`)."""

    name = "legation-extractor"
    idempotent = True  # registering it again (a second ingest on the same cluster) does not reload anything

    def setup(self, worker=None) -> None:
        with contextlib.suppress(LegationError):  # left for the first task to raise, as one error per file
            warm_up(load_extractor())


def chunk_size(files: int, workers: int) -> int:
    """Small chunks keep every worker busy to the end; at most CHUNK files, at least 1."""
    return max(1, min(CHUNK, -(-files // max(1, workers * 4))))


def run_files_dask(paths: Sequence[str | Path], address: str, *, published: str | None = None,
                   max_bytes: int = MAX_ARTICLE_BYTES, task=process_chunk) -> Iterator[Outcome]:
    """Outcomes of all `paths`, in their order, extracted on a Dask cluster (`local:N` starts one here).

    The cluster is reached (or started) and every chunk submitted now, at the call, so call this before starting a
    progress bar; the outcomes then come as the scheduler reports chunks done. The cluster started here stops when
    the iterator is exhausted or closed; a cluster given by address is left running.
    """
    return DaskRun(paths, address, published=published, max_bytes=max_bytes, task=task)


class DaskRun:
    """An iterator over the outcomes of one run on a cluster; see `run_files_dask`."""

    def __init__(self, paths: Sequence[str | Path], address: str, *, published: str | None, max_bytes: int,
                 task=process_chunk) -> None:
        self.task = task  # (paths, published, max_bytes) -> outcomes in the order of paths
        self.paths = [str(p) for p in paths]
        self.published, self.max_bytes = published, max_bytes
        self.client, cluster = _connect(address)
        self._finalizer = weakref.finalize(self, _shut, self.client, cluster)
        workers = max(1, sum(self.client.nthreads().values()))  # threads: each runs one chunk at a time
        size = chunk_size(len(self.paths), workers)
        self.chunks = [list(range(i, min(i + size, len(self.paths)))) for i in range(0, len(self.paths), size)]
        self.stats = {"tasks": 0, "failed_tasks": 0, "retried_files": 0, "workers": workers}
        self._iter = self._outcomes()

    def __iter__(self) -> DaskRun:
        return self

    def __next__(self) -> Outcome:
        return next(self._iter)

    def close(self) -> None:
        self._iter.close()
        self._finalizer()

    def _submit(self, indices: list[int]):
        self.stats["tasks"] += 1
        return self.client.submit(self.task, [self.paths[i] for i in indices], self.published, self.max_bytes,
                                  pure=False, retries=1)

    def _outcomes(self) -> Iterator[Outcome]:
        from distributed import as_completed

        try:
            pending = {}
            for indices in self.chunks:
                pending[self._submit(indices)] = indices
            done: dict[int, Outcome] = {}
            following = 0  # the next path to hand back: outcomes leave in the order of the paths
            completed = as_completed(list(pending), with_results=True, raise_errors=False, loop=self.client.loop)
            for future, result in completed:
                indices = pending.pop(future)
                if future.status == "error":
                    self.stats["failed_tasks"] += 1
                    if len(indices) > 1:  # split it: find the file that fails, let the others through
                        for index in indices:
                            self.stats["retried_files"] += 1
                            retry = self._submit([index])
                            pending[retry] = [index]
                            completed.add(retry)
                    else:
                        path = self.paths[indices[0]]
                        done.setdefault(indices[0], Outcome(path, error=f"{path}: failed on the cluster "
                                                                        f"({_reason(result)})"))
                else:
                    for index, outcome in zip(indices, result, strict=True):
                        done.setdefault(index, outcome)  # once per path, whatever the scheduler retried
                future.release()
                while following in done:
                    yield done.pop(following)
                    following += 1
        finally:
            self._finalizer()


def _reason(error: BaseException | object) -> str:
    if isinstance(error, tuple) and len(error) == 3:  # as_completed(raise_errors=False) gives (type, value, trace)
        error = error[1]
    if isinstance(error, BaseException):
        text = str(error).strip().splitlines()[0] if str(error).strip() else ""
        return f"{type(error).__name__}: {text}" if text else type(error).__name__
    return str(error)


def _connect(address: str, *, extractor: bool = True):
    """A client on the scheduler at `address`, or on a LocalCluster of N worker processes for `local:N`; the
    extractor plugin registered on its workers (unless `extractor` is false: tasks that need no language model).
    (client, the cluster started here or None)."""
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
        raise InputError(f"--dask {address}: {what} ({_reason(err)})") from None
    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
    except (TimeoutError, OSError):
        _shut(client, cluster)
        raise InputError(f"--dask {address}: no worker joined the scheduler in {WORKERS_TIMEOUT} s") from None
    if not extractor:
        return client, cluster
    try:
        client.register_plugin(LoadExtractor())
    except Exception as err:  # noqa: BLE001 - a worker that cannot load the model: one clear line, not a trace
        _shut(client, cluster)
        raise InputError(f"--dask {address}: the workers cannot load the extractor ({_reason(err)})") from None
    return client, cluster


def _shut(client, cluster) -> None:
    try:
        client.close()
    finally:
        if cluster is not None:
            cluster.close()
