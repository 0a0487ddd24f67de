"""文档库: the archive's documents with status, review marks, search and filters; uploads with progress."""
from __future__ import annotations

from pathlib import Path

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.routing import Route

from ..app import library, page
from ..jobs import STATUS_ZH

DOCUMENT_SUFFIXES = {".pdf", ".docx", ".doc", ".wps", ".xlsx", ".xls", ".html", ".htm", ".txt", ".zip"}
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_FILES = 500
STATUSES = {"SUCCESS": "成功", "PARTIAL": "部分成功", "FAILED": "失败"}


async def index(request: Request):
    q = request.query_params.get("q", "").strip()[:100]
    status = request.query_params.get("status", "")
    status = status if status in STATUSES else ""
    review = request.query_params.get("review") == "1"
    lib = library(request)
    docs = lib.documents(q, status, review)
    jobs = list(request.app.state.jobs.jobs.values())[-5:][::-1]
    return page(request, "library.html", docs=docs, totals=lib.totals(), q=q, status=status, review=review,
                statuses=STATUSES, jobs=jobs, status_zh=STATUS_ZH, db=str(lib.db))


async def upload_files(form, suffixes: set[str], max_files: int) -> tuple[list[tuple[str, bytes]], list[str]]:
    """Given a multipart form, return the uploaded (name, bytes) within the limits and a Chinese line per refusal."""
    accepted, refused = [], []
    for item in form.getlist("files")[:max_files]:
        if not isinstance(item, UploadFile) or not item.filename:
            continue
        name = item.filename.replace("\\", "/").strip("/")[-200:]
        if Path(name).suffix.lower() not in suffixes:
            refused.append(f"{name}：不支持的文件类型，请上传 {'、'.join(sorted(suffixes))} 文件")
            continue
        data = await item.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            refused.append(f"{name}：文件超过 {MAX_FILE_BYTES // 2**20} MB，请拆分后再上传")
        elif not data:
            refused.append(f"{name}：空文件")
        else:
            accepted.append((name, data))
    return accepted, refused


async def upload(request: Request):
    form = await request.form(max_files=MAX_FILES, max_fields=10)
    accepted, refused = await upload_files(form, DOCUMENT_SUFFIXES, MAX_FILES)
    lib = library(request)
    kept = [(name, lib.keep_file(data, name)) for name, data in accepted]
    job = request.app.state.jobs.submit(kept) if kept else None
    return page(request, "_job.html", job=job, refused=refused, status_zh=STATUS_ZH)


async def job_status(request: Request):
    job = request.app.state.jobs.jobs.get(request.path_params["job"])
    if job is None:
        raise HTTPException(404, "找不到这次上传")
    return page(request, "_job.html", job=job, refused=[], status_zh=STATUS_ZH)


routes = [Route("/", index), Route("/upload", upload, methods=["POST"]), Route("/jobs/{job}", job_status)]
