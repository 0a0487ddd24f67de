"""Category labels ('法律援助工作(40 分)') and their fill-down over merged or empty cells."""
from __future__ import annotations

import re

from schemas.common import ProvenanceItem
from schemas.indicators import Category

from .rows import split_number
from .text import key, squash, stated_points


# '法律八进活动15分': a label with its points glued on, no brackets (a counting verb before them is a rule).
_GLUED_POINTS = re.compile(r"^(?![每扣加减得计記记])([\u4e00-\u9fff]{2,20}?)(?<![每扣加减得计記记])(\d{1,3}(?:\.\d+)?)分$")


def parse_category(text: str, prov: ProvenanceItem | None = None) -> Category | None:
    """Given a category cell, return Category(name, points) with CJK spacing and points removed."""
    name, points = stated_points(squash(text))
    glued = _GLUED_POINTS.match(name) if points is None else None
    if glued:
        name, points = glued.group(1), float(glued.group(2))
    number, rest = split_number(name)
    if number and key(rest):
        name = rest
    name = name.strip(" :：")
    if not name:
        return None
    return Category(name=name, points=points, prov=prov)


class CategoryFill:
    """Fill-down of the category columns: an empty cell repeats the cell above it.

    An outer column that changes resets the inner ones, so a new 一级指标 never inherits the
    previous block's 二级指标.
    """

    def __init__(self) -> None:
        self.path: list[Category | None] = []

    def reset(self) -> None:
        """Forget the path (a new section starts)."""
        self.path = []

    def step(self, cells: list[Category | None]) -> list[Category]:
        """Given this row's parsed category cells (outermost first), return the filled path."""
        if len(self.path) != len(cells):
            self.path = [None] * len(cells)
        changed = False
        for i, cat in enumerate(cells):
            if cat is not None:
                # The same merged cell again keeps its first reading: the 分值 beside it is on its first row only.
                if self.path[i] is None or cat.name != self.path[i].name or cat.prov != self.path[i].prov:
                    changed = True
                    self.path[i] = cat
            elif changed:
                self.path[i] = None
        return [c for c in self.path if c is not None]


def rebalance(rows: list[dict], points_of) -> list[int]:
    """Given a section's drafted rows, move filled-down rows across a category boundary when the stated points prove it.

    A text dump prints a merged cell's label on one of its rows, not always the first, so fill-down
    can leave the last rows of category A in the block of the next label B. When A's rows exceed
    A's stated points by exactly what B lacks, and those rows had no label of their own, they go
    to B (with B's department where theirs was filled down too). Returns the moved row indexes.
    """
    blocks: list[list[int]] = []
    for n, row in enumerate(rows):
        name = row["path"][0].name if row["path"] else None
        if blocks and (rows[blocks[-1][0]]["path"][0].name if rows[blocks[-1][0]]["path"] else None) == name:
            blocks[-1].append(n)
        else:
            blocks.append([n])
    moved: list[int] = []
    for a, b in zip(blocks, blocks[1:]):
        cat_a, cat_b = rows[a[0]]["path"][:1], rows[b[0]]["path"][:1]
        if not cat_a or not cat_b or cat_a[0].points is None or cat_b[0].points is None:
            continue
        sum_a = sum(points_of(rows[n]) or 0 for n in a)
        sum_b = sum(points_of(rows[n]) or 0 for n in b)
        for j in (1, 2):
            tail = a[-j:]
            if len(tail) == len(a) or not all(rows[n]["cat_filled"] for n in tail):
                break
            shift = sum(points_of(rows[n]) or 0 for n in tail)
            if shift and sum_a - shift == cat_a[0].points and sum_b + shift == cat_b[0].points:
                for n in tail:
                    rows[n]["path"] = cat_b + rows[n]["path"][1:]
                    if rows[n]["dept_filled"] and not rows[b[0]]["dept_filled"]:
                        rows[n]["department"] = rows[b[0]]["department"]
                moved += tail
                break
    return moved
