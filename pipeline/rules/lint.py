"""Problems in a scheme or rulebook: clauses no rule explains, vague amounts, points that do not add up."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from schemas.indicators import IndicatorTable, SectionRole
from schemas.rules import OtherSubtype, RuleAtom, RuleItem, RuleKind, Rulebook

from ..labels import SUBTYPE as SUBTYPE_LABELS
from .lexicon import MASKED_CAP
from .other import APPLIED_IN_ITEM, APPLIED_IN_SCHEME

ERROR, WARNING = "错误", "警告"
_MASKED_CAP = re.compile(MASKED_CAP)
_AMOUNT_KINDS = (RuleKind.DEDUCT_FIXED, RuleKind.DEDUCT_PER, RuleKind.ADD_FIXED, RuleKind.ADD_PER)


def other_issue(atom: RuleAtom, applied: set[OtherSubtype]) -> str | None:
    """Given an `other` atom and the subtypes the scorer applies where it stands, say why it cannot be applied."""
    name = SUBTYPE_LABELS.get(atom.subtype.value, "未分类") if atom.subtype else "未分类"
    if atom.subtype not in applied:
        return f"规则“{name}”不能自动计分，需人工处理：“{atom.text or atom.condition or ''}”"
    if atom.subtype is OtherSubtype.BASE_SCORE and atom.points is None:
        return f"基础分没有写明分值，需人工补全：“{atom.text}”"
    if atom.subtype is OtherSubtype.MONEY_PER_POINT and not atom.factor:
        return f"每分折合金额没有写明，需人工补全：“{atom.text}”"
    return None


@dataclass
class Issue:
    level: str
    where: str
    message: str

    def line(self) -> str:
        """Render as one Chinese line."""
        return f"[{self.level}] {self.where}：{self.message}"


def _where(item: RuleItem) -> str:
    """Given an item, return a short Chinese location: path, 序号 and cell."""
    label = " ▸ ".join(item.path) or item.indicator_id
    number = f"（序号 {item.number}）" if item.number else ""
    cell = f" [{item.reference.label()}]" if item.reference else ""
    return f"{label}{number}{cell}"


def _item_issues(item: RuleItem) -> list[Issue]:
    """Given one item, return the problems of its atoms against its points."""
    where = _where(item)
    issues = []
    if item.criteria and item.criteria.strip() and not item.atoms:
        issues.append(Issue(WARNING, where, "评分标准中没有找到计分规则，请核对"))
    for atom in item.atoms:
        text = atom.text or atom.condition or ""
        if atom.kind is RuleKind.UNPARSED:
            issues.append(Issue(ERROR, where, f"条款无法解析为规则：“{text}”"))
        elif atom.kind is RuleKind.DISCRETIONARY and atom.range is None:
            issues.append(Issue(WARNING, where, f"只写了视情/酌情计分，没有分值范围：“{text}”"))
        elif atom.kind in _AMOUNT_KINDS and atom.points is None:
            issues.append(Issue(WARNING, where, f"分值缺失或被遮盖（原文可能已损坏），需人工补全：“{text}”"))
        elif atom.kind is RuleKind.OTHER and (problem := other_issue(atom, APPLIED_IN_ITEM)):
            issues.append(Issue(WARNING, where, problem))
        if atom.cap is None and atom.kind is not RuleKind.UNPARSED and _MASKED_CAP.search(text.replace(" ", "")):
            issues.append(Issue(WARNING, where, f"上限缺失或被遮盖（原文可能已损坏），需人工补全：“{text}”"))
        if item.points is None:
            continue
        if isinstance(atom.cap, float) and atom.cap > item.points + 1e-9 and item.section_role is SectionRole.BASE:
            issues.append(Issue(ERROR, where, f"上限 {atom.cap:g} 分超过指标分值 {item.points:g} 分：“{text}”"))
        amount = atom.points if atom.kind in _AMOUNT_KINDS else (atom.range[1] if atom.range else None)
        if amount is not None and amount > item.points + 1e-9:
            issues.append(Issue(ERROR, where, f"单项分值 {amount:g} 分超过指标分值 {item.points:g} 分：“{text}”"))
    return issues


def _duplicate_numbers(book: Rulebook) -> list[Issue]:
    """Given a rulebook, return 序号 written twice under the same section and category."""
    seen: dict[tuple, list[RuleItem]] = defaultdict(list)
    for item in book.items:
        if item.number:
            seen[(item.section_id, tuple(item.path[:-1]), item.number.strip())].append(item)
    return [Issue(ERROR, _where(items[1]), f"序号 {key[2]} 重复出现 {len(items)} 次")
            for key, items in seen.items() if len(items) > 1]


# An item number opening a line or following a clause end: "4." / "4、" / "4．", not "4.5分".
_ITEM_NUMBER = re.compile(r"(?:^|[\n；;。])\s*(\d{1,2})\s*[.．、](?!\d)")


def _duplicate_cell_numbers(items: list[tuple[str, dict[str, str | None]]]) -> list[Issue]:
    """Given (location, {column: text}) per indicator, return cells numbering an item twice
    (Wujin's 公共法律服务质效 criteria run 1. 2. 3. 4. 4. 5.)."""
    issues = []
    for where, cells in items:
        for column, text in cells.items():
            counts = Counter(_ITEM_NUMBER.findall(text or ""))
            for number, n in counts.items():
                if n > 1:
                    issues.append(Issue(ERROR, where, f"{column}中条目序号 {number}. 出现 {n} 次"))
    return issues


def _results_discrepancies(raw) -> list[Issue]:
    """Given a results document, return where its stated points disagree with its own rows."""
    from ..results.read import is_results_document, read_results
    from ..results.check import fmt_points, reconcile

    if raw is None or not is_results_document(raw):
        return []
    issues = []
    for f in reconcile(read_results(raw)).discrepancies:
        where = f"{f.scope}" + (f" [{f.prov.label()}]" if f.prov else "")
        amounts = f"：标注 {fmt_points(f.stated)} 分，计算得 {fmt_points(f.computed)} 分" if f.stated is not None else ""
        issues.append(Issue(ERROR, where, f"{f.check}{amounts}"))
    return issues


def _missing_points(book: Rulebook) -> list[Issue]:
    """Given a rulebook, return sections whose base indicators state no points (one issue per section)."""
    by_section: dict[str | None, list[RuleItem]] = defaultdict(list)
    for item in book.items:
        if item.section_role is SectionRole.BASE:
            by_section[item.section_id].append(item)
    issues = []
    for section, items in by_section.items():
        missing = [i for i in items if i.points is None]
        if missing:
            issues.append(Issue(WARNING, f"部分 {section}", f"{len(missing)}/{len(items)} 项指标没有分值，无法核对扣分上限"))
    return issues


def _category_sums(table: IndicatorTable) -> list[Issue]:
    """Given an indicator table, return categories whose stated points differ from their indicators' sum."""
    from ..indicators.reconcile import CATEGORY, table_checks

    return [Issue(ERROR, c.scope, f"类别分值 {c.stated:g} 分，但所含指标合计 {c.computed:g} 分")
            for c in table_checks(table) if c.kind == CATEGORY and c.ok is False]


def lint_rulebook(book: Rulebook, table: IndicatorTable | None = None, raw=None) -> list[Issue]:
    """Given a rulebook (and its indicator table and raw document when known), return its
    problems, errors first."""
    issues = [issue for item in book.items for issue in _item_issues(item)]
    issues += _duplicate_numbers(book) + _missing_points(book)
    if table is not None:
        issues += _category_sums(table)
        issues += _duplicate_cell_numbers([
            (" ▸ ".join([*ind.category_path, ind.name or ind.id]),
             {"评分标准": ind.criteria, "考核内容": ind.content})
            for ind in table.indicators
        ])
    else:
        issues += _duplicate_cell_numbers([(_where(item), {"评分标准": item.criteria}) for item in book.items])
    issues += _results_discrepancies(raw)
    for rule in book.scheme_rules:
        for atom in rule.atoms:
            if atom.kind is RuleKind.UNPARSED:
                issues.append(Issue(ERROR, "方案规则", f"条款无法解析为规则：“{atom.text}”"))
            elif atom.kind is RuleKind.OTHER and (problem := other_issue(atom, APPLIED_IN_SCHEME)):
                issues.append(Issue(WARNING, "方案规则", problem))
    return sorted(issues, key=lambda i: i.level != ERROR)
