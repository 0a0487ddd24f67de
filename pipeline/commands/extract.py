"""`kaoping extract FILE... -o DIR`: the indicator table of each file as JSON and Excel."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import (check_out_dir, interactive, limit_options, page_progress, progress, quiet_option, silent_option,
                     warn, write_error)
from .zh import Command


@click.command("extract", cls=Command)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("out"),
              show_default=True, help="输出目录")
@click.option("--raw", is_flag=True, help="同时写出原始文档结构 <名称>.raw.json")
@limit_options
@quiet_option
@silent_option
def extract(files: tuple[Path, ...], out_dir: Path, raw: bool, timeout: float, max_memory: int, quiet: bool,
            silent: bool) -> None:
    """提取考评方案的指标表：每个文件写出 <名称>.json 与 <名称>.xlsx，并列出每个文件的警告。

    每个文件在独立的受限进程中处理（--timeout、--max-memory），一个文件出错不影响其他文件。
    """
    from extractors.errors import printable

    from ..export import points_by_role
    from ..isolate import Limits, WorkerPool

    check_out_dir(out_dir)
    inputs = list(dict.fromkeys(files))
    targets = output_targets(inputs, out_dir, raw)
    failed = 0
    show_pages = not silent and interactive()
    tasks = [(path, (path, show_pages, raw), str(path)) for path in inputs]
    with WorkerPool("pipeline.commands.extract:read_one", warm="pipeline.extract:warm_up",
                    limits=Limits(timeout=timeout, max_memory=max_memory)) as pool:
        for path, outcome in progress(pool.run(tasks), label="提取", silent=silent, total=len(tasks)):
            if outcome.error is not None:
                failed += 1
                click.echo(f"✗ {outcome.error.message()}", err=True)
                continue
            table, reason, raw_doc = outcome.value
            if reason is not None:
                failed += 1
                click.echo(f"✗ {printable(str(path))}：{reason}", err=True)
                continue
            problem = write_outputs(raw_doc, table, targets[path])
            if problem:
                failed += 1
                click.echo(f"✗ {problem}", err=True)
                continue
            click.echo(summary_line(path, table, points_by_role(table)))
            warn(table.warnings, quiet=quiet)
    ok = len(inputs) - failed
    click.echo(f"完成：{ok} 个文件成功，{failed} 个失败；结果在 {out_dir}/")
    if failed:
        sys.exit(1)


def read_one(path: Path, show_pages: bool, keep_raw: bool = False):
    """Runs in a bounded worker: one file's indicator table, why it has no indicators (None when it has),
    and its RawDocument when it is to be written too (sending it back costs the command as much memory
    again as the worker); draws the page bar of a long OCR on the terminal the worker shares with the command."""
    from ..extract import extract_table, no_indicator_reason

    with page_progress("识别扫描页", silent=not show_pages):
        raw_doc, table = extract_table(path)
    return table, no_indicator_reason(raw_doc, table), raw_doc if keep_raw else None


def output_targets(inputs: list[Path], out_dir: Path, raw: bool) -> dict[Path, list[Path]]:
    """Given the inputs, return each one's output files; a name that would land on an input
    (-o into the inputs' folder, an input called x.xlsx) gets '-指标表' so no input is overwritten."""
    from ..extract import output_stems

    given = {_key(p) for p in inputs}
    out: dict[Path, list[Path]] = {}
    for path, stem in output_stems(inputs).items():
        suffixes = [".json", ".xlsx"] + ([".raw.json"] if raw else [])
        if any(_key(out_dir / f"{stem}{s}") in given for s in suffixes):
            stem = f"{stem}-指标表"
        out[path] = [out_dir / f"{stem}{s}" for s in suffixes]
    return out


def _key(path: Path) -> str:
    try:
        return str(path.resolve()).lower()
    except OSError:
        return str(path.absolute()).lower()


def write_outputs(raw_doc, table, targets: list[Path]) -> str | None:
    """Write the JSON, Excel (and, with its target, the raw JSON) of one file; return a one-line problem, or None."""
    import os

    from ..export import write_json, write_xlsx

    writers = [lambda p: write_json(table, p), lambda p: write_xlsx(table, p),
               lambda p: p.write_text(raw_doc.model_dump_json(indent=2), encoding="utf-8")]
    for target, write in zip(targets, writers):
        # Written beside the target and moved over it, so a failed write leaves the old file whole.
        part = target.with_name(f".{target.name}.part")
        try:
            write(part)
            os.replace(part, target)
        except OSError as exc:
            part.unlink(missing_ok=True)
            return write_error(target, exc)
    return None


def summary_line(path: Path, table, totals: dict[str, float]) -> str:
    """Given a file and its table, return the one Chinese line the CLI prints, 需复核 and why at its end."""
    from extractors.errors import printable

    parts = [f"✓ {printable(path.name)}", f"表格 {table.tables_found} 个"]
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
