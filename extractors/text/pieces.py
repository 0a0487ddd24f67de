"""Pieces of a space-aligned line: runs of text between column gaps, with their x-positions.

A layout dump separates cells by two or more spaces; x is measured in characters (pdftotext) or in
display width (a CJK character two columns wide, as a PDF viewer or an editor aligns), whichever the
caller tries. A scan read by OCR leaves specks (a lone 口) and narrows some gaps to one space: the
speck is no text, and a narrowed gap is cut where it meets a column boundary.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..hanzi import HANZI

_GAP = re.compile(r" {2,}|\u3000+")
# A box glyph standing alone between spaces is a scanned checkbox or a speck OCR read as 口: no text.
_BOX_SPECK = re.compile(r"(?<!\S)[口囗□■](?!\S)")
# A piece running over a boundary is cut at a space this close to it (OCR narrowed the column gap).
_NARROW_GAP = 3
_WORD = re.compile(rf"^[{HANZI}]{{2}}$")


@dataclass
class Span:
    """A run of text on one line: start and end x, and its text."""

    x0: int
    x1: int
    text: str


def width(ch: str, wide: bool) -> int:
    """Given a character, return its width: 2 for a wide CJK character when measuring display width."""
    return 2 if wide and unicodedata.east_asian_width(ch) in ("W", "F") else 1


def spans(line: str, wide: bool) -> list[Span]:
    """Given a line, return its pieces separated by 2+ spaces (or a full-width space run) with x-positions."""
    line = _BOX_SPECK.sub(lambda m: " " * width(m.group(0), wide), line.replace("\f", "")).rstrip()
    out: list[Span] = []
    x, pos = 0, 0
    for m in _GAP.finditer(line):
        if m.start() > pos:
            out.append(_span(line[pos:m.start()], x, wide))
        x = _advance(x, line[pos:m.end()], wide)
        pos = m.end()
    if pos < len(line):
        out.append(_span(line[pos:], x, wide))
    return [s for s in out if s.text]


def _advance(x: int, text: str, wide: bool) -> int:
    """Given an x and the text printed from there, return the x after it."""
    return x + sum(width(ch, wide) for ch in text)


def _span(text: str, x: int, wide: bool) -> Span:
    """Given a piece of a line and where it starts, return its span without outer spaces."""
    lead = len(text) - len(text.lstrip())
    x0 = _advance(x, text[:lead], wide)
    body = text.strip()
    return Span(x0, _advance(x0, body, wide), body)


def cut_narrow_gaps(line: list[Span], bounds: list[int], wide: bool) -> list[Span]:
    """Given a line's pieces and the column boundaries, cut a piece that runs over a boundary at a
    single space near it between two words (two cells whose gap a scan narrowed to one space).

    A line of one piece (a banner, a wrapped sentence) and a space next to a number ('扣 5 分') are
    left alone."""
    if len(line) < 2:
        return line
    out: list[Span] = []
    for piece in line:
        for b in bounds:
            if not piece.x0 < b < piece.x1 - 1:
                continue
            k = _gap_near(piece, b, wide)
            if k is not None:
                out.append(_span(piece.text[:k], piece.x0, wide))
                piece = _span(piece.text[k:], _advance(piece.x0, piece.text[:k], wide), wide)
        out.append(piece)
    return [s for s in out if s.text]


def _gap_near(piece: Span, bound: int, wide: bool) -> int | None:
    """Given a piece and a boundary it runs over, return the index of the single space between two
    words nearest the boundary (within a few columns), or None."""
    best: tuple[int, int] | None = None
    x = piece.x0
    text = piece.text
    for k, ch in enumerate(text):
        if ch == " " and 0 < k < len(text) - 1 and _WORD.match(text[k - 1] + text[k + 1]):
            off = abs(x - bound)
            if off <= _NARROW_GAP and (best is None or off < best[1]):
                best = (k, off)
        x += width(ch, wide)
    return best[0] if best is not None else None
