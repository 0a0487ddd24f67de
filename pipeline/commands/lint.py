"""`kaoping lint FILE…`: problems in schemes (any extractable format) or rulebooks (.yaml/.xlsx)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import fail
from .zh import Command

_BOOK_SUFFIXES = {".yaml", ".yml"}


@click.command("lint", cls=Command)
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--errors-only", is_flag=True, help="只有“错误”级问题才以状态 1 退出（警告不影响退出状态）")
def lint(files: tuple[Path, ...], errors_only: bool) -> None:
    """检查方案或规则手册：无法解析的条款、只写“视情扣分”、扣分超过分值、序号重复、分值合计不符。

    退出状态：0 未发现问题；1 发现问题；2 文件无法读取。"""
    from extractors.errors import ExtractionError

    from ..rules.book import build_rulebook
    from ..rules.bookio import BookError, is_rulebook, read_rulebook
    from ..rules.lint import ERROR, lint_rulebook

    errors = found = 0
    for path in files:
        table = raw = None
        try:
            if path.suffix.lower() in _BOOK_SUFFIXES or is_rulebook(path):
                book = read_rulebook(path)
            else:
                from ..extract import extract_table

                raw, table = extract_table(path)
                book = build_rulebook(table, raw)
        except (ExtractionError, BookError) as exc:
            fail(exc.message() if isinstance(exc, ExtractionError) else str(exc), code=2)
        issues = lint_rulebook(book, table, raw)
        count = sum(i.level == ERROR for i in issues)
        errors += count
        found += len(issues)
        click.echo(f"== {path.name}：{len(issues)} 个问题（错误 {count}，警告 {len(issues) - count}）")
        for issue in issues:
            click.echo("  " + issue.line())
    click.echo(f"共检查 {len(files)} 个文件：问题 {found} 个（错误 {errors}，警告 {found - errors}）")
    if errors or (found and not errors_only):
        sys.exit(1)

