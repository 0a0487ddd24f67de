"""复核: the source beside the indicator table; edits, splits, merges and column roles kept as corrections."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from extractors.errors import ExtractionError
from schemas.corrections import CorrectionOp

from ...corrections import SET_FIELDS, CorrectionError, anchors, corrections_by_indicator, new_correction
from ...export import OP_ZH, correction_note, points_by_role
from ...indicators.columns import Role
from ...indicators.reconcile import table_checks
from ...labels import SECTION_ROLE as SECTION_ROLE_ZH
from ...rules import split_clauses
from ..app import author_of, library, page
from ..source import cell_key, grid_items, pdf_pages, render_page

ROLE_ZH = {Role.CATEGORY: "类别", Role.NUMBER: "序号", Role.NAME: "指标名称", Role.CONTENT: "考核内容",
           Role.CRITERIA: "评分标准", Role.POINTS: "分值", Role.DEPARTMENT: "责任部门", Role.TIMING: "考评时间",
           Role.TARGET: "目标值", Role.ACTUAL: "完成值", Role.SCORE: "得分", Role.GROUP_POINTS: "类别分值"}


def read_document(request: Request):
    """The document named in the path: its row, raw document, corrected table and rulebook; 404 if unknown."""
    lib = library(request)
    doc_id = request.path_params["doc"]
    doc = lib.document(doc_id)
    if doc is None:
        raise HTTPException(404, "档案库中没有这份文档")
    try:
        raw, table, book = lib.read(doc_id)
    except (LookupError, ExtractionError) as exc:
        message = exc.message() if isinstance(exc, ExtractionError) else str(exc)
        raise HTTPException(404, message) from exc
    return doc, raw, table, book


def _row_keys(ind) -> list[str]:
    keys = [cell_key(p) for p in ind.prov.values()] + [cell_key(c.prov) for c in ind.categories]
    return sorted({k for k in keys if k})


def table_context(request: Request) -> dict:
    """What the indicator pane shows: rows with their source cells and corrections, the reconciliation."""
    doc, raw, table, book = read_document(request)
    checks = table_checks(table)
    failing = {i for c in checks if c.ok is False for i in c.indicator_ids}
    changed = corrections_by_indicator(table)
    sections = {s.id: s for s in table.sections}
    rows = []
    for ind, anchor in zip(table.indicators, anchors(table.indicators)):
        section = sections.get(ind.section_id)
        cuts = [span[0] for _, span in split_clauses(ind.criteria or "")][1:]
        rows.append({"ind": ind, "anchor": anchor, "cells": " ".join(_row_keys(ind)), "failing": ind.id in failing,
                     "section": f"{section.title}（{SECTION_ROLE_ZH.get(section.role.value, '')}）" if section else "",
                     "changes": [correction_note(c) for c in changed.get(ind.id, [])],
                     "cuts": [(at, (ind.criteria or "")[at:at + 14]) for at in cuts if 0 < at]})
    results = [{"row": r, "cells": " ".join(sorted({k for k in (cell_key(p) for p in r.prov.values()) if k}))}
               for r in table.results]
    return {"doc": doc, "raw": raw, "table": table, "rows": rows, "results": results, "checks": checks,
            "totals": points_by_role(table), "fields": SET_FIELDS, "ops": OP_ZH}


async def review(request: Request):
    ctx = table_context(request)
    raw, book = ctx["raw"], library(request).read(ctx["doc"]["doc_id"])[2]
    focus = request.query_params.get("focus", "")
    mark = _mark(book, focus, request.query_params.get("atom"))
    pdf = raw.source.format.value == "pdf"
    skipped = {c.table_no for c in ctx["table"].corrections if c.op is CorrectionOp.NOT_INDICATOR_TABLE and c.value}
    return page(request, "review.html", **ctx, pdf=pdf, pages=pdf_pages(raw) if pdf else [],
                items=[] if pdf else grid_items(raw), focus=focus, mark=mark, roles=ROLE_ZH, skipped=skipped,
                tables=raw.tables)


def _mark(book, focus: str, atom: str | None) -> dict | None:
    """The clause to highlight in the source: the cell and character span of an indicator's atom."""
    item = next((i for i in book.items if i.indicator_id == focus), None)
    if item is None:
        return None
    prov = item.reference
    if atom is not None and atom.isdigit() and int(atom) < len(item.atoms):
        prov = item.atoms[int(atom)].prov or prov
    if prov is None:
        return None
    span = prov.charspan or (0, 0)
    return {"key": cell_key(prov), "start": span[0], "end": span[1]}


