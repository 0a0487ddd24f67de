"""Period keys: 2023-03 (month), 2023Q1 (quarter), 2023 (year) from dates and period labels."""
from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from schemas.rules import Period

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$")
_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?(?:份)?$")
_QUARTER = re.compile(r"^(\d{4})\s*(?:年)?\s*(?:[Qq]|第)\s*([1-4一二三四])\s*(?:季度)?$")
_YEAR = re.compile(r"^(\d{4})\s*(?:年度?)?$")
_CN = {"一": 1, "二": 2, "三": 3, "四": 4}


def parse_period(raw) -> tuple[int, int | None, int | None] | None:
    """Given a date, datetime or label, return (year, month, quarter) at the finest level written."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, (datetime, date)):
        return raw.year, raw.month, None
    text = str(raw).strip()
    if m := _DATE.match(text):
        year, month, day = (int(g) for g in m.groups())
        return (year, month, None) if 1 <= month <= 12 and 1 <= day <= 31 else None
    if m := _MONTH.match(text):
        year, month = int(m.group(1)), int(m.group(2))
        return (year, month, None) if 1 <= month <= 12 else None
    if m := _QUARTER.match(text):
        q = m.group(2)
        return int(m.group(1)), None, int(_CN.get(q, q))
    if m := _YEAR.match(text):
        return int(m.group(1)), None, None
    return None


def period_key(raw, granularity: Period) -> str | None:
    """Given a date or label, return its key at ``granularity``, or a coarser key if that is all it says."""
    parts = parse_period(raw)
    if parts is None:
        return None
    year, month, quarter = parts
    if quarter is None and month is not None:
        quarter = (month - 1) // 3 + 1
    if granularity == Period.MONTH and month is not None:
        return f"{year}-{month:02d}"
    if granularity in (Period.MONTH, Period.QUARTER) and quarter is not None:
        return f"{year}Q{quarter}"
    return str(year)


def is_whole(key: str, granularity: Period) -> bool:
    """Whether ``key`` is a full scoring period rather than a coarser (year-level) bucket."""
    if granularity == Period.MONTH:
        return "-" in key
    if granularity == Period.QUARTER:
        return "Q" in key
    return True


_SPEC = ((re.compile(r"^(\d{4})-(\d{1,2})$"), 12, "月份", "{y}-{i:02d}"),
         (re.compile(r"^(\d{4})[Qq]([1-9])$"), 4, "季度", "{y}Q{i}"),
         (re.compile(r"^(\d{4})()$"), 1, "", "{y}"))
MAX_KEYS = 1200  # a hundred years of months: more is a typing slip


class PeriodError(ValueError):
    """A period range that does not read; the message is Chinese and says why."""


def expand(spec: str) -> list[str]:
    """Given '2023-01..2023-12' (or '2023Q1..2023Q4', '2021'), return every month/quarter/year key.

    Raise PeriodError (Chinese reason) for months outside 1–12, quarters outside 1–4, a range that runs
    backwards or mixes months with quarters."""
    start, _, end = (part.strip() for part in spec.partition(".."))
    end = end or start
    for pattern, step, what, fmt in _SPEC:
        a, b = pattern.match(start), pattern.match(end)
        if not (a and b):
            continue
        bounds = []
        for m in (a, b):
            year, index = int(m.group(1)), int(m.group(2) or 1)
            if not 1 <= index <= step:
                raise PeriodError(f"{m.group(0)} 的{what}应为 1–{step}")
            if not 1900 <= year <= 2100:
                raise PeriodError(f"年份 {year} 不像考评年度")
            bounds.append(year * step + index - 1)
        lo, hi = bounds
        if lo > hi:
            raise PeriodError(f"起点 {start} 晚于终点 {end}")
        if hi - lo >= MAX_KEYS:
            raise PeriodError(f"跨度超过 {MAX_KEYS} 个期间")
        return [fmt.format(y=n // step, i=n % step + 1) for n in range(lo, hi + 1)]
    if any(p.match(start) for p, *_ in _SPEC) and any(p.match(end) for p, *_ in _SPEC):
        raise PeriodError("起点和终点应同为月份、季度或年份")
    raise PeriodError("格式不对")


def fit(keys: list[str], granularity: Period) -> tuple[list[str], bool]:
    """Given period keys and the scheme's scoring period, return the keys at that period and whether they changed.

    Months asked of a yearly scheme become their year (else every month would start from full points);
    a year asked of a monthly scheme becomes its twelve months."""
    out: list[str] = []
    for key in keys:
        for fitted in _refine(period_key(key, granularity) or key, granularity):
            if fitted not in out:
                out.append(fitted)
    return out, out != keys


def _refine(key: str, granularity: Period) -> list[str]:
    """Given a key coarser than ``granularity`` (a year in a monthly scheme), return the keys inside it."""
    if is_whole(key, granularity):
        return [key]
    year, _, quarter = key.partition("Q")
    if granularity == Period.QUARTER:
        return [f"{year}Q{q}" for q in range(1, 5)]
    months = range(1, 13) if not quarter else range(3 * int(quarter) - 2, 3 * int(quarter) + 1)
    return [f"{year}-{m:02d}" for m in months]


@lru_cache(maxsize=1024)  # a large report labels the same dozen periods hundreds of thousands of times
def period_label(key: str) -> str:
    """Given a period key, return how a person reads it: 2023年3月, 2023年第1季度, 2023年."""
    if m := re.match(r"^(\d{4})-(\d{2})$", key):
        return f"{m.group(1)}年{int(m.group(2))}月"
    if m := re.match(r"^(\d{4})Q([1-4])$", key):
        return f"{m.group(1)}年第{m.group(2)}季度"
    return f"{key}年" if re.match(r"^\d{4}$", key) else key
