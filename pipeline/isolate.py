"""Bounded workers: every file is read in a process of its own, with a wall-time and a memory limit
that the operating system enforces, so no input can hang, exhaust or crash the caller.

    with WorkerPool("pipeline.extract:extract_table", limits=Limits(timeout=60)) as pool:
        for key, outcome in pool.run([(path, (path,), str(path)) for path in paths]):
            outcome.value or outcome.error        # the function's result, or a typed ExtractionError

Each worker is a warm "zygote" process (modules imported once) that forks one child per task. The
child puts itself in its own process group, takes the memory limit (RLIMIT_DATA: the heap and
private mappings) and dies with the zygote (PR_SET_PDEATHSIG); the zygote dies with the caller the
same way. The zygote kills a child that overruns its time, and reports how the child ended, its
time and its peak memory; the caller keeps a second, looser deadline in case the zygote itself
hangs. On Windows (no fork, no rlimit) tasks run in the calling process with the same typed
outcomes but without limits.
"""
from __future__ import annotations

import importlib
import os
import pickle
import signal
import sys
import time
import traceback
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from extractors.errors import ExtractionError, InternalError, TimedOut, TooLarge, WorkerCrashed

# Fit a 2-core, 8 GB office PC: two workers at 2 GiB leave room for the system and Excel. A scanned
# 5-page PDF peaks near 0.9 GiB (OCR models); a 300-page text PDF near 0.1 GiB.
DEFAULT_MAX_MEMORY = 2 * 1024**3
# OCR runs at several seconds a page on a busy 2-core machine; ten minutes covers a long scan.
DEFAULT_TIMEOUT = 600.0
# The caller's own deadline, past the zygote's, for a zygote that stops answering.
GRACE_SECONDS = 15.0
# A child that dies by a signal after using this share of its memory limit ran out of memory.
MEMORY_DEATH_SHARE = 0.6
TICK_SECONDS = 1.0

Task = tuple[Any, tuple, str]  # (key the caller knows it by, arguments, file name for messages)


@dataclass(frozen=True)
class Limits:
    timeout: float = DEFAULT_TIMEOUT  # seconds of wall time per task
    max_memory: int = DEFAULT_MAX_MEMORY  # bytes


@dataclass
class Outcome:
    """How one task ended: its return value, or the typed error that stands for it."""

    value: Any = None
    error: ExtractionError | None = None
    seconds: float = 0.0  # wall time
    max_rss: int = 0  # bytes; peak resident memory of the child (0 where not measured)
    cpu_seconds: float = 0.0  # processor time of the child (steady however busy the machine is)

    @property
    def ok(self) -> bool:
        return self.error is None


def format_size(n: int) -> str:
    """Given a byte count, return it as people write it (2 GB, 512 MB)."""
    for unit, size in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= size:
            return f"{n / size:.3g} {unit}"
    return f"{n} 字节"


def _timeout_error(label: str, limits: Limits) -> TimedOut:
    return TimedOut(label, f"处理超过 {limits.timeout:g} 秒仍未完成，已中止（时间上限 {limits.timeout:g} 秒）",
                    "文件可能过大或结构异常；确属正常文件时可用 --timeout 调大上限后重试")


def _memory_error(label: str, limits: Limits) -> TooLarge:
    return TooLarge(label, f"处理时所需内存超过上限 {format_size(limits.max_memory)}，已中止",
                    "文件可能过大或是恶意构造的；确属正常文件时可用 --max-memory 调大上限后重试")


def _crash_error(label: str, how: str) -> WorkerCrashed:
    return WorkerCrashed(label, f"处理进程异常退出（{how}），文件可能触发了解析库的缺陷",
                         "请在 WPS/Office 中打开后另存一份再处理；仍失败请把文件交给维护者")


