"""Scoring demo on two real schemes: synthetic events scored, ranked and explained (`make run` calls run_demo)."""
from __future__ import annotations

import time
from pathlib import Path

from .extract import extract_table
from .scoring.engine import score
from .scoring.events_io import read_events, read_measures
from .scoring.forms import form_rulebook
from .scoring.output import write_all
from .scoring.synth import synthesize, write_csv

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "docs"
# (output folder, scheme document, units, periods): 谯城 scores 司法所 monthly, 松江 its own 科室 yearly.
DEMOS = [
    ("score-qiaocheng", "qiaocheng-2023-kaoping.docx", 30, [f"2023-{m:02d}" for m in range(1, 13)]),
    ("score-songjiang", "songjiang-2021-kaoping.docx", 10, ["2021"]),
]


def score_demo(doc: Path, units: int, periods: list[str], out_dir: Path, seed: int = 1) -> dict:
    """Given a scheme document, synthesize events for it, score them and write the report into ``out_dir``."""
    raw, table = extract_table(doc)
    book = form_rulebook(table, raw)
    events, measures = synthesize(book, units, periods, seed=seed)
    events_path = write_csv(events, out_dir / "events.csv")
    measures_path = write_csv(measures, out_dir / "events_measures.csv")
    frame, issues = read_events(events_path)
    measure_frame, more = read_measures(measures_path)
    report = score(book, frame, measure_frame, issues + more, periods=periods)
    write_all(report, out_dir)
    return report


def summary(name: str, report: dict, where: str = "") -> list[str]:
    """Given a report, return short Chinese lines: size (and where it went), the top 3 with grades and rewards,
    vetoes, issues and the run's warnings."""
    units = report["units"]
    lines = [f"【{name}】{len(units)} 个单位 × {len(report['periods'])} 个期间，事件 {report['events_read']:,} 条"
             f"（计分 {report['events_scored']:,} 条），度量 {report['measures_read']:,} 条{where}"]
    for u in units[:3]:
        extra = "".join([f"，等次：{u['grade']}" if u["grade"] else "",
                         f"，奖励：{'、'.join(u['reward'])}" if u["reward"] else "",
                         "（暂定）" if u["provisional"] else ""])
        lines.append(f"  第{u['rank']}名 {u['unit']} {u['total']:.2f} 分{extra}")
    vetoed = [u for u in units if u["vetoes"]]
    if vetoed:
        shown = "、".join(f"{u['unit']}（第{u['rank']}名）" for u in vetoed[:5]) + ("等" if len(vetoed) > 5 else "")
        lines.append(f"  一票否决 {len(vetoed)} 个单位：{shown}")
    else:
        lines.append("  一票否决：无")
    barred = [u["unit"] for u in units if any("不得评为" in n for n in u["grade_notes"])]
    if barred:
        lines.append(f"  因突破底线不得评优：{'、'.join(barred)}")
    lines.append(f"  待处理 {len(report['issues'])} 条（见 score.xlsx 的“待处理”表）")
    lines += [f"  ⚠ {w}" for w in report.get("warnings", [])]
    return lines


def run_demo(out_dir: Path | str) -> list[dict]:
    """Score the 谯城 (30 司法所 × 12 个月) and 松江 (科室) schemes on synthetic data; print a summary."""
    out_dir = Path(out_dir)
    reports = []
    for folder, doc, units, periods in DEMOS:
        start = time.perf_counter()
        report = score_demo(CORPUS / doc, units, periods, out_dir / folder)
        where = f" → {out_dir / folder}/（用时 {time.perf_counter() - start:.1f} 秒）"
        print("\n".join(summary(report["title"] or doc, report, where)))
        reports.append(report)
    return reports


if __name__ == "__main__":
    import sys

    run_demo(sys.argv[1] if len(sys.argv) > 1 else "out")
