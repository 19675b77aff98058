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
from collections.abc import Iterator, Sequence
from pathlib import Path

from distributed import WorkerPlugin

from legation.cli.cluster import ClusterRun, parse_address, reason
from legation.cli.extract import CHUNK, MAX_ARTICLE_BYTES, Outcome, load_extractor, process_chunk, warm_up
from legation.domain.errors import LegationError

__all__ = ["DaskRun", "LoadExtractor", "chunk_size", "parse_address", "run_files_dask"]


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


class DaskRun(ClusterRun[Outcome]):
    """An iterator over the outcomes of one run on a cluster; see `run_files_dask`."""

    def __init__(self, paths: Sequence[str | Path], address: str, *, published: str | None, max_bytes: int,
                 task=process_chunk) -> None:
        self.task = task  # (paths, published, max_bytes) -> outcomes in the order of paths
        self.paths = [str(p) for p in paths]
        self.published, self.max_bytes = published, max_bytes
        workers = self._start(address, plugin=LoadExtractor(),
                              plugin_failure="the workers cannot load the extractor")
        size = chunk_size(len(self.paths), workers)
        self.chunks = [list(range(i, min(i + size, len(self.paths)))) for i in range(0, len(self.paths), size)]
        self.stats = {"tasks": 0, "failed_tasks": 0, "retried_files": 0, "workers": workers}
        self._results = self._outcomes()

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
            again: set[tuple[int, ...]] = set()
            for future, result in completed:
                indices = pending.pop(future)
                if self._run_again(future, tuple(indices), again):
                    retry = self._submit(indices)
                    pending[retry] = indices
                    completed.add(retry)
                    continue
                if future.status != "finished":
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
                                                                        f"({reason(result)})"))
                else:
                    for index, outcome in zip(indices, result, strict=True):
                        done.setdefault(index, outcome)  # once per path, whatever the scheduler retried
                future.release()
                while following in done:
                    yield done.pop(following)
                    following += 1
        finally:
            self._finalizer()
