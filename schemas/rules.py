"""Machine rules: rule atoms parsed from scoring clauses, gathered in a Rulebook."""
from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import Field

from .common import ProvenanceItem, SourceInfo, StrictModel
from .indicators import DocumentMeta, SectionRole

RULEBOOK_SCHEMA_NAME = "kaoping.Rulebook"
RULEBOOK_SCHEMA_VERSION = "1.1.0"


class RuleKind(str, Enum):
    DEDUCT_FIXED = "deduct_fixed"
    ADD_FIXED = "add_fixed"
    DEDUCT_PER = "deduct_per"
    ADD_PER = "add_per"
    ZERO_ITEM = "zero_item"
    PROPORTIONAL = "proportional"
    TIERED = "tiered"
    DISCRETIONARY = "discretionary"
    RANK = "rank"
    GRADE = "grade"
    VETO = "veto"
    CAP_ONLY = "cap_only"
    WEIGHT = "weight"
    OTHER = "other"
    UNPARSED = "unparsed"


class OtherSubtype(str, Enum):
    """What an ``other`` atom states: a rule that changes no points by itself but changes how they are counted."""

    EXEMPT = "exempt"  # 未发生…的不扣分, 月度扣分免扣
    NO_DOUBLE_COUNT = "no_double_count"  # 同一问题不重复扣分
    MONEY_PER_POINT = "money_per_point"  # 每1分折合奖金100元, 100元/分
    GRADE_MAP = "grade_map"  # 90分以上为优秀，75分至89分为合格
    BASE_SCORE = "base_score"  # 基础分为60分
    UNCAPPED = "uncapped"  # 加分不封顶
    MULTIPLIER = "multiplier"  # 扣分加倍
    DOWNGRADE = "downgrade"  # 考核等次降低一个档次
    DEDUCT_ONLY = "deduct_only"  # 只减分不加分
    ADD_ONLY = "add_only"  # 只加分不扣分
    FORMULA = "formula"  # 得分=各单项目标分值-扣分+加分 (the usual arithmetic, written out)


class Direction(str, Enum):
    DEDUCT = "deduct"
    ADD = "add"


