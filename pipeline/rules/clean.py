"""Damaged clause text read as a person reads it: pinyin debris, OCR confusions, converter slips, traditional form."""
from __future__ import annotations

import re
from functools import lru_cache

from .numbers import NUM

# Financial numerals (大写数字) as the other numerals, one for one.
_FINANCIAL_TABLE = str.maketrans("壹贰貳叁叄參肆伍陆陸柒捌玖拾佰仟", "一二二三三三四五六六七八九十百千")
_FINANCIAL = "壹贰貳叁叄參肆伍陆陸柒捌玖拾佰仟"
# Web copies of traditional texts carry the reading after a character: 機(jī)構(gòu).
_PINYIN = re.compile(r"\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")
# OCR splits a character into its parts or reads 0/1 as letters; only readings with no other sense are made.
_OCR = [
    (re.compile(r"力口"), "加"),  # 加 read as its two parts
    (re.compile(r"扌(?:口|II|Il|lI|ll|\|\||H)"), "扣"),  # 扣 read as 扌 + 口 (口 often as II)
    # 1OO分 / IOO分 / 10O%: letters among the digits of an amount
    (re.compile(r"(?<![A-Za-z\d.])(?=[\d.]*[IlO])[IlO\d.]{2,}(?=分|%)"),
     lambda m: m.group().translate(str.maketrans("IlO", "110"))),
    (re.compile(r"(?<=\d)[。o](?=分(?![值数别]))"), "0"),  # 满分10。分: a 0 read as a full stop
    (re.compile(r"乙(?=[个個项項次件条條名位人户戶家所])"), "一"),  # 每缺乙個 (a converter's 一 → 乙)
    # 扣贰分 / 壹佰分 / 伍拾元: financial numerals where they count (队伍分工, 登陆次数, 收拾 keep their characters)
    (re.compile(rf"(?<![登着大队入退落行收捡])[{_FINANCIAL}]+(?=分(?![工配析解布管类级项散为别之值数钟期批担摊局])|元|%|个|次|倍|项|件|人|条|篇|名)"),
     lambda m: m.group().translate(_FINANCIAL_TABLE)),
]


# Columns of a table dump interleaved: 每少1次扣 要、查责任书、查 1分 — a scoring verb cut from its amount by
# fragments of the next column, each standing between blanks. The fragments are moved after the amount.
_INTERLEAVED = re.compile(rf"(?P<verb>[扣加减])\s+(?P<cut>(?:[^\s\d，；。]{{1,12}}\s+){{1,3}})(?P<amt>{NUM}\s*分)")


def rejoined(text: str) -> str:
    """Given folded text with its blanks, put an amount back beside its verb when another column split them."""
    if " " not in text:
        return text
    return _INTERLEAVED.sub(lambda m: f"{m['verb']}{m['amt']} {m['cut']}", text)


@lru_cache(maxsize=1)
def _simplified_table() -> dict[int, str]:
    """Traditional → simplified, one character for one, from zhconv's table (loaded on first need)."""
    from extractors.hanzi import zhconv

    table = zhconv().getdict("zh-hans")
    return str.maketrans({k: v for k, v in table.items() if len(k) == 1 and len(v) == 1})


def repaired(text: str) -> str:
    """Given folded text without blanks, drop pinyin debris and read unambiguous OCR confusions."""
    if "(" in text:
        text = _PINYIN.sub("", text)
    for pattern, repl in _OCR:
        text = pattern.sub(repl, text)
    return text


def simplified(text: str) -> str:
    """Given text, return it in simplified characters, one for one (offsets stay valid)."""
    try:
        text.encode("gb2312")
        return text  # nothing outside the simplified set: the common case costs one encode
    except UnicodeEncodeError:
        return text.translate(_simplified_table())
