"""A person's corrections as a layer over the extraction: stored in the archive DuckDB by content hash,
applied to whatever the current kaoping reads, and exported beside the extracted values.

Indicators are found by their anchor (the source cells of their name, criteria and content), not by
their id, so a correction still lands on its row when a newer kaoping numbers the rows differently;
a correction whose row is gone is kept and shown as orphaned, never applied somewhere else.
"""
from __future__ import annotations

import json
import uuid
from datetime import datetime

from schemas.common import ProvenanceItem
from schemas.corrections import Correction, CorrectionOp, CorrectionStatus
from schemas.indicators import Category, Indicator, IndicatorTable
from schemas.raw import RawDocument
from schemas.rules import RuleAtom, Rulebook

SET_FIELDS = {"name": "指标名称", "points": "分值", "department": "责任部门", "category": "类别"}
STRUCTURAL = (CorrectionOp.COLUMN_ROLE, CorrectionOp.NOT_INDICATOR_TABLE)
_COLUMNS = ["correction_id", "doc_id", "op", "target", "table_no", "col", "field", "position", "value",
            "before_value", "author", "created_at", "kaoping_version"]


class CorrectionError(ValueError):
    """A correction that cannot be made; the message is Chinese and says why."""


def kaoping_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kaoping")
    except PackageNotFoundError:  # running from a source tree without an install
        return ""


def new_correction(doc_id: str, op: CorrectionOp | str, author: str, **fields) -> Correction:
    """Given what was changed, return a Correction stamped with an id, the time and this kaoping's version."""
    return Correction(id=uuid.uuid4().hex, doc_id=doc_id, op=CorrectionOp(op), author=author.strip() or "未署名",
                      created_at=datetime.now().replace(microsecond=0), kaoping_version=kaoping_version(), **fields)


# -- storage --------------------------------------------------------------------------------------
def save_correction(con, c: Correction) -> None:
    """Store one correction in the archive's corrections table (parameters only: values are user text)."""
    row = [c.id, c.doc_id, c.op.value, c.target, c.table_no, c.col, c.field, c.index,
           json.dumps(c.value, ensure_ascii=False), json.dumps(c.before, ensure_ascii=False), c.author,
           c.created_at, c.kaoping_version]
    con.execute(f"INSERT INTO corrections ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' for _ in _COLUMNS)})", row)


def load_corrections(con, doc_id: str) -> list[Correction]:
    """Given a document's content hash, return its corrections in the order they were made."""
    rows = con.execute(f"SELECT {', '.join(_COLUMNS)} FROM corrections WHERE doc_id = ? ORDER BY created_at, "
                       "correction_id", [doc_id]).fetchall()
    out = []
    for r in rows:
        data = dict(zip(_COLUMNS, r))
        out.append(Correction(id=data["correction_id"], doc_id=data["doc_id"], op=data["op"], target=data["target"],
                              table_no=data["table_no"], col=data["col"], field=data["field"], index=data["position"],
                              value=json.loads(data["value"] or "null"), before=json.loads(data["before_value"] or "null"),
                              author=data["author"], created_at=data["created_at"],
                              kaoping_version=data["kaoping_version"] or ""))
    return out


def delete_correction(con, doc_id: str, correction_id: str) -> None:
    """Withdraw one correction of a document (撤销)."""
    con.execute("DELETE FROM corrections WHERE doc_id = ? AND correction_id = ?", [doc_id, correction_id])


# -- anchors --------------------------------------------------------------------------------------
def _loc(prov: ProvenanceItem) -> str:
    if prov.table_no is not None:
        return f"t{prov.table_no}r{prov.row}c{prov.col}"
    return f"p{prov.paragraph_no}" if prov.paragraph_no is not None else ""


