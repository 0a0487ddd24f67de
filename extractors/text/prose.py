"""Prose lines of text dumps: paragraphs rejoined where a dump wrapped them, labelled by their shape."""
from __future__ import annotations

import re

from schemas.common import ProvenanceItem
from schemas.raw import BlockLabel, TextBlock

from ..docx.labels import label_text
from .decode import is_blank, unspace_letters
from .grid import squash
from .recover import starts_table
from .tables import split_row

_ATTACHMENT = re.compile(r"^附\s*件\s*[0-9一二三四五六七八九十]*\s*[:：]?$")
_TITLE_WORDS = re.compile(r"(通知|方案|办法|细则|标准|自评表|申报表|意见|规定|决定|报告|计划|要点|评价表)[》」]?$")
_TITLE_MAX = 60
_SENTENCE = re.compile(r"[。；;！!？?：:]$")
_JOIN_MAX_LINES = 3
_WRAP_MIN = 25
_WRAP_MAX_BLANKS = 2
_PROSE_MARK = re.compile(r"[。；;，,！!？?]")
_LAYOUT_GAP = re.compile(r"\s{3,}")


def label_line(text: str) -> tuple[BlockLabel, int | None]:
    """Given one prose line, label it: attachment heading, title, numbered heading/list item, paragraph."""
    if _ATTACHMENT.match(text):
        return BlockLabel.HEADING, 1
    label, level = label_text(text)
    if label is not BlockLabel.PARAGRAPH or level is not None:
        return label, level
    if len(text) <= _TITLE_MAX and not text.startswith(("《", "附")) and not _SENTENCE.search(text):
        if _TITLE_WORDS.search(text):
            return BlockLabel.TITLE, None
    return BlockLabel.PARAGRAPH, None


def _joined_title(lines: list[str], i: int) -> tuple[str, int]:
    """Given a line that opens 《 without closing it, join the next lines until it closes."""
    text = lines[i].strip()
    j = i
    while text.count("《") > text.count("》") and j + 1 < len(lines) and j - i < _JOIN_MAX_LINES:
        if is_blank(lines[j + 1]) or split_row(lines[j + 1]) is not None:
            break
        j += 1
        text += lines[j].strip()
    return (text, j) if text.count("《") == text.count("》") else (lines[i].strip(), i)


def _wraps(lines: list[str], j: int) -> int | None:
    """Given the last line of a paragraph, return the line it wraps onto, or None.

    A PDF dump cuts paragraphs at the page width (often with blank lines between the pieces):
    a long line with no closing punctuation, followed by a plain unnumbered line, goes on.
    """
    line = lines[j]
    if len(squash(line)) < _WRAP_MIN or _LAYOUT_GAP.search(line.strip()) or _SENTENCE.search(line.strip()):
        return None
    k = j + 1
    while k < len(lines) and is_blank(lines[k]) and k - j <= _WRAP_MAX_BLANKS:
        k += 1
    if k >= len(lines) or is_blank(lines[k]) or split_row(lines[k]) is not None or lines[k].startswith("\f"):
        return None
    nxt = unspace_letters(lines[k].strip())
    if nxt.startswith("附") or label_line(nxt) != (BlockLabel.PARAGRAPH, None):
        return None
    if not _PROSE_MARK.search(nxt):
        return None  # a short label or a form value, not the rest of a sentence
    return None if starts_table(lines, k) else k


def paragraph(lines: list[str], i: int) -> tuple[str, int]:
    """Given a prose block's first line, return its text and last line (《 titles, wrapped lines joined)."""
    text, j = _joined_title(lines, i)
    if label_line(unspace_letters(text))[0] is BlockLabel.TITLE:
        return text, j
    while (k := _wraps(lines, j)) is not None:
        text += lines[k].strip()
        j = k
    return text, j


def block(text: str, line: int, file: str) -> TextBlock:
    """Given one prose line and its 1-based number, return its labelled block."""
    text = unspace_letters(text.strip())
    label, level = label_line(text)
    return TextBlock(label=label, text=text, level=level, prov=ProvenanceItem(file=file, paragraph_no=line))


