"""Read events and measures from CSV, XLSX or JSON lines into checked tables; bad rows become issues."""
from __future__ import annotations

import json
import mmap
import re
from pathlib import Path

import numpy as np
import pandas as pd

from schemas.events import InputIssue

from ..excel import csv_plain
from .errors import ScoringError
from .periods import parse_period

# Chinese and English headers → canonical column; the first alias is the one written by synth.
EVENT_COLUMNS = {
    "unit": ("单位", "unit", "单位名称", "被考评单位", "司法所", "科室"),
    "date": ("日期", "date", "发生日期", "时间"),
    "period": ("期间", "period", "月份", "考评期间", "年度"),
    "indicator": ("指标", "indicator", "指标编号", "指标名称", "考评项目"),
    "text": ("事项", "text", "事由", "内容", "情况", "问题"),
    "count": ("次数", "count", "数量", "件数"),
    "value": ("数值", "value", "值"),
    "decided": ("扣分", "decided", "认定分值", "分值", "加分"),
    "note": ("备注", "note", "依据", "证据", "evidence"),
    "id": ("编号", "id", "事件编号"),
}
MEASURE_COLUMNS = {
    "unit": EVENT_COLUMNS["unit"],
    "period": ("期间", "period", "月份", "考评期间", "年度", "日期", "date"),
    "metric": ("指标", "metric", "度量", "测评项目", "指标名称"),
    "value": ("数值", "value", "值", "得分"),
    "target": ("目标", "target", "目标值"),
    "rater": ("测评主体", "rater", "评分主体", "测评组"),
}
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def to_number(raw) -> float | None:
    """Given a cell, return its number ('93%' → 0.93, '1,200' → 1200); None if empty; NaN if not a number."""
    if raw is None or (isinstance(raw, float) and np.isnan(raw)):
        return None
    if isinstance(raw, (int, float, np.integer, np.floating)) and not isinstance(raw, bool):
        return float(raw)
    text = str(raw).strip().replace(",", "").replace("，", "").replace("％", "%")
    if not text:
        return None
    scale = 1.0
    if text.endswith("%"):
        text, scale = text[:-1].strip(), 0.01
    if text.endswith("分"):
        text = text[:-1].strip()
    return round(float(text) * scale, 12) if _NUMBER.match(text) else float("nan")


def load_frame(path: Path, key: str = "events") -> tuple[pd.DataFrame, np.ndarray]:
    """Given a CSV/XLSX/JSONL (or EventSet JSON) path, return its rows and each row's 1-based line."""
    path = Path(path)
    if not path.exists():
        raise ScoringError("找不到文件", "请检查路径", file=str(path))
    suffix = path.suffix.lower()
    try:
        if suffix in (".jsonl", ".json", ".ndjson"):
            return _load_json(path, key)
        if suffix in (".xlsx", ".xlsm"):
            frame = pd.read_excel(path, dtype=object, engine="openpyxl")
        elif suffix in (".csv", ".txt", ".tsv"):
            frame = _read_csv(path, "\t" if suffix == ".tsv" else ",")
        else:
            raise ScoringError(f"不支持的事件文件格式 {suffix}", "请使用 CSV、XLSX 或 JSONL", file=str(path))
    except (UnicodeDecodeError, ValueError, pd.errors.ParserError) as exc:
        raise ScoringError(f"无法读取：{exc}", "请另存为 UTF-8 CSV 或 XLSX 后重试", file=str(path)) from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    # Header on line 1, so data row i sits on line i + 2 (CSV) or sheet row i + 2 (XLSX).
    return frame, np.arange(2, len(frame) + 2)


def _read_csv(path: Path, sep: str) -> pd.DataFrame:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, sep=sep, encoding=encoding)
            return _unquoted(frame, path)
        except UnicodeDecodeError:
            continue
    raise UnicodeDecodeError("csv", b"", 0, 1, "neither UTF-8 nor GB18030")


