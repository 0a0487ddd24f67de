"""Running a command as people run it: a fresh process, its wall time and peak memory, repeated.

Ratios are what to read: the machine is shared, so each figure is printed beside a floor measured
in the same run, as the minimum and the median over the repeats.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Sample:
    """One run of a command: wall seconds, CPU seconds and peak resident memory (MiB) of the process tree."""

    seconds: float
    cpu: float
    peak_mib: float


@dataclass
class Series:
    """Repeated runs of one command."""

    label: str
    samples: list[Sample] = field(default_factory=list)

    @property
    def best(self) -> float:
        return min(s.seconds for s in self.samples)

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def cpu(self) -> float:
        return min(s.cpu for s in self.samples)

    @property
    def peak(self) -> float:
        return max(s.peak_mib for s in self.samples)


def python(*args: str) -> list[str]:
    """Given arguments, return the command line running them with this interpreter."""
    return [sys.executable, *args]


def kaoping(*args: str) -> list[str]:
    """Given CLI arguments, return the command line that runs ``kaoping`` with them from this tree."""
    return python("-c", "from pipeline.cli import main; main()", *args)


def run(cmd: list[str], env: dict[str, str] | None = None) -> Sample:
    """Given a command line, run it to the end and return its wall time and peak memory.

    ``os.wait4`` reports the child's own peak, which takes in its worker processes once they have
    been waited for, and nothing of other children of this process.
    """
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=full_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):  # 1: a command that found problems (lint) or failed files still ran
        tail = err.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise RuntimeError(f"{' '.join(cmd[:4])} … 退出码 {proc.returncode}：{' / '.join(tail)}")
    return Sample(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def interleave(commands: dict[str, list[str]], times: int, before=None) -> dict[str, Series]:
    """Given labelled commands, run them in turn ``times`` rounds, so load from others hits each alike."""
    out = {label: Series(label) for label in commands}
    for _ in range(times):
        for label, cmd in commands.items():
            if before is not None:
                before(label)
            out[label].samples.append(run(cmd))
    return out


def row(size: str, ours: Series, floor: Series, note: str = "") -> str:
    """Given a size and the two series at it, format one line: wall time (min / median), CPU, peak memory, ratios."""
    return (f"  {size:>12}  kaoping {ours.best:6.2f}s / {ours.median:6.2f}s CPU {ours.cpu:6.2f}s {ours.peak:6.0f} MiB"
            f" | 下限 {floor.best:6.2f}s / {floor.median:6.2f}s CPU {floor.cpu:6.2f}s {floor.peak:6.0f} MiB"
            f" | kaoping/下限 时间 {ours.best / floor.best:5.2f}× CPU {ours.cpu / floor.cpu:5.2f}×{note}")


@dataclass
class Verdict:
    """A target checked in this run, for the summary at the end."""

    name: str
    value: float
    goal: str
    ok: bool

    def line(self) -> str:
        return f"  {'✓' if self.ok else '✗'} {self.name}：{self.value:.2f}（目标 {self.goal}）"


VERDICTS: list[Verdict] = []


def verdict(name: str, value: float, goal: str, ok: bool) -> None:
    """Record a target's measured value; printed now and again in the summary."""
    VERDICTS.append(Verdict(name, value, goal, ok))
    print(VERDICTS[-1].line())
