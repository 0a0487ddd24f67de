"""Numbered sub-items inside one cell that are the scored rows: '1、…，计4分。\\n2、…，计1分。' under a row
of 5分. When each item states its own points and they add up to the row's, the items are the indicators
and the row is their category (its name and points); the rules cell, numbered alike, pairs item by item."""
from __future__ import annotations

import re
from dataclasses import dataclass

from schemas.indicators import Category, Indicator

from .scoring import allocation
from .text import key, squash

# An item opens a line or follows the end of a sentence (a text dump runs the lines together): '1、' '2.' '（3）';
# the style of the first item holds for the rest.
_ITEM = re.compile(r"(?:^|(?<=[。；;]))[ \t\u3000]*(?:(\d{1,2})[、.．](?!\d)|[（(](\d{1,2})[）)])", re.MULTILINE)
_TRAIL = " \t\u3000,，。；;：:、"
MIN_ITEMS = 2


@dataclass
class SubItem:
    """One numbered item of a cell: its number as written, its text without the points, its points."""

    number: str
    name: str
    points: float
    text: str


def numbered_items(text: str) -> list[tuple[str, str]]:
    """Given a cell, return its items (number as written, text) when the whole cell is a list numbered
    1, 2, 3 … in one style, each item opening a line; else []."""
    marks = list(_ITEM.finditer(text or ""))
    if len(marks) < MIN_ITEMS or key(text[:marks[0].start()]):
        return []
    paren = marks[0].group(2) is not None
    items = []
    for n, m in enumerate(marks):
        value = m.group(2) if paren else m.group(1)
        if value is None or int(value) != n + 1:
            return []  # a lost line break or a second list: not one list numbered in order
        end = marks[n + 1].start() if n + 1 < len(marks) else len(text)
        items.append((f"({value})" if paren else value, text[m.end():end].strip()))
    return items


def scored_items(text: str, total: float) -> list[SubItem] | None:
    """Given a cell and its row's points, return its numbered items when each states one allocation of its
    own and together they make the row's points; else None."""
    items = item_points(text)
    if not items or abs(sum(i.points for i in items) - total) > 1e-6:
        return None
    return items


def item_points(text: str) -> list[SubItem] | None:
    """Given a cell, return its numbered items when each states one allocation of its own, else None."""
    items = []
    for number, body in numbered_items(text):
        found = allocation(body)
        if found is None or found.bonus is not None or allocation(body[found.end:]) is not None:
            return None
        name = body[:found.start].rstrip(_TRAIL)
        if not key(name):
            return None
        items.append(SubItem(number, squash(name), found.points, body))
    return items or None


def split_subitems(ind: Indicator) -> list[Indicator]:
    """Given an indicator, return the indicators of its numbered sub-items (the row becomes their category)
    when its content or criteria lists items whose points add up to its own; else [ind]."""
    if ind.points is None or not ind.name:
        return [ind]
    for field in ("content", "criteria"):
        text = getattr(ind, field)
        items = scored_items(text, ind.points) if text and key(text) != key(ind.name) else None
        if items:
            break
    else:
        return [ind]
    # The rules cell numbered alike (1、 ↔ 1、) holds each item's rules; otherwise they stay the row's.
    rules = numbered_items(ind.criteria or "") if field == "content" else []
    paired = len(rules) == len(items) and all(r[0] == i.number for r, i in zip(rules, items))
    prov = ind.prov.get(field) or ind.prov.get("name")
    group = Category(name=ind.name, points=ind.points, prov=ind.prov.get("name"))
    out = []
    for n, item in enumerate(items):
        criteria = rules[n][1] if paired else (ind.criteria if field == "content" else item.text)
        out.append(ind.model_copy(update={
            "categories": [*ind.categories, group], "number": item.number, "name": item.name,
            "content": item.text if field == "content" else ind.content, "criteria": criteria,
            "points": item.points, "points_text": None, "bonus_points": None,
            "prov": {**ind.prov, **({"name": prov, "points": prov} if prov else {})}}, deep=True))
    return out
