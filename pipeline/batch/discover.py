"""Turn the paths a user gives (files, folders, zips) into the list of files to process.

Nothing here may stop a batch: every path that cannot be processed (unreadable, not a regular file,
a symlink loop or one pointing outside the given folders, a refused or too-deep archive) is kept
with its reason, and nothing outside the given paths is read.
"""
from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from extractors.archive.zipsafe import Quota, extract_zip
from extractors.errors import ExtractionError, UnsafeArchive, UnsupportedFormat, printable

# Office lock files and system clutter that archives carry along.
IGNORED_PREFIXES = ("~$", ".~", "._")
IGNORED_NAMES = {"Thumbs.db", "desktop.ini", ".DS_Store"}
# Bureau exports nest a zip or two; deeper nesting is a trap (or a zip that contains itself).
MAX_NESTING = 4


@dataclass
class WorkItem:
    path: Path  # where the bytes are (inside an unpack folder for zip members)
    display: str  # what the user knows it as: a path, or archive.zip!/member
    sha256: str = ""


@dataclass
class Discovery:
    items: list[WorkItem] = field(default_factory=list)
    failures: list[tuple[WorkItem, ExtractionError]] = field(default_factory=list)
    skipped: list[tuple[WorkItem, ExtractionError]] = field(default_factory=list)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def name_id(display: str) -> str:
    """Given the name of something that has no readable content, return a stable id for it."""
    return "path:" + hashlib.sha256(display.encode("utf-8", "replace")).hexdigest()


def discover(paths: list[Path], unpack_dir: Path, quota: Quota | None = None) -> Discovery:
    """Given user paths, return every file to process (zips unpacked safely into ``unpack_dir``,
    under one quota for all nesting levels) and every path refused or skipped, with its reason."""
    walker = _Walker([Path(p) for p in paths], unpack_dir, quota or Quota())
    for path in walker.roots:
        walker.visit(path, given=True)
    return walker.found


class _Walker:
    def __init__(self, roots: list[Path], unpack_dir: Path, quota: Quota):
        self.roots = roots
        self.inside = [os.path.realpath(p) for p in roots]
        self.unpack_dir = unpack_dir
        self.quota = quota
        self.found = Discovery()

    def visit(self, path: Path, given: bool = False) -> None:
        """Given a path met in a walk (or given by the user), process, skip or refuse it."""
        display = printable(str(path))
        if not given and (path.name in IGNORED_NAMES or path.name.startswith(IGNORED_PREFIXES)):
            return
        if path.is_symlink() and not given:
            if not self._link_ok(path, display):
                return
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            self._fail(path, display, "无法读取（文件不存在、链接失效或没有权限）", exc)
            return
        if stat.S_ISDIR(mode):
            if not path.is_symlink() or given:
                self._folder(path, display)
        elif not stat.S_ISREG(mode):
            self._skip(path, display, "不是普通文件（是管道、设备或套接字），已跳过")
        elif path.suffix.lower() == ".zip":
            self._unpack(WorkItem(path, display), depth=0, chain=())
        else:
            self._add(WorkItem(path, display))

    def _folder(self, path: Path, display: str) -> None:
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError as exc:
            self._fail(path, display, "无法读取该文件夹（没有权限或已损坏）", exc)
            return
        for entry in entries:
            self.visit(Path(entry.path))

    def _link_ok(self, path: Path, display: str) -> bool:
        """Given a symlink inside a folder, tell whether to follow it: only to a file inside the given paths."""
        try:
            target = os.path.realpath(path, strict=True)
        except (OSError, RuntimeError):
            self._skip(path, display, "符号链接失效或循环指向自身，已跳过")
            return False
        if not any(target == root or target.startswith(root.rstrip(os.sep) + os.sep) for root in self.inside):
            self._skip(path, display, "符号链接指向所给文件夹之外，已跳过（不读取所给路径以外的文件）")
            return False
        # A linked folder inside the given paths is walked anyway; following it could loop.
        return not os.path.isdir(target)

    def _add(self, item: WorkItem) -> None:
        try:
            item.sha256 = item.sha256 or file_sha256(item.path)
        except OSError as exc:
            self._fail(item.path, item.display, "无法读取（没有权限或磁盘错误）", exc)
            return
        self.found.items.append(item)

    def _unpack(self, item: WorkItem, depth: int, chain: tuple[str, ...]) -> None:
        try:
            item.sha256 = file_sha256(item.path)
        except OSError as exc:
            self._fail(item.path, item.display, "无法读取（没有权限或磁盘错误）", exc)
            return
        if depth >= MAX_NESTING or item.sha256 in chain:
            self.found.failures.append((item, UnsafeArchive(
                item.display, f"压缩包嵌套过深（超过 {MAX_NESTING} 层，或包含自身）", "请解压后再处理")))
            return
        dest = self.unpack_dir / f"{len(chain)}-{item.sha256[:16]}"
        try:
            members = extract_zip(item.path, dest, quota=self.quota)
        except ExtractionError as exc:
            exc.file = item.display
            self.found.failures.append((item, exc))
            return
        for member in members:
            inner = WorkItem(member.path or item.path, f"{item.display}!/{printable(member.name)}")
            base = member.name.rsplit("/", 1)[-1]
            if member.error is not None:
                member.error.file = inner.display
                inner.sha256 = name_id(inner.display)
                self.found.failures.append((inner, member.error))
            elif base in IGNORED_NAMES or base.startswith(IGNORED_PREFIXES):
                continue
            elif member.name.lower().endswith(".zip"):
                # Nested archives are common in bureau exports; unpack them under the same quota.
                self._unpack(inner, depth + 1, chain + (item.sha256,))
            else:
                self._add(inner)

    def _skip(self, path: Path, display: str, reason: str) -> None:
        item = WorkItem(path, display, name_id(display))
        self.found.skipped.append((item, UnsupportedFormat(display, reason, "")))

    def _fail(self, path: Path, display: str, reason: str, exc: OSError) -> None:
        item = WorkItem(path, display, name_id(display))
        detail = exc.strerror or type(exc).__name__
        self.found.failures.append((item, UnsupportedFormat(display, f"{reason}（{detail}）",
                                                            "请检查文件权限，或复制一份到自己的文件夹再处理")))


def extract_member(display: str, dest: Path) -> Path | None:
    """Given a member as a batch lists it ('a.zip!/x/b.zip!/c.docx'), unpack just that member (through
    nested archives, with the same safety checks) into ``dest`` and return it; None when it is gone.

    The batch's own unpack folder is removed when the batch ends; this brings a member back on demand.
    """
    from extractors.archive.zipsafe import check_zip, unpack_member

    parts = display.split("!/")
    current = Path(parts[0])
    for depth, name in enumerate(parts[1:]):
        try:
            members = check_zip(current)
        except ExtractionError:
            return None
        match = next((info for info, rel in members if printable(str(rel)) == name), None)
        if match is None:
            return None
        dest.mkdir(parents=True, exist_ok=True)
        target = dest / f"{depth}{Path(name).suffix.lower()[:8]}"
        if unpack_member(current, match, target) is None:
            return None
        current = target
    return current
