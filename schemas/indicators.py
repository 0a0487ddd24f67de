"""IndicatorTable: a scheme's scoring tables read as category ▸ indicator ▸ criteria."""
from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Literal

from pydantic import Field

from .common import ProvenanceItem, SourceInfo, StrictModel
from .corrections import Correction

INDICATOR_SCHEMA_NAME = "kaoping.IndicatorTable"
INDICATOR_SCHEMA_VERSION = "1.1.0"


class DocumentKind(str, Enum):
    SCHEME = "scheme"  # 考评方案 / 考核办法 / 细则: rules
    RESULTS = "results"  # 绩效自评表 / 整改方案: rows of results
    OTHER = "other"


class ScoringStyle(str, Enum):
    DEDUCTION = "deduction"  # 扣分制
    ADD_DEDUCT = "add_deduct"  # 加扣分制
    PERCENTAGE = "percentage"  # 百分制
    UNKNOWN = "unknown"


class Frequency(str, Enum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"
    UNKNOWN = "unknown"


class SectionRole(str, Enum):
    BASE = "base"  # 业务工作 / ordinary indicators
    BONUS = "bonus"  # 加分项目 / 特色工作
    BOTTOM_LINE = "bottom_line"  # 突破底线扣分
    FORM = "form"  # 申报表: not indicators
    RESULTS = "results"  # rows of a results document
    NOTE = "note"  # 备注 rows that state scheme-level rules


class Region(StrictModel):
    province: str | None = None
    city: str | None = None
    district: str | None = None


class DocumentMeta(StrictModel):
    title: str | None = None
    doc_number: str | None = Field(None, description="文号, e.g. 常武司字〔2021〕62号")
    issuer: str | None = None
    addressees: str | None = None
    region: Region = Field(default_factory=Region)
    year: int | None = None
    issue_date: date | None = None
    period_start: date | None = None
    period_end: date | None = None
    assessed_units: list[str] = Field(default_factory=list, description="e.g. 司法所, 机关科室")
    scoring_style: ScoringStyle = ScoringStyle.UNKNOWN
    frequency: Frequency = Frequency.UNKNOWN
    kind: DocumentKind = DocumentKind.SCHEME
    prov: dict[str, ProvenanceItem] = Field(default_factory=dict, description="Field name → where it was read")


class Section(StrictModel):
    """A part of the scheme: an attachment, a 业务工作 block, a 科室's table, 加分项目."""

    id: str
    title: str
    role: SectionRole
    attachment: int | None = Field(None, description="附件 number, where the section belongs to one")
    points: float | None = Field(None, description="Stated total, e.g. 业务工作（60 分）")
    department: str | None = Field(None, description="责任科室 that owns every indicator here")
    prov: ProvenanceItem | None = None


class Category(StrictModel):
    """A node of the category path (工作类别 / 事项 / 一级指标 …) with its stated points."""

    name: str
    points: float | None = None
    weight: float | None = Field(None, description="Stated share of the whole (0.3 for 权重30%), not points")
    prov: ProvenanceItem | None = None


class Indicator(StrictModel):
    id: str = Field(description="Stable id within the document, e.g. 's1.i12'")
    section_id: str
    categories: list[Category] = Field(default_factory=list, description="Outermost first")
    number: str | None = Field(None, description="序号 as written")
    name: str | None = Field(None, description="指标名称 / 考评内容 headline")
    content: str | None = Field(None, description="考核内容 / 要求")
    criteria: str | None = Field(None, description="扣分标准 / 评分标准 text, whole")
    points: float | None = None
    points_text: str | None = Field(None, description="The 分值 cell as written")
    bonus_points: float | None = Field(None, description="Bonus on top of the base points ('15分+5分' → 5)")
    weight: float | None = Field(
        None, description="Share of the score (0.4 for 权重40% / 占40% / P1×40%), kept apart from points; "
        "an indicator without its own weight takes its category's"
    )
    department: str | None = None
    departments: list[str] = Field(default_factory=list, description="The department cell read as a list of units")
    possibly_cut: bool = Field(False, description="The last row of a text cut off: its text or points may be incomplete")
    timing: str | None = Field(None, description="考评时间")
    prov: dict[str, ProvenanceItem] = Field(
        default_factory=dict, description="Field name (name, criteria, points, …) → source cell"
    )

    @property
    def category_path(self) -> list[str]:
        return [c.name for c in self.categories]


class ResultRow(StrictModel):
    """One row of a results document (自评表 / 整改方案): what was due, what was got."""

    id: str
    group: str | None = Field(None, description="年度目标 N / domain such as 公共法律服务")
    group_points: float | None = None
    path: list[str] = Field(default_factory=list, description="一级/二级/三级指标 or item ▸ sub-item")
    name: str
    target: str | None = Field(None, description="年初目标值 (A) / 预算数")
    actual: str | None = Field(None, description="实际完成值 (B) / 执行数")
    rate: str | None = Field(None, description="执行率 where stated")
    points_due: float | None = Field(None, description="应得 / weight")
    points_got: float | None = Field(None, description="实得 / 得分")
    reason: str | None = Field(None, description="失分原因")
    measures: str | None = Field(None, description="整改措施")
    department: str | None = None
    possibly_cut: bool = Field(False, description="The last row of a text cut off: it may be incomplete")
    prov: dict[str, ProvenanceItem] = Field(default_factory=dict)


class SkippedTable(StrictModel):
    """A table that holds no indicators, and why (document control, sign-off, blank form …)."""

    table_no: int
    reason: str
    prov: ProvenanceItem | None = None


class CategoryCheck(StrictModel):
    """A category's stated points against the sum of the rows under it."""

    path: list[str]
    stated: float
    extracted: float
    ok: bool


class SelfCheck(StrictModel):
    """The document's reconciliation: what it states against what was extracted."""

    stated_total: float | None = Field(None, description="Total the document states (满分/总分/合计 or its sections')")
    extracted_total: float | None = Field(None, description="Sum of the base indicators' points")
    bonus_total: float | None = Field(None, description="Sum of the bonus indicators' points")
    weight_total: float | None = Field(None, description="Sum of the top-level weights, where weights are stated")
    categories: list[CategoryCheck] = Field(default_factory=list)
    rows_without_points: int = 0
    rows_skipped: list[str] = Field(default_factory=list, description="Rows not read as indicators, with the reason")
    tables_skipped: list[SkippedTable] = Field(default_factory=list)
    margin: float | None = Field(
        None, description="Smallest lead of a table's chosen reading over the runner-up (0–1; small = unsure)"
    )


class IndicatorTable(StrictModel):
    schema_name: Literal["kaoping.IndicatorTable"] = INDICATOR_SCHEMA_NAME
    version: str = INDICATOR_SCHEMA_VERSION
    source: SourceInfo
    meta: DocumentMeta = Field(default_factory=DocumentMeta)
    sections: list[Section] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    results: list[ResultRow] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="备注 and scheme-level prose kept verbatim")
    stated_total: float | None = Field(None, description="Grand total as printed (自评表 总分, 满分100分)")
    tables_found: int = 0
    warnings: list[str] = Field(default_factory=list)
    check: SelfCheck = Field(default_factory=SelfCheck)
    needs_review: bool = Field(False, description="需复核: the self-check does not reconcile or the reading was unsure")
    review_reasons: list[str] = Field(default_factory=list, description="Why a person should check it, in Chinese")
    corrections: list[Correction] = Field(
        default_factory=list, description="A person's corrections applied to this table, each with the extracted value")
