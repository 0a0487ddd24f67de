"""`kaoping check FILE [-o DIR]`: reconcile a 自评表 / 整改方案's own arithmetic.

Exit status: 0 when every check agrees, 2 when the document contradicts itself, 1 on errors.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import fail, user_errors

KIND_LABELS = {"form": "绩效自评表", "prose": "整改方案"}


@click.command("check")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="输出目录：写出 <名称>-核对.xlsx 与 <名称>-失分.svg")
def check(file: Path, out_dir: Path | None) -> None:
    """核对自评表/整改方案的分数算术（各块分值、总分、失分、项数）。"""
    from extractors.registry import extract

    from ..results.read import NotResultsDocument, read_results
    from ..results.check import reconcile
    from ..results.report import render, write_svg, write_xlsx

    with user_errors():
        raw = extract(file)
        reading = read_results(raw)
        if not reading.rows:
            raise NotResultsDocument(
                file.name,
                "没有找到结果行（应得/实得、年初目标值/实际完成值/得分）",
                "kaoping check 只核对绩效自评表和整改方案；考评方案请用 kaoping lint",
            )
    rec = reconcile(reading)
    kind = KIND_LABELS.get(reading.kind, reading.kind)
    click.echo(render(file.name, kind, reading.rows, rec))
    if out_dir is not None:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            xlsx = out_dir / f"{file.stem}-核对.xlsx"
            svg = out_dir / f"{file.stem}-失分.svg"
            write_xlsx(xlsx, reading.rows, rec)
            write_svg(svg, f"{file.stem}：失分分布", rec.losses or rec.by_group)
        except OSError as exc:
            fail(f"无法写入输出目录 {out_dir}：{exc.strerror or exc}。请检查路径和写权限")
        click.echo(f"已写出：{xlsx}、{svg}")
    if rec.discrepancies:
        sys.exit(2)
