"""Synthetic events and measures for any rulebook: Poisson counts, measures near thresholds, rater scores."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from schemas.indicators import SectionRole
from schemas.rules import Rulebook, RuleKind

from .match import SCHEME_ITEM, RuleIndex, item_name
from .semantics import countable
from .periods import parse_period
from .scopes import department_sections, unit_scope

TOWNS = ("城关 城东 城西 城南 城北 古井 魏岗 大杨 十八里 牛集 双沟 五马 沙土 观堂 龙扬 华佗 十河 张店 芦庙 立德 "
         "赵桥 淝河 谯东 薛阁 汤陵 新桥 青龙 白塔 金山 湖塘 牛塘 洛阳 雪堰 前黄 礼嘉 嘉泽 湟里 横山 遥观 南夏墅").split()
OFFICES = ("秘书科 执法监督科 应诉复议科 法治宣传科 人民参与和促进法治科 社区矫正科 公共法律服务科 律师公证管理科 "
           "法律援助中心 政治处 团总支 机关党委").split()
ORDINALS = ["", "第二", "第三", "第四", "第五", "第六", "第七", "第八", "第九", "第十"]
NOTES = np.array(["月度检查", "督查通报", "系统抽查", "群众投诉", "台账核查", ""], dtype=object)
EVENT_HEADERS = ["单位", "日期", "指标", "事项", "次数", "扣分", "备注"]
MEASURE_HEADERS = ["单位", "期间", "指标", "数值", "目标", "测评主体"]
# Values just below, at and just above a threshold, and further out: boundaries must get hit.
OFFSETS = np.array([-0.001, 0.0, 0.001, -0.03, 0.03, -0.1, 0.1])


def unit_names(count: int, offices: bool = False) -> list[str]:
    """Given a count, return distinct unit names: 城关司法所, 城东司法所 … (or 秘书科 … for 科室 schemes)."""
    pool, suffix = (OFFICES, "") if offices else (TOWNS, "司法所")
    names = []
    for i in range(count):
        base, round_ = pool[i % len(pool)], i // len(pool)
        ordinal = ORDINALS[round_] if round_ < len(ORDINALS) else f"第{round_ + 1}"
        names.append(f"{base}{ordinal}{suffix}" if suffix else f"{ordinal}{base}")
    return names


def _dates(period: str) -> list[str]:
    """Every day 1-28 of the months a period key covers (28: every month has it)."""
    year, month, quarter = parse_period(period)
    months = [month] if month else ([3 * quarter - 2, 3 * quarter - 1, 3 * quarter] if quarter else range(1, 13))
    return [f"{year}-{m:02d}-{d:02d}" for m in months for d in range(1, 29)]


def synthesize(book: Rulebook, units: int, periods: list[str], *, seed: int = 1,
               n_events: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Given a rulebook, return (events, measures) tables with Chinese headers for ``units`` × ``periods``."""
    rng = np.random.default_rng(seed)
    index = RuleIndex(book)
    # a scheme with one section per 责任科室 is scored on those 科室: use them as the units
    own = list(dict.fromkeys(d.split("、")[0] for d in department_sections(index.items).values()))
    offices = any("科" in u or "室" in u for u in book.meta.assessed_units) or "科室" in (book.meta.title or "")
    names = np.array(own[:units] if own else unit_names(units, offices), dtype=object)
    scope = unit_scope(index.items, list(names))
    allowed = np.array([[scope.allows(u, t.item) for t in index.targets_list] for u in names], dtype=bool)
    return (_events(index, names, periods, rng, n_events, allowed),
            _measures(book, index, names, periods, rng, allowed))


