"""kaoping's data models: the single source of truth for every file it reads or writes."""
from .common import BoundingBox, InputFormat, ProvenanceItem, SourceInfo, StrictModel
from .corrections import Correction, CorrectionOp, CorrectionStatus
from .indicators import (
    Category,
    DocumentKind,
    DocumentMeta,
    Frequency,
    Indicator,
    IndicatorTable,
    Region,
    ResultRow,
    ScoringStyle,
    Section,
    SectionRole,
)
from .events import Event, EventSet, InputIssue, Measure
from .normalized import (
    CanonicalDepartment,
    DomainAssignment,
    DomainCandidate,
    MetricRequirement,
    NormalizedIndicator,
    Scheme,
)
from .raw import BlockLabel, Orientation, PageInfo, RawDocument, Table, TableCell, TextBlock
from .scores import (
    AppliedRule,
    CapAdjustment,
    IndicatorScore,
    ScoreReport,
    UnitPeriodScore,
    UnitResult,
)

__all__ = [
    "BlockLabel", "BoundingBox", "Category", "DocumentKind", "DocumentMeta", "Frequency",
    "Indicator", "IndicatorTable", "InputFormat", "Orientation", "PageInfo", "ProvenanceItem",
    "RawDocument", "Region", "ResultRow", "ScoringStyle", "Section", "SectionRole", "SourceInfo",
    "StrictModel", "Table", "TableCell", "TextBlock",
    "AppliedRule", "CapAdjustment", "Event", "EventSet", "IndicatorScore", "InputIssue", "Measure", "ScoreReport",
    "UnitPeriodScore", "UnitResult",
    "CanonicalDepartment", "DomainAssignment", "DomainCandidate", "MetricRequirement", "NormalizedIndicator",
    "Scheme", "Correction", "CorrectionOp", "CorrectionStatus",
]
