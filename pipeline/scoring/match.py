"""Match event and measure rows to rule atoms: by indicator id or name first, text similarity otherwise."""
from __future__ import annotations

from dataclasses import dataclass, field

from schemas.indicators import SectionRole
from schemas.rules import RuleAtom, RuleItem, Rulebook, RuleKind, SchemeRuleKind

from .semantics import fires_on_events, is_measured
from .text import normalize, similarity

SCHEME_ITEM = "scheme"
RATERS = "raters"
EVENT_KINDS = {
    RuleKind.DEDUCT_FIXED, RuleKind.ADD_FIXED, RuleKind.DEDUCT_PER, RuleKind.ADD_PER, RuleKind.ZERO_ITEM,
    RuleKind.TIERED, RuleKind.DISCRETIONARY, RuleKind.GRADE, RuleKind.VETO, RuleKind.UNPARSED, RuleKind.OTHER,
}
MEASURE_KINDS = {RuleKind.TIERED, RuleKind.PROPORTIONAL, RuleKind.RANK, RuleKind.DISCRETIONARY}


def by_events(atom: RuleAtom) -> bool:
    """Whether event rows can fire the atom."""
    return atom.kind in EVENT_KINDS and fires_on_events(atom)


def by_measures(atom: RuleAtom) -> bool:
    """Whether measure rows can feed the atom (tiers, proportions, ranks, and per rules stepping through a rate)."""
    return atom.kind in MEASURE_KINDS or is_measured(atom)
# Text matches below ACCEPT are not trusted; a runner-up within MARGIN makes the match ambiguous.
ACCEPT = 0.5
WITHIN_ITEM_ACCEPT = 0.3
MARGIN = 0.08


@dataclass(frozen=True)
class Target:
    """A rule atom that rows can fire, with the item it belongs to."""

    key: str
    item: RuleItem
    atom: RuleAtom
    label: str


@dataclass
class Match:
    """The outcome of matching one row: targets, or an issue kind with its reason."""

    targets: list[Target] = field(default_factory=list)
    method: str | None = None
    confidence: float = 0.0
    issue: str | None = None
    reason: str = ""
    candidates: list[str] = field(default_factory=list)


def item_name(item: RuleItem) -> str:
    """The indicator's name as the scheme writes it (last path element), or its id."""
    return item.path[-1] if item.path else item.indicator_id


def scheme_item(book: Rulebook) -> RuleItem:
    """Given a rulebook, gather its scheme-level clauses (通则加扣分, 一票否决) as one pseudo item."""
    atoms: list[RuleAtom] = []
    for rule in book.scheme_rules:
        if rule.kind == SchemeRuleKind.GENERAL:
            atoms += [a if a.prov else a.model_copy(update={"prov": rule.prov}) for a in rule.atoms]
        elif rule.kind == SchemeRuleKind.VETO:
            vetoes = [a for a in rule.atoms if a.kind == RuleKind.VETO]
            atoms += vetoes or [RuleAtom(kind=RuleKind.VETO, condition=rule.text, text=rule.text, prov=rule.prov)]
    return RuleItem(indicator_id=SCHEME_ITEM, section_role=SectionRole.BASE, path=["方案通则"], atoms=atoms)