def _events(index: RuleIndex, names, periods, rng, n_events, allowed) -> pd.DataFrame:
    # Rate tiers (低于90%) are fed by measures; only count tiers (上稿三条) come from events.
    code = {t.key: k for k, t in enumerate(index.targets_list)}
    # atoms a clerk cannot tell apart by their text (…采用，分别加10分和5分) would only make ambiguous rows
    twins = Counter((t.item.indicator_id, t.atom.condition or t.atom.text) for t in index.event_targets)
    targets = [t for t in index.event_targets if not (t.atom.thresholds and not countable(t.atom))
               and twins[(t.item.indicator_id, t.atom.condition or t.atom.text)] == 1]
    allowed = allowed[:, [code[t.key] for t in targets]]
    if not targets:
        return pd.DataFrame(columns=EVENT_HEADERS)
    # vetoes, the amounts of a veto clause (一票否决并扣20分) and 突破底线 happen rarely; unparsed ones too
    veto_clauses = {(t.item.indicator_id, t.atom.text) for t in targets if t.atom.kind == RuleKind.VETO}
    rare = np.array([t.atom.kind in (RuleKind.VETO, RuleKind.UNPARSED) or (t.item.indicator_id, t.atom.text)
                     in veto_clauses or t.item.section_role == SectionRole.BOTTOM_LINE for t in targets])
    cells = len(names) * len(periods) * len(targets)
    weight = np.where(rare, 0.01, 1.0)  # rare rows at 1% of the common rate, the total still n_events
    rate = (n_events / (cells / len(targets) * weight.sum())) if n_events else (0.08 if len(periods) > 1 else 0.5)
    rates = rate * weight
    counts = rng.poisson(np.broadcast_to(rates, (len(names), len(periods), len(targets)))).ravel()
    cell = np.repeat(np.arange(cells), counts)
    t_idx, rest = cell % len(targets), cell // len(targets)
    p_idx, u_idx = rest % len(periods), rest // len(periods)
    keep = allowed[u_idx, t_idx]  # no events on another 科室's items
    t_idx, p_idx, u_idx = t_idx[keep], p_idx[keep], u_idx[keep]
    n = len(t_idx)
    days = [_dates(p) for p in periods]
    width = max(len(d) for d in days)
    table = np.array([d + [d[-1]] * (width - len(d)) for d in days], dtype=object)  # padding is never picked
    day_count = np.array([len(d) for d in days])
    date = table[p_idx, (rng.random(n) * day_count[p_idx]).astype(int)]
    ids = np.array([t.item.indicator_id if t.item.indicator_id != SCHEME_ITEM else "" for t in targets], dtype=object)
    item_names = np.array([item_name(t.item) if t.item.indicator_id != SCHEME_ITEM else "" for t in targets],
                          dtype=object)
    texts = np.array([t.atom.condition or t.atom.text or item_name(t.item) for t in targets], dtype=object)
    mode = rng.random(n)
    indicator = np.where(mode < 0.7, ids[t_idx], np.where(mode < 0.85, item_names[t_idx], ""))
    # Without an indicator a clerk names the item too ("台账登记迟报"); bare "迟报" would be ambiguous.
    described = np.array([f"{n}{c}" if n and n not in c else c for n, c in zip(item_names, texts)], dtype=object)
    text = np.where(indicator == "", described[t_idx], texts[t_idx])
    count = 1 + (rng.random(n) < 0.1) * rng.integers(1, 3, n)
    decided = np.full(n, "", dtype=object)
    for k, target in enumerate(targets):
        rows = np.flatnonzero(t_idx == k) if target.atom.kind in (RuleKind.DISCRETIONARY, RuleKind.GRADE) else ()
        if not len(rows):
            continue
        if target.atom.kind == RuleKind.GRADE and target.atom.grades:
            grades = np.array([g.grade for g in target.atom.grades], dtype=object)
            text[rows] = item_names[k] + "：" + grades[rng.integers(0, len(grades), len(rows))]
        elif target.atom.range:
            low, high = target.atom.range
            amounts = np.round((low + rng.random(len(rows)) * (high - low)) * 2) / 2
            amounts = amounts * count[rows] if target.atom.per else amounts  # a decision covers the row's 次数
            decided[rows] = np.where(rng.random(len(rows)) < 0.7, amounts.astype(str), "")
    rows = pd.DataFrame({"单位": names[u_idx], "日期": date, "指标": indicator, "事项": text, "次数": count,
                         "扣分": decided, "备注": NOTES[rng.integers(0, len(NOTES), n)]})
    # Roll call: one row per unit with only 单位 and 日期, so units without any event are still ranked.
    roll = pd.DataFrame({"单位": names, "日期": table[0, 0]}).reindex(columns=EVENT_HEADERS, fill_value="")
    return pd.concat([roll, rows], ignore_index=True)


