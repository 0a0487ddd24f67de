"""A worksheet as its real cells: displayed values by position, merges clamped to them."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Merge:
    """A merged range in 1-based sheet coordinates (inclusive)."""

    top: int
    left: int
    bottom: int
    right: int


@dataclass
class SheetGrid:
    """Non-empty displayed values and merges of one worksheet."""

    name: str
    values: dict[tuple[int, int], str]
    merges: dict[tuple[int, int], Merge]
    header_rows: set[int]


# A merged cell may reach a little past the last filled row or column (a title merged over an
# empty margin column); further than this it is not part of what the sheet shows.
MERGE_SLACK = 8


def clamp_merges(values: dict[tuple[int, int], str], merges: dict[tuple[int, int], Merge]) -> dict[tuple[int, int], Merge]:
    """Given a sheet's values and merges, keep each merge within the rows and columns that hold values
    (plus a small slack): a merge over the whole sheet is as big as the cells it covers, not as the sheet."""
    if not values:
        return {}
    last_row = max(r for r, _ in values) + MERGE_SLACK
    last_col = max(c for _, c in values) + MERGE_SLACK
    out = {}
    for key, m in merges.items():
        if m.top <= last_row and m.left <= last_col:
            out[key] = Merge(m.top, m.left, min(m.bottom, last_row), min(m.right, last_col))
    return out
