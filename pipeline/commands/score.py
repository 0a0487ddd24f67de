"""`kaoping score RULEBOOK EVENTS [--measures M] -o DIR`: scores, ranks, grades with every point explained."""
from __future__ import annotations

from pathlib import Path

import click

from .common import fail


@click.command("score")
@click.argument("rulebook", type=click.Path(path_type=Path))
@click.argument("events", type=click.Path(path_type=Path))
@click.option("-m", "--measures", type=click.Path(path_type=Path), help="度量数据（调解成功率、测评分等）")
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("out/score"),
              show_default=True, help="输出目录")
@click.option("--periods", help="考评期间，如 2023-01..2023-12（没有事件的期间也计分）")
def score(rulebook: Path, events: Path, measures: Path | None, out_dir: Path, periods: str | None) -> None:
    """按规则手册（或方案文件）和事件数据计分、排名：写出 score.json、score.xlsx 与 score.说明.txt。"""
    from extractors.errors import ExtractionError

    from ..scoring.errors import ScoringError
    from ..scoring.load import load_rulebook
    from ..scoring.output import write_all
    from ..scoring.run import score_files

    try:
        report = score_files(load_rulebook(rulebook), events, measures, periods)
        paths = write_all(report, out_dir)
    except (ScoringError, ExtractionError) as exc:
        fail(exc.message())
    units = report["units"]
    click.echo(f"✓ 计分完成：{len(units)} 个单位，{len(report['periods'])} 个期间；"
               f"事件 {report['events_read']} 条，计分 {report['events_scored']} 条，度量 {report['measures_read']} 条")
    for u in units[:3]:
        extra = f"，{u['grade']}" if u["grade"] else ""
        click.echo(f"  第{u['rank']}名 {u['unit']} {u['total']:g} 分{extra}{'（暂定）' if u['provisional'] else ''}")
    if report["issues"]:
        click.echo(f"⚠ 待处理 {len(report['issues'])} 条（无法读取、无法对应或需人工判断），见 score.xlsx 的“待处理”工作表",
                   err=True)
    click.echo("结果：" + "、".join(str(p) for p in paths))
