"""The rulebook as a workbook a person edits: 规则 (one row per rule), 方案规则, 说明, and a hidden 数据 sheet.

The hidden sheet holds every field exactly as written, flattened into plain cells (no JSON). On import a cell
that still shows what was written gives back the exact value, and a cell a person changed is read from what
they typed; so YAML → XLSX → YAML is identical for any text, and an edit is never lost or half-read.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from schemas.rules import RuleAtom, Rulebook, RuleItem, SchemeRule

from ..excel import Book, Column, read_cell
from . import bookmachine
from .bookcells import Bad, Field, same
from .bookmachine import KEY
from .bookfields import (ATOM_FIELDS, DOC_FIELDS, IMPLIED_DIRECTION, ITEM_FIELDS, SCHEME_FIELDS, SCHEME_GROUP,
                         SOURCE_LABEL)

RULES, SCHEME, ABOUT, DATA = "规则", "方案规则", "说明", "数据"
DOC_KEY = "文档"
_KEY = re.compile(r"^([IS]\d+)(?:A\d+)?$")


class CellErrors(Exception):
    """Cells that did not read: each message names its sheet, row and column."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


# ---- writing -------------------------------------------------------------------------------------------------

def write_xlsx(book: Rulebook, path: Path) -> None:
    """Given a rulebook, write the workbook: visible sheets to edit, the exact data on a hidden sheet."""
    data = book.model_dump(mode="json")
    machine: list[tuple[str, Any]] = [(DOC_KEY, _doc_record(book))]
    rule_rows, scheme_rows = [], []
    for i, item in enumerate(data["items"], start=1):
        head = [f.show(item[f.key]) for f in ITEM_FIELDS]
        machine.append((f"I{i}", _minimal(RuleItem, {**item, "atoms": []}, drop="atoms")))
        for j, atom in enumerate(item["atoms"] or [None], start=1):
            key = f"I{i}A{j}" if atom else f"I{i}"
            if atom:
                machine.append((key, _minimal(RuleAtom, atom)))
            rule_rows.append(head + _atom_cells(atom) + [key])
    for k, rule in enumerate(data["scheme_rules"], start=1):
        head = [k] + [f.show(rule[f.key]) for f in SCHEME_FIELDS]
        machine.append((f"S{k}", _minimal(SchemeRule, {**rule, "atoms": []}, drop="atoms")))
        for j, atom in enumerate(rule["atoms"] or [None], start=1):
            key = f"S{k}A{j}" if atom else f"S{k}"
            if atom:
                machine.append((key, _minimal(RuleAtom, atom)))
            scheme_rows.append(head + _atom_cells(atom) + [key])
    title = f"规则手册：{book.meta.title}" if book.meta.title else "规则手册"
    key_column = Column(KEY, hidden=True)
    with Book(path) as wb:
        wb.sheet(RULES, [f.column for f in ITEM_FIELDS + ATOM_FIELDS] + [key_column], rule_rows, title=title,
                 notes=["每行一条规则；同一指标的几条规则写在相邻行（指标ID相同）。复制一行可增加一条规则。",
                        "改完可直接计分：kaoping score 本文件 事件.csv；或导入为 YAML：kaoping rules import 本文件 -o 规则.yaml"],
                 freeze_cols=3)
        wb.sheet(SCHEME, [SCHEME_GROUP] + [f.column for f in SCHEME_FIELDS + ATOM_FIELDS] + [key_column],
                 scheme_rows, title="方案规则（类别封顶、测评权重、等次、奖励、一票否决、方案中的加扣分）", freeze_cols=2)
        wb.sheet(ABOUT, ["项目", "内容"], _about_rows(data), title=title, max_width=80, notes=[
            "计分期间不填时按考评频次（月度 → 按月，季度 → 按季度，其余按年）；基础分是每个考评期间的起始分。",
            "下拉列表、数字列请按提示填写；导入时每个填错的单元格都会列出（工作表、行、列和原因）。"])
        depth = bookmachine.depth_of(machine)
        wb.sheet(DATA, bookmachine.headers(depth), bookmachine.rows(machine, depth), hidden=True,
                 title="程序数据：保证未改动的单元格原样读回，请勿修改")


def _atom_cells(atom: dict | None) -> list:
    return [f.show(atom[f.key]) for f in ATOM_FIELDS] if atom else [None] * len(ATOM_FIELDS)


def _about_rows(data: dict) -> list[list]:
    rows = [[label, show(_get(data, path_))] for label, path_, show, _ in DOC_FIELDS]
    rows.insert(3, [SOURCE_LABEL, (data.get("source") or {}).get("file")])
    return rows


