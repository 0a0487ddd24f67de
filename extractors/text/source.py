"""Schemes saved inside program source: a JS/JSON data module whose strings hold the scheme's text.

Systems that score units keep their indicator tree as data ("'label': '一、…（17分）'", children …).
When nearly every line of a text is code, what a reader reads are the Chinese string literals, in
order; each line is replaced by them (keys, ids and markup dropped) so the outline underneath comes
out as prose, line numbers unchanged. A flat array of records is a table, not an outline: its lines are
kept as written for the records reader.
"""
from __future__ import annotations

import re

from ..hanzi import HANZI
from .records import array_lines

_CODE = re.compile(
    r"""^\s*(?:[{}\[\](),;]|['"]?[A-Za-z_$][\w$]*['"]?\s*:|(?:const|let|var|export|import|return|function)\b|//|/\*|\*)"""
)
_LITERAL = re.compile(r"""(['"`])((?:\\.|(?!\1).)*)\1""")  # every literal, left to right
_CJK = re.compile(f"[{HANZI}]")
CODE_SHARE = 0.8
_MIN_LINES = 5


def is_source(lines: list[str]) -> bool:
    """Given lines, tell whether nearly all of them are program source."""
    filled = [line for line in lines if line.strip()]
    return len(filled) >= _MIN_LINES and sum(1 for line in filled if _CODE.match(line)) >= CODE_SHARE * len(filled)


def literal_lines(lines: list[str]) -> list[str]:
    """Given source lines, return each line's Chinese string literals (joined by a space), or '';
    lines inside an array of records stay as they are."""
    table = array_lines(lines)
    return [line if i in table else " ".join(m.group(2).strip() for m in _LITERAL.finditer(line) if _CJK.search(m.group(2)))
            for i, line in enumerate(lines)]
