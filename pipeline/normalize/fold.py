"""Text folded for matching: simplified characters, half-width forms, no pinyin debris or doubled characters.

The folded text is only ever matched against; what users see is the text as written.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Pinyin that web converters leave after a character: 認(rèn)真, 經(jīng)費; tone marks tell it from an (a) list item.
_PINYIN_TONED = re.compile(
    r"[(（](?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[)）]")
# Untoned romanisation glued between Chinese characters (鄉鎮xiang安全): a Chinese cell holds no such words.
_LATIN_BETWEEN_HAN = re.compile(r"(?<=[\u4e00-\u9fff])[a-z]{2,8}(?=[\u4e00-\u9fff])")
_SPACE = re.compile(r"\s+")
_HAN = re.compile(r"[\u3400-\u9fff]")
MIN_DOUBLED_PAIRS = 3  # 人人/天天 are words; three doubled characters in a row (考考核核细细) are a rendering fault


def _is_foreign_letter(ch: str) -> bool:
    """Given a character, say whether it is a letter of a script no Chinese scheme is written in (Р as a separator)."""
    if ch.isascii() or _HAN.match(ch) or not unicodedata.category(ch).startswith("L"):
        return False
    return not unicodedata.name(ch, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "BOPOMOFO"))


def undouble(text: str) -> str:
    """Given text, collapse runs of doubled characters (安安全全生生产产 → 安全生产), leaving 人人, 天天 alone."""
    out: list[str] = []
    i = 0
    while i < len(text):
        j = i
        while j + 1 < len(text) and text[j] == text[j + 1] and not text[j].isdigit():
            j += 2
        pairs = (j - i) // 2
        if pairs >= MIN_DOUBLED_PAIRS or (pairs >= 2 and i == 0 and j >= len(text) - 1):
            out.extend(text[k] for k in range(i, j, 2))
            i = j
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


@lru_cache(maxsize=65536)
def fold(text: str | None) -> str:
    """Given text as written, return it folded for matching (simplified, half-width, no white space or debris)."""
    if not text:
        return ""
    from extractors.hanzi import zhconv

    text = _PINYIN_TONED.sub("", text)  # before NFKC, which splits the tone marks off their letters
    text = unicodedata.normalize("NFKC", text).lower()
    text = "".join(" " if _is_foreign_letter(ch) else ch for ch in text)
    text = _SPACE.sub("", text)
    text = _LATIN_BETWEEN_HAN.sub("", text)
    return undouble(zhconv().convert(text, "zh-cn"))