def _get(data: dict, path_: tuple[str, ...]) -> Any:
    """Given the rulebook JSON and a path, return the value there (scoring defaults when not set)."""
    from schemas.rules import ScoringSettings

    node = data.get(path_[0])
    if node is None and path_[0] == "scoring":
        node = ScoringSettings().model_dump(mode="json")
    return (node or {}).get(path_[1])


def _doc_record(book: Rulebook) -> dict:
    shell = Rulebook(source=book.source, meta=book.meta, scoring=book.scoring, version=book.version)
    return {k: v for k, v in shell.model_dump(mode="json", exclude_defaults=True).items()
            if k not in ("items", "scheme_rules")}


def _minimal(model, data: dict, drop: str | None = None) -> dict:
    """Given a model class and its JSON, return the JSON without default values (they come back on reading)."""
    out = model.model_validate(data).model_dump(mode="json", exclude_defaults=True)
    out.pop(drop, None)
    return out


# ---- reading -------------------------------------------------------------------------------------------------

def read_xlsx(wb, name: str) -> Rulebook:
    """Given an open workbook (openpyxl, read-only, values) and its file name, return the Rulebook.

    Raise CellErrors listing every cell that does not read."""
    machine = bookmachine.read(wb[DATA]) if DATA in wb.sheetnames else {}
    errors: list[str] = []
    doc = _read_doc(wb[ABOUT] if ABOUT in wb.sheetnames else None, machine.get(DOC_KEY, {}), errors)
    file = (doc.get("source") or {}).get("file") or name
    items = [_item(group, machine, errors, file) for group in _groups(wb[RULES], RULES, ITEM_FIELDS[0].column.header,
                                                                       errors)]
    scheme = [] if SCHEME not in wb.sheetnames else [
        _scheme(group, machine, errors, file) for group in _groups(wb[SCHEME], SCHEME, SCHEME_GROUP.header, errors)]
    if errors:
        raise CellErrors(errors)
    data = {**doc, "items": items, "scheme_rules": scheme}
    return Rulebook.model_validate(data)


class _Row:
    """One visible row: its number, cells by header, and its key into the hidden sheet."""

    def __init__(self, sheet: str, number: int, cells: dict[str, Any]):
        self.sheet, self.number, self.cells = sheet, number, cells
        self.key = cells.get(KEY)

    def where(self, header: str) -> str:
        return f"工作表 {self.sheet} 行{self.number} 列「{header}」"


def _groups(ws, sheet: str, group_header: str, errors: list[str]) -> list[list[_Row]]:
    """Given a sheet, return its non-empty rows grouped: consecutive rows with the same group cell."""
    rows = ws.iter_rows(values_only=True)
    header: list = []
    number = 0
    for number, row in enumerate(rows, start=1):
        if row and group_header in row:
            header = [read_cell(v) for v in row]
            break
    if not header:
        errors.append(f"工作表 {sheet}：找不到表头（应有「{group_header}」列）")
        return []
    groups: list[list[_Row]] = []
    last = object()
    for number, values in enumerate(rows, start=number + 1):
        cells = {h: read_cell(v) for h, v in zip(header, values) if h is not None}
        if all(v is None for h, v in cells.items() if h != KEY):
            continue
        row = _Row(sheet, number, cells)
        group = cells.get(group_header)
        if group is None and sheet == RULES:
            errors.append(f"{row.where(group_header)}：不能为空")
            continue
        if group is None or group != last:
            groups.append([])
        groups[-1].append(row)
        last = group
    return groups


def _exact(machine: dict, key: str | None, model) -> dict | None:
    """The exact JSON a key was written from (full, with defaults), or None for a row added by hand."""
    record = machine.get(key) if key else None
    if record is None:
        return None
    try:
        return model.model_validate(record).model_dump(mode="json")
    except ValidationError:
        return None


def _head(group: list[_Row], fields: list[Field], exact: dict | None, errors: list[str], file: str) -> dict:
    """Given a group of rows and its exact head (item or scheme rule), return the head's fields: edited cells
    win; rows of one group that were edited to different values are an error."""
    out = dict(exact or {})
    for field in fields:
        header = field.column.header
        if header not in group[0].cells:
            continue
        if exact is not None:
            rows = [row for row in group if not same(row.cells[header], field.show(exact[field.key]))]
            if not rows:
                continue
        else:
            first = group[0].cells[header]
            rows = group[:1] + [row for row in group[1:] if not same(row.cells[header], first)]
        values = [_read(field, row, errors, file) for row in rows]
        if any(v != values[0] for v in values[1:]):
            bad = next(row for row, v in zip(rows, values) if v != values[0])
            errors.append(f"{bad.where(header)}：同一{'指标' if fields is ITEM_FIELDS else '方案规则'}的各行填得不一样"
                          f"（第{rows[0].number}行是“{rows[0].cells[header]}”），请改成一致")
        _set(out, field.key, values[0])
    return out


