"""Run a batch: skip what is stored and unchanged, process the rest in parallel, store as it comes."""
from __future__ import annotations

import os
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .discover import WorkItem, discover
from .store import Store
from .worker import FAILED, PARTIAL, SKIPPED, SUCCESS, process_file

# Items in flight per worker: enough to keep workers busy, few enough to bound memory.
IN_FLIGHT_PER_WORKER = 4
# Documents are committed in groups (one transaction each) so the single writer keeps up with
# the workers; a group is flushed after this many documents or seconds, and at the end.
GROUP_DOCS = 32
GROUP_SECONDS = 2.0


@dataclass
class BatchSummary:
    counts: dict[str, int] = field(default_factory=lambda: {SUCCESS: 0, PARTIAL: 0, FAILED: 0, SKIPPED: 0})
    pages: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def message(self) -> str:
        c = self.counts
        return (f"处理 {self.total} 个文件：成功 {c[SUCCESS]}，部分成功 {c[PARTIAL]}，"
                f"失败 {c[FAILED]}，跳过 {c[SKIPPED]}")


def run_batch(
    paths: list[Path],
    db: Path,
    *,
    workers: int = 1,
    executor: str = "local",
    scheduler: str | None = None,
    retry_failed: bool = False,
    abort_on_error: bool = False,
    parquet_dir: Path | None = None,
    on_progress: Callable[[str, dict | None], None] | None = None,
) -> BatchSummary:
    """Process ``paths`` into the DuckDB file ``db`` and return the counts by status."""
    from extractors.registry import EXTRACTOR_VERSION

    store = Store(db)
    summary = BatchSummary()
    tick = on_progress or (lambda status, payload: None)
    group = _Group(store)
    try:
        found = discover(paths, db.parent / f"{db.stem}.unpacked")
        for item, exc in found.failures:
            payload = _failure_payload(item, exc.code, exc.message(), exc.location)
            group.add(payload, [item.display])
            _count(summary, payload)
            tick(FAILED, payload)

        by_hash: dict[str, list[WorkItem]] = defaultdict(list)
        for item in found.items:
            by_hash[item.sha256].append(item)
        known = store.known()
        todo, unchanged_seen = [], []
        for sha, items in by_hash.items():
            status, version = known.get(sha, (None, None))
            unchanged = version == EXTRACTOR_VERSION and not (retry_failed and status == FAILED)
            if status is not None and unchanged:
                unchanged_seen.append(([i.display for i in items], sha, status))
                summary.counts[SKIPPED] += len(items)
                for _ in items:
                    tick(SKIPPED, None)
            else:
                todo.append(items)
                # Duplicates of a processed file are skipped: same content, processed once.
                summary.counts[SKIPPED] += len(items) - 1

        store.record_paths(unchanged_seen)

        with _threads_per_worker(workers):
            for payload, items in _execute(todo, workers, executor, scheduler):
                group.add(payload, [i.display for i in items])
                _count(summary, payload)
                tick(payload["document"]["status"], payload)
                if abort_on_error and payload["document"]["status"] == FAILED:
                    break
        group.flush()
        if parquet_dir is not None:
            store.export_parquet(parquet_dir)
    finally:
        # Whatever finished before an interruption is kept; the rest is redone on the next run.
        group.flush()
        store.close()
    return summary


class _Group:
    """Finished documents waiting to be committed together."""

    def __init__(self, store: Store):
        self.store = store
        self.entries: list[tuple[dict, list[str]]] = []
        self.started = time.monotonic()

    def add(self, payload: dict, paths: list[str]) -> None:
        if not self.entries:
            self.started = time.monotonic()
        self.entries.append((payload, paths))
        if len(self.entries) >= GROUP_DOCS or time.monotonic() - self.started >= GROUP_SECONDS:
            self.flush()

    def flush(self) -> None:
        entries, self.entries = self.entries, []
        self.store.save(entries)


def _count(summary: BatchSummary, payload: dict) -> None:
    doc = payload["document"]
    summary.counts[doc["status"]] += 1
    summary.pages += doc.get("pages") or 0
    if doc["status"] == FAILED:
        summary.failures.append(doc.get("error_message") or doc["file"])


def _failure_payload(item: WorkItem, code: str, message: str, location) -> dict:
    doc = {"doc_id": item.sha256, "file": item.display, "status": FAILED, "error_code": code,
           "error_message": message, "pages": 0}
    error = {"doc_id": item.sha256, "file": item.display, "code": code, "message": message,
             "location": location}
    return {"document": doc, "indicators": [], "rules": [], "results": [], "errors": [error]}


@contextmanager
def _threads_per_worker(workers: int):
    """While workers run, give each one its share of the cores for OCR (unless the user has set it)."""
    from extractors.ocr import THREADS_VARIABLE

    if THREADS_VARIABLE in os.environ:
        yield
        return
    os.environ[THREADS_VARIABLE] = str(max(1, (os.cpu_count() or 1) // max(workers, 1)))
    try:
        yield
    finally:
        del os.environ[THREADS_VARIABLE]


def _execute(todo: list[list[WorkItem]], workers: int, executor: str, scheduler: str | None
             ) -> Iterator[tuple[dict, list[WorkItem]]]:
    if executor == "dask":
        from .dask_executor import run_dask

        yield from run_dask(todo, workers, scheduler)
    elif workers <= 0:
        for items in todo:
            first = items[0]
            yield process_file(str(first.path), first.sha256, first.display), items
    else:
        yield from _run_local(todo, workers)


def _run_local(todo: list[list[WorkItem]], workers: int) -> Iterator[tuple[dict, list[WorkItem]]]:
    """Process pool with bounded submission; a worker that dies takes down only its own file."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    import multiprocessing

    from .worker import warm_up

    if multiprocessing.get_start_method() == "fork":
        warm_up(segmenter=workers > 1)  # a lone worker loads the segmenter itself, when a clause needs it
    queue = list(reversed(todo))
    attempts: dict[str, int] = defaultdict(int)
    pool = ProcessPoolExecutor(max_workers=workers)
    pending: dict = {}
    try:
        while queue or pending:
            while queue and len(pending) < workers * IN_FLIGHT_PER_WORKER:
                items = queue.pop()
                first = items[0]
                attempts[first.sha256] += 1
                pending[pool.submit(process_file, str(first.path), first.sha256, first.display)] = items
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                items = pending.pop(future)
                try:
                    yield future.result(), items
                except BrokenProcessPool:
                    broken = True
                    first = items[0]
                    if attempts[first.sha256] >= 2:
                        yield _failure_payload(first, "worker_crashed",
                                               f"{first.display}：处理进程异常退出（文件可能触发了解析库崩溃）", None), items
                    else:
                        queue.append(items)
            if broken:
                # Every in-flight future of a broken pool fails; retry each once in a new pool.
                for future, items in pending.items():
                    queue.append(items)
                pending.clear()
                pool.shutdown(cancel_futures=True)
                pool = ProcessPoolExecutor(max_workers=workers)
    finally:
        pool.shutdown(cancel_futures=True)
