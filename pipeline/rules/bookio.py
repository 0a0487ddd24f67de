"""Rulebook ⇄ YAML and XLSX (one row per atom, Chinese headers and labels), so people can edit and re-import."""
from __future__ import annotations

import json
import re
from pathlib import Path

from pydantic import ValidationError

from schemas.rules import Rulebook

HEADER_NOTE = "# kaoping 规则手册：可手工修改，再用 `kaoping rules import 本文件 -o 新文件` 校验。\n"


class BookError(Exception):
    """A rulebook file could not be read; the message is Chinese and says where."""


KIND_LABELS = {
    "deduct_fixed": "固定扣分", "add_fixed": "固定加分", "deduct_per": "按次扣分", "add_per": "按次加分",
    "zero_item": "该项不得分", "proportional": "按比例", "tiered": "分档", "discretionary": "酌情",
    "rank": "按名次", "grade": "按等次", "veto": "否决", "cap_only": "仅上限", "weight": "权重",
    "other": "其他规则", "unparsed": "无法解析",
}
SUBTYPE_LABELS = {
    "exempt": "免扣", "no_double_count": "不重复扣分", "money_per_point": "每分折合金额", "grade_map": "分数对应等次",
    "base_score": "基础分", "uncapped": "不封顶", "multiplier": "加倍", "downgrade": "降档", "deduct_only": "只扣不加",
    "add_only": "只加不扣", "formula": "计分公式",
}
DIRECTION_LABELS = {"deduct": "扣分", "add": "加分"}
PERIOD_LABELS = {"month": "月", "quarter": "季度", "year": "年", "week": "周", "day": "日"}
ITEM_CAP = "扣完为止"

ITEM_COLUMNS = [("indicator_id", "指标ID"), ("section_id", "部分ID"), ("section_role", "部分类型"),
                ("number", "序号"), ("path", "类别路径"), ("points", "指标分值"), ("department", "责任部门"),
                ("criteria", "评分标准"), ("reference", "评分标准位置")]
ATOM_COLUMNS = [("text", "条款"), ("kind", "规则类型"), ("subtype", "规则细类"), ("direction", "方向"),
                ("points", "分值"), ("per", "计数单位"), ("start", "起点"), ("occurrence", "第几次"), ("cap", "上限"),
                ("range", "分值范围"), ("thresholds", "阈值"), ("hit_policy", "命中方式"), ("ranks", "名次"),
                ("grades", "等次"), ("weights", "权重"), ("values", "分项"), ("factor", "系数"), ("metric", "指标量"),
                ("condition", "触发条件"), ("period", "周期"), ("prov", "位置")]
SCHEME_COLUMNS = [("kind", "类型"), ("applies_to", "适用范围"), ("cap", "上限"), ("period", "周期"),
                  ("direction", "方向"), ("weights", "权重"), ("grades", "等次"), ("ranks", "名次"),
                  ("reward", "奖励"), ("atoms", "规则"), ("text", "原文"), ("prov", "位置")]
_JSON_FIELDS = {"reference", "ranks", "grades", "weights", "values", "prov", "atoms"}
_THRESHOLD = re.compile(r"^\s*(<=|>=|==|!=|<|>)\s*(-?[\d.]+(?:e-?\d+)?)\s*(?:[:：]\s*(-?[\d.]+|-))?\s*$")
_START = re.compile(r"^\s*(<=|>=|==|!=|<|>)\s*(-?[\d.]+(?:e-?\d+)?)\s*$")


def _prune(value):
    """Given JSON data, drop None, empty lists and empty mappings (defaults come back on reading)."""
    if isinstance(value, dict):
        out = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, [], {})}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def _label(mapping: dict[str, str], value):
    """Given a code→label map and a code, return the label (unknown codes pass through)."""
    return mapping.get(value, value) if value is not None else None


def _code(mapping: dict[str, str], value, where: str):
    """Given a code→label map and a cell (label or code), return the code; BookError if unknown."""
    if value in (None, ""):
        return None
    value = str(value).strip()
    if value in mapping:
        return value
    for code, label in mapping.items():
        if label == value:
            return code
    raise BookError(f"{where}：无法识别“{value}”，可选：{'、'.join(mapping.values())}")


def _num(value: float) -> str:
    """Given a float, return its shortest exact text (2 for 2.0, 0.3333333333333333 for 1/3)."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def _thresholds_text(thresholds: list[dict]) -> str | None:
    """Given thresholds, return them as editable text: '<0.9:2; <0.7:4' ('-' = no points)."""
    parts = [f"{t['op']}{_num(t['value'])}:{'-' if t.get('points') is None else _num(t['points'])}" for t in thresholds]
    return "; ".join(parts) or None


def _thresholds_cell(text, where: str) -> list[dict]:
    """Given a thresholds cell, return the thresholds; BookError naming the cell if it does not read."""
    out = []
    for part in filter(None, re.split(r"[;；]", str(text or ""))):
        m = _THRESHOLD.match(part)
        if not m:
            raise BookError(f"{where}：阈值“{part.strip()}”格式应为 <0.9:2（比较符 数值:分值，无分值写 -）")
        out.append({"op": m[1], "value": float(m[2]), "points": None if m[3] in (None, "-") else float(m[3])})
    return out


def write_rulebook(book: Rulebook, path: Path) -> None:
    """Given a rulebook and a .yaml/.yml/.xlsx path, write it there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".xlsx":
        _write_xlsx(book, path)
        return
    import yaml

    data = _prune(book.model_dump(mode="json"))
    path.write_text(HEADER_NOTE + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120),
                    encoding="utf-8")