class Period(str, Enum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    WEEK = "week"
    DAY = "day"


class Threshold(StrictModel):
    """One tier: when ``metric op value`` holds, ``points`` apply (sign from the rule's direction)."""

    op: Literal["<", "<=", ">", ">=", "==", "!="]
    value: float = Field(description="Rates as fractions: 90% → 0.9, 万分之六点三 → 0.00063")
    points: float | None = None


class Bound(StrictModel):
    """Where a per-step rule starts: ``metric op value`` (低于95%的，每下降1个百分点… → <, 0.95)."""

    op: Literal["<", "<=", ">", ">=", "==", "!="]
    value: float = Field(description="Rates as fractions, like thresholds")


class WeightPart(StrictModel):
    """One part of a weighted total: its share (季度 20%) or its points (业务考核 70分)."""

    label: str
    weight: float | None = Field(None, description="Share of the total, 0-1")
    points: float | None = Field(None, description="Points of the part when the text gives points, not shares")


class RankTier(StrictModel):
    """Points for a band of ranks: rank_from..rank_to (inclusive, 1 = first)."""

    rank_from: int
    rank_to: int
    points: float | None = None
    from_bottom: bool = False


class GradeTier(StrictModel):
    """Points for a named grade (优秀/一般/A档 …); ``full`` means the item's full points."""

    grade: str
    points: float | None = None
    full: bool = False


class RuleAtom(StrictModel):
    kind: RuleKind
    direction: Direction | None = None
    points: float | None = Field(None, description="Magnitude, always positive")
    per: str | None = Field(None, description="Counting unit: 次/起/件/人/人次/项/条/篇/天/卷/例/名/场/个 …")
    cap: float | Literal["item"] | None = Field(
        None, description="Most this rule may deduct or add; 'item' = down to the item's points (扣完为止)"
    )
    range: tuple[float, float] | None = Field(None, description="[min, max] for discretionary amounts")
    thresholds: list[Threshold] = Field(default_factory=list)
    hit_policy: Literal["first", "max", "sum"] | None = Field(
        None, description="How tiers combine: 'max' = the strictest tier met applies"
    )
    ranks: list[RankTier] = Field(default_factory=list)
    grades: list[GradeTier] = Field(default_factory=list)
    weights: dict[str, float] = Field(default_factory=dict, description="Rater or part → share (0-1)")
    values: list[WeightPart] = Field(
        default_factory=list, description="Parts of a weight atom in text order, with shares or points")
    start: Bound | None = Field(None, description="Where a per-step rule starts (低于95%的，每下降1个百分点)")
    occurrence: int | None = Field(
        None, ge=1, description="Which occurrence a tier prices (第一次 → 1, 第三次及以上 → 3 and after)")
    subtype: OtherSubtype | None = Field(None, description="What an 'other' atom states")
    factor: float | None = Field(
        None, description="The rate an 'other' atom states: 元 per point, times (加倍 → 2), grades down")
    metric: str | None = Field(None, description="Normalized metric name, e.g. 重新犯罪率")
    condition: str | None = Field(None, description="The trigger text")
    period: Period | None = None
    text: str = Field("", description="The clause as written")
    prov: ProvenanceItem | None = None


class RuleItem(StrictModel):
    """The rules of one indicator: its points and the atoms of its criteria."""

    indicator_id: str
    section_id: str | None = None
    section_role: SectionRole = SectionRole.BASE
    path: list[str] = Field(default_factory=list, description="Category path then indicator name")
    number: str | None = None
    points: float | None = None
    department: str | None = None
    criteria: str | None = None
    atoms: list[RuleAtom] = Field(default_factory=list)
    reference: ProvenanceItem | None = Field(None, description="The criteria cell the atoms come from")


class SchemeRuleKind(str, Enum):
    CATEGORY_CAP = "category_cap"  # 每月最多扣40分
    BASE_POINTS = "base_points"  # 各科室业务工作满分为60分
    BONUS_CAP = "bonus_cap"  # 特色工作分值上限为10分
    RATER_WEIGHTS = "rater_weights"  # 局领导占60%
    GRADES = "grades"  # 前3名评选为优秀
    GRADE_BAR = "grade_bar"  # 突破底线 → 不得评为优秀
    RANK_REWARD = "rank_reward"  # 前3名 3000 元
    VETO = "veto"  # 一票否决 list
    GENERAL = "general"  # a prose clause with a rule atom (加 10 分 …)


class SchemeRule(StrictModel):
    kind: SchemeRuleKind
    applies_to: list[str] = Field(default_factory=list, description="Categories or sections it governs")
    cap: float | None = None
    period: Period | None = None
    direction: Direction | None = None
    weights: dict[str, float] = Field(default_factory=dict)
    grades: list[GradeTier] = Field(default_factory=list)
    ranks: list[RankTier] = Field(default_factory=list)
    reward: str | None = Field(None, description="e.g. 3000元")
    atoms: list[RuleAtom] = Field(default_factory=list)
    text: str = ""
    prov: ProvenanceItem | None = None


class ScoringSettings(StrictModel):
    """How the scorer turns rules into totals; every field has a default that fits most schemes."""

    period: Period | None = Field(
        None, description="Scoring period; null = from meta.frequency (monthly → month, else year)"
    )
    aggregate: Literal["sum", "mean"] = Field(
        "sum", description="How period totals make the final total (schemes scored monthly, ranked yearly: sum)"
    )
    item_floor: bool = Field(True, description="An item with points cannot go below 0 (扣完为止)")
    base_score: float | None = Field(None, description="Score every unit starts a period with, on top of items")


class Rulebook(StrictModel):
    schema_name: Literal["kaoping.Rulebook"] = RULEBOOK_SCHEMA_NAME
    version: str = RULEBOOK_SCHEMA_VERSION
    source: SourceInfo | None = None
    meta: DocumentMeta = Field(default_factory=DocumentMeta)
    items: list[RuleItem] = Field(default_factory=list)
    scheme_rules: list[SchemeRule] = Field(default_factory=list)
    scoring: ScoringSettings | None = Field(None, description="Scorer settings; null = defaults")
