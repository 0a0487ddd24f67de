"""Helpers shared by CLI commands: error reporting, warnings, progress bars and stage lines."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterable, Iterator, TypeVar

import click

T = TypeVar("T")

quiet_option = click.option("-q", "--quiet", is_flag=True, help="不显示警告（只显示结果与错误）")
silent_option = click.option("--silent", is_flag=True, help="不显示进度")


def fail(message: str, code: int = 1) -> None:
    """Print a Chinese error line to stderr and exit with ``code``."""
    click.echo(f"错误：{message}", err=True)
    sys.exit(code)


def warn(lines: Iterable[str], *, quiet: bool, indent: str = "  ") -> None:
    """Show each warning on stderr (⚠ …) unless ``quiet``."""
    if quiet:
        return
    for line in lines:
        click.echo(f"{indent}⚠ {line}", err=True)


def interactive() -> bool:
    """Whether stderr is a terminal: progress bars only there, never as spam in logs and pipes."""
    isatty = getattr(sys.stderr, "isatty", None)
    return bool(isatty and isatty())


def progress(items: Iterable[T], *, label: str, silent: bool, total: int | None = None,
             unit: str = "个") -> Iterator[T]:
    """Wrap ``items`` in a progress bar on stderr when it is a terminal and not ``silent``."""
    if silent or not interactive():
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc=label, total=total, unit=unit, file=sys.stderr, leave=False)


def stage(text: str, *, silent: bool) -> None:
    """Say on stderr which step of a long command is running (on a terminal only)."""
    if not silent and interactive():
        click.echo(f"… {text}", err=True)


@contextmanager
def page_progress(label: str, *, silent: bool) -> Iterator[None]:
    """Show per-page progress of long extractions (OCR of scanned pages) while the block runs."""
    from extractors.progress import listening

    if silent or not interactive():
        yield
        return
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}

    def on_page(task: str, done: int, total: int) -> None:
        bar = bars.get(task)
        if bar is None:
            bar = bars[task] = tqdm(desc=f"{label}：{task}", total=total, unit="页", file=sys.stderr, leave=False,
                                    mininterval=0, miniters=1)  # pages are slow: show every one
        bar.update(done - bar.n)

    try:
        with listening(on_page):
            yield
    finally:
        for bar in bars.values():
            bar.close()


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn kaoping's typed errors (and files that cannot be written) into one Chinese line and exit status 1."""
    from extractors.errors import ExtractionError

    try:
        yield
    except ExtractionError as exc:
        fail(exc.message())
    except OSError as exc:
        fail(os_message(exc))


def os_message(exc: OSError) -> str:
    """Given an OSError, return a Chinese line naming the file and what to do."""
    where = exc.filename or ""
    reason = exc.strerror or str(exc)
    if "无法写入" in reason:
        return f"{reason}。请关闭该文件或换一个输出位置后重试"
    return f"无法读写 {where}：{reason}。请检查路径与权限，并关闭正在 Excel/WPS 中打开的该文件"


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
