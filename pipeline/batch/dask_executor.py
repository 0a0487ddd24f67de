"""Dask distributed executor: the same worker function, scheduled on a cluster."""
from __future__ import annotations

from typing import Iterator

from extractors.errors import MissingTool

from ..isolate import Limits, WorkerPool
from .discover import WorkItem
from .worker import outcome_payload

# One bounded worker per Dask worker process, started on its first file and kept for the next ones.
_POOL: WorkerPool | None = None

PRELOAD = "pipeline.batch.preload"


def process_file_bounded(path: str, sha256: str, display: str, limits: Limits) -> dict:
    """Process one file in a bounded worker of this Dask worker process (time and memory limits,
    a crash or hang blamed on this file only), returning the payload as process_file does."""
    global _POOL
    if _POOL is None or _POOL.limits != limits:
        if _POOL is not None:
            _POOL.close()
        _POOL = WorkerPool("pipeline.batch.worker:process_file", limits=limits, warm="pipeline.batch.worker:warm_up")
    [(_, outcome)] = list(_POOL.run([(None, (path, sha256, display), display)]))
    return outcome_payload(outcome, sha256, display)


def run_dask(todo: list[list[WorkItem]], workers: int, scheduler: str | None, limits: Limits = Limits()
             ) -> Iterator[tuple[dict, list[WorkItem]]]:
    """Submit every file to a Dask cluster (``scheduler`` address, or a LocalCluster on
    127.0.0.1 with ``workers`` processes) and yield payloads as they complete.

    Each file runs in a bounded worker inside the Dask worker (the same limits as the local executor);
    a local cluster's nanny also restarts a Dask worker that grows past twice ``limits.max_memory``."""
    try:
        import dask
        from dask.distributed import Client, LocalCluster, as_completed
        from distributed.utils import get_mp_context
    except ImportError as exc:  # pragma: no cover - dask is a pinned dependency
        raise MissingTool("dask", "未安装 dask.distributed", "请运行 make install") from exc

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        # Local workers fork from a server that has imported and warmed up kaoping once (the
        # default, spawn, makes every worker import everything on its own).
        with dask.config.set({"distributed.worker.multiprocessing-method": "forkserver"}):
            context = get_mp_context()
            context.set_forkserver_preload(["distributed", PRELOAD])
            cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None, memory_limit=2 * limits.max_memory)
        client = Client(cluster)
    try:
        futures = {}
        for items in todo:
            first = items[0]
            # Paths must be readable by the workers: on a real cluster, put the archive on shared storage.
            fut = client.submit(process_file_bounded, str(first.path), first.sha256, first.display, limits,
                                pure=False)
            futures[fut] = items
        for fut in as_completed(list(futures)):
            yield fut.result(), futures.pop(fut)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
