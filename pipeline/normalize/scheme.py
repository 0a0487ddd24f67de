"""IndicatorTable → Scheme: every indicator with its domain, canonical department, metrics and rules."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from schemas.indicators import DocumentKind, IndicatorTable, SectionRole
from schemas.normalized import NormalizedIndicator, Scheme
from schemas.rules import Rulebook

from .atoms import atoms_by_indicator
from .departments import canonical_department, department_domain
from .metrics import merge_requirements, requirement_of_target, requirements_in_text, requirements_of_atoms
from .context import classify_scheme
from .taxonomy import Taxonomy, load_taxonomy

POINTS_COVERAGE = 0.8  # share of base indicators that must carry points for point-based domain shares
SCORED_ROLES = (SectionRole.BASE, SectionRole.RESULTS)


def scheme_label(table: IndicatorTable) -> str:
    """Given a table, return a short label such as '武进区 2021' (district, else city, issuer or file)."""
    region = table.meta.region
    place = region.district or region.city or table.meta.issuer or Path(table.source.file).stem
    return f"{place} {table.meta.year}" if table.meta.year else place


def _category_unit_domain(path: list[str], taxonomy: Taxonomy) -> str | None:
    """Some schemes title a category by the unit in charge (人民参与和促进法治股工作): use it as a department hint."""
    for name in path:
        dept = canonical_department(re.sub(r"工作$", "", name), taxonomy)
        if hint := department_domain(dept, taxonomy):
            return hint
    return None


def group_key(fields: dict) -> str:
    """Given an indicator's fields, return its group in the scheme: the first level of its category path."""
    return ((fields.get("category") or "").replace("▸", " ").split() or [""])[0]


def indicator_fields(table: IndicatorTable, taxonomy: Taxonomy) -> list[tuple[dict, str | None]]:
    """Given a table, return each indicator's (or results row's) text fields for the classifier and its
    department hint, in table order."""
    section_depts = {s.id: s.department for s in table.sections}
    out = []
    for ind in table.indicators:
        dept = canonical_department(ind.department or section_depts.get(ind.section_id), taxonomy)
        content = ind.content if ind.content and ind.content != ind.name else None
        criteria = ind.criteria if ind.criteria not in (ind.name, ind.content) else None
        fields = {"category": " ".join(ind.category_path), "name": ind.name, "content": content,
                  "criteria": criteria, "department": dept.raw if dept and not dept.known else None}
        out.append((fields, department_domain(dept, taxonomy) or _category_unit_domain(ind.category_path, taxonomy)))
    for row in table.results if not table.indicators else []:
        dept = canonical_department(row.department, taxonomy)
        fields = {"category": " ".join(p for p in [row.group or "", *row.path] if p), "name": row.name,
                  "content": row.target, "department": dept.raw if dept and not dept.known else None}
        out.append((fields, department_domain(dept, taxonomy)))
    return out


def _domains(table: IndicatorTable, taxonomy: Taxonomy) -> list:
    """Every indicator's (or results row's) domain, the scheme read as a whole (its rows a prior for each other)."""
    rows = [(group_key(fields), fields, hint) for fields, hint in indicator_fields(table, taxonomy)]
    return classify_scheme(rows, taxonomy, title=table.meta.title) if rows else []


def _from_indicators(table: IndicatorTable, taxonomy: Taxonomy, book: Rulebook | None) -> list[NormalizedIndicator]:
    roles = {s.id: s.role for s in table.sections}
    section_depts = {s.id: s.department for s in table.sections}
    atoms = atoms_by_indicator(table, book)
    out = []
    for ind, (fields, _), domain in zip(table.indicators, indicator_fields(table, taxonomy), _domains(table, taxonomy)):
        dept = canonical_department(ind.department or section_depts.get(ind.section_id), taxonomy)
        content = fields["content"]
        own_atoms = atoms.get(ind.id, [])
        metrics = merge_requirements([
            requirements_of_atoms(own_atoms, domain.name, taxonomy),
            requirements_in_text(" ；".join(filter(None, [ind.name, content, ind.criteria])), domain.name,
                                 taxonomy=taxonomy),
        ])
        out.append(NormalizedIndicator(
            id=ind.id, section_id=ind.section_id, role=roles.get(ind.section_id, SectionRole.BASE),
            path=ind.category_path, name=ind.name or content or (ind.criteria or "")[:40], content=content,
            criteria=ind.criteria, points=ind.points, domain=domain, department=dept, metrics=metrics,
            atoms=own_atoms))
    return out


def _from_results(table: IndicatorTable, taxonomy: Taxonomy) -> list[NormalizedIndicator]:
    """Results documents state targets, not rules: each row's name is the indicator, its points its weight."""
    out = []
    for row, domain in zip(table.results, _domains(table, taxonomy)):
        dept = canonical_department(row.department, taxonomy)
        target = requirement_of_target(row.name, row.target, domain.name, taxonomy)
        metrics = merge_requirements([[target] if target else [],
                                      requirements_in_text(row.name, domain.name, source="target", taxonomy=taxonomy)])
        points = row.points_due if row.points_due is not None else row.points_got
        out.append(NormalizedIndicator(
            id=row.id, role=SectionRole.RESULTS, path=[p for p in [row.group, *row.path] if p], name=row.name,
            content=row.target, points=points, domain=domain, department=dept, metrics=metrics))
    return out


def _weights(indicators: list[NormalizedIndicator], table: IndicatorTable) -> str:
    """Give every indicator a weight (own points, else an even share of its category's points); return the basis."""
    cat_points = {}
    cat_sizes = Counter()
    for ind in table.indicators:
        if ind.categories:
            cat_points[ind.categories[-1].name] = ind.categories[-1].points
            cat_sizes[ind.categories[-1].name] += 1
    for ind in indicators:
        cat = ind.path[-1] if ind.path else None
        if ind.points is not None:
            ind.weight = ind.points
        elif cat in cat_points and cat_points[cat] is not None and table.meta.kind != DocumentKind.RESULTS:
            ind.weight = round(cat_points[cat] / cat_sizes[cat], 4)
    scored = [i for i in indicators if i.role in SCORED_ROLES]
    covered = sum(1 for i in scored if i.weight is not None)
    return "points" if scored and covered / len(scored) >= POINTS_COVERAGE else "count"


def normalize_table(table: IndicatorTable, taxonomy: Taxonomy | None = None, book: Rulebook | None = None) -> Scheme:
    """Given an indicator table (scheme or results document) and, when the caller has built it,
    its rulebook, return its normalized Scheme."""
    taxonomy = taxonomy or load_taxonomy()
    if table.indicators:
        indicators = _from_indicators(table, taxonomy, book)
    else:
        indicators = _from_results(table, taxonomy)
    basis = _weights(indicators, table)
    return Scheme(source=table.source, meta=table.meta, label=scheme_label(table), taxonomy_version=taxonomy.version,
                  weight_basis=basis, indicators=indicators, review=[i.id for i in indicators if i.domain.review])
