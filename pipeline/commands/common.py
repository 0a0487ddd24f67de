"""Helpers shared by CLI commands: error reporting and progress bars."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterable, Iterator, TypeVar

import click

T = TypeVar("T")


def fail(message: str, code: int = 1) -> None:
    """Print a Chinese error line to stderr and exit with ``code``."""
    click.echo(f"错误：{message}", err=True)
    sys.exit(code)


def progress(items: Iterable[T], *, label: str, silent: bool, total: int | None = None) -> Iterator[T]:
    """Wrap ``items`` in a tqdm bar on stderr unless ``silent`` (or stderr is not a terminal… still shown)."""
    if silent:
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc=label, total=total, unit="个", file=sys.stderr, leave=False)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn kaoping's typed errors into one clear Chinese line and exit status 1."""
    from extractors.errors import ExtractionError

    try:
        yield
    except ExtractionError as exc:
        fail(exc.message())


class ByteSize(click.ParamType):
    """A size as people write it: 2G, 1500M, 512MB, or a number of bytes."""

    name = "大小"
    UNITS = {"": 1, "B": 1, "K": 1024, "KB": 1024, "M": 1024**2, "MB": 1024**2, "G": 1024**3, "GB": 1024**3}

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        text = str(value).strip().upper().replace(" ", "")
        number = text.rstrip("KMGB")
        try:
            size = int(float(number) * self.UNITS[text[len(number):]])
        except (ValueError, KeyError):
            self.fail(f"“{value}”不是有效的大小，请写成 2G、1500M 这样的形式", param, ctx)
        if size < 64 * 1024**2:
            self.fail(f"内存上限 {value} 太小，至少 64M", param, ctx)
        return size


def limit_options(command):
    """Add --timeout and --max-memory (per-file limits of the bounded workers) to a command."""
    from ..isolate import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT

    command = click.option("--max-memory", type=ByteSize(), default=f"{DEFAULT_MAX_MEMORY // 1024**2}M",
                           show_default=True, help="每个文件处理时的内存上限，如 2G、1500M")(command)
    return click.option("--timeout", type=click.FloatRange(min=1), default=DEFAULT_TIMEOUT, show_default=True,
                        help="每个文件的处理时间上限（秒）")(command)


def check_out_dir(out_dir) -> None:
    """Given an output folder, create it or fail with one line saying why it cannot be used."""
    if out_dir.exists() and not out_dir.is_dir():
        fail(f"输出位置 {out_dir} 是一个文件，不是文件夹；请用 -o 指定一个文件夹")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"无法创建输出文件夹 {out_dir}（{exc.strerror or exc}）；请用 -o 指定一个可写的文件夹")


def write_error(path, exc: OSError) -> str:
    """Given an output path and why writing it failed, return the one-line Chinese reason and remedy."""
    return (f"无法写入 {path}（{exc.strerror or type(exc).__name__}）：文件可能正在 Excel/WPS 中打开或没有写权限；"
            "请关闭该文件后重试，或用 -o 换一个输出文件夹")
