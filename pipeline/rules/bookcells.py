"""Rulebook fields as editable cells and back: each field has a Chinese column, a way to show its value in a
cell (labels, 1-4, <0.9:2; <0.7:4, 表1 行3 列5) and a way to read what a person typed, with a Chinese reason
when it does not read."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from schemas.common import ProvenanceItem

from .. import labels
from ..excel import Column

ITEM_CAP = "扣完为止"
FULL = "满分"
NONE = "-"  # a tier without points
_SEP = re.compile(r"\s*[;；]\s*")
_PAIR = re.compile(r"^(.*?)\s*[:：]\s*(\S*)$", re.S)
_NUMBER = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*(分|%|％)?\s*$")
_THRESHOLD = re.compile(r"^(<=|>=|==|!=|<|>|≤|≥|＜|＞)\s*(-?[\d.]+(?:[eE]-?\d+)?)\s*(%|％)?\s*(?:[:：]\s*(\S+))?$")
_OPS = {"≤": "<=", "≥": ">=", "＜": "<", "＞": ">"}
_RANK = re.compile(r"^(倒数)?\s*第?\s*(\d+)\s*(?:[-~～至到]\s*(\d+))?\s*名?$")
_RANGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:分)?\s*[-~～至到]\s*(\d+(?:\.\d+)?)\s*分?\s*$")
_PLACE = re.compile(r"工作表(?P<sheet>\S+)|第(?P<page>\d+)页|表(?P<table>\d+)|行(?P<row>\d+)|列(?P<col>\d+)|段(?P<para>\d+)")


class Bad(ValueError):
    """A cell that does not read; the message says what was expected (Chinese)."""


@dataclass(frozen=True)
class Field:
    """A model field as a workbook column: ``show`` turns its JSON value into a cell, ``read`` reads a cell back."""

    key: str
    column: Column
    show: Callable[[Any], Any]
    read: Callable[[Any], Any]


def num(value: float) -> str:
    """Given a number, return its shortest exact text (2 for 2.0)."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def same(cell: Any, shown: Any) -> bool:
    """Whether a cell read back still holds what was written (numbers within Excel's 16 digits)."""
    from ..excel import as_stored

    shown = as_stored(shown)
    if cell == shown:
        return True
    return cell is not None and shown is not None and str(cell) == str(shown)


def text(value: Any) -> str | None:
    return None if value is None else str(value)


def number(value: Any) -> float | None:
    """Given a cell, return its number ('5', '5分' and '60%' read too)."""
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            raise Bad(f"应为数字，而不是“{value}”")
        return None
    if isinstance(value, (int, float)):
        return float(value)
    m = _NUMBER.match(str(value))
    if not m:
        raise Bad(f"应为数字，而不是“{value}”")
    amount = float(m.group(1))
    return amount / 100 if m.group(2) in ("%", "％") else amount


def integer(value: Any) -> int | None:
    amount = number(value)
    if amount is None:
        return None
    if not amount.is_integer():
        raise Bad(f"应为整数，而不是“{value}”")
    return int(amount)


def coded(table: dict[str, str], old: dict[str, str] | None = None) -> tuple[Callable, Callable]:
    """Given a code → label table, return (show, read) for a drop-down column."""
    def read(value: Any) -> str | None:
        if value is None:
            return None
        code = labels.code_of(table, value, old)
        if code is None:
            raise Bad(f"无法识别“{value}”，可选：{'、'.join(table.values())}")
        return code
    return (lambda code: labels.label(table, code)), read


def show_cap(cap: Any) -> Any:
    return ITEM_CAP if cap == "item" else cap


def read_cap(value: Any) -> Any:
    if isinstance(value, str) and value.strip() == ITEM_CAP:
        return "item"
    try:
        return number(value)
    except Bad:
        raise Bad(f"上限应为数字或“{ITEM_CAP}”，而不是“{value}”") from None


def show_range(pair: Any) -> str | None:
    return f"{num(pair[0])}-{num(pair[1])}" if pair else None


def read_range(value: Any) -> list[float] | None:
    if value is None:
        return None
    m = _RANGE.match(str(value))
    if not m:
        raise Bad(f"分值范围“{value}”应写成 1-4")
    return [float(m.group(1)), float(m.group(2))]


