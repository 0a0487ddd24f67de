"""Numbers as Chinese scoring text writes them: 0.5分, 两分, 百分之九十, 万分之六点三, 三分之一, full width."""
from __future__ import annotations

import re

CN_DIGITS = "零〇一二两三四五六七八九十百千万点"

# One number: arabic (with decimals) or a run of Chinese numerals, at most 12 long (一千二百三十四点五六 is 10):
# a longer run is no number, and the bound keeps hostile runs of 一一一… linear.
NUM = rf"(?:\d+(?:\.\d+)?|[{CN_DIGITS}]{{1,12}})"

# 半分 / 半个百分点: a half written as a word, a number only before 分 or a step of points (每半年 is a period).
HALF = r"半(?=分(?![钟之])|个百分点)"

# A rate: N%, 百分之N, 千分之N, 万分之N, M分之N (三分之一).
RATE = rf"(?:{NUM}\s*[%‰]|[百千万]分之{NUM}|{NUM}分之{NUM})"

_FRACTION = re.compile(rf"^(?P<den>{NUM})分之(?P<num>{NUM})$")
_ARABIC = re.compile(r"^\d+(?:\.\d+)?$")
# One-character numerals are most of what clauses write (一次, 两条); cn2an handles the rest.
_SINGLE = {ch: float(i) for i, ch in enumerate("零一二三四五六七八九十")} | {"两": 2.0, "〇": 0.0, "百": 100.0, "千": 1000.0}
_SCALE = {"百": 100.0, "千": 1000.0, "万": 10000.0}

# Full-width forms and look-alike signs folded to what the grammar expects; 1:1 so offsets survive.
_FOLD = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
_FOLD.update({"～": "-", "~": "-", "—": "-", "–": "-", "\u3000": " ", "≧": "≥", "≦": "≤"})
# Clause punctuation goes the other way (ASCII → full width): the grammar splits on ，；：.
_FOLD.update({"，": "，", "；": "；", "：": "：", ",": "，", ";": "；", ":": "："})
_FOLD_TABLE = str.maketrans(_FOLD)


def fold(text: str) -> str:
    """Given text, fold full-width digits, letters and signs to ASCII, keeping its length."""
    return text.translate(_FOLD_TABLE)


def cn_number(span: str) -> float:
    """Given a number span ('0.5', '两', '十二', '六点三'), return its value; ValueError if it is none."""
    span = span.strip()
    if _ARABIC.match(span):
        return float(span)
    if span == "半":
        return 0.5
    if not span or any(ch not in CN_DIGITS for ch in span):
        raise ValueError(f"不是数字：{span}")
    if span in _SINGLE:
        return _SINGLE[span]
    import cn2an

    try:
        return float(cn2an.cn2an(span.replace("两", "二").replace("〇", "零"), "smart"))
    except (ValueError, KeyError) as exc:
        raise ValueError(f"不是数字：{span}") from exc


def rate_value(span: str) -> float:
    """Given a rate span ('90%', '百分之九十', '万分之六点三', '三分之一'), return it as a fraction."""
    span = fold(span).strip().replace(" ", "")
    if span.endswith("%"):
        return cn_number(span[:-1]) / 100.0
    if span.endswith("‰"):
        return cn_number(span[:-1]) / 1000.0
    if span[0] in _SCALE and span[1:3] == "分之":
        return cn_number(span[3:]) / _SCALE[span[0]]
    m = _FRACTION.match(span)
    if m:
        return cn_number(m["num"]) / cn_number(m["den"])
    raise ValueError(f"不是比率：{span}")


def value_of(span: str) -> float:
    """Given a number or rate span, return its value (rates as fractions)."""
    span = fold(span).strip().replace(" ", "")
    try:
        return rate_value(span)
    except (ValueError, IndexError):
        return cn_number(span)
