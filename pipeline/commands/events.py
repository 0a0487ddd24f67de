"""`kaoping events synth RULEBOOK ...`: realistic synthetic events and measures for any rulebook."""
from __future__ import annotations

from pathlib import Path

import click

from .common import fail, os_message
from .score import periods_or_fail
from .zh import Group


@click.group("events", cls=Group)
def events() -> None:
    """事件数据工具。"""


@events.command("synth")
@click.argument("rulebook", type=click.Path(path_type=Path))
@click.option("--units", default=30, show_default=True, help="单位个数")
@click.option("--periods", default="2023-01..2023-12", show_default=True, metavar="期间",
              help="期间，如 2023-01..2023-12 或 2021")
@click.option("--seed", default=1, show_default=True, help="随机种子（相同种子得到相同数据）")
@click.option("--events", "n_events", type=int, help="大约生成多少条事件（默认按常见频率）")
@click.option("-o", "--out", "out", type=click.Path(path_type=Path), default=Path("events.csv"), show_default=True,
              help="事件文件（度量写在同目录 <名称>_measures.csv）")
def synth(rulebook: Path, units: int, periods: str, seed: int, n_events: int | None, out: Path) -> None:
    """为规则手册（XLSX/YAML，或方案文件）生成模拟事件与度量数据（CSV，中文表头）。"""
    from extractors.errors import ExtractionError

    from ..scoring.errors import ScoringError
    from ..scoring.load import load_rulebook
    from ..scoring.synth import synthesize, write_csv

    keys = periods_or_fail(periods)
    if units < 1:
        fail("单位个数至少为 1")
    try:
        book = load_rulebook(rulebook)
    except (ScoringError, ExtractionError) as exc:
        fail(exc.message())
    event_rows, measure_rows = synthesize(book, units, keys, seed=seed, n_events=n_events)
    measures_path = out.with_name(f"{out.stem}_measures.csv")
    try:
        write_csv(event_rows, out)
        write_csv(measure_rows, measures_path)
    except OSError as exc:
        fail(os_message(exc))
    click.echo(f"✓ 事件 {len(event_rows)} 条 → {out}；度量 {len(measure_rows)} 条 → {measures_path}")
