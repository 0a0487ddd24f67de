"""规则: each clause beside its atoms, unparsed and lint findings marked, atoms edited through a form."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.routing import Route

from schemas.rules import RuleKind

from ...corrections import anchors, new_correction
from ...rules.bookio import ATOM_COLUMNS, DIRECTION_LABELS, ITEM_CAP, KIND_LABELS, PERIOD_LABELS, BookError
from ...rules.bookio import atom_cells, atom_from_cells
from ...rules.lint import ERROR, lint_rulebook
from ..app import author_of, library, page
from .review import read_document

# The form shows the fields a person edits; the rest of an atom (tiers of ranks, grades, weights) is kept.
FORM_FIELDS = ["kind", "direction", "points", "per", "cap", "range", "thresholds", "metric", "period"]
LABELS = dict(ATOM_COLUMNS)


def _items(request: Request, only: str | None = None) -> dict:
    doc, raw, table, book = read_document(request)
    anchor_of = dict(zip((i.id for i in table.indicators), anchors(table.indicators)))
    issues = lint_rulebook(book, table, raw)
    items = []
    for item in book.items:
        anchor = anchor_of.get(item.indicator_id, item.indicator_id)
        if only is not None and anchor != only:
            continue
        where = " ▸ ".join(item.path) or item.indicator_id
        atoms = [{"atom": a, "cells": atom_cells(a), "unparsed": a.kind is RuleKind.UNPARSED} for a in item.atoms]
        items.append({"item": item, "anchor": anchor, "atoms": atoms,
                      "issues": [i for i in issues if i.where.startswith(where)],
                      "unparsed": any(a["unparsed"] for a in atoms)})
    return {"doc": doc, "book": book, "items": items, "issues": issues, "ERROR": ERROR,
            "kinds": KIND_LABELS, "directions": DIRECTION_LABELS, "periods": PERIOD_LABELS, "item_cap": ITEM_CAP,
            "form_fields": FORM_FIELDS, "labels": LABELS}


async def rules_page(request: Request):
    ctx = _items(request)
    unparsed = sum(a["unparsed"] for i in ctx["items"] for a in i["atoms"])
    return page(request, "rules.html", **ctx, unparsed=unparsed)


async def edit_atom(request: Request):
    """Store an edited, added or deleted atom as a correction; answer with the item read again."""
    form = await request.form(max_files=0, max_fields=30)
    lib, doc_id = library(request), request.path_params["doc"]
    if lib.document(doc_id) is None:
        raise HTTPException(404, "档案库中没有这份文档")
    target = str(form.get("target", ""))[:300]
    index = int(str(form.get("index") or 0))
    error = None
    if form.get("delete"):
        value = None
    else:
        _, _, table, book = read_document(request)
        ids = dict(zip(anchors(table.indicators), (i.id for i in table.indicators)))
        item = next((i for i in book.items if i.indicator_id == ids.get(target, target)), None)
        old = item.atoms[index] if item is not None and index < len(item.atoms) else None
        # What the form does not show (the clause, its condition, ranks, grades, weights) carries over.
        kept = atom_cells(old) if old is not None else {}
        cells = {k: (str(form.get(k) or "").strip() or None) if k in FORM_FIELDS else kept.get(k) for k in LABELS}
        cells["text"] = kept.get("text") or str(form.get("text", "")).strip()[:500]
        try:
            value = atom_from_cells(cells, f"第{index + 1}条规则").model_dump(mode="json")
        except BookError as exc:
            value, error = None, str(exc)
    if error is None:
        lib.correct(new_correction(doc_id, "atom", author_of(request), target=target, index=index, value=value))
    ctx = _items(request, only=target)
    return page(request, "_rule_item.html", **ctx, entry=ctx["items"][0] if ctx["items"] else None, error=error)


routes = [Route("/doc/{doc}/rules", rules_page), Route("/doc/{doc}/rules/atom", edit_atom, methods=["POST"])]