class WorkerPool:
    """Up to ``workers`` zygotes running ``target`` ("module:function") on tasks, one task each at a time."""

    def __init__(self, target: str, *, workers: int = 1, limits: Limits = Limits(), warm: str | None = None):
        self.target, self.warm, self.limits = target, warm, limits
        self.size = max(1, workers)
        self._zygotes: list[_Zygote] = []

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Stop every zygote (and with it any child still running)."""
        for z in self._zygotes:
            z.stop()
        self._zygotes = []

    def run(self, tasks: Iterable[Task], on_idle: Callable[[], None] | None = None) -> Iterator[tuple[Any, Outcome]]:
        """Given tasks, yield (key, Outcome) as each finishes; ``on_idle`` is called about once a
        second while every running task is still busy (callers flush their work then)."""
        from multiprocessing.connection import wait

        if os.name != "posix":
            yield from self._run_here(tasks)
            return
        queue = iter(tasks)
        exhausted = False
        while True:
            for z in self._idle():
                task = None if exhausted else next(queue, None)
                if task is None:
                    exhausted = True
                    break
                z.start(task, self.limits)
            busy = [z for z in self._zygotes if z.task is not None]
            if not busy:
                return
            ready = wait([z.conn for z in busy], timeout=TICK_SECONDS)
            finished = False
            for z in busy:
                outcome = z.collect(ready, self.limits)
                if outcome is not None:
                    finished = True
                    key = z.task[0]
                    z.task = None
                    if z.broken:
                        self._zygotes.remove(z)
                        z.stop()
                    yield key, outcome
            if not finished and on_idle is not None:
                on_idle()

    def _run_here(self, tasks: Iterable[Task]) -> Iterator[tuple[Any, Outcome]]:
        """Without POSIX processes (Windows), run each task in this process: typed outcomes, no limits."""
        func = _resolve(self.target)
        for key, args, label in tasks:
            started = time.monotonic()
            kind, value = _call(func, args)
            detail = value if kind == "internal" else None
            yield key, _outcome(kind, value, detail, label, self.limits, time.monotonic() - started, 0)

    def _idle(self) -> list["_Zygote"]:
        """Return the zygotes free for a task, starting new ones up to the pool size."""
        # An idle zygote can die (its parent thread ended: the parent-death signal follows the thread
        # that started it); replace it rather than blame the next file on it.
        for z in [z for z in self._zygotes if z.task is None and z.process.poll() is not None]:
            self._zygotes.remove(z)
            z.stop()
        while len(self._zygotes) < self.size:
            self._zygotes.append(_Zygote(self.target, self.warm, self.limits))
        return [z for z in self._zygotes if z.task is None]


def run_one(target: str, args: tuple, label: str, limits: Limits = Limits()) -> Any:
    """Run ``target(*args)`` once in a bounded worker; return its value or raise its typed error."""
    with WorkerPool(target, limits=limits) as pool:
        for _, outcome in pool.run([(None, args, label)]):
            if outcome.error is not None:
                raise outcome.error
            return outcome.value


class _Zygote:
    """The caller's handle on one zygote process (a fresh interpreter, not a fork of the caller)."""

    def __init__(self, target: str, warm: str | None, limits: Limits):
        import socket
        import subprocess
        from multiprocessing.connection import Connection

        mine, theirs = socket.socketpair()
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])))
        code = "import sys; from pipeline.isolate import _serve; _serve(*sys.argv[1:])"
        self.process = subprocess.Popen(
            [sys.executable, "-c", code, str(theirs.fileno()), target, warm or "", str(os.getpid())],
            pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, env=env)
        theirs.close()
        self.conn = Connection(mine.detach())
        self.task: Task | None = None
        self.deadline = 0.0
        self.started = 0.0
        self.broken = False
        self.fresh = True

    def start(self, task: Task, limits: Limits) -> None:
        self.task = task
        self.started = time.monotonic()
        # A fresh zygote first imports the pipeline; its clock for the task starts after that.
        self.deadline = self.started + limits.timeout + GRACE_SECONDS + (60.0 if self.fresh else 0.0)
        self.fresh = False
        self.conn.send((task[1], limits.timeout, limits.max_memory))

    def collect(self, ready: list, limits: Limits) -> Outcome | None:
        """Given the ready connections, return this zygote's Outcome when its task has ended, else None."""
        label = self.task[2]
        if self.conn in ready:
            try:
                kind, seconds, max_rss, cpu, detail = self.conn.recv()
                value = pickle.loads(self.conn.recv_bytes()) if kind in ("ok", "error") else None
            except (EOFError, OSError, pickle.UnpicklingError):
                # The zygote itself died: only the task it was running is blamed.
                self.broken = True
                return Outcome(error=_crash_error(label, "工作进程中断"), seconds=time.monotonic() - self.started)
            outcome = _outcome(kind, value, detail, label, limits, seconds, max_rss)
            outcome.cpu_seconds = cpu
            return outcome
        if time.monotonic() > self.deadline:
            self.broken = True
            return Outcome(error=_timeout_error(label, limits), seconds=time.monotonic() - self.started)
        return None

    def stop(self) -> None:
        self.conn.close()
        if self.process.poll() is None:
            self.process.kill()  # its child dies with it (parent-death signal)
        self.process.wait()


def _outcome(kind: str, value, detail, label: str, limits: Limits, seconds: float, max_rss: int) -> Outcome:
    """Given a zygote's report, return the Outcome the caller sees."""
    out = Outcome(seconds=seconds, max_rss=max_rss)
    if kind == "ok":
        out.value = value
    elif kind == "error":
        value.file = label  # backends may name the file by its base name
        out.error = value
    elif kind == "timeout":
        out.error = _timeout_error(label, limits)
    elif kind == "memory":
        out.error = _memory_error(label, limits)
    elif kind == "died":
        out.error = _died(label, detail, max_rss, limits)
    else:
        text, where = detail
        out.error = InternalError(label, f"内部错误 {text}", "请把该文件和这条信息报告给维护者", location=where)
    return out


