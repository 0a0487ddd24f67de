"""Score event files by a rulebook: the one sequence `kaoping score` and the workbench both run."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from schemas.rules import Rulebook, ScoringSettings

from .errors import ScoringError

PERIOD_FORMS = "应写成 2023-01..2023-12、2023Q1..2023Q4 或 2021"


def score_files(book: Rulebook, events: Path, measures: Path | None = None, periods: str | None = None,
                base: float | None = None, on_stage: Callable[[str], None] | None = None) -> dict:
    """Given a rulebook, an events file (and a measures file, periods such as 2023-01..2023-12 and a base score),
    return the report; ScoringError (Chinese, naming the file) when an input cannot be used.

    Periods are checked and fitted to the scheme's scoring period; the report's warnings say so."""
    from .render import render

    book, scored, report = compute_files(book, events, measures, periods, base, on_stage)
    render(book, scored, report["period_scores"])
    return report


def compute_files(book: Rulebook, events: Path, measures: Path | None = None, periods: str | None = None,
                  base: float | None = None, on_stage: Callable[[str], None] | None = None):
    """Like score_files, but return (rulebook as scored, scored, report) with the report's cells not rendered
    yet: a large run renders them a unit at a time as it writes them (render.Renderer, output.write_all)."""
    from .engine import compute, settings_of
    from .events_io import read_events, read_measures

    stage = on_stage or (lambda text: None)
    if base is not None:
        settings = book.scoring or ScoringSettings()
        book = book.model_copy(update={"scoring": settings.model_copy(update={"base_score": base})})
    wanted, notes = _periods(periods, settings_of(book).granularity) if periods else (None, [])
    stage("读取事件")
    frame, issues = read_events(events)
    measure_frame = None
    if measures:
        measure_frame, more = read_measures(measures)
        issues += more
    stage(f"计分（{len(frame):,} 条事件）")
    scored, report = compute(book, frame, measure_frame, issues, periods=wanted)
    report["warnings"] = notes + report["warnings"]
    return book, scored, report


def _periods(spec: str, granularity) -> tuple[list[str], list[str]]:
    """Given --periods as typed and the scheme's scoring period, return the period keys and what was changed."""
    from .notices import period_word
    from .periods import PeriodError, expand, fit

    try:
        given = expand(spec)
    except PeriodError as exc:
        raise ScoringError(f"无法识别期间“{spec}”：{exc}", PERIOD_FORMS) from None
    wanted, changed = fit(given, granularity)
    span = wanted[0] if len(wanted) == 1 else f"{wanted[0]}..{wanted[-1]}"
    if changed and len(wanted) < len(given):
        return wanted, [f"方案{period_word(granularity)}计分：--periods {spec} 按 {span} 计"
                        "（若按更细的期间计，每个期间都从满分算起，合计会远超满分）"]
    if changed:
        return wanted, [f"方案{period_word(granularity)}计分：--periods {spec} 按 {span} 逐期计分"]
    return wanted, []
