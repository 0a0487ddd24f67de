"""`kaoping check FILE [-o DIR]`: reconcile a 自评表 / 整改方案's own arithmetic.

Exit status: 0 when every check agrees, 2 when the document contradicts itself, 1 on errors.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import user_errors
from .zh import Command

KIND_LABELS = {"form": "绩效自评表", "prose": "整改方案"}


@click.command("check", cls=Command)
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="输出目录：写出 <名称>-核对.xlsx 与 <名称>-失分.svg")
def check(file: Path, out_dir: Path | None) -> None:
    """核对自评表/整改方案的分数算术（各块分值、总分、失分、项数）。"""
    from ..extract import extract_table
    from ..results.check import reconcile
    from ..results.read import NotResultsDocument, read_results
    from ..results.report import render, write_svg, write_xlsx

    with user_errors():
        raw, table = extract_table(file)
        reading = read_results(raw)
        if not reading.rows:
            raise NotResultsDocument(
                file.name,
                "没有找到结果行（应得/实得、年初目标值/实际完成值/得分）",
                "kaoping check 只核对绩效自评表和整改方案；考评方案请用 kaoping lint",
            )
    rec = reconcile(reading)
    kind = KIND_LABELS.get(reading.kind, reading.kind)
    text = render(file.name, kind, reading.rows, rec, table.meta.title)
    if out_dir is not None:
        xlsx = out_dir / f"{file.stem}-核对.xlsx"
        svg = out_dir / f"{file.stem}-失分.svg"
        with user_errors():
            write_xlsx(xlsx, reading.rows, rec)
            write_svg(svg, f"{table.meta.title or file.name}：失分分布", rec)
        text += f"已写出：{xlsx}、{svg}"
    click.echo(text)
    if rec.discrepancies:
        sys.exit(2)
