"""IndicatorTable → Rulebook: one RuleItem per indicator from its criteria cell, scheme rules from notes and prose."""
from __future__ import annotations

import re
from pathlib import Path

from schemas.common import ProvenanceItem
from schemas.indicators import DocumentKind, Indicator, IndicatorTable, SectionRole
from schemas.raw import RawDocument
from schemas.rules import RuleAtom, RuleItem, RuleKind, Rulebook, SchemeRule

from .grammar import parse_clause
from .lexicon import SCORING_CUE
from .scheme import scheme_rules
from .split import split_clauses

_SCORING = re.compile(SCORING_CUE)
# Prose blocks that can hold scheme rules (headings and captions cannot).
_PROSE_LABELS = {"paragraph", "list_item"}


def clause_atoms(text: str, prov: ProvenanceItem | None) -> list[tuple[str, list[RuleAtom]]]:
    """Given criteria text and its cell, return each clause with its atoms, provenance carrying the charspan."""
    out = []
    for clause, span in split_clauses(text):
        where = prov.model_copy(update={"charspan": span}) if prov else None
        out.append((clause, parse_clause(clause, prov=where)))
    return out


def _item(indicator: Indicator, role: SectionRole) -> RuleItem:
    """Given an indicator and its section's role, return its rules."""
    text, reference = indicator.criteria, indicator.prov.get("criteria")
    if not text and indicator.content and _SCORING.search(indicator.content):
        # tables whose 考核内容 column also states the deductions (松江 队伍建设) have no criteria column
        text, reference = indicator.content, indicator.prov.get("content")
    atoms = [a for _, found in clause_atoms(text or "", reference) for a in found]
    return RuleItem(
        indicator_id=indicator.id, section_id=indicator.section_id, section_role=role,
        path=[*indicator.category_path, *([indicator.name] if indicator.name else [])], number=indicator.number,
        points=indicator.points, department=indicator.department, criteria=text, atoms=atoms,
        reference=reference,
    )


def _prose(raw: RawDocument, notes: list[str]) -> list[SchemeRule]:
    """Given the raw document, return scheme rules stated in its prose paragraphs (not already in notes)."""
    seen = {"".join(n.split()) for n in notes}
    rules: list[SchemeRule] = []
    for block in raw.body:
        if getattr(block, "type", None) != "block" or block.label.value not in _PROSE_LABELS:
            continue
        if "".join(block.text.split()) in seen:
            continue
        for clause, atoms in clause_atoms(block.text, block.prov):
            rules.extend(scheme_rules(clause, atoms, atoms[0].prov if atoms else block.prov))
    return rules


def build_rulebook(table: IndicatorTable, raw: RawDocument | None = None) -> Rulebook:
    """Given an indicator table (and optionally its raw document for prose rules), return its rulebook."""
    roles = {s.id: s.role for s in table.sections}
    items = [_item(ind, roles.get(ind.section_id, SectionRole.BASE)) for ind in table.indicators
             if roles.get(ind.section_id) not in (SectionRole.FORM, SectionRole.RESULTS)]
    scheme: list[SchemeRule] = []
    for note in table.notes:
        for clause, atoms in clause_atoms(note, None):
            scheme.extend(scheme_rules(clause, atoms, None))
    if raw is not None and table.meta.kind is not DocumentKind.RESULTS:
        scheme.extend(_prose(raw, table.notes))
    return Rulebook(source=table.source, meta=table.meta, items=items, scheme_rules=scheme)


def rulebook_for_file(path: Path) -> tuple[Rulebook, list[str]]:
    """Given a scheme file (any extractable format) or an IndicatorTable JSON, return its rulebook and the
    extraction's warnings."""
    if path.suffix.lower() == ".json":
        from extractors.errors import CorruptFile

        try:
            table = IndicatorTable.model_validate_json(path.read_bytes())
        except (OSError, ValueError) as exc:
            raise CorruptFile(path.name, f"不是有效的指标表 JSON（{str(exc).splitlines()[0]}）",
                              "请用 kaoping extract 生成的 .json 文件") from exc
        return build_rulebook(table), table.warnings
    from ..extract import extract_table

    raw, table = extract_table(path)
    return build_rulebook(table, raw), table.warnings


def summary(book: Rulebook) -> str:
    """Given a rulebook, return a one-line Chinese summary of what it holds."""
    atoms = [a for item in book.items for a in item.atoms]
    unparsed = sum(a.kind is RuleKind.UNPARSED for a in atoms)
    return (f"指标 {len(book.items)} 项，规则 {len(atoms)} 条（无法解析 {unparsed} 条），"
            f"方案规则 {len(book.scheme_rules)} 条")
