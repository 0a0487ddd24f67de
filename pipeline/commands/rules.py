"""`kaoping rules`: scoring clauses → rule atoms (`parse`), documents → rulebooks (`rules FILE`, `import`).

`rules parse` is a documented interface other tools call: each clause becomes a JSON list of atoms whose
objects always carry the keys in ATOM_KEYS (null when not set); subtype/start/occurrence/values/factor and
ranks/grades/weights/prov appear only when they hold something.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .common import fail, os_message, progress, quiet_option, silent_option, user_errors, warn
from .zh import Group

ATOM_KEYS = ("kind", "direction", "points", "per", "cap", "range", "thresholds", "hit_policy", "metric",
             "condition", "period")
_OPTIONAL_KEYS = ("subtype", "start", "occurrence", "values", "factor", "ranks", "grades", "weights", "prov")


def atom_json(atom) -> dict:
    """Given a RuleAtom, return its stable JSON object (fixed keys, empty extras left out)."""
    data = atom.model_dump(mode="json", exclude_none=False)
    out = {key: data[key] for key in ATOM_KEYS}
    out.update({key: data[key] for key in _OPTIONAL_KEYS if data[key]})
    return out


class RulesGroup(Group):
    """`kaoping rules FILE… -o OUT` builds rulebooks; a known subcommand name is dispatched as usual."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["build", *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, "FILE... [-o 规则手册.yaml|规则手册.xlsx|目录]")
        formatter.write_usage(ctx.command_path, "parse|import [选项] [参数]...", prefix="      ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        build_ctx = click.Context(self.commands["build"], info_name="build", parent=ctx)
        records = [r for p in self.commands["build"].get_params(build_ctx)
                   if isinstance(p, click.Option) and "--help" not in p.opts and (r := p.get_help_record(build_ctx))]
        click.Command.format_options(self, ctx, formatter)
        with formatter.section("rules FILE 的选项"):
            formatter.write_dl(records)
        self.format_commands(ctx, formatter)


@click.group("rules", cls=RulesGroup, invoke_without_command=False)
def rules() -> None:
    """把评分标准转成机器规则：方案文件 → 规则手册（YAML 或 XLSX），或解析单条条款。

    \b
    kaoping rules 方案.docx -o 规则手册.xlsx                 文件 → 规则手册（XLSX 便于在 Excel 中修改）
    kaoping rules 方案.docx -o 规则手册.yaml                 文件 → 规则手册（YAML 便于阅读和版本管理）
    kaoping rules 甲.docx 乙.pdf -o 目录/                    多个文件 → 目录下各一份 .rules.yaml
    kaoping rules parse "每有一次不达标扣0.2分，最高扣2分"   一条条款 → 规则（JSON）
    kaoping rules parse --stdin < 条款.txt                 每行一条 → 每行一个 JSON 数组
    kaoping rules import 规则手册.xlsx -o 规则手册.yaml      人工修改后的规则手册读回并校验

    FILE 可以是方案原文（docx/pdf/xlsx/html/文本…）、kaoping extract 写出的指标表 JSON，
    或已有的规则手册（此时相当于格式转换）。
    """


@rules.command("parse")
@click.argument("clause", required=False)
@click.option("--stdin", "from_stdin", is_flag=True, help="从标准输入逐行读取条款，每行输出一个 JSON 数组")
@click.option("--split", "split", is_flag=True, help="先把输入文本切分成条款，输出每条的文本、位置和规则")
def parse(clause: str | None, from_stdin: bool, split: bool) -> None:
    """把一条评分条款解析为规则原子，输出 JSON。"""
    from ..rules import parse_clause, split_clauses

    if from_stdin == (clause is not None):
        fail("请给出一条评分条款，或使用 --stdin 从标准输入逐行读取（两者只能选一）。")
    if not from_stdin:
        if split:
            rows = [{"text": text, "charspan": list(span), "atoms": [atom_json(a) for a in parse_clause(text)]}
                    for text, span in split_clauses(clause)]
            click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        else:
            click.echo(json.dumps([atom_json(a) for a in parse_clause(clause)], ensure_ascii=False, indent=1))
        return
    # bytes in, bytes out: UTF-8 whatever the console code page (Windows consoles default to GBK)
    out = sys.stdout.buffer
    for number, raw in enumerate(sys.stdin.buffer, start=1):
        text = raw.decode("utf-8", errors="replace").rstrip("\r\n").lstrip("\ufeff")
        try:
            atoms = [atom_json(a) for a in parse_clause(text)] if text.strip() else []
        except Exception as exc:  # one bad line must not lose the lines after it
            click.echo(f"错误：第 {number} 行无法解析（{exc}），已输出为 unparsed。", err=True)
            atoms = [{**{key: None for key in ATOM_KEYS}, "kind": "unparsed", "thresholds": [], "condition": text}]
        out.write((json.dumps(atoms, ensure_ascii=False) + "\n").encode("utf-8"))
        out.flush()


@rules.command("build", hidden=True)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out", type=click.Path(path_type=Path), default=None,
              help="输出文件：.yaml 或 .xlsx（不给则写在输入文件旁，<名称>.rules.yaml）；多个输入时为输出目录")
@quiet_option
@silent_option
def build(files: tuple[Path, ...], out: Path | None, quiet: bool, silent: bool) -> None:
    """从考评方案文件（或指标表 JSON、已有的规则手册）生成规则手册。"""
    from extractors.errors import ExtractionError

    from ..rules.book import rulebook_for_file, summary
    from ..rules.bookio import BookError, is_rulebook, read_rulebook, write_rulebook

    many = len(files) > 1
    failed = 0
    for path in progress(files, label="生成规则", silent=silent):
        warnings: list[str] = []
        try:
            if is_rulebook(path):
                book = read_rulebook(path)
            else:
                book, warnings = rulebook_for_file(path)
            target = _target(path, out, many)
            write_rulebook(book, target)
        except ExtractionError as exc:
            failed += 1
            click.echo(f"✗ {exc.message()}", err=True)
            continue
        except BookError as exc:
            failed += 1
            click.echo(f"✗ {exc}", err=True)
            continue
        except OSError as exc:
            failed += 1
            click.echo(f"✗ {path.name}：{os_message(exc)}", err=True)
            continue
        click.echo(f"✓ {path.name}：{summary(book)}；写入 {target}")
        warn(warnings, quiet=quiet)
    if failed:
        sys.exit(1)


def _target(path: Path, out: Path | None, many: bool) -> Path:
    """Given an input and -o, return where its rulebook goes (YAML next to the input by default)."""
    if out is None:
        return path.with_name(path.stem + ".rules.yaml")
    if many or out.is_dir():
        out.mkdir(parents=True, exist_ok=True)
        return out / (path.stem + ".rules.yaml")
    return out


@rules.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--out", "out", type=click.Path(path_type=Path), required=True, help="输出文件（.yaml 或 .xlsx）")
def import_(source: Path, out: Path) -> None:
    """读回人工修改过的规则手册（.yaml 或 .xlsx），校验后另存；填错的单元格逐个列出。"""
    from ..rules.book import summary
    from ..rules.bookio import BookError, read_rulebook, write_rulebook

    try:
        book = read_rulebook(source)
    except BookError as exc:
        fail(str(exc))
    with user_errors():
        write_rulebook(book, out)
    click.echo(f"✓ {source.name}：{summary(book)}；写入 {out}")
