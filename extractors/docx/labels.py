"""Block labels from paragraph style and text shape (shared by the DOCX and HTML extractors)."""
from __future__ import annotations

import re

from schemas.raw import BlockLabel

from .text import Para

# Chinese official documents number their outline 一、 → （一） → 1. → （1）.
_NUMBERED = [
    (re.compile(r"^第[一二三四五六七八九十百零〇]+[章部编篇]"), 1),
    (re.compile(r"^[一二三四五六七八九十百]+[、．.]"), 1),
    (re.compile(r"^[（(][一二三四五六七八九十百]+[）)]"), 2),
    (re.compile(r"^\d{1,2}(?:[、．]|\.(?!\d))"), 3),
    (re.compile(r"^[（(]\d{1,2}[）)]"), 4),
]
HEADING_MAX_CHARS = 30
TITLE_MAX_CHARS = 100
# Body text of official documents is 三号 (16 pt); a title is set larger.
TITLE_MIN_POINTS = 17.0
_STYLE_HEADING = re.compile(r"^(?:heading|标题)\s*(\d)$")
_SENTENCE_END = re.compile(r"[。；;！!？?]")


def outline_level(text: str) -> int | None:
    """Given block text, return the outline level its leading number implies (一、=1 … （1）=4)."""
    for pattern, level in _NUMBERED:
        if pattern.match(text):
            return level
    return None


def is_heading_shaped(text: str) -> bool:
    """Given block text, tell whether it is short and sentence-free enough to be a heading."""
    body = text.rstrip("：:")
    return len(body) <= HEADING_MAX_CHARS and not _SENTENCE_END.search(body) and "\n" not in body.strip()


def label_text(text: str) -> tuple[BlockLabel, int | None]:
    """Given the text of a plain paragraph, label it from its numbering alone."""
    level = outline_level(text)
    if level is None:
        return BlockLabel.PARAGRAPH, None
    if level == 3:
        return BlockLabel.LIST_ITEM, None
    if is_heading_shaped(text):
        return BlockLabel.HEADING, level
    return BlockLabel.PARAGRAPH, None


def label_para(para: Para) -> tuple[BlockLabel, int | None]:
    """Given a paragraph's text and formatting, return (label, level)."""
    text = para.text.strip()
    style = para.style
    if style in ("title", "标题"):
        return BlockLabel.TITLE, None
    m = _STYLE_HEADING.match(style)
    if m:
        return BlockLabel.HEADING, int(m.group(1))
    if style in ("caption", "题注"):
        return BlockLabel.CAPTION, None
    if para.outline_level is not None:
        return BlockLabel.HEADING, para.outline_level
    short = len(text) <= TITLE_MAX_CHARS
    if para.centered and para.bold and short and not para.red and (para.size or 0) >= TITLE_MIN_POINTS:
        return BlockLabel.TITLE, None
    if para.list_level is not None:
        # Auto-numbered outline headings (一、/（一）) are lists in Word but headings to a reader.
        shaped = is_heading_shaped(text)
        if shaped and outline_level(text) in (1, 2, 4):
            return BlockLabel.HEADING, outline_level(text)
        if para.bold and shaped:
            return BlockLabel.HEADING, para.list_level
        return BlockLabel.LIST_ITEM, para.list_level
    if "list" in style or "列表" in style:
        return BlockLabel.LIST_ITEM, None
    level = outline_level(text)
    if level == 3 and para.bold and is_heading_shaped(text):
        return BlockLabel.HEADING, level
    if level is not None:
        return label_text(text)
    if para.centered and para.bold and not para.red and is_heading_shaped(text):
        return BlockLabel.HEADING, None
    return BlockLabel.PARAGRAPH, None


def unwrap_lines(text: str) -> str:
    """Given a title broken over lines for layout, rejoin it (no space between CJK characters)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    out = lines[0] if lines else ""
    for line in lines[1:]:
        glue = "" if _is_cjk(out[-1]) or _is_cjk(line[0]) else " "
        out += glue + line
    return out


def _is_cjk(ch: str) -> bool:
    """Given a character, tell whether it is CJK text or full-width punctuation."""
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\uffef" or "\u3000" <= ch <= "\u303f"
