"""Chinese explanation lines a person can read aloud: amount, clause, where it stands, which events."""
from __future__ import annotations

import re
from functools import lru_cache

from schemas.rules import Rulebook

from .match import Target


def doc_label(book: Rulebook) -> str:
    """Given a rulebook, return a short name for its scheme: '武进2021', else the file or title."""
    meta = book.meta
    place = meta.region.district or meta.region.city or ""
    place = re.sub(r"(区|县|市)$", "", place) if len(place) > 2 else place
    if place or meta.year:
        return f"{place}{meta.year or ''}"
    if book.source:
        return book.source.file.rsplit(".", 1)[0]
    return meta.title or "规则手册"


def where(book_label: str, target: Target) -> str:
    """Given a target, return '武进2021 第2页 表1 行3' (the clause's location, or the item's)."""
    prov = target.atom.prov or target.item.reference
    return f"{book_label} {prov.label()}" if prov else f"{book_label} 位置不详"


def amount(points: float) -> str:
    """Given signed points, return '扣1分' / '加2分' / '不加减分'."""
    if points < 0:
        return f"扣{number(-points)}分"
    if points > 0:
        return f"加{number(points)}分"
    return "不加减分"


@lru_cache(maxsize=4096)
def number(value: float) -> str:
    """Given a number, return it as a person writes it: 1, 0.5, 3.2308."""
    return f"{round(value, 4):g}"


def rule_line(target: Target, location: str, points: float, event_text: str, note: str = "") -> str:
    """Given an applied rule, return '扣1分：<condition>（<location> '<clause>'）；<events>'."""
    condition = target.atom.condition or target.atom.text or "/".join(target.item.path)
    clause = f" ‘{target.atom.text}’" if target.atom.text and target.atom.text != condition else ""
    head = f"{amount(points)}：{condition}（{location}{clause}）"
    return "；".join(part for part in (head, note, event_text) if part)


def events_text(unit: str, first_when: str, lines: list[int], count: float) -> str:
    """Given the events of one applied rule, return '事件 2021-03-05 某司法所 共3起（第2、5、9行）'."""
    if not lines:
        return ""
    more = f" 共{number(count)}起" if count > 1 else ""
    shown = str(lines[0]) if len(lines) == 1 else "、".join(map(str, lines[:5])) + ("…" if len(lines) > 5 else "")
    return f"事件 {first_when} {unit}{more}（第{shown}行）"


def measure_text(unit: str, period: str, metric: str, value: float | None, line: int | None) -> str:
    """Given a measure, return '度量 2023-03 城关司法所 调解成功率=0.899（第4行）'."""
    shown = "" if value is None else f"={number(value)}"
    where_ = f"（第{line}行）" if line else ""
    return f"度量 {period} {unit} {metric}{shown}{where_}"


def range_note(low: float, high: float) -> str:
    """Given the signed ends of an open amount, return the provisional note."""
    lo, hi = sorted((abs(low), abs(high)))
    return f"暂按{number(lo)}分计，可能为{number(lo)}–{number(hi)}分，待人工认定"


def cap_line(scope: str, direction: str, cap: float, raw: float, period: str) -> str:
    """Given a category/bonus cap that bit, return '社区矫正工作 2023-03 共扣52分，每期最多扣40分，按40分计'."""
    verb = "扣" if direction == "deduct" else "加"
    return f"{scope} {period} 共{verb}{number(abs(raw))}分，最多{verb}{number(cap)}分，按{number(cap)}分计"