def anchors(indicators: list[Indicator]) -> list[str]:
    """Given indicators, return each one's anchor: the cells of its name, criteria and content ('t0r3c1/t0r3c4'),
    '#2' on a repeat, '~N' for a row split off by a person; the id when it has no cells."""
    out, seen = [], {}
    for ind in indicators:
        base_id, _, split = ind.id.partition("~")
        cells = "/".join(filter(None, (_loc(ind.prov[k]) for k in ("name", "criteria", "content") if k in ind.prov)))
        key = cells or base_id
        if not split:
            seen[key] = seen.get(key, 0) + 1
            key += f"#{seen[key]}" if seen[key] > 1 else ""
            out.append(key)
        else:
            parent = next((a for a, i in zip(out, indicators) if i.id == base_id), key)
            out.append(f"{parent}~{split}")
    return out


def _find(indicators: list[Indicator], target: str | None) -> int | None:
    """Given indicators and a correction's target (anchor or id), return the position it names."""
    if target is None:
        return None
    for n, (a, ind) in enumerate(zip(anchors(indicators), indicators)):
        if target in (a, ind.id):
            return n
    return None


# -- applying -------------------------------------------------------------------------------------
def _number(value) -> float | None:
    if value in (None, ""):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise CorrectionError(f"分值“{value}”不是数字") from None


def _set(table: IndicatorTable, n: int, c: Correction):
    ind = table.indicators[n]
    if c.field == "points":
        before, ind.points = ind.points, _number(c.value)
        ind.points_text = None if ind.points is None else f"{ind.points:g}"
    elif c.field == "category":
        before = " ▸ ".join(ind.category_path)
        names = [p.strip() for p in str(c.value or "").replace(">", "▸").split("▸") if p.strip()]
        old = ind.categories
        ind.categories = [Category(name=name, points=old[k].points if k < len(old) else None,
                                   prov=old[k].prov if k < len(old) else None) for k, name in enumerate(names)]
    elif c.field in ("name", "department"):
        before = getattr(ind, c.field)
        setattr(ind, c.field, str(c.value).strip() or None if c.value is not None else None)
    else:
        raise CorrectionError(f"不能更正字段“{c.field}”，可更正：{'、'.join(SET_FIELDS.values())}")
    return before


def _split(table: IndicatorTable, n: int, c: Correction):
    ind = table.indicators[n]
    text = ind.criteria or ""
    at = c.index or 0
    if not 0 < at < len(text):
        raise CorrectionError(f"拆分位置 {at} 不在评分标准文字之内（共 {len(text)} 字）")
    siblings = sum(i.id.startswith(ind.id.partition("~")[0] + "~") for i in table.indicators)
    extra = c.value if isinstance(c.value, dict) else {}
    prov = dict(ind.prov)
    if "criteria" in prov:
        prov["criteria"] = prov["criteria"].model_copy(update={"charspan": (at, len(text))})
    new = ind.model_copy(deep=True, update={
        "id": f"{ind.id.partition('~')[0]}~{siblings + 1}", "criteria": text[at:].strip(), "prov": prov,
        "name": (str(extra.get("name") or "").strip() or ind.name), "points": _number(extra.get("points")),
        "points_text": None, "number": None})
    ind.criteria = text[:at].strip()
    table.indicators.insert(n + 1, new)
    return text


def _merge(table: IndicatorTable, n: int, c: Correction):
    if n + 1 >= len(table.indicators) or table.indicators[n + 1].section_id != table.indicators[n].section_id:
        raise CorrectionError("这一行后面没有同一部分的指标，无法合并")
    ind, nxt = table.indicators[n], table.indicators.pop(n + 1)
    joined = lambda a, b: "\n".join(x for x in (a, b) if x) or None  # noqa: E731
    ind.criteria, ind.content = joined(ind.criteria, nxt.criteria), joined(ind.content, nxt.content)
    if ind.points is not None or nxt.points is not None:
        ind.points = round((ind.points or 0.0) + (nxt.points or 0.0), 4)
    ind.name = ind.name or nxt.name
    return {"name": nxt.name, "points": nxt.points, "criteria": nxt.criteria}


_ROW_OPS = {CorrectionOp.SET: _set, CorrectionOp.SPLIT: _split, CorrectionOp.MERGE: _merge}