def show_thresholds(thresholds: list[dict]) -> str | None:
    """Given thresholds, return them as editable text: '<0.9:2; <0.7:4' ('-' = no points)."""
    return "; ".join(f"{t['op']}{num(t['value'])}:{NONE if t.get('points') is None else num(t['points'])}"
                     for t in thresholds or ()) or None


def read_thresholds(value: Any) -> list[dict]:
    out = []
    for part in filter(None, _SEP.split(str(value or "").strip())):
        m = _THRESHOLD.match(part)
        if not m or not _is_points(m.group(4)):
            raise Bad(f"阈值“{part}”应写成 <0.9:2（比较符 数值:分值，比率写小数或百分数，无分值写 {NONE}）")
        amount = float(m.group(2)) / (100 if m.group(3) else 1)
        out.append({"op": _OPS.get(m.group(1), m.group(1)), "value": amount, "points": _points(m.group(4))})
    return out


def show_bound(bound: dict | None) -> str | None:
    """Given where a per-step rule starts, return '<0.95'."""
    return f"{bound['op']}{num(bound['value'])}" if bound else None


def read_bound(value: Any) -> dict | None:
    if value is None:
        return None
    m = _THRESHOLD.match(str(value).strip())
    if not m or m.group(4):
        raise Bad(f"起点“{value}”应写成 <0.95（比较符 数值，比率可写 95%）")
    return {"op": _OPS.get(m.group(1), m.group(1)), "value": float(m.group(2)) / (100 if m.group(3) else 1)}


def show_parts(parts: list[dict]) -> str | None:
    """Given the parts of a weighted total, return '季度:20%; 业务考核:70分' ('-' = neither stated)."""
    shown = []
    for p in parts or ():
        value = (f"{num(round(p['weight'] * 100, 10))}%" if p.get("weight") is not None else
                 f"{num(p['points'])}分" if p.get("points") is not None else NONE)
        shown.append(f"{p['label']}:{value}")
    return "; ".join(shown) or None


def read_parts(value: Any) -> list[dict]:
    out = []
    for part in filter(None, _SEP.split(str(value or "").strip())):
        m = _PAIR.match(part)
        amount = _NUMBER.match(m.group(2)) if m and m.group(2) not in ("", NONE) else None
        if not m or not m.group(1).strip() or (m.group(2) not in ("", NONE) and not amount):
            raise Bad(f"分项“{part}”应写成 季度:20% 或 业务考核:70分")
        entry = {"label": m.group(1).strip(), "weight": None, "points": None}
        if amount and amount.group(2) == "分":
            entry["points"] = float(amount.group(1))
        elif amount:
            share = number(m.group(2))
            entry["weight"] = share / 100 if share > 1 else share  # 季度:20 means 20%
        out.append(entry)
    return out


def show_ranks(ranks: list[dict]) -> str | None:
    """Given rank tiers, return '第1-3名:3; 倒数第1名:-'."""
    parts = []
    for r in ranks or ():
        span = f"{r['rank_from']}" if r["rank_from"] == r["rank_to"] else f"{r['rank_from']}-{r['rank_to']}"
        parts.append(f"{'倒数' if r.get('from_bottom') else ''}第{span}名:{_points_text(r.get('points'))}")
    return "; ".join(parts) or None


def read_ranks(value: Any) -> list[dict]:
    out = []
    for part in filter(None, _SEP.split(str(value or "").strip())):
        pair, m = _PAIR.match(part), None
        if pair:
            m = _RANK.match(pair.group(1).strip())
        if not m or not _is_points(pair.group(2)):
            raise Bad(f"名次“{part}”应写成 第1-3名:3 或 倒数第1名:-")
        low = int(m.group(2))
        out.append({"rank_from": low, "rank_to": int(m.group(3) or low), "points": _points(pair.group(2)),
                    "from_bottom": bool(m.group(1))})
    return out


def show_grades(grades: list[dict]) -> str | None:
    """Given grade tiers, return '优秀:满分; 良好:8; 一般:-'."""
    return "; ".join(f"{g['grade']}:{FULL if g.get('full') else _points_text(g.get('points'))}"
                     for g in grades or ()) or None