def _measures(book: Rulebook, index: RuleIndex, names, periods, rng, allowed) -> pd.DataFrame:
    rows: list[tuple] = []
    seen: set[str] = set()
    for k, target in enumerate(index.targets_list):
        atom = target.atom
        if atom.kind not in (RuleKind.TIERED, RuleKind.PROPORTIONAL, RuleKind.RANK, RuleKind.DISCRETIONARY):
            continue
        if atom.kind in (RuleKind.TIERED, RuleKind.DISCRETIONARY) and not (atom.metric and atom.thresholds):
            continue
        metric = atom.metric or item_name(target.item)
        if metric in seen:
            continue
        seen.add(metric)
        size = (len(names), len(periods))
        target_value = ""
        if atom.kind == RuleKind.RANK:
            values = rng.integers(0, 30, size).astype(float)
        elif atom.kind == RuleKind.PROPORTIONAL:
            target_value = float(atom.points or target.item.points or 10)
            values = np.round(target_value * (0.6 + 0.5 * rng.random(size)), 2)
        else:
            limits = np.array([t.value for t in atom.thresholds])
            base = limits[rng.integers(0, len(limits), size)]
            scale = np.where(base <= 1, 1.0, np.maximum(base, 1.0))
            values = base + OFFSETS[rng.integers(0, len(OFFSETS), size)] * scale
            values = np.where(base <= 1, np.clip(values, 0, 1), np.maximum(values, 0)).round(4)
        for u, unit in enumerate(names):
            for p, period in enumerate(periods if allowed[u, k] else ()):
                rows.append((unit, period, metric, float(values[u, p]), target_value, ""))
    years = sorted({str(parse_period(p)[0]) for p in periods})
    for rule in index.rater_rules:
        for unit in names:
            for year in years:
                rows += [(unit, year, "述职测评", round(float(70 + 30 * rng.random()), 1), "", group)
                         for group in rule.weights]
    return pd.DataFrame(rows, columns=MEASURE_HEADERS)


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write a table as UTF-8 CSV with BOM (Excel and WPS open the Chinese headers), formula-like text quoted."""
    from ..excel import csv_text

    path.parent.mkdir(parents=True, exist_ok=True)
    # Unit names and metrics come from documents: Excel must not run one that starts like a formula.
    text = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    frame = frame.assign(**{c: frame[c].map(csv_text) for c in text})
    frame.to_csv(path, index=False, encoding="utf-8-sig")
    return path


def demo_rulebook(categories: int = 8, per_category: int = 8) -> Rulebook:
    """A synthetic monthly rulebook with every common rule kind (for benchmarks when no scheme is at hand)."""
    names = ["人民调解", "社区矫正", "法律援助", "普法宣传", "信息", "平安建设", "公共法律服务", "法治建设",
             "安置帮教", "行政复议"]
    items, rules = [], []
    for c in range(categories):
        cat = f"{names[c % len(names)]}工作" + (str(c // len(names) + 1) if c >= len(names) else "")
        for j in range(per_category):
            items.append(_demo_item(cat, c, j))
        rules.append({"kind": "category_cap", "applies_to": [cat], "cap": 40, "period": "month",
                      "direction": "deduct", "text": f"{cat}每月最多扣40分"})
    rules += [
        {"kind": "general", "text": "受到通报批评的，每次扣2分",
         "atoms": [{"kind": "deduct_per", "direction": "deduct", "points": 2, "per": "次",
                    "condition": "工作人员受局领导或上级通报批评", "text": "每次扣2分"}]},
        {"kind": "veto", "text": "发生违法违纪、重大安全事故的，实行一票否决"},
        {"kind": "rank_reward", "ranks": [{"rank_from": 1, "rank_to": 3}], "reward": "3000元"},
        {"kind": "rank_reward", "ranks": [{"rank_from": 4, "rank_to": 5}], "reward": "2000元"},
        {"kind": "grades", "grades": [{"grade": "优秀"}, {"grade": "合格"}], "ranks": [{"rank_from": 1, "rank_to": 3}]},
    ]
    return Rulebook.model_validate({
        "meta": {"title": "模拟司法所综合考评方案", "year": 2023, "frequency": "monthly",
                 "assessed_units": ["司法所"]},
        "items": items, "scheme_rules": rules})


ACTIVITIES = ("台账登记", "案卷录入", "数据核查", "通报整改", "经验交流", "案件归档", "信息录用", "专题活动",
              "走访衔接", "队伍培训")


def _demo_item(cat: str, c: int, j: int) -> dict:
    """One demo item; j cycles through the rule kinds so every category has each kind once."""
    topic = f"{cat[:-2]}{ACTIVITIES[j % len(ACTIVITIES)]}" + (str(j // len(ACTIVITIES) + 1) if j >= len(ACTIVITIES) else "")
    atoms = [
        [{"kind": "deduct_per", "direction": "deduct", "points": 1, "per": "次", "condition": f"{topic}台账未按时报送"}],
        [{"kind": "deduct_fixed", "direction": "deduct", "points": 2, "condition": f"{topic}迟报"},
         {"kind": "deduct_fixed", "direction": "deduct", "points": 1, "condition": f"{topic}错报"}],
        [{"kind": "tiered", "direction": "deduct", "metric": f"{topic}完成率", "hit_policy": "max",
          "thresholds": [{"op": "<", "value": 0.9, "points": 2}, {"op": "<", "value": 0.7, "points": 4}]}],
        [{"kind": "discretionary", "direction": "deduct", "range": [1, 5], "per": "次",
          "condition": f"{topic}工作被通报"}],
        [{"kind": "add_per", "direction": "add", "points": 2, "per": "篇", "cap": 6, "condition": f"{topic}经验材料被采用"}],
        [{"kind": "deduct_per", "direction": "deduct", "points": 5, "per": "件", "cap": "item",
          "condition": f"{topic}案件未按时归档"}],
        [{"kind": "proportional", "direction": "add", "points": 10, "metric": f"{topic}录用得分"}],
        [{"kind": "zero_item", "condition": f"{topic}未开展活动"},
         {"kind": "deduct_per", "direction": "deduct", "points": 0.5, "per": "项", "condition": f"{topic}资料不全"}],
    ][j % 8]
    for atom in atoms:
        atom["text"] = atom.get("condition", topic)
    return {"indicator_id": f"c{c + 1}.i{j + 1}", "path": [cat, topic], "points": 10 if j % 2 else None,
            "atoms": atoms}

