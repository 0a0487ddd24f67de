"""Run a batch: skip what is stored and unchanged, process the rest in parallel, store as it comes."""
from __future__ import annotations

import os
import shutil
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from ..isolate import Limits
from .discover import WorkItem, discover
from .store import Store
from .worker import FAILED, PARTIAL, SKIPPED, SUCCESS, failure_payload, outcome_payload, process_file

# Items in flight per worker: enough to keep workers busy, few enough to bound memory.
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
    limits: Limits = Limits(),
) -> BatchSummary:
    """Process ``paths`` into the DuckDB file ``db`` and return the counts by status.

    ``workers`` bounded worker processes (pipeline/isolate.py) read the files, each file under
    ``limits``; ``workers=0`` reads them in this process without limits (tests, debugging).
    Raises store.DatabaseError when the database cannot be used (in use, not DuckDB).
    """
    from extractors.registry import EXTRACTOR_VERSION

    store = Store(db)
    summary = BatchSummary()
    tick = on_progress or (lambda status, payload: None)
    group = _Group(store)
    # Holding the database lock, this run owns the unpack folder: clear what a killed run left.
    unpack_dir = db.parent / f"{db.stem}.unpacked"
    shutil.rmtree(unpack_dir, ignore_errors=True)
    try:
        found = discover(paths, unpack_dir)
        refused: dict[str, tuple[dict, list[str]]] = {}
        for status, pairs in ((FAILED, found.failures), (SKIPPED, found.skipped)):
            for item, exc in pairs:
                if item.sha256 in refused:  # the same refused archive at several paths
                    refused[item.sha256][1].append(item.display)
                    continue
                payload = _failure_payload(item, exc.code, exc.message(), exc.location, status)
                refused[item.sha256] = (payload, [item.display])
                _count(summary, payload)
                tick(status, payload)
        for payload, displays in refused.values():
            group.add(payload, displays)

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
            for payload, items in _execute(todo, workers, executor, scheduler, limits, group.flush_if_due):
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
        shutil.rmtree(unpack_dir, ignore_errors=True)
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

    def flush_if_due(self) -> None:
        """Commit waiting documents that are older than the group time (called while workers are busy,
        so a long or hung file never holds finished ones back from the database)."""
        if self.entries and time.monotonic() - self.started >= GROUP_SECONDS:
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


def _failure_payload(item: WorkItem, code: str, message: str, location, status: str = FAILED) -> dict:
    return failure_payload(item.sha256, item.display, code, message, location, status)


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


def _execute(todo: list[list[WorkItem]], workers: int, executor: str, scheduler: str | None, limits: Limits,
             on_idle: Callable[[], None]) -> Iterator[tuple[dict, list[WorkItem]]]:
    if executor == "dask":
        from .dask_executor import run_dask

        yield from run_dask(todo, workers, scheduler, limits)
    elif workers <= 0:
        for items in todo:
            first = items[0]
            yield process_file(str(first.path), first.sha256, first.display), items
    else:
        yield from _run_local(todo, workers, limits, on_idle)


def _run_local(todo: list[list[WorkItem]], workers: int, limits: Limits, on_idle: Callable[[], None]
               ) -> Iterator[tuple[dict, list[WorkItem]]]:
    """Each file in a bounded worker; a file that hangs, blows its memory or crashes its worker is
    recorded on its own (timeout / too_large / worker_crashed) and the others go on."""
    from ..isolate import WorkerPool

    tasks = ((n, (str(items[0].path), items[0].sha256, items[0].display), items[0].display)
             for n, items in enumerate(todo))
    with WorkerPool("pipeline.batch.worker:process_file", workers=workers, limits=limits,
                    warm="pipeline.batch.worker:warm_up") as pool:
        for n, outcome in pool.run(tasks, on_idle=on_idle):
            items = todo[n]
            yield outcome_payload(outcome, items[0].sha256, items[0].display), items