def _read(field: Field, row: _Row, errors: list[str], file: str) -> Any:
    value = row.cells[field.column.header]
    try:
        return field.read(value, file) if field.key == "prov" else field.read(value)
    except Bad as exc:
        errors.append(f"{row.where(field.column.header)}：{exc}")
        return _FAILED


_FAILED = object()


def _set(out: dict, key: str, value: Any) -> None:
    if value is _FAILED:
        return
    if value is None:
        out.pop(key, None)  # every nullable field defaults to None; the others get their default
    else:
        out[key] = value


def _atom(row: _Row, machine: dict, errors: list[str], file: str) -> dict | None:
    """Given a row, return its rule atom's JSON, or None when the row holds no rule."""
    if all(row.cells.get(f.column.header) is None for f in ATOM_FIELDS):
        return None
    exact = _exact(machine, row.key if row.key and "A" in row.key else None, RuleAtom)
    out = dict(exact or {})
    edited = set()
    for field in ATOM_FIELDS:
        header = field.column.header
        if header not in row.cells:
            continue
        if exact is not None and same(row.cells[header], field.show(exact[field.key])):
            continue
        edited.add(field.key)
        _set(out, field.key, _read(field, row, errors, file))
    implied = IMPLIED_DIRECTION.get(out.get("kind"))
    if implied and out.get("direction") != implied:
        if "direction" in edited and out.get("direction") is not None:
            errors.append(f"{row.where('方向')}：与规则类型“{row.cells.get('规则类型')}”矛盾")
        out["direction"] = implied
    out.setdefault("text", "")
    _check(RuleAtom, out, row, ATOM_FIELDS, errors)
    return out


def _check(model, data: dict, row: _Row, fields: list[Field], errors: list[str]) -> None:
    """Validate one record; report each problem at the cell of its field."""
    try:
        model.model_validate(data)
    except ValidationError as exc:
        headers = {f.key: f.column.header for f in fields}
        for e in exc.errors():
            header = headers.get(str(e["loc"][0]) if e["loc"] else "", fields[0].column.header)
            reason = "不能为空" if e["type"] == "missing" else f"不符合要求（{e['msg']}）"
            errors.append(f"{row.where(header)}：{reason}")


def _item(group: list[_Row], machine: dict, errors: list[str], file: str) -> dict:
    key = next((m.group(1) for row in group if row.key and (m := _KEY.match(str(row.key)))), None)
    head = _head(group, ITEM_FIELDS, _exact(machine, key if key and key.startswith("I") else None, RuleItem),
                 errors, file)
    _check(RuleItem, {**head, "atoms": []}, group[0], ITEM_FIELDS, errors)
    head["atoms"] = [a for row in group if (a := _atom(row, machine, errors, file)) is not None]
    return head


def _scheme(group: list[_Row], machine: dict, errors: list[str], file: str) -> dict:
    key = next((m.group(1) for row in group if row.key and (m := _KEY.match(str(row.key)))), None)
    head = _head(group, SCHEME_FIELDS, _exact(machine, key if key and key.startswith("S") else None, SchemeRule),
                 errors, file)
    _check(SchemeRule, {**head, "atoms": []}, group[0], SCHEME_FIELDS, errors)
    head["atoms"] = [a for row in group if (a := _atom(row, machine, errors, file)) is not None]
    return head


def _read_doc(ws, exact: dict, errors: list[str]) -> dict:
    """Given the 说明 sheet and the exact document record, return source, meta and scoring with edits applied."""
    doc = Rulebook.model_validate({**exact, "items": [], "scheme_rules": []}).model_dump(mode="json")
    doc.pop("items"), doc.pop("scheme_rules")
    if ws is None:
        return doc
    cells: dict[str, tuple[int, Any]] = {}
    for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if row and row[0] is not None and len(row) > 1:
            cells[str(read_cell(row[0]))] = (number, read_cell(row[1]))
    shown_source = (doc.get("source") or {}).get("file")
    if exact and SOURCE_LABEL in cells and not same(cells[SOURCE_LABEL][1], shown_source):
        errors.append(f"工作表 {ABOUT} 行{cells[SOURCE_LABEL][0]} 列「内容」：“{SOURCE_LABEL}”由程序填写，不能修改")
    for label, (part, key), show, read in DOC_FIELDS:
        if label not in cells:
            continue
        number, value = cells[label]
        if same(value, show(_get(doc, (part, key)))):
            continue
        try:
            parsed = read(value)
        except Bad as exc:
            errors.append(f"工作表 {ABOUT} 行{number} 列「内容」（{label}）：{exc}")
            continue
        if doc.get(part) is None:
            from schemas.rules import ScoringSettings

            doc[part] = ScoringSettings().model_dump(mode="json")
        _set(doc[part], key, parsed)
    return doc
