"""Category labels ('法律援助工作(40 分)') and their fill-down over merged or empty cells."""
from __future__ import annotations

from schemas.common import ProvenanceItem
from schemas.indicators import Category

from .text import squash, stated_points


def parse_category(text: str, prov: ProvenanceItem | None = None) -> Category | None:
    """Given a category cell, return Category(name, points) with CJK spacing and points removed."""
    name, points = stated_points(squash(text))
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
                if self.path[i] is None or cat.name != self.path[i].name or cat.prov != self.path[i].prov:
                    changed = True
                self.path[i] = cat
            elif changed:
                self.path[i] = None
        return [c for c in self.path if c is not None]