def _died(label: str, signum: int, max_rss: int, limits: Limits) -> ExtractionError:
    """Given how a child died, blame the memory limit when it was near it (or killed by the kernel)."""
    if max_rss >= MEMORY_DEATH_SHARE * limits.max_memory or signum == signal.SIGKILL:
        return _memory_error(label, limits)
    name = signal.Signals(signum).name if signum in signal.valid_signals() else f"状态 {signum}"
    return _crash_error(label, name)


# ---- inside the zygote -------------------------------------------------------------------------


def _serve(fd: str, target: str, warm: str, parent: str) -> None:
    """Zygote main loop: receive (args, timeout, memory), run the task in a child, report, repeat."""
    from multiprocessing.connection import Connection

    _die_with(int(parent))
    conn = Connection(int(fd))
    # Libraries that print must not write into the caller's terminal output (stdout is its data).
    os.dup2(2, 1)
    # Ctrl-C is the caller's to handle; it stops the zygotes itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Parser libraries log what they skip in a damaged file; the outcome says what matters, in Chinese.
    import logging

    logging.getLogger().addHandler(logging.NullHandler())
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")  # one file per core; keeps forks free of thread pools
    func = _resolve(target)
    if warm:
        _resolve(warm)()
    while True:
        try:
            args, timeout, max_memory = conn.recv()
        except (EOFError, OSError):
            return
        report, data = _run_forked(func, args, timeout, max_memory, conn)
        conn.send(report)
        if data is not None:
            conn.send_bytes(data)


def _resolve(name: str) -> Callable:
    module, attr = name.split(":")
    return getattr(importlib.import_module(module), attr)


def _die_with(parent: int) -> None:
    """Ask Linux to kill this process when its parent dies; exit now if the parent is already gone."""
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def _call(func: Callable, args: tuple) -> tuple[str, Any]:
    """Run the task; return (kind, value) with every failure turned into data."""
    try:
        return "ok", func(*args)
    except ExtractionError as exc:
        return "error", exc
    except MemoryError:
        return "memory", None
    except RecursionError:
        return "internal", ("嵌套过深（RecursionError）", _where())
    except BaseException as exc:  # noqa: BLE001 - any defect becomes one line for the caller
        return "internal", (f"{type(exc).__name__}: {exc}"[:500], _where())


def _where() -> str:
    frames = traceback.extract_tb(sys.exc_info()[2])
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else ""


def _pickled(kind: str, value) -> tuple[str, Any, bytes | None]:
    """Given a task's result, return (kind, detail, pickled value) ready to send."""
    if kind not in ("ok", "error"):
        return kind, value, None
    try:
        return kind, None, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        return "memory", None, None
    except Exception as exc:  # noqa: BLE001
        return "internal", (f"结果无法传回 {type(exc).__name__}: {exc}"[:500], ""), None


def _run_forked(func: Callable, args: tuple, timeout: float, max_memory: int, conn) -> tuple[tuple, bytes | None]:
    """Fork a child for one task with the limits applied; wait for it, killing it at the deadline."""
    import multiprocessing
    from multiprocessing.connection import wait

    reader, writer = multiprocessing.Pipe(duplex=False)
    started = time.monotonic()
    zygote = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child
        try:
            reader.close()
            conn.close()
            os.setpgid(0, 0)
            _die_with(zygote)
            _limit_memory(max_memory)
            kind, detail, data = _pickled(*_call(func, args))
            writer.send((kind, detail))
            if data is not None:
                writer.send_bytes(data)
        finally:
            os._exit(0)
    writer.close()
    kind, detail, data = "died", 0, None
    if wait([reader], timeout=timeout):
        try:
            kind, detail = reader.recv()
            if kind in ("ok", "error"):
                data = reader.recv_bytes()
        except (EOFError, OSError):
            kind, detail, data = "died", 0, None
    else:
        kind = "timeout"
    seconds = time.monotonic() - started
    _kill_group(pid)
    _, status, usage = os.wait4(pid, 0)
    reader.close()
    max_rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    if kind == "died":
        detail = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
    return (kind, seconds, max_rss, usage.ru_utime + usage.ru_stime, detail), data


def _limit_memory(max_memory: int) -> None:
    """Cap this process's heap and private mappings (and forbid core dumps of crashed children)."""
    import resource

    # Linux counts heap and private mappings in RLIMIT_DATA, not the address space reserved (and
    # never touched) by thread stacks and allocator arenas, which RLIMIT_AS would charge.
    limit = resource.RLIMIT_DATA if sys.platform.startswith("linux") else resource.RLIMIT_AS
    try:
        resource.setrlimit(limit, (max_memory, max_memory))
    except (ValueError, OSError):
        pass
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        pass


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
