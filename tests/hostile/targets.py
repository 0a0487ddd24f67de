"""Tasks for the bounded-worker tests: each misbehaves in one way a hostile file makes a parser misbehave."""
from __future__ import annotations

import os
import signal
import time

from extractors.errors import CorruptFile


def misbehave(how: str):
    if how == "ok":
        return {"answer": 42}
    if how == "hang":
        time.sleep(3600)
    if how == "memory":
        return len(bytearray(4 * 1024**3))
    if how == "typed":
        raise CorruptFile("x", "坏了", "换一份")
    if how == "segfault":
        os.kill(os.getpid(), signal.SIGSEGV)
    if how == "bug":
        return {}["missing"]
    if how == "child":
        # A grandchild in the same process group, as a converter would start; it must not outlive the task.
        pid = os.fork()
        if pid == 0:
            time.sleep(3600)
            os._exit(0)
        with open(os.environ["KAOPING_TEST_PIDFILE"], "w") as fh:
            fh.write(str(pid))
        time.sleep(3600)
    raise ValueError(how)
