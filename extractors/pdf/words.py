"""Characters → words, each table cell's characters taken on their own, as pdfplumber fills cells."""
from __future__ import annotations

from pdfplumber.utils.text import WordExtractor

from .tables import Grid, TablePart
from .text import WORD_OPTS

# Sideways words read along their glyphs: down the page (lines then run right to left) or up it.
_WORDS = WordExtractor(**WORD_OPTS, char_dir_rotated="ttb", line_dir_rotated="rtl")
_WORDS_UP = WordExtractor(**WORD_OPTS, char_dir_rotated="btt", line_dir_rotated="ltr")


def place_words(chars: list[dict], parts: list[TablePart], grids: list[Grid]) -> tuple[list[list[list[dict]]], list[dict]]:
    """Given a page's chars and its ruled tables, return each table's words per cell and the words outside them.

    A char goes to the cell its centre falls in before words are formed, so text that runs over a
    ruling stays in its own cell and numbers in neighbouring cells ('74' | '1157') are never glued.
    A char inside a table's frame but in no cell (a gap in an irregular grid) stays with the prose.
    """
    bins: dict[tuple[int, int] | None, list[dict]] = {}
    for char in chars:
        x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        key = None
        for t, grid in enumerate(grids):
            owner = grid.cell_at(x, y)
            if owner is not None:
                key = (t, owner)
                break
        bins.setdefault(key, []).append(char)
    per_cell: list[list[list[dict]]] = [[[] for _ in part.cells] for part in parts]
    outside: list[dict] = []
    for key, members in bins.items():
        words = _words(members)
        if key is None:
            outside = words
        else:
            per_cell[key[0]][key[1]] = words
    return per_cell, outside


def _words(chars: list[dict]) -> list[dict]:
    """Given chars, return their words; a sideways glyph whose matrix advances upward reads bottom to top."""
    upward = [c for c in chars if not c["upright"] and c["matrix"][1] > 0]
    if not upward:
        return _WORDS.extract_words(chars)
    rest = [c for c in chars if c["upright"] or c["matrix"][1] <= 0]
    return _WORDS.extract_words(rest) + _WORDS_UP.extract_words(upward)
