"""比较: the comparison report of the schemes a person picks, the same one `kaoping compare` writes."""
from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory
from urllib.parse import quote

from markupsafe import Markup
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ...compare.html import render_section, write_html
from ...compare.report import METHOD_NOTE, compare_report
from ...compare.xlsx import write_xlsx
from ...normalize.scheme import normalize_table
from ..app import library, page

MAX_SCHEMES = 8


def _report(request: Request):
    """The report over the documents chosen in the query (corrections applied), or None with fewer than two."""
    lib = library(request)
    ids = [i for i in dict.fromkeys(request.query_params.getlist("ids")) if lib.document(i)][:MAX_SCHEMES]
    if len(ids) < 2:
        return ids, None
    tables = [lib.read(i)[1] for i in ids]
    empty = [t.source.file for t in tables if not (t.indicators or t.results)]
    if empty:
        raise HTTPException(400, f"{'、'.join(empty)} 中没有找到指标，无法比较：请先在“复核”中检查")
    return ids, compare_report([normalize_table(t) for t in tables], scoring_note=METHOD_NOTE)


async def compare_page(request: Request):
    ids, report = _report(request)
    docs = [d for d in library(request).documents() if d["n_indicators"] or d["n_results"]]
    sections = [Markup(render_section(s)) for s in report.sections] if report else []  # escaped by the renderer
    query = "&".join(f"ids={quote(i)}" for i in ids)
    return page(request, "compare.html", docs=docs, chosen=set(ids), report=report, sections=sections,
                query=query)


async def download(request: Request) -> Response:
    kind = request.path_params["kind"]
    ids, report = _report(request)
    if report is None or kind not in ("html", "xlsx"):
        raise HTTPException(404, "请至少选择两个方案")
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / f"report.{kind}"
        data = (write_xlsx(report, path) if kind == "xlsx" else write_html(report, path)) and path.read_bytes()
    media = "text/html; charset=utf-8" if kind == "html" else \
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(data, media_type=media,
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote('比较报告.' + kind)}"})


routes = [Route("/compare", compare_page), Route("/compare/report.{kind:str}", download)]
