"""Results documents (绩效自评表, 整改方案): documents that are rows of results, not rules.

``is_results_document`` tells them from schemes; ``extract_results`` returns their rows;
``read_results`` also returns what is not a row (总分, 偏差/改进 texts, 备注, the document's own
counts, warnings such as the slip '（应得10分，应得9分）').
"""
from __future__ import annotations

import re

from extractors.errors import ExtractionError
from schemas.indicators import ResultRow
from schemas.raw import BlockLabel, RawDocument

from .form import header_roles, is_header, logical_row, read_tables
from .fragment import read_fragment
from .lines import BUDGET_HEADER, GOAL_HEADER, read_lines
from .prose import SCORE, read_prose
from .text import ResultsReading, Stream, compact, join_lines

TITLE_WORDS = ("自评表", "自评报告", "整改方案", "整改报告", "自查报告", "考评结果", "考核结果", "得分情况")
TITLE_BLOCKS = 15  # the title sits among the first blocks (after 文号, 红头)
TITLE_MAX_LEN = 80
NOTE_HEAD = re.compile(r"^备\s*注\s*[：:]?")
NOTE_ITEM = re.compile(r"^\d+\s*[.、．]")


class NotResultsDocument(ExtractionError):
    code = "not_results_document"


def is_results_document(raw: RawDocument) -> bool:
    """Given a RawDocument, tell whether it reports results (by title words or by structure)."""
    return _title_says(raw) or _has_result_table(raw) or _has_result_prose(raw)


def extract_results(raw: RawDocument) -> list[ResultRow]:
    """Given a RawDocument of a results document, return its result rows (empty if none)."""
    return read_results(raw).rows


def read_results(raw: RawDocument) -> ResultsReading:
    """Given a RawDocument, read it as a form (tables or lines) or as prose; keep the fullest reading."""
    readings = []
    if raw.tables:
        readings.append(read_tables(raw.tables))
    blocks = raw.blocks
    text = Stream.text_of(blocks)
    if GOAL_HEADER.search(text) or BUDGET_HEADER.search(text):
        readings.append(read_lines(blocks))
    elif not raw.tables:
        readings.append(read_fragment(blocks))
    if SCORE.search(text):
        readings.append(read_prose(blocks))
    if not readings:
        return ResultsReading(kind="form")
    best = max(readings, key=lambda r: len(r.rows))
    if not any(row.rate for row in best.rows):
        # The budget block read as lines above a goal table the layout recovery rebuilt: one form, two readings.
        other = next((r for r in readings if r is not best and any(row.rate for row in r.rows)), None)
        if other is not None:
            rows = [row for row in other.rows if row.rate] + best.rows
            best.rows = [row.model_copy(update={"id": f"res.{n}"}) for n, row in enumerate(rows, 1)]
            best.doubts += other.doubts
    best.notes = _notes(raw)
    return best


# What may follow a title's last word: （2022年度）, closing quotes, 的通知, the extension of a saved file's name.
TITLE_TAIL = re.compile(r"(?:[（(][^（）()]{0,20}[）)]|[》」”\"：:。\s]|的通知|通知|[-_]*\.(?i:xlsx?|docx?|wps|et|pdf|txt))+$")
ATTACHMENT_ITEM = re.compile(r"^(?:附件[：:\d一二三四五六七八九十]*|\d{1,2}[.．、]|[（(]\d{1,2}[)）])")


def _title_says(raw: RawDocument) -> bool:
    """Given a document, tell whether one of its title-like first blocks names a results document."""
    for block in raw.blocks[:TITLE_BLOCKS]:
        text = compact(block.text)
        if ATTACHMENT_ITEM.match(text):
            continue  # "附件：2.…自评表" lists what comes with a notice; it does not name this document
        titled = block.label in (BlockLabel.TITLE, BlockLabel.HEADING) or len(text) <= TITLE_MAX_LEN
        # The document names itself: '…绩效自评表（2022年度）', '关于…的整改方案》的通知'; a heading or a sentence
        # that only mentions them ('五、考核结果运用', '考核结果分为优秀…') names no results document.
        head = TITLE_TAIL.sub("", text)
        if titled and any(head.endswith(word) for word in TITLE_WORDS):
            return True
    return False


def _has_result_table(raw: RawDocument) -> bool:
    """Given a document, tell whether a table has a header with target, achieved value and score."""
    for table in raw.tables:
        for grid_row in table.grid()[:80]:
            roles = header_roles(logical_row(grid_row))
            if is_header(roles) and "score" in roles and "actual" in roles:
                return True
    return False


def _has_result_prose(raw: RawDocument) -> bool:
    """Given a document, tell whether its text reports 应得/实得 pairs, a form header as lines, or the rows
    of a form whose header is lost."""
    text = Stream.text_of(raw.blocks)
    return len(SCORE.findall(text)) >= 2 or GOAL_HEADER.search(text) is not None \
        or not raw.tables and bool(read_fragment(raw.blocks).rows)


def _notes(raw: RawDocument) -> list[str]:
    """Given a document, return the numbered 备注 items after a '备注' heading, wrapped lines joined."""
    notes: list[str] = []
    started = False
    for block in raw.blocks:
        text = block.text.strip()
        if NOTE_HEAD.match(text):
            started, text = True, NOTE_HEAD.sub("", text).strip()
        if not (started and text):
            continue
        if notes and not NOTE_ITEM.match(text):
            notes[-1] = join_lines([notes[-1], text])
        else:
            notes.append(text)
    return notes
