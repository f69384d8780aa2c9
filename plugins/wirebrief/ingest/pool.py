"""Pure work on every core: a cold ingest's extraction in forked worker processes.

Extraction is pure (extract/), so the seeds a run must read can be extracted anywhere;
everything with side effects (reading files, the ledger, the report, stories, posts, photos,
the state file) stays in the calling process, in its own order. Workers are forked (Linux), so
the gazetteer loaded before the pool starts is shared copy-on-write rather than loaded again
or sent; jobs travel in chunks to keep the traffic small. Below PARALLEL_FROM jobs, or with
one worker, everything runs here: a pool's start-up would cost more than it saves.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, TypeVar

PARALLEL_FROM = 64      # jobs; fewer run in this process
CHUNKS_PER_WORKER = 8   # chunks small enough to share the work out evenly, few enough to cost little

J = TypeVar("J")
R = TypeVar("R")


def worker_count(setting: int) -> int:
    """WIREBRIEF_WORKERS: 0 (or less) means one per CPU; 1 means no pool."""
    return setting if setting > 0 else (os.cpu_count() or 1)


def map_in_order(fn: Callable[[J], R], jobs: Iterable[J], count: int, workers: int,
                 before_fork: Callable[[], None] = lambda: None) -> list[R]:
    """fn(job) for each of `count` jobs, in their order. `fn` must be pure, picklable and
    never raise (a failure is a value it returns). `jobs` is consumed in this process, in
    order, while the workers start on the first chunks. `before_fork` loads what the workers
    should share. A pool that breaks (a worker killed by the system) leaves the jobs it did
    not answer to this process: nothing is lost."""
    if workers <= 1 or count < PARALLEL_FROM:
        return [fn(job) for job in jobs]
    before_fork()
    gc.freeze()   # what is loaded now stays out of the workers' collections: its pages stay shared
    jobs, taken = iter(jobs), []

    def kept() -> Iterable[J]:
        for job in jobs:
            taken.append(job)
            yield job

    results: list[R] = []
    chunksize = max(1, count // (workers * CHUNKS_PER_WORKER))
    try:
        with ProcessPoolExecutor(min(workers, count), mp_context=multiprocessing.get_context("fork")) as pool:
            results.extend(pool.map(fn, kept(), chunksize=chunksize))
    except BrokenProcessPool:
        pass
    finally:
        gc.unfreeze()
    taken.extend(jobs)   # those not handed out yet, if it broke while they were
    results.extend(fn(job) for job in taken[len(results):])
    return results