class RuleIndex:
    """Every atom of a rulebook, indexed for matching rows to rules."""

    def __init__(self, book: Rulebook):
        self.book = book
        self.items = list(book.items) + [scheme_item(book)]
        self.targets: dict[str, Target] = {}
        self.by_item: dict[str, list[Target]] = {}
        for item in self.items:
            for k, atom in enumerate(item.atoms):
                label = f"{'/'.join(item.path) or item.indicator_id}：{atom.condition or atom.text}"
                target = Target(f"{item.indicator_id}#{k}", item, atom, label)
                self.targets[target.key] = target
                self.by_item.setdefault(item.indicator_id, []).append(target)
        self.targets_list = list(self.targets.values())
        self.occurrences = _occurrence_groups(self.targets_list)
        self.event_targets = [t for t in self.targets_list if self._fired_by_rows(t)]
        self.rater_rules = [r for r in book.scheme_rules if r.kind == SchemeRuleKind.RATER_WEIGHTS and r.weights]
        self._names: dict[str, list[RuleItem]] = {}
        for item in self.items:
            for name in {item_name(item), "/".join(item.path), item.indicator_id}:
                self._names.setdefault(normalize(name), []).append(item)

    def _fired_by_rows(self, target: Target) -> bool:
        """Whether rows match the target directly: tiers of occurrence are reached through the first one (rows go to
        the tier of their occurrence afterwards)."""
        group = self.occurrences.get(target.key)
        return by_events(target.atom) and (group is None or group[0][1] == target.key)

    def resolve_item(self, indicator: str) -> list[RuleItem]:
        """Given an indicator id or name, return the items it names (several = ambiguous)."""
        exact = [item for item in self.items if item.indicator_id == indicator]
        if exact:
            return exact
        key = normalize(indicator)
        if not key:
            return []
        if key in self._names:
            return _unique(self._names[key])
        inside = _unique([i for n, items in self._names.items() if n and (key in n or n in key) for i in items])
        if inside:
            return inside
        scored = sorted(((similarity(indicator, item_name(i)), i) for i in self.items), key=lambda p: -p[0])
        if scored and scored[0][0] >= 0.8 and (len(scored) == 1 or scored[0][0] - scored[1][0] >= MARGIN):
            return [scored[0][1]]
        return [i for s, i in scored if s >= 0.8]

    def match_event(self, indicator: str, text: str) -> Match:
        """Given an event's indicator and text, return the atom it fires, or why none."""
        note = ""
        if indicator:
            items = self.resolve_item(indicator)
            if len(items) > 1:
                return Match(issue="ambiguous", reason=f"指标“{indicator}”对应多个指标，请写明指标编号",
                             candidates=[i.indicator_id for i in items])
            if items:
                method = "id" if items[0].indicator_id == indicator else "name"
                return self._within_item(items[0], text, method)
            note = f"指标“{indicator}”在规则手册中找不到；"
            if not text:
                return Match(issue="unmatched", reason=note + "请核对指标编号或名称")
        return self._by_text(text, note)

    def _within_item(self, item: RuleItem, text: str, method: str) -> Match:
        targets = [t for t in self.by_item.get(item.indicator_id, []) if self._fired_by_rows(t)]
        if not targets:
            return Match(issue="unmatched", reason=f"指标“{item_name(item)}”没有按事件计分的规则（可能需要度量数据）")
        if len(targets) == 1:
            return Match([targets[0]], method, 1.0)
        ranked = _rank(text, targets, with_item=False)
        best, second = ranked[0], ranked[1]
        if text and best[0] >= WITHIN_ITEM_ACCEPT and best[0] - second[0] >= MARGIN:
            return Match([best[1]], method, best[0])
        return Match(issue="ambiguous", reason=f"指标“{item_name(item)}”有多条规则，事项“{text}”无法确定适用哪一条",
                     candidates=[t.label for _, t in ranked[:3]])

    def _by_text(self, text: str, note: str) -> Match:
        ranked = _rank(text, self.event_targets, with_item=True)
        if not ranked or ranked[0][0] < ACCEPT:
            best = f"（最接近：{ranked[0][1].label}，相似度 {ranked[0][0]:.2f}）" if ranked else ""
            return Match(issue="unmatched", reason=f"{note}事项“{text}”与任何规则都不够相似{best}")
        if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < MARGIN:
            tied = [t for s, t in ranked if ranked[0][0] - s < MARGIN]
            if len({t.item.indicator_id for t in tied}) == 1:
                # The text names one indicator whose clauses tie on that name: what is left of the
                # text once the name is taken out tells the clauses apart.
                item = tied[0].item
                within = self._within_item(item, text.replace(item_name(item), "") or text, "text")
                if within.issue is None:
                    within.confidence = min(within.confidence, ranked[0][0])
                    return within
            return Match(issue="ambiguous", reason=f"{note}事项“{text}”与多条规则同样相似，请写明指标",
                         candidates=[t.label for t in tied[:3]])
        return Match([ranked[0][1]], "text", ranked[0][0])

    def match_measure(self, metric: str, rater: str) -> Match:
        """Given a measure's metric (and rater group), return every atom it feeds, or why none."""
        if rater:
            items = [i for i in self.resolve_item(metric) if _weight_targets(self, i)] if metric else []
            if len(items) == 1:
                return Match(_weight_targets(self, items[0]), "rater", 1.0)
            if self.rater_rules:
                return Match([], "rater", 1.0)  # scheme-level weights: handled by the engine per rater group
            return Match(issue="unmatched", reason=f"规则手册没有测评权重，无法使用测评主体“{rater}”的分数")
        measured = [t for t in self.targets.values() if by_measures(t.atom) and t.atom.metric]
        key = normalize(metric)
        exact = [t for t in measured if normalize(t.atom.metric) == key]
        if exact:
            return Match(exact, "metric", 1.0)
        items = self.resolve_item(metric)
        if len(items) == 1:
            found = [t for t in self.by_item.get(items[0].indicator_id, []) if by_measures(t.atom)]
            if found:
                method = "id" if items[0].indicator_id == metric else "name"
                return Match(found, method, 1.0)
        ranked = sorted(((similarity(metric, t.atom.metric), t) for t in measured), key=lambda p: -p[0])
        if ranked and ranked[0][0] >= 0.7:
            best = ranked[0][1].atom.metric
            tied = [t for s, t in ranked if t.atom.metric == best]
            others = [t for s, t in ranked if s >= ranked[0][0] - MARGIN and t.atom.metric != best]
            if not others:
                return Match(tied, "metric", ranked[0][0])
            return Match(issue="ambiguous", reason=f"度量“{metric}”与多个规则指标同样相似",
                         candidates=sorted({t.atom.metric for t in tied + others}))
        if any(similarity(metric, g) >= 0.7 for r in self.rater_rules for g in r.weights):
            return Match([], "rater", 1.0)
        return self._by_condition(metric)

    def _by_condition(self, metric: str) -> Match:
        """A measure named after what a clause measures (社区矫正党支部考核排名 → '…考核排名全市前五的')."""
        conditioned = [t for t in self.targets_list if by_measures(t.atom) and t.atom.condition]
        ranked = sorted(((similarity(metric, t.atom.condition), t) for t in conditioned), key=lambda p: -p[0])
        if ranked and ranked[0][0] >= ACCEPT and (len(ranked) == 1 or ranked[0][0] - ranked[1][0] >= MARGIN):
            return Match([ranked[0][1]], "text", ranked[0][0])
        if ranked and ranked[0][0] >= ACCEPT:
            return Match(issue="ambiguous", reason=f"度量“{metric}”与多条规则同样相似，请写明指标",
                         candidates=[t.label for s, t in ranked[:3] if ranked[0][0] - s < MARGIN])
        return Match(issue="unmatched", reason=f"度量“{metric}”在规则手册中没有对应的规则")