def read_rulebook(path: Path) -> Rulebook:
    """Given a .yaml/.yml/.xlsx rulebook, return it validated; BookError with a Chinese reason otherwise."""
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path)
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise BookError(f"{path.name}：不是可读的 YAML（{str(exc).splitlines()[0]}）") from exc
    return _validated(data, path.name)


def _validated(data, name: str) -> Rulebook:
    """Given loaded data, return the Rulebook or a BookError listing the first problems in Chinese."""
    try:
        return Rulebook.model_validate(data)
    except ValidationError as exc:
        problems = "；".join(f"{'.'.join(map(str, e['loc']))}：{e['msg']}" for e in exc.errors()[:5])
        raise BookError(f"{name}：规则手册内容不符合格式（{problems}）") from exc


def _cell(value):
    """Given a JSON value for a sheet cell, return what Excel stores (lists and mappings as JSON text)."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False) if value else None
    return value


def _write_xlsx(book: Rulebook, path: Path) -> None:
    """Given a rulebook, write the 规则 / 方案规则 / 说明 sheets."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "规则"
    ws.append([label for _, label in ITEM_COLUMNS + ATOM_COLUMNS])
    for item in book.items:
        data = item.model_dump(mode="json")
        head = [_cell("/".join(data["path"]) if key == "path" else data[key]) for key, _ in ITEM_COLUMNS]
        for atom in data["atoms"] or [None]:
            ws.append(head + (_atom_cells(atom) if atom else [None] * len(ATOM_COLUMNS)))
    ws.freeze_panes = "B2"
    scheme = wb.create_sheet("方案规则")
    scheme.append([label for _, label in SCHEME_COLUMNS])
    for rule in book.scheme_rules:
        data = rule.model_dump(mode="json")
        data["applies_to"] = "、".join(data["applies_to"]) or None
        data["direction"] = _label(DIRECTION_LABELS, data["direction"])
        data["period"] = _label(PERIOD_LABELS, data["period"])
        scheme.append([_cell(data[key]) for key, _ in SCHEME_COLUMNS])
    about = wb.create_sheet("说明")
    about.append(["项目", "内容（JSON）"])
    for key in ("schema_name", "version", "source", "meta"):
        about.append([key, json.dumps(book.model_dump(mode="json")[key], ensure_ascii=False)])
    wb.save(path)


def _atom_cells(atom: dict) -> list:
    """Given an atom as JSON, return its row cells with Chinese labels and editable thresholds."""
    shown = dict(atom)
    shown["kind"] = _label(KIND_LABELS, atom["kind"])
    shown["subtype"] = _label(SUBTYPE_LABELS, atom["subtype"])
    shown["start"] = f"{atom['start']['op']}{_num(atom['start']['value'])}" if atom["start"] else None
    shown["direction"] = _label(DIRECTION_LABELS, atom["direction"])
    shown["period"] = _label(PERIOD_LABELS, atom["period"])
    shown["cap"] = ITEM_CAP if atom["cap"] == "item" else atom["cap"]
    shown["range"] = f"{_num(atom['range'][0])}-{_num(atom['range'][1])}" if atom["range"] else None
    shown["thresholds"] = _thresholds_text(atom["thresholds"])
    return [_cell(shown[key]) for key, _ in ATOM_COLUMNS]


