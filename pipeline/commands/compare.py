"""`kaoping compare SCHEME... -o report.html|.xlsx` and `kaoping diff OLD NEW`."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import fail, page_progress, progress, quiet_option, silent_option, stage, user_errors, warn
from .zh import Command

SUFFIXES = (".html", ".htm", ".xlsx")


def load_table(path: Path):
    """Given a source document or an IndicatorTable JSON written by `kaoping extract`, return the table."""
    from pydantic import ValidationError

    from schemas.indicators import IndicatorTable

    from ..extract import extract_table

    if not path.exists():
        fail(f"找不到文件：{path}。请检查路径。")
    from ..rules.bookio import is_rulebook

    if is_rulebook(path):
        fail(f"{path.name} 是规则手册，比较需要方案原文（docx/pdf/xlsx/html…）或 kaoping extract 写出的指标表 JSON。")
    if path.suffix.lower() == ".json":
        try:
            table = IndicatorTable.model_validate_json(path.read_text(encoding="utf-8"))
        except (ValidationError, UnicodeDecodeError) as exc:
            fail(f"{path.name} 不是 kaoping extract 写出的指标表 JSON（{str(exc).splitlines()[0]}）。"
                 "请先运行 kaoping extract，或直接给出方案原文件。")
    else:
        _, table = extract_table(path)
    if not table.indicators and not table.results:
        fail(f"{path.name} 中没有找到指标，无法比较。请先用 kaoping extract 检查该文件。")
    return table


def load_scheme(path: Path):
    """Given a source document or an IndicatorTable JSON, return its normalized Scheme."""
    from ..normalize.scheme import normalize_table

    return normalize_table(load_table(path))


def _write(report, out: Path) -> None:
    from ..compare.html import write_html
    from ..compare.xlsx import write_xlsx

    if out.suffix.lower() == ".xlsx":
        write_xlsx(report, out)
    else:
        write_html(report, out)
    click.echo(f"报告已写出：{out}")


def _check_out(out: Path | None) -> None:
    if out is not None and out.suffix.lower() not in SUFFIXES:
        fail(f"不支持的输出格式：{out.suffix or '（无扩展名）'}。请用 .html 或 .xlsx。")


@click.command("compare", cls=Command)
@click.argument("schemes", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", type=click.Path(path_type=Path), default=Path("compare.html"), show_default=True,
              help="报告文件：.html（可离线打开，含图表）或 .xlsx")
@click.option("--events", type=click.Path(path_type=Path, exists=True),
              help="事件数据（CSV/XLSX/JSONL）：按各方案分别计分，比较同一事实下的得分")
@click.option("-m", "--measures", type=click.Path(path_type=Path, exists=True), help="度量数据（与 --events 一起用）")
@quiet_option
@silent_option
def compare(schemes: tuple[Path, ...], out: Path, events: Path | None, measures: Path | None, quiet: bool,
            silent: bool) -> None:
    """比较多个地区的考评方案：各领域分值占比、指标对齐、阈值宽严、规则差异。

    SCHEME 可以是方案原文件（docx/pdf/xlsx/html…）或 kaoping extract 写出的 JSON。"""
    from ..compare.report import METHOD_NOTE, SCORING_NOTE, compare_report

    _check_out(out)
    if len(schemes) < 2:
        fail("至少需要两个方案才能比较。")
    from ..normalize.scheme import normalize_table

    tables, loaded = [], []
    with user_errors(), page_progress("识别扫描页", silent=silent):
        for path in progress(schemes, label="读取方案", silent=silent):
            tables.append(load_table(path))
            loaded.append(normalize_table(tables[-1]))
    for s, table in zip(loaded, tables):
        review = f"，{len(s.review)} 项待复核" if s.review else ""
        click.echo(f"✓ {s.label}：{len(s.indicators)} 项指标{review}")
        warn(table.warnings, quiet=quiet)
    stage("对齐指标、比较规则", silent=silent)
    report = compare_report(loaded, scoring_note=METHOD_NOTE if events else SCORING_NOTE)
    if events:
        from ..compare.facts import same_facts_section
        from ..scoring.errors import ScoringError

        try:
            facts = same_facts_section(tables, [s.label for s in loaded], events, measures)
        except ScoringError as exc:
            fail(exc.message())
        report.sections.insert(len(report.sections) - 1, facts)
    for line in report.summary[1:]:
        click.echo(f"  {line}")
    with user_errors():
        _write(report, out)


@click.command("diff", cls=Command)
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("-o", "--out", type=click.Path(path_type=Path), default=None,
              help="同时写出报告：.html 或 .xlsx（不给则只在屏幕上列出）")
@silent_option
def diff(old: Path, new: Path, out: Path | None, silent: bool) -> None:
    """比较同一单位新旧两版方案：新增、删除、改写的指标，以及规则参数的变化。"""
    from ..compare.report import diff_report

    _check_out(out)
    with user_errors(), page_progress("识别扫描页", silent=silent):
        schemes = [load_scheme(p) for p in progress((old, new), label="读取方案", silent=silent)]
        stage("对齐指标、比较规则", silent=silent)
        report = diff_report(*schemes)
    for line in report.summary:
        click.echo(line)
    for section in report.sections:
        for table in section.tables:
            if table.rows:
                click.echo(f"\n【{section.title}】")
                for row in table.rows:
                    click.echo("  " + " | ".join(_plain(v) for v in row))
    if out is not None:
        with user_errors():
            _write(report, out)
    sys.stdout.flush()


def _plain(value) -> str:
    from ..compare.report import Marked

    if isinstance(value, Marked):
        return "".join(f"[{t}]" if d else t for t, d in value.segments).replace("\n", " ")
    return "" if value is None else str(value)
