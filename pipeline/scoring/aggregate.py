"""Periods to final standing: period ranks, yearly totals (sum or mean), final rank, grades, rewards."""
from __future__ import annotations

import operator

from schemas.rules import OtherSubtype, Rulebook, RuleKind, SchemeRuleKind

from . import explain
from .caps import cut
from .notices import run_notices
from .periods import is_whole


def competition_ranks(totals: dict[str, float], vetoed: set[str]) -> dict[str, int]:
    """Given unit totals, return ranks (ties share a rank: 1, 2, 2, 4); vetoed units come after all others."""
    ranks: dict[str, int] = {}
    clean = sorted((u for u in totals if u not in vetoed), key=lambda u: -round(totals[u], 6))
    tail = sorted((u for u in totals if u in vetoed), key=lambda u: -round(totals[u], 6))
    for group, offset in ((clean, 0), (tail, len(clean))):
        for i, unit in enumerate(group):
            same = i and round(totals[group[i - 1]], 6) == round(totals[unit], 6)
            ranks[unit] = ranks[group[i - 1]] if same else offset + i + 1
    return ranks


def report(book: Rulebook, cfg, cells: list[dict], issues, n_events: int, n_scored: int, n_measures: int) -> dict:
    """Given scored cells, return the whole report: ranked units, period scores and issues."""
    periods = sorted({c["period"] for c in cells})
    for c in cells:
        c["low"], c["high"] = min(c["total"], c["_b"]), max(c["total"], c["_b"])
    for period in periods:
        row = [c for c in cells if c["period"] == period]
        ranks = competition_ranks({c["unit"]: c["total"] for c in row}, {c["unit"] for c in row if c["vetoes"]})
        for c in row:
            c["rank"] = ranks[c["unit"]]
    units = _unit_results(cells, cfg)
    final = competition_ranks({u: r["total"] for u, r in units.items()}, {u for u, r in units.items() if r["vetoes"]})
    for unit, rank in final.items():
        units[unit]["rank"] = rank
    ordered = sorted(units.values(), key=lambda r: (r["rank"], r["unit"]))
    _grades(book, ordered)
    _rewards(book, ordered)
    return {
        "schema_name": "kaoping.ScoreReport", "version": "1.0.0",
        "title": book.meta.title,
        "settings": {"period": cfg.granularity.value, "aggregate": cfg.aggregate, "item_floor": cfg.item_floor,
                     "base_score": cfg.base_score},
        "periods": periods, "units": ordered, "period_scores": cells,
        "warnings": run_notices(book, cfg.granularity, cfg.base_score, cells, periods),
        "issues": [i.model_dump() for i in sorted(issues, key=lambda i: (i.line is None, i.line or 0))],
        "events_read": n_events, "events_scored": n_scored, "measures_read": n_measures,
    }


def _unit_results(cells: list[dict], cfg) -> dict[str, dict]:
    """Given period cells, return each unit's totals: whole periods summed or averaged, coarser buckets added."""
    by_unit: dict[str, list[dict]] = {}
    for cell in cells:
        by_unit.setdefault(cell["unit"], []).append(cell)
    out = {}
    for unit, own in by_unit.items():
        whole = [c for c in own if is_whole(c["period"], cfg.granularity)]
        extra = [c for c in own if not is_whole(c["period"], cfg.granularity)]
        result = {"unit": unit, "rank": None, "grade": None, "reward": [], "vetoes": [], "grade_notes": [],
                  "caps": [], "periods": {c["period"]: round(c["total"], 6) for c in own},
                  "provisional": any(c["provisional"] for c in own)}
        for field in ("total", "_b"):
            part = [c[field] for c in whole]
            combined = sum(part) / len(part) if part and cfg.aggregate == "mean" else sum(part)
            result[field] = combined + sum(c[field] for c in extra)
        _yearly_caps(own, result)
        b = result.pop("_b")
        result["low"], result["high"] = min(result["total"], b), max(result["total"], b)
        deductions = additions = 0.0
        result["_downgrade"] = sum(cell.pop("_downgrade", 0.0) for cell in own)
        for cell in own:
            result["vetoes"] += [f"{cell['period']}：{v}" for v in cell["vetoes"]]
            deductions += cell.pop("_deduct")
            additions += cell.pop("_add")
            deductions += sum(cap["capped"] - cap["raw"] for cap in cell["caps"] if cap["direction"] == "deduct")
            additions += sum(cap["capped"] - cap["raw"] for cap in cell["caps"] if cap["direction"] == "add")
            if cell["bottom_line"]:
                result["_bottom_line"] = True
            cell.pop("_b", None)
        result.update(deductions=deductions, additions=additions)
        out[unit] = result
    return out


