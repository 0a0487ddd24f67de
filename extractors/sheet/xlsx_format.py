"""Cell values as a spreadsheet shows them: 10 not 10.0, 95% not 0.95, dates as dates."""
from __future__ import annotations

import datetime as dt
import re

_DECIMALS = re.compile(r"0\.(0+)")
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def format_value(value: object, number_format: str | None) -> str:
    """Given a cell value and its number format, return the text the sheet displays."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return _format_date(value, number_format or "")
    if isinstance(value, (int, float)):
        return _format_number(value, number_format or "General")
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _format_number(value: int | float, fmt: str) -> str:
    """Given a number and an Excel number format, render the common formats (others as General)."""
    first = fmt.split(";")[0]
    if value < 0 and ";" in fmt:
        # The second section formats negatives; keep the sign whether or not it writes one.
        return "-" + _format_number(-value, fmt.split(";")[1].replace("-", "") or first)
    prefix, suffix = _literals(first)
    section = _QUOTED.sub("", first)
    percent = "%" in section
    if percent:
        value = value * 100
    m = _DECIMALS.search(section)
    if m:
        text = f"{value:,.{len(m.group(1))}f}" if "," in section else f"{value:.{len(m.group(1))}f}"
    elif section.strip() in ("0", "#,##0", "0%", "#,##0%") or ("0" in section and "#" in section):
        text = f"{round(value):,}" if "," in section else str(round(value))
    else:
        text = _general(value)
    return prefix + (text + "%" if percent else text) + suffix


def _literals(section: str) -> tuple[str, str]:
    """Given one format section, return the quoted literal text before and after its digits."""
    digits = [m.start() for m in re.finditer(r"[0#?]", _QUOTED.sub(lambda m: " " * len(m.group()), section))]
    if not digits:
        return "", ""
    quoted = [(m.start(), m.group()[1:-1]) for m in re.finditer(r'"[^"]*"', section)]
    before = "".join(text for pos, text in quoted if pos < digits[0])
    after = "".join(text for pos, text in quoted if pos > digits[-1])
    return before, after


def _general(value: int | float) -> str:
    """Given a number, render it like Excel's General format (integers without '.0')."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, float):
        return format(value, ".15g")
    return str(value)


def _format_date(value: dt.date | dt.time, fmt: str) -> str:
    """Given a date/time value, render it in Chinese style when the format asks, else ISO."""
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    if "年" in fmt and isinstance(value, dt.date):
        text = f"{value.year}年{value.month}月"
        return text + f"{value.day}日" if "d" in fmt.lower() or "日" in fmt else text
    if isinstance(value, dt.datetime) and (value.hour or value.minute or value.second):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.strftime("%Y-%m-%d")