def read_grades(value: Any) -> list[dict]:
    out = []
    for part in filter(None, _SEP.split(str(value or "").strip())):
        m = _PAIR.match(part)
        if not m or not m.group(1).strip() or not (m.group(2) == FULL or _is_points(m.group(2))):
            raise Bad(f"等次“{part}”应写成 优秀:满分、良好:8 或 一般:{NONE}")
        full = m.group(2) == FULL
        out.append({"grade": m.group(1).strip(), "points": None if full else _points(m.group(2)), "full": full})
    return out


def show_weights(weights: dict[str, float]) -> str | None:
    """Given rater weights, return '局领导:60%; 科室互评:40%'."""
    return "; ".join(f"{k}:{num(round(v * 100, 10))}%" for k, v in (weights or {}).items()) or None


def read_weights(value: Any) -> dict[str, float]:
    out = {}
    for part in filter(None, _SEP.split(str(value or "").strip())):
        m = _PAIR.match(part)
        try:
            share = number(m.group(2)) if m and m.group(1).strip() else None
        except Bad:
            share = None
        if share is None:
            raise Bad(f"权重“{part}”应写成 局领导:60%")
        out[m.group(1).strip()] = share / 100 if share > 1 else share  # 局领导:60 means 60%
    return out


def show_place(prov: dict | None) -> str | None:
    return ProvenanceItem.model_validate(prov).label() if prov else None


def read_place(value: Any, file: str) -> dict | None:
    """Given a location cell ('第2页 表1 行3 列5') and the source file name, return the provenance."""
    if value is None:
        return None
    text_ = str(value).strip()
    if text_ == "全文":
        return {"file": file}
    found = {k: v for m in _PLACE.finditer(text_) for k, v in m.groupdict().items() if v}
    if not found or _PLACE.sub("", text_).strip():
        raise Bad(f"位置“{text_}”应写成 第2页 表1 行3 列5、段12 或 全文")
    out: dict = {"file": file}
    for key, field, shift in (("sheet", "sheet", None), ("page", "page_no", 0), ("table", "table_no", 1),
                              ("row", "row", 1), ("col", "col", 1), ("para", "paragraph_no", 0)):
        if key in found:
            out[field] = found[key] if shift is None else int(found[key]) - shift
    return out


def show_path(path: list[str]) -> str | None:
    return " ▸ ".join(path) or None


def read_path(value: Any) -> list[str]:
    return [p.strip() for p in str(value or "").split("▸") if p.strip()]


def show_list(values: list[str]) -> str | None:
    return "、".join(values) or None


def read_list(value: Any) -> list[str]:
    return [p.strip() for p in re.split(r"[、，,]", str(value or "")) if p.strip()]


def show_bool(value: Any) -> str:
    return "是" if value else "否"


def read_bool(value: Any) -> bool:
    if value in ("是", True, 1):
        return True
    if value in ("否", False, 0):
        return False
    raise Bad(f"应为“是”或“否”，而不是“{value}”")


def _points_text(points: Any) -> str:
    return NONE if points is None else num(points)


def _is_points(text_: str | None) -> bool:
    return text_ in (None, "", NONE) or bool(_NUMBER.match(text_)) and "%" not in text_


def _points(text_: str | None) -> float | None:
    return None if text_ in (None, "", NONE) else number(text_)


def atom_text(atom: dict) -> str:
    """Given a rule atom's JSON, return it in words: 每次扣分 2分/次，上限 3，条件：…"""
    parts = [labels.label(labels.KIND, atom.get("kind")) or ""]
    if atom.get("subtype"):
        parts[0] += f"（{labels.label(labels.SUBTYPE, atom['subtype'])}）"
    if atom.get("points") is not None:
        parts[0] += f" {num(atom['points'])}分" + (f"/{atom['per']}" if atom.get("per") else "")
    if atom.get("cap") is not None:
        parts.append(f"上限 {show_cap(atom['cap'])}")
    if atom.get("range"):
        parts.append(f"幅度 {show_range(atom['range'])}")
    if atom.get("thresholds"):
        parts.append(f"阈值 {show_thresholds(atom['thresholds'])}")
    if atom.get("condition"):
        parts.append(f"条件：{atom['condition']}")
    return "，".join(p for p in parts if p)
