"""Scores: per unit, period and indicator, every applied rule with the events that fired it."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import StrictModel
from .events import InputIssue
from .indicators import SectionRole
from .rules import Period, RuleKind

SCORE_SCHEMA_NAME = "kaoping.ScoreReport"
SCORE_SCHEMA_VERSION = "1.0.0"


class MatchInfo(StrictModel):
    """How events reached a rule: by indicator id or name, or by text similarity (confidence 0-1)."""

    method: Literal["id", "name", "text", "metric", "rater", "scheme"]
    confidence: float


class AppliedRule(StrictModel):
    """One rule atom that fired for a unit in a period."""

    atom: str = Field(description="'<indicator_id>#<atom index>' or 'scheme#<index>'")
    kind: RuleKind
    text: str
    location: str = Field(description="Where the clause stands: 武进2021 第2页 表1 行3")
    events: list[int] = Field(default_factory=list, description="Source line numbers of the events")
    count: float = 0
    value: float | None = Field(None, description="The measure or event value compared / used")
    raw: float = Field(description="Signed points before this rule's cap")
    points: float = Field(description="Signed points after this rule's cap (the provisional low end if open)")
    low: float = Field(description="Signed points at the smallest amount the clause allows")
    high: float = Field(description="Signed points at the largest amount the clause allows")
    provisional: bool = False
    match: MatchInfo | None = None
    explanation: str


class IndicatorScore(StrictModel):
    indicator_id: str
    name: str
    path: list[str] = Field(default_factory=list)
    section_role: SectionRole
    points: float | None = Field(None, description="The item's stated points")
    start: float = Field(description="Points the item starts the period with")
    raw: float = Field(description="start + applied points, before the item's floor and cap")
    final: float
    low: float
    high: float
    provisional: bool = False
    zeroed: bool = Field(False, description="A 不得分 clause fired")
    applied: list[AppliedRule] = Field(default_factory=list)


class CapAdjustment(StrictModel):
    """A category, bonus or period cap that cut the sum of several items."""

    scope: str = Field(description="The categories / sections capped, as the scheme names them")
    direction: Literal["deduct", "add"]
    cap: float
    raw: float = Field(description="Signed sum before the cap")
    capped: float
    explanation: str


class UnitPeriodScore(StrictModel):
    unit: str
    period: str
    start: float
    total: float
    low: float
    high: float
    provisional: bool = False
    rank: int | None = None
    vetoes: list[str] = Field(default_factory=list)
    bottom_line: bool = Field(False, description="A 突破底线 deduction applied")
    components: dict[str, float] = Field(default_factory=dict, description="Weighted rater scores")
    caps: list[CapAdjustment] = Field(default_factory=list)
    indicators: list[IndicatorScore] = Field(default_factory=list)


class UnitResult(StrictModel):
    """A unit's final standing over the whole scoring run."""

    unit: str
    total: float
    low: float
    high: float
    provisional: bool = False
    rank: int | None = None
    grade: str | None = None
    reward: list[str] = Field(default_factory=list)
    vetoes: list[str] = Field(default_factory=list)
    grade_notes: list[str] = Field(default_factory=list, description="Why a grade was barred or locked")
    caps: list[CapAdjustment] = Field(default_factory=list, description="Caps set per year, cut on the sum")
    periods: dict[str, float] = Field(default_factory=dict, description="Period → total")
    deductions: float = 0
    additions: float = 0


class ScoreSettingsUsed(StrictModel):
    period: Period
    aggregate: Literal["sum", "mean"]
    item_floor: bool
    base_score: float | None = None


class SchemeMapping(StrictModel):
    """How a name in a scheme rule (法援工作) was mapped to the table's categories or sections."""

    rule: str = Field(description="Scheme rule kind: category_cap, bonus_cap, base_points, unit_scope")
    text: str = Field("", description="The rule as written")
    name: str = Field(description="The name as the scheme writes it (or the unit, for unit_scope)")
    mapped_to: list[str] = Field(default_factory=list, description="Table categories / section ids")
    status: Literal["mapped", "ambiguous", "unmapped"]
    method: str = Field("n-gram", description="n-gram (character similarity), section (the only one), all")
    confidence: float = 0.0
    candidates: list[str] = Field(default_factory=list)
    period: Period | None = Field(None, description="The period a cap applies per")
    period_source: Literal["sentence", "scheme"] | None = Field(
        None, description="sentence: the rule says 每月/每年; scheme: none said, the scheme's scoring period is used")


class ScoreReport(StrictModel):
    schema_name: Literal["kaoping.ScoreReport"] = SCORE_SCHEMA_NAME
    version: str = SCORE_SCHEMA_VERSION
    title: str | None = None
    settings: ScoreSettingsUsed
    periods: list[str] = Field(default_factory=list)
    units: list[UnitResult] = Field(default_factory=list, description="In final rank order")
    period_scores: list[UnitPeriodScore] = Field(default_factory=list)
    issues: list[InputIssue] = Field(default_factory=list)
    scheme_mappings: list[SchemeMapping] = Field(default_factory=list, description="Scheme rule names → table")
    warnings: list[str] = Field(default_factory=list,
                                description="Chinese warnings shown with the ranking: periods, year, base score")
    events_read: int = 0
    events_scored: int = 0
    measures_read: int = 0
