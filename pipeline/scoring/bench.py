"""Scoring throughput under the real 谯城 rulebook: 100k and 1M events (300 units × 12 months), full trail.

Timed: reading the CSV, scoring (match, slots, settle, caps, ranks), rendering the trail (every applied rule
with its event lines and a Chinese explanation) and writing the explanation lines. Synthesis and the
rulebook's extraction are set-up, printed apart. Cost is linear in events when the time ratio of the two
sizes is about 10; what is left over is the fixed cost (per cell, per rule), so the marginal events/s
between the two sizes is printed too.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from schemas.rules import Rulebook

from .engine import compute
from .events_io import read_events, read_measures
from .output import write_lines
from .render import render
from .synth import demo_rulebook, synthesize, write_csv

UNITS = 300
PERIODS = [f"2023-{m:02d}" for m in range(1, 13)]
SCHEME = Path(__file__).resolve().parents[2] / "corpus" / "docs" / "qiaocheng-2023-kaoping.docx"


def real_rulebook() -> Rulebook:
    """The 谯城 2023 rulebook built from the corpus document; the synthetic one if the corpus is absent."""
    if not SCHEME.exists():
        return demo_rulebook()
    from ..extract import extract_table
    from .forms import form_rulebook

    raw, table = extract_table(SCHEME)
    return form_rulebook(table, raw)


def run_once(book: Rulebook, n_events: int, folder: Path) -> dict[str, float]:
    """Synthesize ``n_events`` events, then time reading, scoring, rendering and writing the lines."""
    events, measures = synthesize(book, UNITS, PERIODS, seed=7, n_events=n_events)
    events_path, measures_path = folder / f"events_{n_events}.csv", folder / f"measures_{n_events}.csv"
    write_csv(events, events_path)
    write_csv(measures, measures_path)
    cpu, start = time.process_time(), time.perf_counter()
    frame, issues = read_events(events_path)
    measure_frame, more = read_measures(measures_path)
    read = time.perf_counter()
    scored, report = compute(book, frame, measure_frame, issues + more)
    done = time.perf_counter()
    render(book, scored, report["period_scores"])
    rendered = time.perf_counter()
    lines = write_lines(report, folder / "score.说明.txt")
    written = time.perf_counter()
    return {"events": len(frame), "read": read - start, "score": done - read, "render": rendered - done,
            "lines": written - rendered, "n_lines": lines, "slots": len(scored.slots), "cpu": time.process_time() - cpu}


def bench_scoring(sizes: tuple[int, ...] = (100_000, 1_000_000)) -> list[dict[str, float]]:
    """Print the time of each stage per size, events/s, the time ratio and the marginal events/s."""
    started = time.perf_counter()
    book = real_rulebook()
    print(f"规则手册：{book.meta.title}（{len(book.items)} 项指标，{len(book.scheme_rules)} 条方案规则，"
          f"准备 {time.perf_counter() - started:.1f}s）")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            r = run_once(book, size, Path(tmp))
            total = r["read"] + r["score"] + r["render"] + r["lines"]
            print(f"计分 {r['events']:>9,} 条事件（{UNITS} 个单位 × {len(PERIODS)} 个月，{r['slots']:,} 条计分记录）："
                  f"读取 {r['read']:.2f}s + 计分 {r['score']:.2f}s + 生成说明 {r['render']:.2f}s + "
                  f"写说明 {r['lines']:.2f}s（{r['n_lines']:,} 行）= {total:.2f}s（CPU {r['cpu']:.2f}s），"
                  f"{r['events'] / total:,.0f} 条/秒")
            results.append(dict(r, total=total))
    if len(results) > 1:
        first, last = results[0], results[-1]
        ratio, scale = last["total"] / first["total"], last["events"] / first["events"]
        marginal = (last["events"] - first["events"]) / max(last["total"] - first["total"], 1e-9)
        fixed = max(first["total"] - first["events"] / marginal, 0.0)
        print(f"时间比 {ratio:.1f}（事件数比 {scale:.1f}；≈{scale:.0f} 为线性）；边际 {marginal:,.0f} 条/秒，"
              f"固定开销约 {fixed:.2f}s")
    return results


if __name__ == "__main__":
    bench_scoring()
