"""The trail of scheme-rule mappings: which table categories a rule's names reached, and which units own which sections."""
from __future__ import annotations

from schemas.events import InputIssue

from .caps import Mapping
from .scopes import UnitScope

# Issues about the rulebook itself, not about an input row, name it as their file.
RULEBOOK_FILE = "规则手册"
_RULE_NAMES = {"category_cap": "封顶", "bonus_cap": "加分上限", "base_points": "满分"}


def mapping_records(mappings: list[Mapping], scope: UnitScope, index) -> list[dict]:
    """Given cap mappings and the unit scope, return SchemeMapping-shaped records for the report."""
    records = [{"rule": m.rule.kind.value, "text": m.rule.text, "name": m.found.name,
                "mapped_to": list(m.found.mapped), "status": m.found.status, "method": m.found.method,
                "confidence": round(m.found.confidence, 4), "candidates": list(m.found.candidates),
                "period": m.period.value if m.period else None, "period_source": m.period_source}
               for m in mappings]
    for unit, sections in sorted(scope.owned.items()):
        records.append({"rule": "unit_scope", "text": "", "name": unit, "mapped_to": sorted(sections),
                        "status": "mapped", "method": "n-gram", "confidence": 1.0,
                        "candidates": [scope.owners[s] for s in sorted(sections)], "period": None,
                        "period_source": None})
    for unit in scope.unmatched:
        records.append({"rule": "unit_scope", "text": "", "name": unit, "mapped_to": [], "status": "unmapped",
                        "method": "n-gram", "confidence": 0.0, "candidates": sorted(set(scope.owners.values())),
                        "period": None, "period_source": None})
    return records


def mapping_issues(mappings: list[Mapping], scope: UnitScope) -> list[InputIssue]:
    """Names no category clearly fits, and units no 责任科室 fits: reported, their rule not applied."""
    issues = []
    for m in mappings:
        if m.found.status == "mapped":
            continue
        what = _RULE_NAMES.get(m.rule.kind.value, m.rule.kind.value)
        near = "、".join(m.found.candidates)
        if m.found.status == "ambiguous":
            reason = (f"方案条款“{m.rule.text}”中的“{m.found.name}”同样接近多个类别（{near}），该{what}未执行；"
                      "请在规则手册中写明 applies_to")
        else:
            reason = (f"方案条款“{m.rule.text}”中的“{m.found.name}”在指标表中找不到对应类别"
                      f"{f'（最接近：{near}）' if near else ''}，该{what}未执行；请在规则手册中写明 applies_to")
        issues.append(InputIssue(kind="ambiguous" if m.found.status == "ambiguous" else "unmatched", file=RULEBOOK_FILE,
                                 text=m.found.name, reason=reason, candidates=list(m.found.candidates)))
    for unit in scope.unmatched:
        issues.append(InputIssue(kind="unmatched", file=RULEBOOK_FILE, unit=unit, text=unit,
                                 reason=f"单位“{unit}”对应不到任何责任科室的指标，只按各科室共有的指标计分；请核对单位名称",
                                 candidates=sorted(set(scope.owners.values()))))
    return issues
