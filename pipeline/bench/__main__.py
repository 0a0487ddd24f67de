"""`make bench`: the commands people run, end to end, timed beside floors measured in the same run.

Each command runs as a fresh subprocess, as a user runs it; its wall time, CPU time and peak memory
are printed as the minimum and median over the repeats, beside the floor (the least a program must do
with the same libraries on the same input). The machine is shared: read the ratios, and where one
process does the work, the CPU-time ratio, which other people's load disturbs least.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from .measure import VERDICTS
from .suites import SUITES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench", description=__doc__)
    parser.add_argument("--repeats", type=int, default=2, help="每项重复次数（打印最小值与中位数）")
    parser.add_argument("--only", action="append", choices=sorted(SUITES), help="只运行这几项")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kaoping-bench-") as tmp:
        for name, suite in SUITES.items():
            if args.only and name not in args.only:
                continue
            folder = Path(tmp) / name
            folder.mkdir()
            suite(folder, args.repeats)
            print(flush=True)
    print(f"目标（本次运行，{time.perf_counter() - started:.0f} 秒）：")
    for v in VERDICTS:
        print(v.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