async def correct(request: Request) -> Response:
    """Store one correction from the indicator pane and answer with the pane read again."""
    form = await request.form(max_files=0, max_fields=20)
    lib, doc_id, author = library(request), request.path_params["doc"], author_of(request)
    if lib.document(doc_id) is None:
        raise HTTPException(404, "档案库中没有这份文档")
    op = str(form.get("op", ""))
    error = None
    try:
        made = _corrections(form, op, doc_id, author, lib.read(doc_id)[1])
    except (CorrectionError, ValueError) as exc:
        made, error = [], f"未保存：{exc}"
    for c in made:
        lib.correct(c)
    if op in ("column_role", "not_indicator_table") and made:
        return Response(status_code=204, headers={"HX-Refresh": "true"})  # the table is read again
    return page(request, "_table_pane.html", **table_context(request), error=error)


def _text(form, key: str) -> str:
    return str(form.get(key, "")).strip()[:2000]


def _corrections(form, op: str, doc_id: str, author: str, table) -> list:
    """Given the submitted form, return the corrections it makes (only the fields that really changed)."""
    target = _text(form, "target")
    current = dict(zip(anchors(table.indicators), table.indicators))
    if op == "set":
        ind = current.get(target)
        if ind is None:
            raise CorrectionError("找不到这一行，请刷新页面")
        now = {"name": ind.name or "", "points": "" if ind.points is None else f"{ind.points:g}",
               "department": ind.department or "", "category": " ▸ ".join(ind.category_path)}
        out = []
        for field in SET_FIELDS:
            value = _text(form, field)
            if field in form and value != now[field]:
                if field == "points" and value:
                    try:
                        number = float(value)
                    except ValueError:
                        raise CorrectionError(f"分值“{value}”不是数字") from None
                    if number < 0 or number > 10000:
                        raise CorrectionError("分值应在 0 到 10000 之间")
                out.append(new_correction(doc_id, "set", author, target=target, field=field,
                                          value=(number if field == "points" and value else value or None)))
        return out
    if op == "split":
        at = int(_text(form, "at") or 0)
        points = _text(form, "new_points")
        value = {"name": _text(form, "new_name") or None, "points": float(points) if points else None}
        return [new_correction(doc_id, "split", author, target=target, index=at, value=value)]
    if op == "merge":
        return [new_correction(doc_id, "merge", author, target=target)]
    if op == "column_role":
        role = _text(form, "role")
        value = None if role in ("", "ignore") else Role(role).value
        return [new_correction(doc_id, "column_role", author, table_no=int(_text(form, "table_no")),
                               col=int(_text(form, "col")), value=value)]
    if op == "not_indicator_table":
        return [new_correction(doc_id, "not_indicator_table", author, table_no=int(_text(form, "table_no")),
                               value=_text(form, "value") != "false")]
    raise CorrectionError(f"未知的操作“{op}”")


async def withdraw(request: Request) -> Response:
    lib = library(request)
    lib.withdraw(request.path_params["doc"], request.path_params["correction"])
    return Response(status_code=204, headers={"HX-Refresh": "true"})


async def page_image(request: Request) -> Response:
    lib, doc_id = library(request), request.path_params["doc"]
    doc = lib.document(doc_id)
    path = lib.source_path(doc_id) if doc and doc["format"] == "pdf" else None
    if path is None:
        raise HTTPException(404, "找不到原文件")
    try:
        data = render_page(path, int(request.path_params["n"]), lib.files / "pages" / doc_id)
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from exc
    return Response(data, media_type="image/png", headers={"Cache-Control": "private, max-age=86400"})


async def export(request: Request) -> Response:
    from tempfile import TemporaryDirectory
    from pathlib import Path

    from ...export import write_json, write_xlsx

    doc, _, table, _ = read_document(request)
    kind = request.path_params["kind"]
    stem = Path(doc["file"] or "table").stem or "table"
    with TemporaryDirectory() as tmp:
        if kind == "xlsx":
            data = write_xlsx(table, Path(tmp) / "t.xlsx").read_bytes()
            media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            data, media = write_json(table, Path(tmp) / "t.json").read_bytes(), "application/json"
    from urllib.parse import quote

    name = quote(f"{stem}.指标表.{kind}")
    return Response(data, media_type=media, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"})


routes = [Route("/doc/{doc}", review), Route("/doc/{doc}/correct", correct, methods=["POST"]),
          Route("/doc/{doc}/withdraw/{correction}", withdraw, methods=["POST"]),
          Route("/doc/{doc}/page/{n:int}.png", page_image),
          Route("/doc/{doc}/export.{kind:str}", export)]
