"""Split criteria text into clauses at numbering, ；。 and line breaks, keeping cap-only pieces attached."""
from __future__ import annotations

import re

from .lexicon import CAP
from .numbers import fold

# An item number where a clause starts: 1. 1、 (1) ① (一) 一、 — not a decimal such as 2.5.
NUMBERING = re.compile(
    r"(?:\d{1,2}[.、](?!\d)|\(\d{1,2}\)|\([一二三四五六七八九十]{1,3}\)|[①-⑳]|[一二三四五六七八九十]{1,3}、)"
)
_STOPS = "。；!?！？"
_OPEN, _CLOSE = "(【[", ")】]"
# A line that does not end like a finished clause continues on the next (a cell wrapped mid-sentence).
_FINISHED = re.compile(r"(?:分|为止|否决|倒数|资格|[)）】])$")
_CAP_ONLY = re.compile(rf"^(?:(?:本项|此项|该项|本项目|共|且|总|累计|，|、|\s)*{CAP})+[，、。；\s]*(?:\([^)]*\)?)?[，、。；\s]*$")


def _matched_parens(text: str) -> set[int]:
    """Given text, return the offsets inside balanced brackets (where no item number starts a clause)."""
    inside: set[int] = set()
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in _OPEN:
            stack.append(i)
        elif ch in _CLOSE and stack:
            start = stack.pop()
            if not stack:
                inside.update(range(start + 1, i))
        elif ch == "\n":
            stack.clear()
    return inside


def _cut_points(text: str) -> list[int]:
    """Given folded text, return the offsets where a new clause starts."""
    inside = _matched_parens(text)
    cuts = {0, len(text)}
    for i, ch in enumerate(text):
        if ch in _STOPS:
            cuts.add(i + 1)
        elif ch == "\n":
            before, after = text[:i].rstrip(), text[i + 1 :].lstrip()
            joined = before and after and before[-1] not in _STOPS + "：" and not NUMBERING.match(after) and (
                not _FINISHED.search(before))
            if not joined:
                cuts.add(i + 1)
    for m in NUMBERING.finditer(text):
        i = m.start()
        if i in inside:
            continue
        prev = text[:i]
        bare = prev.rstrip(" \t")
        if not bare or bare[-1] in _STOPS + "\n：:" or (prev != bare or _FINISHED.search(bare)):
            cuts.add(i)
    return sorted(cuts)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Given a piece's bounds, drop surrounding blanks, leading numbering and closing brackets, trailing stops."""
    while start < end and (text[start].isspace() or text[start] in _CLOSE):
        start += 1
    m = NUMBERING.match(text, start, end)
    if m:
        start = m.end()
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _STOPS + "，、"):
        end -= 1
    return start, end


def split_clauses(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Given criteria text, return its clauses as (text, (start, end)) with offsets into ``text``."""
    folded = fold(text)
    cuts = _cut_points(folded)
    pieces: list[tuple[int, int]] = []
    for start, end in zip(cuts, cuts[1:]):
        start, end = _trim(folded, start, end)
        if start >= end:
            continue
        compact = re.sub(r"\s+", "", folded[start:end])
        if pieces and _CAP_ONLY.match(compact):
            pieces[-1] = (pieces[-1][0], end)
        else:
            pieces.append((start, end))
    return [(text[s:e], (s, e)) for s, e in pieces]
