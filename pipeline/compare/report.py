"""The comparison as tables: domain shares, heatmap, metric thresholds, alignment, rule changes, review."""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from schemas.indicators import SectionRole
from schemas.normalized import MetricRequirement, NormalizedIndicator, Scheme

from ..normalize.metrics import describe, strictness
from ..normalize.taxonomy import load_taxonomy
from .align import LABELS_ZH, Pair, align, diff_segments, full_text
from .rulediff import rule_changes

SCORED_ROLES = (SectionRole.BASE, SectionRole.RESULTS)
METHOD_NOTE = ("领域归类依据 schemes/taxonomy.yaml 的关键词，类别与指标名称中的词权重更高；"
               "置信度低的指标列在“待人工复核”一节。")
SCORING_NOTE = METHOD_NOTE + ("“同一事实在不同方案下的得分”未包含：运行 compare 时用 --events（和 --measures）"
                              "给出同一份事件数据即可加入。")
SUMMARY_DOMAINS = 4  # domains named in the summary: those whose share differs most between schemes


@dataclass
class Marked:
    """A text cell whose differing pieces are marked: [(piece, differs)]."""

    segments: list[tuple[str, bool]]

    def plain(self) -> str:
        return "".join(s for s, _ in self.segments)


@dataclass
class Share:
    """A domain's share of one scheme and the points (or indicator count) behind it."""

    share: float | None
    weight: float | None
    unit: str

    def __str__(self) -> str:
        return f"{self.share:.1%}（{self.weight:g} {self.unit}）" if self.weight else "—"


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Any]]
    title: str = ""
    note: str = ""
    collapsed: bool = False  # long lists a reader opens on demand


@dataclass
class Chart:
    kind: str  # "stacked" (one bar per scheme, one segment per domain) or "heatmap"
    rows: list[str]  # stacked: schemes; heatmap: domains
    cols: list[str]  # stacked: domains; heatmap: schemes
    values: list[list[float]]  # shares 0–1


@dataclass
class Section:
    title: str
    intro: str = ""
    tables: list[Table] = field(default_factory=list)
    chart: Chart | None = None


@dataclass
class Report:
    title: str
    summary: list[str]
    sections: list[Section]
    subtitle: str = ""


def domain_weights(scheme: Scheme) -> dict[str, float]:
    """Given a scheme, return each domain's weight: points, or indicator count when points are missing."""
    out: dict[str, float] = {}
    for ind in scheme.indicators:
        if ind.role not in SCORED_ROLES:
            continue
        w = (ind.weight or 0.0) if scheme.weight_basis == "points" else 1.0
        out[ind.domain.name] = out.get(ind.domain.name, 0.0) + w
    return out


def domain_shares(schemes: list[Scheme]) -> tuple[list[str], list[dict[str, float]], list[dict[str, float]]]:
    """Given schemes, return domain names in taxonomy order (present ones), weights and shares per scheme."""
    weights = [domain_weights(s) for s in schemes]
    shares = [{d: w / total for d, w in ws.items()} if (total := sum(ws.values())) else {} for ws in weights]
    present = {d for ws in weights for d, w in ws.items() if w}
    order = [d.name for d in load_taxonomy().domains if d.name in present]
    return order, weights, shares


def _basis(scheme: Scheme) -> str:
    return "按分值" if scheme.weight_basis == "points" else "按指标数（方案未逐项列分值）"


def _unit(scheme: Scheme) -> str:
    return "分" if scheme.weight_basis == "points" else "项"


def _share_cell(scheme: Scheme, weight: float | None, share: float | None) -> Share:
    return Share(share, weight, _unit(scheme))


def share_section(schemes: list[Scheme]) -> tuple[Section, Section, list[str]]:
    """Given schemes, return the share table with its stacked bars, the heatmap, and summary lines."""
    order, weights, shares = domain_shares(schemes)
    labels = [s.label for s in schemes]
    rows = [[d] + [_share_cell(s, weights[k].get(d), shares[k].get(d)) for k, s in enumerate(schemes)] for d in order]
    table = Table(["领域"] + labels, rows, note="；".join(f"{s.label}：{_basis(s)}" for s in schemes)
                  + "。加分项目与突破底线扣分不计入占比。")
    stacked = Chart("stacked", labels, order, [[shares[k].get(d, 0.0) for d in order] for k in range(len(schemes))])
    heat = Chart("heatmap", order, labels, [[shares[k].get(d, 0.0) for k in range(len(schemes))] for d in order])
    spread = sorted(order, key=lambda d: -(max(sh.get(d, 0) for sh in shares) - min(sh.get(d, 0) for sh in shares)))
    summary = []
    for d in [d for d in spread if d != "其他"][:SUMMARY_DOMAINS]:
        parts = [f"{s.label} 占 {shares[k].get(d, 0):.1%}" + (f"（{weights[k][d]:g} {_unit(s)}）" if weights[k].get(d)
                 else "") for k, s in enumerate(schemes)]
        summary.append(f"{d}：" + "，".join(parts) + "。")
    return (Section("各领域分值占比", "每个方案的基础指标按领域归类后的分值占比。", [table], stacked),
            Section("领域 × 方案 热力图", "颜色越深，该领域在该方案中占比越高。", chart=heat), summary)