def apply_corrections(table: IndicatorTable, corrections: list[Correction]) -> IndicatorTable:
    """Given an extracted table and its corrections, return the corrected table; ``corrections`` on it lists
    each one with the value it replaced, or as orphaned with the reason."""
    out = table.model_copy(deep=True)
    row_ids = {r.id for r in out.results}
    done = []
    for c in sorted(corrections, key=lambda c: c.created_at):
        n = _find(out.indicators, c.target)
        try:
            if c.op in STRUCTURAL:
                done.append(c)
            elif c.op is CorrectionOp.ATOM:
                found = n is not None or c.target in row_ids
                done.append(c if found else _orphan(c, "找不到这一指标，规则更正未应用"))
            elif n is None:
                done.append(_orphan(c, "重新提取后找不到这一行，更正未应用"))
            else:
                done.append(c.model_copy(update={"before": _ROW_OPS[c.op](out, n, c),
                                                 "status": CorrectionStatus.APPLIED}))
        except CorrectionError as exc:
            done.append(_orphan(c, str(exc)))
    out.corrections = done
    return out


def _orphan(c: Correction, note: str) -> Correction:
    return c.model_copy(update={"status": CorrectionStatus.ORPHANED, "note": note})


def build_overrides(corrections: list[Correction]) -> dict:
    """Given corrections, return the builder's overrides: column roles per table and tables to skip."""
    from .indicators.columns import Role

    roles: dict[int, dict[int, Role | None]] = {}
    skip = set()
    for c in sorted(corrections, key=lambda c: c.created_at):
        if c.op is CorrectionOp.COLUMN_ROLE and c.table_no is not None and c.col is not None:
            roles.setdefault(c.table_no, {})[c.col] = Role(c.value) if c.value else None
        elif c.op is CorrectionOp.NOT_INDICATOR_TABLE and c.table_no is not None:
            if c.value is False:
                skip.discard(c.table_no)
            else:
                skip.add(c.table_no)
    return {"column_roles": roles, "skip_tables": frozenset(skip)}


def corrected_table(raw: RawDocument, corrections: list[Correction]) -> IndicatorTable:
    """Given a raw document and its corrections, read its table with the person's column roles and skipped
    tables, then apply the row corrections."""
    from .indicators import build_indicator_table

    return apply_corrections(build_indicator_table(raw, **build_overrides(corrections)), corrections)


def corrected_rulebook(table: IndicatorTable, raw: RawDocument | None = None) -> Rulebook:
    """Given a corrected table (corrections applied), return its rulebook with the edited atoms in place:
    the rulebook scoring uses."""
    from .scoring.forms import form_rulebook

    book = form_rulebook(table, raw)
    ids = dict(zip(anchors(table.indicators), (i.id for i in table.indicators)))
    items = {item.indicator_id: item for item in book.items}
    for c in table.corrections:
        if c.op is not CorrectionOp.ATOM or c.status is not CorrectionStatus.APPLIED:
            continue
        item = items.get(ids.get(c.target, c.target))
        if item is None:
            continue
        at = c.index if c.index is not None else len(item.atoms)
        if c.value is None:
            if at < len(item.atoms):
                del item.atoms[at]
            continue
        atom = RuleAtom.model_validate(c.value)
        if at < len(item.atoms):
            item.atoms[at] = atom.model_copy(update={"prov": atom.prov or item.atoms[at].prov})
        else:
            item.atoms.append(atom.model_copy(update={"prov": atom.prov or item.reference}))
    return book


def corrections_by_indicator(table: IndicatorTable) -> dict[str, list[Correction]]:
    """Given a corrected table, return indicator id → the applied row corrections made to it."""
    ids = dict(zip(anchors(table.indicators), (i.id for i in table.indicators)))
    out: dict[str, list[Correction]] = {}
    for c in table.corrections:
        if c.status is CorrectionStatus.APPLIED and c.op in _ROW_OPS and c.target in ids:
            out.setdefault(ids[c.target], []).append(c)
    return out
