"""Run-on prose cut back into its numbered items.

Copies of schemes often lose their paragraph breaks: a whole 考核办法 arrives as one line, its outline
(一、 （一） 1、 （1） ① 第一条) run together with the sentences. A paragraph starts again before an
outline number that follows a sentence end or a gap, that follows an item's own allocation
("（10分）1、"), that opens the next level under a short heading ("二、考核内容（一）…"), or that
continues the numbering of an item just before it ("（一）… （二）…"). Numbers inside brackets, in
lists of numbers ("得8、6、4分") or after 第 are no outline.
"""
from __future__ import annotations

import re

_CN = "一二三四五六七八九十"
# (style, pattern); the style's level decides which numbers open a deeper level.
_STYLES: list[tuple[str, int, str]] = [
    ("chapter", 0, rf"第[{_CN}百零〇]+[章节条]"),
    ("cn", 1, rf"[{_CN}]{{1,3}}[、．.](?![\d{_CN}])"),
    ("cn_paren", 2, rf"[（(][{_CN}]{{1,3}}[）)]"),
    ("arabic", 3, r"\d{1,2}(?:[、．]|\.(?!\d))"),
    ("arabic_paren", 4, r"[（(]\d{1,2}[）)]、?"),
    ("arabic_half", 4, r"\d{1,2}[）)](?![\d%])"),
    ("circled", 5, r"[①-⑳]"),
    ("glyph_paren", 4, r"[⑴-⒇]"),  # （1） set in one glyph
]
_MARKER = re.compile("|".join(f"(?P<{name}>{pattern})" for name, _, pattern in _STYLES))
_LEVEL = {name: level for name, level, _ in _STYLES}
_SENTENCE_END = re.compile(r"[。；;！？!?：:]\s*$")
_ALLOCATION_END = re.compile(r"(?:[（(][^（）()]{0,12}\d+(?:\.\d+)?\s*分[^（）()]{0,12}[）)]|\d+(?:\.\d+)?\s*分)\s*$")
_SPACE_END = re.compile(r"[\s\u3000]$")
_NO_OUTLINE_BEFORE = re.compile(r"(?:第|[\d、，,]|[A-Za-z])$")
_HEADING_MAX = 20
_LABEL_MAX = 6
_SIBLING_WINDOW = 400


def _value(name: str, text: str) -> int:
    """Given a marker's style and text, return its number (第十二条 → 12)."""
    digits = re.search(r"\d+", text)
    if digits:
        return int(digits.group(0))
    if name in ("circled", "glyph_paren"):
        return ord(text) - ord("①" if name == "circled" else "⑴") + 1
    cn = re.search(rf"[{_CN}]+", text).group(0)
    if len(cn) == 1:
        return _CN.index(cn) + 1
    if cn[0] == "十":
        return 10 + _CN.index(cn[1]) + 1
    return (_CN.index(cn[0]) + 1) * 10 + (_CN.index(cn[2]) + 1 if len(cn) > 2 else 0)


def _depth(text: str, at: int) -> int:
    """Given text and a position, return how many brackets are open there."""
    head = text[:at]
    return max(0, head.count("（") + head.count("(") - head.count("）") - head.count(")"))


def split_outline(text: str) -> list[str]:
    """Given a paragraph, return it cut before each outline number that starts an item of its own."""
    cuts: list[int] = []
    seen: dict[str, tuple[int, int, int]] = {}  # style → (value, start, end) of its last marker
    start = 0
    for m in _MARKER.finditer(text):
        name = m.lastgroup
        at = m.start()
        value = _value(name, m.group(0))
        before = text[:at]
        piece = text[start:at]
        last = seen.get(name)
        seen[name] = (value, at, m.end())
        if at == 0 or _NO_OUTLINE_BEFORE.search(before) or _depth(text, at) > 0:
            continue
        if len(piece.strip()) <= _LABEL_MAX and re.search(r"[:：]\s*$", piece):
            continue  # '附件: 1. …': a label introducing its list on the same line
        first = _MARKER.match(piece.strip())
        opens_level = (first is not None and _LEVEL[first.lastgroup] < _LEVEL[name]
                       and len(piece.strip()) <= _HEADING_MAX and not re.search(r"[。；;，,]", piece))
        # '按⑴⑵两项': numbers listed one after another, with no item text between them, are no items.
        continues = last is not None and last[0] == value - 1 and at - last[1] <= _SIBLING_WINDOW \
            and bool(text[last[2]:at].strip())
        if (_SPACE_END.search(before) or _SENTENCE_END.search(before) or _ALLOCATION_END.search(before)
                or opens_level or continues):
            cuts.append(at)
            start = at
    pieces = [text[a:b].strip() for a, b in zip([0] + cuts, cuts + [len(text)])]
    return [p for p in pieces if p]
