"""Text helpers shared by the indicator modules: squash extraction spaces, fold widths, read points."""
from __future__ import annotations

import re
from functools import lru_cache

# White space next to a non-ASCII character is an extraction artefact; only ASCII words keep theirs.
_INNER_SPACE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")
# A 权重 of '30%' in a 百分制 table is 30 of its 100 points.
_POINTS = re.compile(r"^[（(]?\s*([+-]?\d+(?:\.\d+)?)\s*[分%]?\s*[）)]?$")
# '10分（每项2分）'; never a score band ('90分以上', '70分至89分', '60-69分'), which bounds a grade, not an item.
_LEADING_POINTS = re.compile(r"^(\d+(?:\.\d+)?)分(?![\d.])(?!及?以[上下]|[至到~～\-—－]\d)")
# Pinyin a converter left after a character (發(fā)布): never a clause boundary, an item marker or a word.
PINYIN = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]")
# '（20分）', '（基本分200分）', '（共20分）'; a '（总分：100分）' beside a title is the document's total, no category's.
_STATED_POINTS = re.compile(r"[（(]\s*(?:基本分|基础分|共计|共|计)?\s*[:：]?\s*(\d+(?:\.\d+)?)\s*分\s*[）)]")


@lru_cache(maxsize=4096)
def simplified(text: str) -> str:
    """Given text, return it in simplified characters without converter pinyin, for recognising words
    ('加分項目' → '加分项目'); the original text is what the output keeps."""
    from extractors.hanzi import zhconv

    return zhconv().convert(PINYIN.sub("", text), "zh-hans")


# Full-width ASCII to half-width (the CJK brackets and clause punctuation stay), ideographic space to space.
_FOLD = {0x3000: " "} | {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F) if chr(code) not in "（）：；，"}


def fold(text: str) -> str:
    """Given text, fold full-width ASCII (Ａ１，) to half-width and ideographic spaces to spaces."""
    return text.translate(_FOLD)


def squash(text: str | None) -> str:
    """Given cell text, drop the spaces/line breaks extraction put between CJK characters."""
    if not text:
        return ""
    text = _INNER_SPACE.sub("", text.strip())
    return re.sub(r"[ \t\u3000]+", " ", text)


_WHITE = re.compile(r"\s+")
_WIDE = re.compile("[" + "".join(re.escape(chr(code)) for code in _FOLD if code != 0x3000) + "]")


def key(text: str | None) -> str:
    """Given text, return a comparison key: no white space at all, widths folded."""
    # Taken hundreds of thousands of times on a long document: white space goes first (fold never makes
    # any), and the per-character translation runs only on the few texts with full-width ASCII.
    text = _WHITE.sub("", text) if text else ""
    return text.translate(_FOLD) if _WIDE.search(text) else text


def parse_points(text: str | None) -> float | None:
    """Given a 分值 cell ('10分', '3 分', '10', '（15分）', '10分（每项2分）', '30%'), return the number or None."""
    if not text:
        return None
    m = _POINTS.match(key(text)) or _LEADING_POINTS.match(key(text))
    return float(m.group(1)) if m else None


def stated_points(text: str) -> tuple[str, float | None]:
    """Given a label like '法律援助工作(40 分)', return (label without the points, 40.0)."""
    found = list(_STATED_POINTS.finditer(text))
    if not found:
        return text.strip(), None
    last = found[-1]
    return (text[: last.start()] + text[last.end():]).strip(), float(last.group(1))