def _occurrence_groups(targets: list[Target]) -> dict[str, list[tuple[int, str]]]:
    """Atoms pricing the 1st, 2nd, … occurrence of one clause (第一次每辆次扣0.2分…): key → [(occurrence, key)]."""
    clauses: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for t in targets:
        if t.atom.occurrence is not None:
            clauses.setdefault((t.item.indicator_id, t.atom.text), []).append((t.atom.occurrence, t.key))
    return {key: sorted(group) for group in clauses.values() if len(group) > 1 for _, key in group}


def _weight_targets(index: RuleIndex, item: RuleItem) -> list[Target]:
    return [t for t in index.by_item.get(item.indicator_id, []) if t.atom.kind == RuleKind.WEIGHT]


def _rank(text: str, targets: list[Target], *, with_item: bool) -> list[tuple[float, Target]]:
    """Given event text, return (similarity, target) best first; item names count at 0.9 weight."""
    scored = []
    for target in targets:
        score = similarity(text, target.atom.condition or target.atom.text)
        if with_item:
            score = max(score, 0.9 * similarity(text, item_name(target.item)))
        scored.append((score, target))
    return sorted(scored, key=lambda p: -p[0])


def _unique(items: list[RuleItem]) -> list[RuleItem]:
    seen, out = set(), []
    for item in items:
        if item.indicator_id not in seen:
            seen.add(item.indicator_id)
            out.append(item)
    return out
