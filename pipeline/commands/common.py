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
