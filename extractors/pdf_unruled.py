"""Tables without ruling lines: columns from aligned word gaps, rows from text lines."""
from __future__ import annotations


def find_unruled(words, page_no, width, height):
    return []
