"""Corrections: what a person changed in an extracted table or rulebook, kept apart from what was extracted."""
from __future__ import annotations

from datetime import datetime
from enum import Enum

from pydantic import Field, JsonValue

from .common import StrictModel


class CorrectionOp(str, Enum):
    SET = "set"  # one field of an indicator: name, points, department, category
    SPLIT = "split"  # an indicator into two, its criteria cut at a character offset
    MERGE = "merge"  # an indicator with the one after it
    COLUMN_ROLE = "column_role"  # what a table column holds (the table is read again)
    NOT_INDICATOR_TABLE = "not_indicator_table"  # a table that holds no indicators (read again without it)
    ATOM = "atom"  # a rule atom of an indicator replaced, added or deleted


class CorrectionStatus(str, Enum):
    APPLIED = "applied"
    ORPHANED = "orphaned"  # its target is no longer in the extraction: kept, shown, not applied


class Correction(StrictModel):
    """One change a person made, keyed by the document's content hash, with who and when."""

    id: str
    doc_id: str = Field(description="sha256 of the source file")
    op: CorrectionOp
    target: str | None = Field(None, description="Indicator anchor: its source cells (t0r3c1) or id; ~N = split-off")
    table_no: int | None = Field(None, description="0-based table (column_role, not_indicator_table)")
    col: int | None = Field(None, description="0-based column (column_role)")
    field: str | None = Field(None, description="set: name/points/department/category")
    index: int | None = Field(None, description="atom: atom number; split: criteria character offset")
    value: JsonValue = Field(None, description="The corrected value (atom: RuleAtom JSON, null = delete)")
    before: JsonValue = Field(None, description="The extracted value it replaced, as found when applied")
    author: str
    created_at: datetime
    kaoping_version: str = ""
    status: CorrectionStatus = CorrectionStatus.APPLIED
    note: str | None = Field(None, description="Why it was not applied")
