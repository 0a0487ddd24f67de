"""Click's own words (usage, help headings, parser errors) in Chinese.

Click marks every message it prints for gettext; kaoping ships no compiled catalogue, so the table below is
bound where click looks its messages up. Messages not in the table stay as click wrote them."""
from __future__ import annotations

import importlib

import click

MESSAGES = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "用 “{command} {option}” 查看帮助。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少子命令。",
    "No such command {name!r}.": "没有子命令 {name!r}。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件，应为文件夹。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹，应为文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 无法读取（没有权限）。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 无法写入（没有权限）。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 不可执行。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    "Aborted!": "已中止。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
    "unknown error": "未知错误",
}
PLURALS = {
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Did you mean {possibility}?": "是不是想用 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是不是想用其中之一：{possibilities}？）",
    "{value!r} is not {choice}.": "{value!r} 不是可选值 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是可选值之一：{choices}。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，给了 {len} 个。",
}
# Type names click shows as metavars (-o 路径) and in errors ('x' 不是有效的整数).
TYPE_NAMES = {"IntParamType": "整数", "FloatParamType": "数字", "StringParamType": "文本", "Path": "路径",
              "BoolParamType": "是否", "File": "文件"}
_MODULES = ("click.core", "click.exceptions", "click.parser", "click.types", "click.formatting", "click.decorators",
            "click.termui", "click.utils")


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    text = singular if n == 1 else plural
    return PLURALS.get(text, text)


def install() -> None:
    """Bind the table to click's message lookups and type names (idempotent)."""
    import click.types

    for cls, shown in TYPE_NAMES.items():
        getattr(click.types, cls).name = shown
    for name in _MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext


class Formatter(click.HelpFormatter):
    """Headings and the usage line with Chinese punctuation (用法：, 选项：)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "用法：" if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")


class Context(click.Context):
    formatter_class = Formatter


class _Chinese:
    """What every kaoping command and group shares: Chinese usage, -h, a missing argument named plainly."""

    context_class = Context

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[选项]")
        kwargs.setdefault("context_settings", {"help_option_names": ["-h", "--help"]})
        super().__init__(*args, **kwargs)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.MissingParameter as exc:
            raise _plain_missing(exc, ctx) from exc


class Command(_Chinese, click.Command):
    """A kaoping command: Chinese usage, and a missing argument named plainly (缺少参数 FILE)."""


class Group(_Chinese, click.Group):
    """A kaoping command group: Chinese usage; its subcommands are kaoping commands."""

    command_class = Command

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("subcommand_metavar", "子命令 [参数]...")
        super().__init__(*args, **kwargs)


Group.group_class = Group


def _plain_missing(exc: click.MissingParameter, ctx: click.Context) -> click.UsageError:
    param = exc.param
    if param is None:
        return click.UsageError(exc.format_message(), ctx)
    if param.param_type_name == "argument":
        return click.UsageError(f"缺少参数 {(param.name or '').upper()}", ctx)
    return click.UsageError(f"缺少选项 {' / '.join(param.opts)}", ctx)
