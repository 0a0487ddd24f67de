"""Same facts, different scheme: score one events file under every scheme's rulebook, side by side."""
from __future__ import annotations

from pathlib import Path

from schemas.indicators import IndicatorTable

from .report import Section, Table


def same_facts_section(tables: list[IndicatorTable], labels: list[str], events: Path,
                       measures: Path | None = None) -> Section:
    """Given scheme tables, their labels and an events (and measures) file, return each unit's score per scheme."""
    from ..rules.book import build_rulebook
    from ..scoring.engine import score
    from ..scoring.events_io import read_events, read_measures

    frame, issues = read_events(events)
    measure_frame = read_measures(measures)[0] if measures else None
    reports = [score(build_rulebook(t), frame, measure_frame, list(issues)) for t in tables]
    units = sorted({u["unit"] for r in reports for u in r["units"]})
    by_scheme = [{u["unit"]: u for u in r["units"]} for r in reports]
    rows = []
    for unit in units:
        row = [unit]
        for results in by_scheme:
            u = results.get(unit)
            row.append(f"{u['total']:g}（扣 {-u['deductions']:g}，加 {u['additions']:g}，第 {u['rank']} 名）" if u else "无对应事件")
        rows.append(row)
    matched = "；".join(f"{label}：{r['events_scored']}/{r['events_read']} 条事件对应上规则"
                       for label, r in zip(labels, reports))
    return Section("同一事实在不同方案下的得分",
                   f"同一份事件数据（{events.name}）按各方案的规则手册分别计分。{matched}。"
                   "对应不上的事件不计分，请在 kaoping score 的“待处理”中查看。",
                   [Table(["单位"] + labels, rows)])
