"""Score event files by a rulebook: the one sequence `kaoping score` and the workbench both run."""
from __future__ import annotations

from pathlib import Path

from schemas.rules import Rulebook

from .errors import ScoringError


def score_files(book: Rulebook, events: Path, measures: Path | None = None, periods: str | None = None) -> dict:
    """Given a rulebook, an events file (and a measures file, and periods such as 2023-01..2023-12), return the
    report; ScoringError (Chinese, naming the file) when an input cannot be used."""
    from .engine import score
    from .events_io import read_events, read_measures
    from .periods import expand

    frame, issues = read_events(events)
    measure_frame = None
    if measures:
        measure_frame, more = read_measures(measures)
        issues += more
    wanted = None
    if periods:
        try:
            wanted = expand(periods)
        except ValueError:
            raise ScoringError(f"无法识别期间“{periods}”", "应写成 2023-01..2023-12、2023Q1..2023Q4 或 2021") from None
    return score(book, frame, measure_frame, issues, periods=wanted)