def _read_xlsx(path: Path) -> Rulebook:
    """Given a rulebook workbook written by write_rulebook (and perhaps edited), return the Rulebook."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise BookError(f"{path.name}：无法打开工作簿（{exc}）") from exc
    for sheet in ("规则", "方案规则", "说明"):
        if sheet not in wb.sheetnames:
            raise BookError(f"{path.name}：缺少工作表“{sheet}”，请用 kaoping rules … -o 文件.xlsx 生成的工作簿")
    data = {key: json.loads(value) for key, value in list(wb["说明"].iter_rows(min_row=2, values_only=True))
            if key and value}
    data["items"] = _items(wb["规则"], path.name)
    data["scheme_rules"] = [_scheme_row(dict(zip([k for k, _ in SCHEME_COLUMNS], row)), f"{path.name} 方案规则 第{n}行")
                            for n, row in enumerate(wb["方案规则"].iter_rows(min_row=2, values_only=True), start=2)
                            if any(v not in (None, "") for v in row)]
    return _validated(data, path.name)


def _json_cell(value, where: str):
    """Given a JSON text cell, return its value; BookError naming the cell if it is not JSON."""
    if value in (None, ""):
        return None
    try:
        return json.loads(value) if isinstance(value, str) else value
    except json.JSONDecodeError as exc:
        raise BookError(f"{where}：不是有效的 JSON（{exc.msg}）") from exc


def _items(ws, name: str) -> list[dict]:
    """Given the 规则 sheet, return items with their atoms (consecutive rows of one 指标ID)."""
    keys = [k for k, _ in ITEM_COLUMNS] + [f"atom.{k}" for k, _ in ATOM_COLUMNS]
    items: list[dict] = []
    for n, row in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        cells = dict(zip(keys, row))
        if not any(v not in (None, "") for v in row):
            continue
        where = f"{name} 规则 第{n}行"
        if not items or items[-1]["indicator_id"] != cells["indicator_id"]:
            item = {k: cells[k] for k, _ in ITEM_COLUMNS}
            item["path"] = [p for p in str(item["path"] or "").split("/") if p]
            item["reference"] = _json_cell(item["reference"], where)
            item["number"] = None if item["number"] is None else str(item["number"])
            items.append({**{k: v for k, v in item.items() if v is not None}, "atoms": []})
        atom = {k[5:]: v for k, v in cells.items() if k.startswith("atom.")}
        if atom["kind"] not in (None, ""):
            items[-1]["atoms"].append(_atom_row(atom, where))
    return items


def _atom_row(atom: dict, where: str) -> dict:
    """Given an atom's cells, return it as schema JSON (labels back to codes)."""
    out = {k: v for k, v in atom.items() if v not in (None, "")}
    out["kind"] = _code(KIND_LABELS, atom["kind"], f"{where} 规则类型")
    if "subtype" in out:
        out["subtype"] = _code(SUBTYPE_LABELS, out["subtype"], f"{where} 规则细类")
    if "start" in out:
        m = _START.match(str(out["start"]))
        if not m:
            raise BookError(f"{where}：起点“{out['start']}”格式应为 <0.95（比较符 数值）")
        out["start"] = {"op": m[1], "value": float(m[2])}
    for key, mapping in (("direction", DIRECTION_LABELS), ("period", PERIOD_LABELS)):
        if key in out:
            out[key] = _code(mapping, out[key], where)
    if out.get("cap") == ITEM_CAP:
        out["cap"] = "item"
    if "range" in out:
        bounds = re.split(r"\s*[-~～至到]\s*", str(out["range"]).strip())
        if len(bounds) != 2:
            raise BookError(f"{where}：分值范围“{out['range']}”应写成 1-4")
        out["range"] = [float(b) for b in bounds]
    out["thresholds"] = _thresholds_cell(atom.get("thresholds"), where)
    for key in _JSON_FIELDS & out.keys():
        out[key] = _json_cell(out[key], f"{where} {key}")
    out.setdefault("text", "")
    return out


def _scheme_row(row: dict, where: str) -> dict:
    """Given a 方案规则 row, return the scheme rule as schema JSON."""
    out = {k: v for k, v in row.items() if v not in (None, "")}
    out["applies_to"] = [a for a in str(row.get("applies_to") or "").split("、") if a]
    for key, mapping in (("direction", DIRECTION_LABELS), ("period", PERIOD_LABELS)):
        if key in out:
            out[key] = _code(mapping, out[key], where)
    for key in _JSON_FIELDS & out.keys():
        out[key] = _json_cell(out[key], f"{where} {key}")
    return out


def atom_cells(atom) -> dict:
    """Given a RuleAtom, return its cells keyed as ATOM_COLUMNS, as the 规则 sheet shows them (for editing)."""
    return dict(zip((k for k, _ in ATOM_COLUMNS), _atom_cells(atom.model_dump(mode="json"))))


def atom_from_cells(cells: dict, where: str):
    """Given an atom's cells as the 规则 sheet writes them (Chinese labels, '1-4' ranges, '<0.9:2' thresholds),
    return the validated RuleAtom; BookError naming the field otherwise."""
    from schemas.rules import RuleAtom

    try:
        data = _atom_row({k: cells.get(k) for k, _ in ATOM_COLUMNS}, where)
        return RuleAtom.model_validate(data)
    except ValueError as exc:  # ValidationError, and float() of a range bound
        if isinstance(exc, BookError):
            raise
        labels = dict(ATOM_COLUMNS)
        if isinstance(exc, ValidationError):
            first = exc.errors()[0]
            field = labels.get(str(first["loc"][0]), str(first["loc"][0])) if first["loc"] else ""
            raise BookError(f"{where}：{field} 的值不对（应为{_EXPECTED.get(first['type'], '有效的值')}）") from exc
        raise BookError(f"{where}：分值范围应写成 1-4（两个数字）") from exc


_EXPECTED = {"float_parsing": "数字", "float_type": "数字", "int_parsing": "整数", "literal_error": "列表中的一项",
             "enum": "列表中的一项", "greater_than_equal": "不小于 0 的数"}
