"""Event data for the scorer: what happened to a unit (events) and what was measured (measures)."""
from __future__ import annotations

from datetime import date as Date
from typing import Literal

from pydantic import Field

from .common import StrictModel

EVENTSET_SCHEMA_NAME = "kaoping.EventSet"
EVENTSET_SCHEMA_VERSION = "1.0.0"


class Event(StrictModel):
    """One occurrence that a rule may score: 某司法所 2023-03-05 调解案件录入少一件."""

    id: str | None = Field(None, description="Caller's id; the scorer uses the source line number when absent")
    unit: str = Field(description="单位: the assessed unit (司法所 / 科室)")
    date: Date | None = Field(None, description="日期; either date or period is required")
    period: str | None = Field(None, description="期间: 2023-03 (month), 2023Q1 (quarter) or 2023 (year)")
    indicator: str | None = Field(None, description="指标: indicator id or name as in the scheme")
    text: str = Field("", description="事项: what happened, used to match a rule when indicator is absent")
    count: float = Field(1, description="次数: occurrences (件/次/人次 …)")
    value: float | None = Field(None, description="数值: a measured value carried by the event (rates as fractions)")
    decided: float | None = Field(None, description="扣分/认定分值: amount decided by a person for 视情 clauses")
    note: str | None = Field(None, description="备注: evidence, document number")
    line: int | None = Field(None, description="Line (CSV/JSONL) or row (XLSX) in the source file, 1-based")


class Measure(StrictModel):
    """A measured value of a unit in a period: 调解成功率 0.93, or a rater group's score 88."""

    unit: str
    period: str = Field(description="期间: 2023-03, 2023Q1 or 2023")
    metric: str = Field(description="指标: 调解成功率, 重新犯罪率, an indicator name, or a rater group")
    value: float = Field(description="数值: rates as fractions (93% → 0.93); ranks as 1, 2, …")
    target: float | None = Field(None, description="目标: for proportional rules (value / target)")
    rater: str | None = Field(None, description="测评主体: rater group for weighted rules (局领导 …)")
    line: int | None = None


class InputIssue(StrictModel):
    """A row or match the scorer could not use on its own: reported, never dropped or guessed."""

    kind: Literal[
        "unreadable", "unmatched", "ambiguous", "needs_person", "out_of_range", "duplicate_measure", "duplicate_event"
    ]
    file: str | None = None
    line: int | None = None
    unit: str | None = None
    period: str | None = None
    text: str | None = Field(None, description="The row's indicator / text as given")
    reason: str = Field(description="Chinese reason and what to do")
    candidates: list[str] = Field(default_factory=list, description="Rules it could match (ambiguous)")


class EventSet(StrictModel):
    """Event data as one JSON document (the scorer also reads CSV, XLSX and JSON lines of rows)."""

    schema_name: Literal["kaoping.EventSet"] = EVENTSET_SCHEMA_NAME
    version: str = EVENTSET_SCHEMA_VERSION
    events: list[Event] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
