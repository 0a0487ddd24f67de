"""kaoping command line. Subcommands live in their own modules and are imported on use,
so that `kaoping --help` answers without loading pdfplumber, spaCy or pandas."""
from __future__ import annotations

import importlib
import os
import sys

import click

from .commands.zh import Group, install

install()

# name → (module:attribute, one-line Chinese help shown by `kaoping --help`)
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("pipeline.commands.extract:extract", "提取考评方案的指标表（JSON + Excel）"),
    "rules": ("pipeline.commands.rules:rules", "把评分标准转成机器规则（规则手册）"),
    "lint": ("pipeline.commands.lint:lint", "检查方案或规则手册中的问题（分值不符、序号重复等）"),
    "score": ("pipeline.commands.score:score", "按规则手册和事件数据计分、排名"),
    "check": ("pipeline.commands.check:check", "核对自评表/整改方案的分数算术"),
    "events": ("pipeline.commands.events:events", "生成模拟事件数据"),
    "compare": ("pipeline.commands.compare:compare", "比较多个地区的考评方案"),
    "diff": ("pipeline.commands.compare:diff", "比较同一单位新旧两版方案"),
    "batch": ("pipeline.commands.batch:batch", "批量处理档案（文件夹或 zip）到 DuckDB"),
    "query": ("pipeline.commands.query:query", "对档案数据库执行只读 SQL 查询，显示为表格"),
    "serve": ("pipeline.commands.serve:serve", "启动考评工作台（浏览器中复核、更正、计分、比较）"),
    "normalize": ("pipeline.commands.normalize:normalize", "把指标归入统一领域分类（JSON，可逐行读标准输入）"),
}


class LazyGroup(Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, (target, _) in COMMANDS.items() if _module_exists(target)]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS or not _module_exists(COMMANDS[name][0]):
            return None
        module, attr = COMMANDS[name][0].split(":")
        return getattr(importlib.import_module(module), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("命令"):
                formatter.write_dl(rows)


def _module_exists(target: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(target.split(":")[0]) is not None


@click.group(cls=LazyGroup)
@click.version_option(package_name="kaoping", message="kaoping %(version)s")
def cli() -> None:
    """kaoping（考评）：把考评方案变成机器规则，计分、比较、批量处理。"""


def main() -> None:
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("已中断。", err=True)
        sys.exit(130)
    except Exception as exc:  # the last line of defence: one line, never a traceback
        if os.environ.get("KAOPING_DEBUG"):
            raise
        click.echo(f"错误：{last_words(exc)}", err=True)
        sys.exit(1)


def last_words(exc: Exception) -> str:
    """Given an error no command turned into a message, say in one line what happened and what to do."""
    from extractors.errors import ExtractionError

    if isinstance(exc, ExtractionError):
        return exc.message()
    if isinstance(exc, OSError):
        where = f" {exc.filename}" if exc.filename else ""
        return (f"无法读写{where}（{exc.strerror or type(exc).__name__}）：请检查路径是否正确、文件是否正被 Excel/WPS 打开、"
                "是否有写权限")
    return (f"内部错误 {type(exc).__name__}: {str(exc)[:300]}。请把这条信息报告给维护者"
            "（设置环境变量 KAOPING_DEBUG=1 可看到详细信息）")


if __name__ == "__main__":
    main()
