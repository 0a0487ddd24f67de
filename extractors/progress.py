"""Progress of long extractions (OCR page by page), reported to whoever listens: the CLI shows a bar.

Extractors call ``page_done``; a caller wraps its work in ``listening(callback)``. With no listener the call
costs one lookup, and nothing here imports anything above extractors/."""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable, Iterator

Listener = Callable[[str, int, int], None]  # (task, done, total)
_listener: ContextVar[Listener | None] = ContextVar("kaoping_progress", default=None)


def page_done(task: str, done: int, total: int) -> None:
    """Given a task name (the file), pages done and pages in all, tell the listener if there is one."""
    listener = _listener.get()
    if listener is not None:
        listener(task, done, total)


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Send page progress to ``listener`` while the block runs."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)
