"""Word automatic numbering: render the '一、' / '（二）' / '3.' that numbering.xml adds before text."""
from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .text import W, Styles, wval

_DIGITS = "零一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_PLACEHOLDER = re.compile(r"%([1-9])")
_NO_GAP_AFTER = "、．.)）:："


def chinese_number(n: int, digits: str = _DIGITS, units: str = "十百千") -> str:
    """Given 0 < n < 10000, return it in Chinese counting (11 → 十一, 105 → 一百零五)."""
    if n <= 0 or n >= 10000:
        return str(n)
    parts, zero = [], False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // power % 10
        if d:
            if zero and parts:
                parts.append(digits[0])
            parts.append(digits[d] + unit)
            zero = False
        elif parts:
            zero = True
    text = "".join(parts)
    # 一十一 is written 十一 when the number starts in the tens.
    return text[1:] if 10 <= n < 20 and text.startswith(digits[1] + units[0]) else text


def _letters(n: int, upper: bool) -> str:
    """Given n ≥ 1, return A, B, … Z, AA, BB … as Word numbers letters."""
    base = chr(ord("A" if upper else "a") + (n - 1) % 26)
    return base * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    """Given 0 < n < 4000, return its upper-case Roman numeral."""
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    """Given a counter and a w:numFmt value, return the number as Word displays it."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting", "ideographDigital"):
        return chinese_number(n)
    if fmt == "chineseLegalSimplified":
        return chinese_number(n, _LEGAL, "拾佰仟")
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter"):
        return _letters(n, fmt == "upperLetter")
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class _Level:
    start: int
    fmt: str
    text: str
    suffix: str
    legal: bool


class Numbering:
    """List definitions of a document and the running counters, used in body order."""

    def __init__(self, root: etree._Element | None, styles: Styles):
        self.styles = styles
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._num_to_abstract: dict[str, str] = {}
        self._overrides: dict[str, dict[int, int]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()
        if root is None:
            return
        for absn in root.findall(f"{W}abstractNum"):
            self._abstract[absn.get(f"{W}abstractNumId", "")] = {
                int(lvl.get(f"{W}ilvl", "0")): self._level(lvl) for lvl in absn.findall(f"{W}lvl")
            }
        for num in root.findall(f"{W}num"):
            num_id = num.get(f"{W}numId", "")
            self._num_to_abstract[num_id] = wval(num.find(f"{W}abstractNumId")) or ""
            self._overrides[num_id] = {
                int(o.get(f"{W}ilvl", "0")): int(wval(o.find(f"{W}startOverride")) or 1)
                for o in num.findall(f"{W}lvlOverride") if o.find(f"{W}startOverride") is not None
            }

    @staticmethod
    def _level(lvl: etree._Element) -> _Level:
        """Given a w:lvl, return its start, format, text template and suffix."""
        start = wval(lvl.find(f"{W}start")) or "1"
        return _Level(
            start=int(start) if start.lstrip("-").isdigit() else 1,
            fmt=wval(lvl.find(f"{W}numFmt")) or "decimal",
            text=wval(lvl.find(f"{W}lvlText")) or "",
            suffix=wval(lvl.find(f"{W}suff")) or "tab",
            legal=lvl.find(f"{W}isLgl") is not None,
        )

    def prefix(self, p: etree._Element) -> str:
        """Given a paragraph (in body order), advance its list counter and return its number text."""
        ppr = p.find(f"{W}pPr")
        numpr = ppr.find(f"{W}numPr") if ppr is not None else None
        if numpr is None:
            sid = wval(ppr.find(f"{W}pStyle")) if ppr is not None else None
            numpr = self.styles.para_prop(sid or self.styles.default_para, "numPr")
        if numpr is None:
            return ""
        num_id = wval(numpr.find(f"{W}numId"))
        ilvl_raw = wval(numpr.find(f"{W}ilvl")) or "0"
        levels = self._abstract.get(self._num_to_abstract.get(num_id or "", ""), {})
        ilvl = int(ilvl_raw) if ilvl_raw.isdigit() else 0
        if not num_id or num_id == "0" or ilvl not in levels:
            return ""
        abstract = self._num_to_abstract[num_id]
        counters = self._counters.setdefault(abstract, {})
        if num_id not in self._started:
            # A w:num with startOverride restarts the shared list where it is first used.
            self._started.add(num_id)
            for lvl, start in self._overrides.get(num_id, {}).items():
                counters[lvl] = start - 1
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        level = levels[ilvl]
        if level.fmt == "bullet":
            return ""

        def render(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            spec = levels.get(k)
            value = counters.get(k, spec.start if spec else 1)
            fmt = "decimal" if level.legal and k != ilvl else (spec.fmt if spec else "decimal")
            return format_number(value, fmt)

        text = _PLACEHOLDER.sub(render, level.text)
        if not text or level.suffix == "nothing" or text[-1] in _NO_GAP_AFTER:
            return text
        return text + " "
