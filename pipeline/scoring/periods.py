"""Period keys: 2023-03 (month), 2023Q1 (quarter), 2023 (year) from dates and period labels."""
from __future__ import annotations

import re
from datetime import date, datetime

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


def expand(spec: str) -> list[str]:
    """Given '2023-01..2023-12' (or '2023Q1..2023Q4', '2021'), return every month/quarter/year key."""
    start, _, end = spec.partition("..")
    end = end or start
    for pattern, step in ((r"(\d{4})-(\d{1,2})$", 12), (r"(\d{4})Q([1-4])$", 4)):
        a, b = re.match(pattern, start.strip()), re.match(pattern, end.strip())
        if a and b:
            lo = int(a.group(1)) * step + int(a.group(2)) - 1
            hi = int(b.group(1)) * step + int(b.group(2)) - 1
            fmt = (lambda y, i: f"{y}-{i:02d}") if step == 12 else (lambda y, i: f"{y}Q{i}")
            return [fmt(n // step, n % step + 1) for n in range(lo, hi + 1)]
    if re.match(r"\d{4}$", start.strip()) and re.match(r"\d{4}$", end.strip()):
        return [str(y) for y in range(int(start), int(end) + 1)]
    raise ValueError(spec)
