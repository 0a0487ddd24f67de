"""Uploads processed in the background, one job at a time, each file's state kept for the progress bars."""
from __future__ import annotations

import queue
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path

QUEUED, RUNNING, DONE = "排队中", "处理中", "完成"
STATUS_ZH = {"SUCCESS": "成功", "PARTIAL": "部分成功", "FAILED": "失败", "SKIPPED": "已在库中"}


@dataclass
class FileState:
    name: str
    path: Path
    state: str = QUEUED
    status: str = ""  # batch's SUCCESS / PARTIAL / FAILED / SKIPPED
    message: str = ""
    doc_id: str = ""

    @property
    def percent(self) -> int:
        return 100 if self.state == DONE else 0


@dataclass
class Job:
    id: str
    files: list[FileState]
    state: str = QUEUED
    error: str = ""
    extra: list[FileState] = field(default_factory=list)  # members of uploaded zips, as batch reports them

    @property
    def done(self) -> int:
        return sum(f.state == DONE for f in self.files)

    @property
    def finished(self) -> bool:
        return self.state == DONE


class Jobs:
    """A queue of upload jobs worked by one thread: the archive has a single writer."""

    def __init__(self, library):
        self.library = library
        self.jobs: dict[str, Job] = {}
        self.queue: queue.Queue[Job | None] = queue.Queue()
        self.thread = threading.Thread(target=self._work, name="kaoping-uploads", daemon=True)
        self.thread.start()

    def submit(self, files: list[tuple[str, Path]]) -> Job:
        job = Job(uuid.uuid4().hex[:12], [FileState(name, path) for name, path in files])
        self.jobs[job.id] = job
        self.queue.put(job)
        return job

    def stop(self) -> None:
        self.queue.put(None)
        self.thread.join(timeout=30)

    def _work(self) -> None:
        while (job := self.queue.get()) is not None:
            job.state = RUNNING
            if job.files:
                job.files[0].state = RUNNING
            try:
                self.library.ingest([f.path for f in job.files], {f.path: f.name for f in job.files},
                                    on_progress=lambda status, payload: self._tick(job, status, payload))
            except Exception as exc:  # the server stays up whatever one upload does
                job.error = f"处理失败：{type(exc).__name__}: {exc}"
            for f in job.files:
                if f.state != DONE:
                    f.state, f.status = DONE, f.status or ("FAILED" if job.error else "")
            job.state = DONE

    def _tick(self, job: Job, status: str, payload: dict | None) -> None:
        """One file finished: mark it, and start the next one's bar."""
        doc = (payload or {}).get("document", {})
        shown = doc.get("file", "")
        if "!/" in shown:  # a member of an uploaded zip: listed under it, the zip's bar runs on
            job.extra.append(FileState(shown.split("!/", 1)[1], Path(shown), DONE, status,
                                       doc.get("error_message") or "", doc.get("doc_id", "")))
            return
        target = next((f for f in job.files if f.state != DONE and shown == str(f.path)), None)
        if target is None:  # batch reports a skipped file without naming it: the one running is it
            target = next((f for f in job.files if f.state == RUNNING), None)
        if target is not None:
            target.state, target.status = DONE, status
            target.message = doc.get("error_message") or ""
            target.doc_id = doc.get("doc_id") or target.path.name[:64]
        nxt = next((f for f in job.files if f.state == QUEUED), None)
        if nxt is not None:
            nxt.state = RUNNING