def _metric_key(req: MetricRequirement) -> tuple[str, str | None]:
    return req.metric, req.subject


def metric_section(schemes: list[Scheme]) -> tuple[Section, list[str]]:
    """Given schemes, return the side-by-side metric thresholds with who is strictest, and summary lines."""
    best: dict[tuple, dict[int, MetricRequirement]] = {}
    for k, s in enumerate(schemes):
        for ind in s.indicators:
            for req in ind.metrics:
                slot = best.setdefault(_metric_key(req), {})
                if k not in slot or strictness(req) > strictness(slot[k]):
                    slot[k] = req
    subjects: dict[str, set] = {}
    for metric, subject in best:
        subjects.setdefault(metric, set()).add(subject)
    rows, summary = [], []
    for (metric, subject), per in sorted(best.items(), key=lambda kv: (-len(kv[1]), kv[0][0], kv[0][1] or "")):
        name = f"{metric}（{subject}）" if len(subjects[metric]) > 1 and subject else metric
        better = "越低越好" if next(iter(per.values())).better == "lower" else "越高越好"
        cells = [describe(per[k]) if k in per else "—" for k in range(len(schemes))]
        strictest = ""
        if len(per) > 1:
            top = max(strictness(r) for r in per.values())
            winners = [schemes[k].label for k, r in per.items() if strictness(r) == top]
            strictest = "一样严" if len(winners) == len(per) else "、".join(winners)
            if strictest != "一样严":
                stated = "，".join(f"{schemes[k].label} {describe(r)}" for k, r in sorted(per.items()))
                summary.append(f"{name}：{stated}；{strictest} 最严。")
        rows.append([name, better] + cells + [strictest])
    table = Table(["指标", "方向"] + [s.label for s in schemes] + ["最严"], rows,
                  note="每格是该方案对该指标的要求（取最严的一条）；扣分条件已换算成达标要求，如“超过0.8%扣分”记为 ≤0.8%。")
    return Section("考核指标阈值对比", "同一指标在各方案中的达标要求。", [table]), summary


def _marked_pair(pair: Pair) -> tuple[Marked, Marked]:
    left, right = diff_segments(full_text(pair.left), full_text(pair.right))
    return Marked(left), Marked(right)


def _named(scheme: Scheme) -> str:
    """A scheme's short label with the document's own title: 武进区 2021《…绩效监测评价办法》."""
    return f"{scheme.label}《{scheme.meta.title}》" if scheme.meta.title else scheme.label


def _ind_label(ind: NormalizedIndicator) -> str:
    pts = f"（{ind.points:g} 分）" if ind.points is not None else ""
    return f"{ind.name}{pts}"


def alignment_tables(a: Scheme, b: Scheme, pairs: list[Pair]) -> list[Table]:
    """Given two schemes and their pairs, return the matched pairs side by side and the unmatched lists."""
    matched = [p for p in pairs if p.left and p.right]
    rows = []
    for p in sorted(matched, key=lambda p: (p.label != "equal", -p.score)):
        left, right = _marked_pair(p)
        rows.append([LABELS_ZH[p.label], round(p.score, 2), p.left.domain.name, left, right])
    only_left = [[_ind_label(p.left), p.left.domain.name] for p in pairs if p.label == "only_left"]
    only_right = [[_ind_label(p.right), p.right.domain.name] for p in pairs if p.label == "only_right"]
    title = f"{a.label} ↔ {b.label}：相同 {sum(p.label == 'equal' for p in pairs)} 项，相近 " \
            f"{sum(p.label == 'similar' for p in pairs)} 项，仅{a.label}有 {len(only_left)} 项，仅{b.label}有 {len(only_right)} 项"
    return [
        Table(["标签", "对齐分", "领域", a.label, b.label], rows, title=title),
        Table(["指标", "领域"], only_left, title=f"仅 {a.label} 有（{len(only_left)} 项）", collapsed=True),
        Table(["指标", "领域"], only_right, title=f"仅 {b.label} 有（{len(only_right)} 项）", collapsed=True),
    ]


