"""Text helpers shared by the results parsers: numbers, cell cleaning, block streams with offsets."""
from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass, field
from itertools import repeat

from schemas.common import ProvenanceItem
from schemas.raw import TextBlock

NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
# A 分 amount inside parentheses: "（20 分）", "(11分)".
POINTS_IN_PARENS = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")
# White space as str.isspace() sees it (the same test for both), and what is not.
_BLANK = re.compile(r"\s+")
_INK = re.compile(r"\S")


def is_cjk(ch: str) -> bool:
    """Given one character, tell whether it is a CJK ideograph or CJK punctuation."""
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


def to_float(text: str | None) -> float | None:
    """Given a cell such as ' 3.23 ', '２０' or '4分', return the number, or None when it is not one."""
    if text is None:
        return None
    folded = unicodedata.normalize("NFKC", text).strip().removesuffix("分").strip()
    return float(folded) if NUMBER.match(folded) else None


def join_lines(parts: list[str]) -> str:
    """Given wrapped pieces of one cell, join them: no space between CJK, one space otherwise."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out and not (is_cjk(out[-1]) or is_cjk(part[0])):
            out += " "
        out += part
    return out


def clean_cell(text: str | None) -> str:
    """Given a cell's raw text with line breaks, return it on one line as written."""
    return join_lines((text or "").splitlines())


def compact(text: str) -> str:
    """Given text, drop all white space (for keyword matching across wrapped lines)."""
    return "".join(text.split())


def points_in_label(label: str) -> float | None:
    """Given a label like '年度目标 1：（11 分）', return the stated points, or None."""
    m = POINTS_IN_PARENS.search(label)
    return float(m.group(1)) if m else None


@dataclass
class Stream:
    """The body's text blocks as one string without white space, mapping back to each block.

    Wrapped PDF lines, DOCX paragraphs and text-dump lines then read the same; ``where`` turns a
    span of the stream into the block's provenance with a charspan in that block's own text.
    The maps are arrays of machine integers: as lists of ints, a thousand-page document's take tens of MiB.
    """

    text: str = ""
    blocks: list[TextBlock] = field(default_factory=list)
    owner: array = field(default_factory=lambda: array("i"))  # stream index → block index
    offset: array = field(default_factory=lambda: array("i"))  # stream index → char offset in block

    @classmethod
    def of(cls, blocks: list[TextBlock]) -> "Stream":
        """Given text blocks in reading order, build their white-space-free stream."""
        stream = cls(blocks=list(blocks), text=cls.text_of(blocks))
        for b, block in enumerate(stream.blocks):
            kept = [m.start() for m in _INK.finditer(block.text)]
            stream.owner.extend(repeat(b, len(kept)))
            stream.offset.extend(kept)
        return stream

    @staticmethod
    def text_of(blocks: list[TextBlock]) -> str:
        """Given text blocks, return the text of their stream (without building its maps)."""
        return "".join(_BLANK.sub("", block.text) for block in blocks)

    def where(self, start: int, end: int) -> ProvenanceItem | None:
        """Given a [start, end) span of the stream, return the provenance of its first block."""
        if not self.text or start >= len(self.text):
            return None
        b = self.owner[start]
        last = max(start, min(end, len(self.text)) - 1)
        while self.owner[last] != b:
            last -= 1
        span = (self.offset[start], self.offset[last] + 1)
        return self.blocks[b].prov.model_copy(update={"charspan": span})



@dataclass
class Claim:
    """A count the document states about itself: '以上2项' (rows it covers) or '4大项13小项25个子项目'."""

    text: str
    counts: list[int]
    row_ids: list[str] = field(default_factory=list)
    prov: ProvenanceItem | None = None


@dataclass
class Summary:
    """A labelled free-text cell or passage of a results document (偏差原因, 改进措施)."""

    label: str
    text: str
    prov: ProvenanceItem | None = None


@dataclass
class ResultsReading:
    """Everything read from a results document: the rows plus what is not a row.

    ``extract_results`` returns only ``rows``; the check command and the indicator-table builder
    may use the rest (stated total, 偏差/改进 texts, 备注, the document's own counts, warnings).
    """

    kind: str  # "form" (自评表) or "prose" (整改方案)
    rows: list = field(default_factory=list)
    total: float | None = None
    total_prov: ProvenanceItem | None = None
    group_texts: dict[str, str] = field(default_factory=dict)
    summaries: list[Summary] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)  # why a person should check the reading (需复核)