def _unquoted(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    """A cell quoted against formula injection (by kaoping or by Excel's habit) reads as its text."""
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        if data.find(b"'") < 0:  # the usual case, found at memchr speed: a million rows cost nothing here
            return frame
    return frame.apply(lambda column: column.map(csv_plain))


def _load_json(path: Path, key: str) -> tuple[pd.DataFrame, np.ndarray]:
    """JSON lines, or one EventSet document whose ``key`` list holds the rows (numbered from 1)."""
    text = path.read_text(encoding="utf-8-sig")
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        whole = None
    if isinstance(whole, dict) and whole.get("schema_name") == "kaoping.EventSet":
        rows = whole.get(key) or []
        return pd.DataFrame(rows, dtype=object), np.arange(1, len(rows) + 1)
    rows, lines = [], []
    for no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            row = {"__error__": f"不是合法的 JSON：{exc.msg}"}
        if not isinstance(row, dict):
            row = {"__error__": "每行应是一个 JSON 对象"}
        rows.append(row)
        lines.append(no)
    return pd.DataFrame(rows, dtype=object), np.asarray(lines, dtype=np.int64)


def canonical(frame: pd.DataFrame, aliases: dict[str, tuple[str, ...]], required: tuple[str, ...],
              file: str) -> pd.DataFrame:
    """Given raw rows, rename known headers to canonical names; a missing required column is an error."""
    lookup = {alias.lower(): name for name, names in aliases.items() for alias in names}
    sources: dict[str, list[str]] = {}
    for column in frame.columns:
        name = lookup.get(str(column).strip().lower())
        if name:
            sources.setdefault(name, []).append(column)
    out = frame[[c for c in frame.columns if str(c).strip().lower() not in lookup]].copy()
    for name, columns in sources.items():
        # JSON lines may mix 单位 and unit: the first non-empty of the synonyms wins.
        merged = frame[columns[0]]
        for other in columns[1:]:
            merged = merged.where(merged.notna() & (merged.astype(str) != ""), frame[other])
        out[name] = merged
    frame = out
    missing = [name for name in required if name not in frame.columns]
    if missing:
        wanted = "、".join(aliases[name][0] for name in missing)
        raise ScoringError(f"缺少列：{wanted}", f"表头应包含 {'、'.join(a[0] for a in aliases.values())}",
                           file=file)
    return frame


def _strings(frame: pd.DataFrame, column: str) -> pd.Series:
    """Given a column, return it as stripped text with empty cells as '' (an object column: assigned as it is,
    where a bare array would make pandas scan and copy a million cells again to infer their type)."""
    if column not in frame.columns:
        return pd.Series([""] * len(frame), index=frame.index, dtype=object)
    # a million rows hold a few hundred distinct cells: clean each distinct one once
    codes, uniques = pd.factorize(frame[column].astype(object), use_na_sentinel=True)
    cleaned = np.array([_iso_date(u).strip() for u in uniques] + [""], dtype=object)
    return pd.Series(cleaned[codes], index=frame.index, dtype=object)


def _numbers(frame: pd.DataFrame, column: str) -> tuple[np.ndarray, np.ndarray]:
    """Given a column, return its float values (NaN when empty) and a mask of unreadable cells."""
    if column not in frame.columns:
        return np.full(len(frame), np.nan), np.zeros(len(frame), dtype=bool)
    codes, uniques = pd.factorize(frame[column].astype(object), use_na_sentinel=True)
    parsed = [to_number(u) for u in uniques] + [None]  # code -1 (empty) picks the trailing None
    values = np.array([np.nan if v is None else v for v in parsed], dtype=float)
    bad = np.array([v is not None and np.isnan(v) for v in parsed], dtype=bool)
    return values[codes], bad[codes]


def _issues(mask: np.ndarray, lines: np.ndarray, reason: str, file: str, units: pd.Series,
            texts: pd.Series) -> list[InputIssue]:
    return [
        InputIssue(kind="unreadable", file=file, line=int(lines[i]), unit=units.iat[i] or None,
                   text=texts.iat[i] or None, reason=reason)
        for i in np.flatnonzero(mask)
    ]


def read_events(path: Path) -> tuple[pd.DataFrame, list[InputIssue]]:
    """Given an events file, return the readable rows (canonical columns) and the unreadable ones as issues."""
    raw, lines = load_frame(path)
    file = Path(path).name
    frame = canonical(raw, EVENT_COLUMNS, ("unit",), file)
    out = pd.DataFrame({"line": lines})
    for column in ("unit", "date", "period", "indicator", "text", "note", "id"):
        out[column] = _strings(frame, column)
    count, bad_count = _numbers(frame, "count")
    out["count"] = np.where(np.isnan(count), 1.0, count)
    out["value"], bad_value = _numbers(frame, "value")
    out["decided"], bad_decided = _numbers(frame, "decided")
    when = np.where(out["date"].to_numpy() != "", out["date"].to_numpy(), out["period"].to_numpy())
    when_codes, when_uniques = pd.factorize(when)
    bad_when = np.array([parse_period(u) is None for u in when_uniques], dtype=bool)[when_codes]
    error = _strings(frame, "__error__").to_numpy() != "" if "__error__" in frame.columns else None
    checks = [
        (error if error is not None else np.zeros(len(out), bool), "不是合法的 JSON 行"),
        (out["unit"].to_numpy() == "", "缺少单位"),
        (bad_when, "日期/期间缺失或无法识别（应为 2023-03-05、2023-03、2023Q1 或 2023）"),
        (bad_count | (out["count"].to_numpy() < 0), "次数不是非负数字"),
        (bad_value, "数值不是数字"),
        (bad_decided, "扣分（认定分值）不是数字"),
    ]
    return _split(out, checks, file)


def read_measures(path: Path) -> tuple[pd.DataFrame, list[InputIssue]]:
    """Given a measures file, return the readable rows and the unreadable ones as issues."""
    raw, lines = load_frame(path, "measures")
    file = Path(path).name
    frame = canonical(raw, MEASURE_COLUMNS, ("unit", "period", "metric", "value"), file)
    out = pd.DataFrame({"line": lines})
    for column in ("unit", "period", "metric", "rater"):
        out[column] = _strings(frame, column)
    out["value"], bad_value = _numbers(frame, "value")
    out["target"], bad_target = _numbers(frame, "target")
    codes, uniques = pd.factorize(out["period"].to_numpy())
    bad_period = np.array([parse_period(u) is None for u in uniques], dtype=bool)[codes]
    checks = [
        (out["unit"].to_numpy() == "", "缺少单位"),
        (bad_period, "期间缺失或无法识别（应为 2023-03、2023Q1 或 2023）"),
        (out["metric"].to_numpy() == "", "缺少指标"),
        (bad_value | np.isnan(out["value"].to_numpy()), "数值缺失或不是数字"),
        (bad_target, "目标不是数字"),
    ]
    return _split(out, checks, file, text_column="metric")


def _split(out: pd.DataFrame, checks, file: str, text_column: str = "text"):
    bad = np.zeros(len(out), dtype=bool)
    issues: list[InputIssue] = []
    texts = out[text_column] if text_column != "text" else out["text"].where(out["text"] != "", out["indicator"])
    for mask, reason in checks:
        fresh = mask & ~bad  # one reason per row: the first that applies
        issues += _issues(fresh, out["line"].to_numpy(), reason, file, out["unit"], texts)
        bad |= mask
    issues.sort(key=lambda issue: issue.line or 0)
    kept = out[~bad].reset_index(drop=True)
    kept.attrs["file"] = file  # later issues (unmatched rows) name the file too
    return kept, issues


def _iso_date(value) -> str:
    """Given a cell, return text; Excel dates become ISO dates, whole floats lose their '.0'."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