def change_rows(pairs: list[Pair], left_label: str, right_label: str) -> list[list[Any]]:
    """Given aligned pairs, return one row per rule change, verdicts naming the stricter scheme."""
    rows = []
    for p in pairs:
        if not (p.left and p.right):
            continue
        for c in rule_changes(p.left, p.right):
            verdict = {"左更严": f"{left_label} 更严", "右更严": f"{right_label} 更严"}.get(c.verdict, c.verdict)
            rows.append([p.left.name, p.right.name, c.kind, c.field, c.left, c.right, verdict, c.condition])
    return rows


def review_section(schemes: list[Scheme]) -> Section:
    """Given schemes, return the indicators whose domain is uncertain, with their candidates."""
    rows = []
    for s in schemes:
        for ind in s.indicators:
            if ind.domain.review:
                cands = "、".join(f"{c.name} {c.score:g}" for c in ind.domain.candidates)
                rows.append([s.label, ind.name, ind.domain.name, round(ind.domain.confidence, 2),
                             "、".join(ind.domain.words[:5]), cands])
    table = Table(["方案", "指标", "暂归领域", "置信度", "依据词", "候选领域（得分）"], rows, collapsed=True,
                  title=f"共 {len(rows)} 项")
    return Section("待人工复核的领域归类", "置信度低的指标没有强行归类：请核对“暂归领域”。", [table])


def compare_report(schemes: list[Scheme], *, scoring_note: str) -> Report:
    """Given two or more schemes, return the full comparison report."""
    shares, heat, share_lines = share_section(schemes)
    metrics, metric_lines = metric_section(schemes)
    align_section = Section("指标对齐", "按字符 n-gram 相似度找候选，再综合名称、内容、领域和考核指标打分；"
                            "标记部分是两边文字不同之处。")
    changes_section = Section("对齐指标的规则差异", "同一类条款，分值、封顶、幅度或阈值不同：扣分越多越严，加分越多越宽。")
    change_table_rows = []
    for a, b in itertools.combinations(schemes, 2):
        pairs = align(a.indicators, b.indicators)
        align_section.tables += alignment_tables(a, b, pairs)
        change_table_rows += [[f"{a.label} ↔ {b.label}"] + r for r in change_rows(pairs, a.label, b.label)]
    changes_section.tables.append(Table(["方案", "左方指标", "右方指标", "条款类型", "项目", "左方", "右方", "判断", "条件"],
                                        change_table_rows))
    method = Section("说明", scoring_note)
    intro = [f"比较 {len(schemes)} 个方案：" + "；".join(
        f"{_named(s)}（{sum(i.role in SCORED_ROLES for i in s.indicators)} 项基础指标，{_basis(s)}）" for s in schemes) + "。"]
    return Report("考评方案跨地区比较", intro + share_lines + metric_lines,
                  [shares, heat, metrics, align_section, changes_section, review_section(schemes), method],
                  subtitle="、".join(s.label for s in schemes))


def diff_report(old: Scheme, new: Scheme) -> Report:
    """Given an old and a new version of one scheme, return what was added, removed, reworded and changed."""
    pairs = align(old.indicators, new.indicators)
    added = [[_ind_label(p.right), p.right.domain.name] for p in pairs if p.label == "only_right"]
    removed = [[_ind_label(p.left), p.left.domain.name] for p in pairs if p.label == "only_left"]
    reworded = []
    for p in pairs:
        if p.label == "similar":
            left, right = _marked_pair(p)
            reworded.append([round(p.score, 2), left, right])
    changes = change_rows(pairs, "旧版", "新版")
    summary = [f"旧版 {_named(old)}：{len(old.indicators)} 项；新版 {_named(new)}：{len(new.indicators)} 项。",
               f"新增 {len(added)} 项，删除 {len(removed)} 项，改写 {len(reworded)} 项，规则参数变化 {len(changes)} 处。"]
    return Report("考评方案新旧版本对比", summary, [
        Section("新增指标", tables=[Table(["指标", "领域"], added)]),
        Section("删除指标", tables=[Table(["指标", "领域"], removed)]),
        Section("改写的指标", "标记部分是改动之处。", [Table(["对齐分", "旧版", "新版"], reworded)]),
        Section("规则参数变化", tables=[Table(["旧版指标", "新版指标", "条款类型", "项目", "旧版", "新版", "判断", "条件"],
                                          changes)]),
    ], subtitle=f"{old.label} → {new.label}")
