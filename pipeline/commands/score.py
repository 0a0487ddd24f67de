"""`kaoping score RULEBOOK EVENTS [--measures M] -o DIR`: scores, ranks, grades with every point explained."""
from __future__ import annotations

from pathlib import Path

import click

from .common import fail, os_message, quiet_option, silent_option, stage, warn
from .zh import Command


def periods_or_fail(spec: str) -> list[str]:
    """Given --periods as typed, return its keys or stop with a Chinese reason."""
    from ..scoring.periods import PeriodError, expand
    from ..scoring.run import PERIOD_FORMS

    try:
        return expand(spec)
    except PeriodError as exc:
        fail(f"无法识别期间“{spec}”：{exc}。{PERIOD_FORMS}")


@click.command("score", cls=Command)
@click.argument("rulebook", type=click.Path(path_type=Path))
@click.argument("events", type=click.Path(path_type=Path))
@click.option("-m", "--measures", type=click.Path(path_type=Path), help="度量数据（调解成功率、测评分等）")
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("out/score"),
              show_default=True, help="输出目录")
@click.option("--periods", metavar="期间", help="考评期间，如 2023-01..2023-12（没有事件的期间也计分）；"
                                              "与方案的考评周期不符时按方案的周期换算并提示")
@click.option("--base", type=float, metavar="分数",
              help="基础分：每个单位每个考评期间的起始分（方案未写明基础分的加扣分制方案，总分为扣分之和，可用此项）")
@quiet_option
@silent_option
def score(rulebook: Path, events: Path, measures: Path | None, out_dir: Path, periods: str | None,
          base: float | None, quiet: bool, silent: bool) -> None:
    """按规则手册（XLSX/YAML，或方案文件）和事件数据计分、排名：写出 score.json、score.xlsx 与 score.说明.txt。"""
    from extractors.errors import ExtractionError

    from ..scoring.errors import ScoringError
    from ..scoring.load import load_rulebook
    from ..scoring.output import write_all
    from ..scoring.render import Renderer
    from ..scoring.run import compute_files

    def on_stage(text: str) -> None:
        stage(text, silent=silent)

    try:
        on_stage("读取规则手册")
        book, scored, report = compute_files(load_rulebook(rulebook), events, measures, periods, base=base,
                                             on_stage=on_stage)
        on_stage("写出结果")
        # The trail is rendered a unit at a time as it is written, never all at once.
        paths = write_all(report, out_dir, renderer=Renderer(book, scored, report["period_scores"]))
    except (ScoringError, ExtractionError) as exc:
        fail(exc.message())
    except OSError as exc:
        fail(os_message(exc))
    units = report["units"]
    click.echo(f"✓ 计分完成：{len(units)} 个单位，{len(report['periods'])} 个期间；"
               f"事件 {report['events_read']} 条，计分 {report['events_scored']} 条，度量 {report['measures_read']} 条")
    warn(report["warnings"], quiet=quiet)
    for u in units[:3]:
        extra = f"，{u['grade']}" if u["grade"] else ""
        click.echo(f"  第{u['rank']}名 {u['unit']} {u['total']:g} 分{extra}{'（暂定）' if u['provisional'] else ''}")
    if report["issues"]:
        click.echo(f"⚠ 待处理 {len(report['issues'])} 条（无法读取、无法对应或需人工判断），见 score.xlsx 的“待处理”工作表",
                   err=True)
    click.echo("结果：" + "、".join(str(p) for p in paths))
