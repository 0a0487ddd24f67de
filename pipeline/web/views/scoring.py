"""计分: events (and measures) uploaded for a period, scored by the document's corrected rulebook; the ranking
with a chart, each unit's sheet with every point linked to its rule and source, the 待处理 rows."""
from __future__ import annotations

import json
import re
import uuid
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from extractors.errors import ExtractionError

from ...labels import KIND as KINDS
from ...scoring.errors import ScoringError
from ...scoring.output import ISSUE_KINDS, write_all
from ...scoring.run import score_files
from ..app import author_of, library, page
from .documents import upload_files
from .review import read_document

EVENT_SUFFIXES = {".csv", ".xlsx", ".jsonl", ".json", ".txt"}
_RUN = re.compile(r"^[0-9a-f]{12}$")


def _runs_dir(request: Request) -> Path:
    return library(request).files / "scores"


def _runs(request: Request, doc_id: str) -> list[dict]:
    out = []
    for meta in sorted(_runs_dir(request).glob("*/meta.json"), reverse=True):
        data = json.loads(meta.read_text(encoding="utf-8"))
        if data["doc_id"] == doc_id:
            out.append(data)
    return sorted(out, key=lambda m: m["created"], reverse=True)


async def score_page(request: Request):
    doc, _, table, book = read_document(request)
    return page(request, "score.html", doc=doc, runs=_runs(request, doc["doc_id"]), error=None,
                n_items=len(book.items))


async def run_score(request: Request) -> Response:
    doc, _, _, book = read_document(request)
    form = await request.form(max_files=2, max_fields=10)
    lib = library(request)
    stored = {}
    refused = []
    for key in ("events", "measures"):
        files, no = await upload_files(_Single(form, key), EVENT_SUFFIXES, 1)
        refused += no
        if files:
            stored[key] = (files[0][0], lib.keep_file(files[0][1], files[0][0], kind="events"))
    periods = str(form.get("periods", "")).strip()[:60] or None
    error = "；".join(refused) or (None if "events" in stored else "请选择事件文件（CSV、XLSX 或 JSON lines）")
    if error is None:
        try:
            report = score_files(book, stored["events"][1], stored.get("measures", (None, None))[1], periods)
        except (ScoringError, ExtractionError) as exc:
            error = exc.message()
    if error is not None:
        return page(request, "_score_error.html", error=error)
    run = uuid.uuid4().hex[:12]
    folder = _runs_dir(request) / run
    write_all(report, folder)
    meta = {"run": run, "doc_id": doc["doc_id"], "events": stored["events"][0],
            "measures": stored.get("measures", (None,))[0], "periods": periods, "author": author_of(request),
            "created": datetime.now().strftime("%Y-%m-%d %H:%M:%S"), "units": len(report["units"]),
            "issues": len(report["issues"])}
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return Response(status_code=204, headers={"HX-Redirect": f"/score/{run}"})


class _Single:
    """One named file field of a form, seen as the 'files' list upload_files reads."""

    def __init__(self, form, key: str):
        self.form, self.key = form, key

    def getlist(self, _):
        return self.form.getlist(self.key)


def _load(request: Request) -> tuple[dict, dict]:
    run = request.path_params["run"]
    folder = _runs_dir(request) / run
    if not _RUN.match(run) or not (folder / "meta.json").exists():
        raise HTTPException(404, "找不到这次计分")
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    return meta, json.loads((folder / "score.json").read_text(encoding="utf-8"))


async def run_page(request: Request):
    meta, report = _load(request)
    doc = library(request).document(meta["doc_id"])
    top = max((abs(u["total"]) for u in report["units"]), default=0) or 1
    return page(request, "score_run.html", meta=meta, report=report, doc=doc, top=top, issue_kinds=ISSUE_KINDS)


async def unit_page(request: Request):
    meta, report = _load(request)
    k = request.path_params["k"]
    if not 0 <= k < len(report["units"]):
        raise HTTPException(404, "没有这个单位")
    unit = report["units"][k]
    cells = [c for c in report["period_scores"] if c["unit"] == unit["unit"]]
    doc = library(request).document(meta["doc_id"])
    return page(request, "unit.html", meta=meta, report=report, unit=unit, k=k, cells=cells, doc=doc, kinds=KINDS)


async def download(request: Request) -> Response:
    meta, _ = _load(request)
    data = (_runs_dir(request) / meta["run"] / "score.xlsx").read_bytes()
    name = quote(f"计分-{Path(meta['events']).stem}.xlsx")
    return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"})


routes = [Route("/doc/{doc}/score", score_page), Route("/doc/{doc}/score", run_score, methods=["POST"]),
          Route("/score/{run}", run_page), Route("/score/{run}/unit/{k:int}", unit_page),
          Route("/score/{run}/score.xlsx", download)]
