"""`kaoping extract FILE... -o DIR`: the indicator table of each file as JSON and Excel."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import os_message, page_progress, progress, quiet_option, silent_option, warn
from .zh import Command


@click.command("extract", cls=Command)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("out"),
              show_default=True, help="输出目录")
@click.option("--raw", is_flag=True, help="同时写出原始文档结构 <名称>.raw.json")
@quiet_option
@silent_option
def extract(files: tuple[Path, ...], out_dir: Path, raw: bool, quiet: bool, silent: bool) -> None:
    """提取考评方案的指标表：每个文件写出 <名称>.json 与 <名称>.xlsx，并列出每个文件的警告。"""
    from extractors.errors import ExtractionError

    from ..export import points_by_role, write_json, write_xlsx
    from ..extract import extract_table, output_stems

    stems = output_stems(list(files))
    failed = 0
    for path in progress(files, label="提取", silent=silent):
        try:
            with page_progress("识别扫描页", silent=silent):
                raw_doc, table = extract_table(path)
            stem = stems[path]
            write_json(table, out_dir / f"{stem}.json")
            write_xlsx(table, out_dir / f"{stem}.xlsx")
            if raw:
                (out_dir / f"{stem}.raw.json").write_text(raw_doc.model_dump_json(indent=2), encoding="utf-8")
        except ExtractionError as exc:
            failed += 1
            click.echo(f"✗ {exc.message()}", err=True)
            continue
        except OSError as exc:
            failed += 1
            click.echo(f"✗ {path.name}：{os_message(exc)}", err=True)
            continue
        click.echo(summary_line(path, table, points_by_role(table)))
        warn(table.warnings, quiet=quiet)
    ok = len(files) - failed
    click.echo(f"完成：{ok} 个文件成功，{failed} 个失败；结果在 {out_dir}/")
    if failed:
        sys.exit(1)


def summary_line(path: Path, table, totals: dict[str, float]) -> str:
    """Given a file and its table, return the one Chinese line the CLI prints, 需复核 and why at its end."""
    parts = [f"✓ {path.name}", f"表格 {table.tables_found} 个"]
    if table.indicators:
        parts.append(f"指标 {len(table.indicators)} 项")
    if totals:
        parts.append("分值（" + "，".join(f"{k} {v:g}" for k, v in totals.items()) + "）")
    if table.results:
        parts.append(f"结果行 {len(table.results)} 行")
    parts.append(f"警告 {len(table.warnings)} 条")
    line = "：".join(parts[:2]) + "，" + "，".join(parts[2:])
    if getattr(table, "needs_review", False):
        line += "；需复核：" + "；".join(table.review_reasons)
    return line
