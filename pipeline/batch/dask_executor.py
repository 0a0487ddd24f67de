"""Dask distributed executor: the same worker function, scheduled on a cluster."""
from __future__ import annotations

from typing import Iterator

from extractors.errors import MissingTool

from ..isolate import Limits
from .discover import WorkItem
from .worker import process_file


def run_dask(todo: list[list[WorkItem]], workers: int, scheduler: str | None, limits: Limits = Limits()
             ) -> Iterator[tuple[dict, list[WorkItem]]]:
    """Submit every file to a Dask cluster (``scheduler`` address, or a LocalCluster on
    127.0.0.1 with ``workers`` processes) and yield payloads as they complete.

    A local cluster's nanny restarts a worker past ``limits.max_memory``; the per-file wall time
    of the local executor is not applied here (a remote cluster has its own policies)."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as exc:  # pragma: no cover - dask is a pinned dependency
        raise MissingTool("dask", "未安装 dask.distributed", "请运行 make install") from exc

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None, memory_limit=limits.max_memory)
        client = Client(cluster)
    try:
        futures = {}
        for items in todo:
            first = items[0]
            # Paths must be readable by the workers: on a real cluster, put the archive on shared storage.
            fut = client.submit(process_file, str(first.path), first.sha256, first.display, pure=False)
            futures[fut] = items
        for fut in as_completed(list(futures)):
            yield fut.result(), futures.pop(fut)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
