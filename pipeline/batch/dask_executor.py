"""Dask distributed executor: the same worker function, scheduled on a cluster."""
from __future__ import annotations

from typing import Iterator

from extractors.errors import MissingTool

from .discover import WorkItem
from .worker import process_file

PRELOAD = "pipeline.batch.preload"


def run_dask(todo: list[list[WorkItem]], workers: int, scheduler: str | None
             ) -> Iterator[tuple[dict, list[WorkItem]]]:
    """Submit every file to a Dask cluster (``scheduler`` address, or a LocalCluster on
    127.0.0.1 with ``workers`` processes) and yield payloads as they complete."""
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
                                   host="127.0.0.1", dashboard_address=None)
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
