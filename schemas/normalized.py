"""Scheme: an indicator table read against the common taxonomy (domains, departments, metrics)."""
from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import Field

from .common import SourceInfo, StrictModel
from .indicators import DocumentMeta, SectionRole
from .rules import RuleAtom

SCHEME_SCHEMA_NAME = "kaoping.Scheme"
SCHEME_SCHEMA_VERSION = "1.1.0"


class DomainCandidate(StrictModel):
    code: str
    name: str
    score: float


class EvidenceSource(str, Enum):
    NAME = "name"
    CONTENT = "content"
    CRITERIA = "criteria"
    DEPARTMENT = "department"
    CATEGORY = "category"
    GROUP = "group"


class DomainEvidence(StrictModel):
    """One word that spoke for a domain (or for a field outside the taxonomy), where it stood and how much."""

    source: EvidenceSource
    word: str = Field(description="The word as matched (folded: simplified, half-width)")
    domain: str = Field(description="Taxonomy code, or 'other' when the word names a field outside the taxonomy")
    field: str | None = Field(None, description="Field outside the taxonomy the word names, e.g. 河长制与水利")
    weight: float = Field(description="Contribution to the score: word weight × weight of where it stood")
    generic: bool = Field(False, description="A generic or supporting word (资金, 车辆 …): it adds, never decides")


class DomainAssignment(StrictModel):
    """The domain an indicator belongs to, how sure, and the words that decided it."""

    code: str = Field(description="Taxonomy code, e.g. community_correction; 'other' when nothing fits")
    name: str = Field(description="Chinese name, e.g. 社区矫正")
    confidence: float = Field(ge=0, le=1, description="Estimated probability that the domain is right")
    words: list[str] = Field(default_factory=list, description="Deciding words, strongest first")
    review: bool = Field(False, description="Low confidence: listed for a person to check")
    reason: str | None = Field(None, description="Why a person should check it (Chinese), when review is set")
    field: str | None = Field(None, description="For 'other': the field outside the taxonomy when it is clear")
    evidence: list[DomainEvidence] = Field(default_factory=list, description="Every word that spoke, by weight")
    candidates: list[DomainCandidate] = Field(default_factory=list, description="Best domains with scores")


class CanonicalDepartment(StrictModel):
    raw: str = Field(description="The department cell as written")
    names: list[str] = Field(default_factory=list, description="Canonical names; several when the cell names several")
    known: bool = Field(description="Every part matched a known alias")


class MetricRequirement(StrictModel):
    """A measured quantity and the level the scheme requires of it (negated from a deduction trigger)."""

    metric: str = Field(description="Canonical metric, e.g. 重新犯罪率")
    subject: str | None = Field(None, description="Domain name the metric is about, e.g. 社区矫正 vs 安置帮教")
    unit: str = "%"
    better: Literal["lower", "higher"]
    op: Literal["<", "<=", ">", ">=", "=="]
    value: float = Field(description="Rates as fractions: 0.1% → 0.001")
    points: float | None = Field(None, description="Points at stake when the requirement fails, where stated")
    source: Literal["rule", "text", "target"] = Field(description="Read from a rule atom, prose or a target cell")
    text: str = ""


class NormalizedIndicator(StrictModel):
    id: str
    section_id: str | None = None
    role: SectionRole = SectionRole.BASE
    path: list[str] = Field(default_factory=list, description="Category path (or results group ▸ path)")
    name: str = ""
    content: str | None = None
    criteria: str | None = None
    points: float | None = None
    weight: float | None = Field(None, description="Points used for domain shares (own points or category share)")
    domain: DomainAssignment
    department: CanonicalDepartment | None = None
    metrics: list[MetricRequirement] = Field(default_factory=list)
    atoms: list[RuleAtom] = Field(default_factory=list)


class Scheme(StrictModel):
    schema_name: Literal["kaoping.Scheme"] = SCHEME_SCHEMA_NAME
    version: str = SCHEME_SCHEMA_VERSION
    source: SourceInfo | None = None
    meta: DocumentMeta = Field(default_factory=DocumentMeta)
    label: str = Field(description="Short Chinese label for tables, e.g. 武进区 2021")
    taxonomy_version: int = 1
    weight_basis: Literal["points", "count"] = Field(
        "points", description="Domain shares from points, or from indicator counts when points are missing"
    )
    indicators: list[NormalizedIndicator] = Field(default_factory=list)
    review: list[str] = Field(default_factory=list, description="Ids of indicators whose domain needs checking")
