"""A recognition view of damaged text: folded for matching, mapped back to the original characters.

Web copies of schemes arrive in traditional characters (zh-hant), with pinyin a converter left behind
("發(fā)布"), with every other character doubled ("泰泰州市应应急急"), with mojibake question marks inside
words ("扣??分??标??准") and with full-width digits. Recognisers match on the folded text and cut the
original at the mapped positions, so output keeps the document's own characters; only converter
debris (pinyin after a character) is dropped from output as well, since no document wrote it.
"""
from __future__ import annotations

import re
from ..hanzi import HANZI
from dataclasses import dataclass
from functools import lru_cache

_CJK = f"[{HANZI}]"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# A toned syllable in brackets right after a character: what zh-hant converters leave behind.
PINYIN = re.compile(rf"(?<={_CJK})[(（](?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,7}}[)）]")
_MOJIBAKE = re.compile(rf"(?<={_CJK})[?？\ufffd]+(?={_CJK})")
_DOUBLED = re.compile(rf"({_CJK})\1")
_SPACE = re.compile(r"\s+")
# Share of characters followed by the same one above which a text is taken as doubled throughout.
DOUBLING_SHARE = 0.08


@lru_cache(maxsize=1)
def _simplify_table() -> dict[int, str]:
    """Return the one-character traditional → simplified mappings of zhconv (length-preserving)."""
    from ..hanzi import zhconv

    return {ord(k): v for k, v in zhconv().getdict("zh-hans").items() if len(k) == 1 and len(v) == 1}


def _width(ch: str) -> str:
    """Given a character, return its half-width form for full-width ASCII and the ideographic space."""
    code = ord(ch)
    if code == 0x3000:
        return " "
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    return ch


@dataclass
class Folded:
    """Folded text and, for each of its characters, the index of the original character it came from."""

    text: str
    index: list[int]
    original: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Given a [start, end) range of the folded text, return the range of the original it covers."""
        if start >= end:
            at = self.index[start] if start < len(self.index) else len(self.original)
            return at, at
        return self.index[start], self.index[end - 1] + 1

    def cut(self, start: int, end: int) -> str:
        """Given a [start, end) range of the folded text, return the original text under it."""
        a, b = self.span(start, end)
        return self.original[a:b]


def _drop(chars: list[str], index: list[int], pattern: re.Pattern, keep_group: int | None = None) -> None:
    """Given parallel lists, delete in place what ``pattern`` matches (all of it, or all but a group)."""
    text = "".join(chars)
    gone: set[int] = set()
    for m in pattern.finditer(text):
        if keep_group is None:
            gone.update(range(m.start(), m.end()))
        else:
            gone.update(i for i in range(m.start(), m.end()) if not m.start(keep_group) <= i < m.end(keep_group))
    if gone:
        chars[:] = [c for i, c in enumerate(chars) if i not in gone]
        index[:] = [x for i, x in enumerate(index) if i not in gone]


def is_doubled(text: str) -> bool:
    """Given a whole text, tell whether its characters are doubled throughout (a broken copy)."""
    cjk = len(re.findall(_CJK, text))
    return cjk >= 20 and len(_DOUBLED.findall(text)) >= DOUBLING_SHARE * cjk


def fold(text: str, *, squash: bool = False, undouble: bool = False, drop: re.Pattern | None = None) -> Folded:
    """Given text, return its recognition view: pinyin debris and in-word mojibake dropped, traditional
    characters simplified, widths folded; white space removed with ``squash``, doubled characters
    collapsed with ``undouble``, and what ``drop`` matches (cell separators) removed."""
    chars = list(text)
    index = list(range(len(text)))
    _drop(chars, index, PINYIN)
    table = _simplify_table()
    chars = [_width(c).translate(table) for c in chars]
    _drop(chars, index, _MOJIBAKE)
    if drop is not None:
        _drop(chars, index, drop)
    if squash:
        _drop(chars, index, _SPACE)
    if undouble:
        _drop(chars, index, _DOUBLED, keep_group=1)
    return Folded("".join(chars), index, text)


def fold_text(text: str) -> str:
    """Given text, return its folded, space-free form (for comparing names)."""
    return fold(text, squash=True).text


def strip_debris(text: str) -> str:
    """Given output text, drop converter pinyin debris ("發(fā)布" → "發布"), keeping everything else."""
    return PINYIN.sub("", text)
