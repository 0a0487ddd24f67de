"""Grids rebuilt from text: cells with spans and source lines, and what a recogniser found."""
from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Cell:
    """A grid cell before it becomes a schema TableCell."""

    row: int
    col: int
    text: str
    line: int
    row_span: int = 1
    col_span: int = 1
    header: bool = False


@dataclass
class Grid:
    """A reconstructed table: cells on a num_rows × num_cols grid, first source line.

    ``cut_row`` is the last row when the text ends inside the table (it may be cut short); ``closed``
    says the recogniser read the table's own end (a closing bracket), so it is not cut however its
    last row ends.
    """

    cells: list[Cell] = field(default_factory=list)
    num_rows: int = 0
    num_cols: int = 0
    line: int = 0
    cut_row: int | None = None
    closed: bool = False
    recogniser: str = ""
    confidence: float = 0.0


@dataclass
class Found:
    """What a recogniser rebuilt from the lines at an index.

    ``end`` is the index of the first line after the table; ``lead`` is text on the first line before
    the table (a title run into it); ``tail`` is text after the table on its last line; ``misfit``
    is the recogniser's own mean cost per cell when it weighs its reading (0 fits perfectly).
    """

    grids: list[Grid]
    end: int
    lead: str = ""
    tail: str = ""
    misfit: float | None = None
    absorbed: int | None = None  # index of a heading line above that the table took in as its title row


def squash(text: str) -> str:
    """Given cell text, drop all white space (to compare header words)."""
    return re.sub(r"\s+", "", text)
