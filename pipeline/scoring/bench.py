"""Scoring throughput: events/s at 100k and 1M events (300 units × 12 months), read + score with the trail.

`bench_scoring()` is called by `make bench` (pipeline/bench.py). Linear scaling shows as a time ratio of
about 10 between the two sizes; fixed per-cell costs make it smaller. Rendering the trail into JSON-ready
explanations is timed on its own: it is output, done once per run, not part of scoring.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from .engine import compute
from .events_io import read_events, read_measures
from .render import render
from .synth import demo_rulebook, synthesize, write_csv

UNITS = 300
PERIODS = [f"2023-{m:02d}" for m in range(1, 13)]


def run_once(n_events: int, folder: Path) -> dict[str, float]:
    """Synthesize ``n_events`` events, then time reading, scoring and rendering them."""
    book = demo_rulebook()
    events, measures = synthesize(book, UNITS, PERIODS, seed=7, n_events=n_events)
    events_path, measures_path = folder / f"events_{n_events}.csv", folder / f"measures_{n_events}.csv"
    write_csv(events, events_path)
    write_csv(measures, measures_path)
    start = time.perf_counter()
    frame, issues = read_events(events_path)
    measure_frame, more = read_measures(measures_path)
    read = time.perf_counter()
    scored, report = compute(book, frame, measure_frame, issues + more)
    done = time.perf_counter()
    render(book, scored, report["period_scores"])
    rendered = time.perf_counter()
    return {"events": len(frame), "read": read - start, "score": done - read, "render": rendered - done,
            "slots": len(scored.slots)}


def bench_scoring(sizes: tuple[int, ...] = (100_000, 1_000_000)) -> list[dict[str, float]]:
    """Print events/s for each size and the time ratio of the largest to the smallest."""
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            r = run_once(size, Path(tmp))
            total = r["read"] + r["score"]
            print(f"计分 {r['events']:>9,} 条事件（{UNITS} 个单位 × {len(PERIODS)} 个月，{r['slots']:,} 条计分记录）："
                  f"读取 {r['read']:.2f}s + 计分 {r['score']:.2f}s = {total:.2f}s，{r['events'] / total:,.0f} 条/秒；"
                  f"生成说明 {r['render']:.2f}s")
            results.append(dict(r, total=total))
    if len(results) > 1:
        ratio = results[-1]["total"] / results[0]["total"]
        scale = results[-1]["events"] / results[0]["events"]
        print(f"时间比 {ratio:.1f}（事件数比 {scale:.1f}；≈{scale:.0f} 为线性，更小说明有固定开销）")
    return results


if __name__ == "__main__":
    bench_scoring()