def _yearly_caps(own: list[dict], result: dict) -> None:
    """Caps a scheme sets per year while scoring monthly: cut the unit's summed category deductions."""
    sums: dict[object, list[float]] = {}
    for cell in own:
        for group, raw_a, raw_b in cell.pop("_yearly", ()):
            acc = sums.setdefault(group, [0.0, 0.0])
            acc[0] += raw_a
            acc[1] += raw_b
    for group, (raw_a, raw_b) in sums.items():
        adj_a, adj_b = cut(group, raw_a), cut(group, raw_b)
        if adj_a or adj_b:
            result["total"] += adj_a
            result["_b"] += adj_b
            result["caps"].append({"scope": group.scope, "direction": group.direction, "cap": group.cap,
                                   "raw": raw_a, "capped": raw_a + adj_a,
                                   "explanation": explain.cap_line(group.scope, group.direction, group.cap,
                                                                   raw_a, "全年")})


_OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq,
        "!=": operator.ne}


def _grades(book: Rulebook, ordered: list[dict]) -> None:
    """Assign grades by rank band (前3名 优秀) or score; vetoes lock the grade, bottom-line bars the barred ones,
    a fired 降一档 moves the grade down."""
    barred: set[str] = set()
    for rule in book.scheme_rules:
        if rule.kind == SchemeRuleKind.GRADE_BAR:
            barred |= {g.grade for g in rule.grades} or {"优秀"}
    for rule in (r for r in book.scheme_rules if r.kind == SchemeRuleKind.GRADES and r.grades):
        lowest = rule.grades[-1].grade if len(rule.grades) > 1 else None
        for result in ordered:
            if result["vetoes"] and result["grade"] is None:
                result["grade"] = lowest
                result["grade_notes"].append(f"一票否决，等次锁定为{lowest or '不评定'}")
        mapped = next((a for a in rule.atoms if a.kind == RuleKind.OTHER and a.subtype == OtherSubtype.GRADE_MAP), None)
        if mapped is not None:
            _score_bands(mapped, ordered, barred)
            _downgraded(rule.grades, ordered)
            continue
        for i, tier in enumerate(rule.grades):
            band = rule.ranks[i] if i < len(rule.ranks) else None
            eligible = [r for r in ordered if r["grade"] is None and not r["vetoes"]]
            blocked = [r for r in eligible if tier.grade in barred and r.get("_bottom_line")]
            for r in blocked:
                r["grade_notes"].append(f"存在突破底线扣分，不得评为{tier.grade}")
            eligible = [r for r in eligible if r not in blocked]
            if band is not None:
                ranks = competition_ranks({r["unit"]: r["total"] for r in eligible}, set())
                for r in eligible:
                    if band.rank_from <= ranks[r["unit"]] <= band.rank_to:
                        r["grade"] = tier.grade
            elif tier.points is not None:
                for r in eligible:
                    if r["total"] >= tier.points:
                        r["grade"] = tier.grade
        _downgraded(rule.grades, ordered)
    for r in ordered:
        r.pop("_bottom_line", None)
        r.pop("_downgrade", None)


def _score_bands(mapped, ordered: list[dict], barred: set[str]) -> None:
    """90分以上为优秀，75分至89分为合格…: each unit gets the first band its total meets (a barred one is skipped)."""
    for r in (r for r in ordered if r["grade"] is None and not r["vetoes"]):
        for tier, bound in zip(mapped.grades, mapped.thresholds):
            if not _OPS[bound.op](round(r["total"], 6), bound.value):
                continue
            if tier.grade in barred and r.get("_bottom_line"):
                r["grade_notes"].append(f"存在突破底线扣分，不得评为{tier.grade}")
                continue
            r["grade"] = tier.grade
            break


def _downgraded(grades, ordered: list[dict]) -> None:
    """A unit whose 等次降低一个档次 fired takes the grade that many places lower (never below the lowest)."""
    names = [g.grade for g in grades]
    for r in ordered:
        steps = int(r.get("_downgrade") or 0)
        if steps and r["grade"] in names:
            lower = names[min(names.index(r["grade"]) + steps, len(names) - 1)]
            r["grade_notes"].append(f"等次降低{steps}档：{r['grade']} → {lower}")
            r["grade"] = lower
            r["_downgrade"] = 0


def _rewards(book: Rulebook, ordered: list[dict]) -> None:
    """Attach 奖励 (前3名 3000 元, 后3名 约谈 …) by final rank, and 每分折合…元; vetoed units get no reward from the top."""
    size = len(ordered)
    for atom in (a for rule in book.scheme_rules for a in rule.atoms
                 if a.kind == RuleKind.OTHER and a.subtype == OtherSubtype.MONEY_PER_POINT and a.factor):
        for r in ordered:
            r["reward"].append(f"按每分{atom.factor:g}元折合 {round(r['total'] * atom.factor, 2):g} 元")
    for rule in (r for r in book.scheme_rules if r.kind == SchemeRuleKind.RANK_REWARD and r.reward):
        for band in rule.ranks:
            for r in ordered:
                rank = r["rank"]
                if band.from_bottom:
                    if size - rank + 1 <= band.rank_to and size - rank + 1 >= band.rank_from:
                        r["reward"].append(rule.reward)
                elif not r["vetoes"] and band.rank_from <= rank <= band.rank_to:
                    r["reward"].append(rule.reward)
