"""Turn the paths a user gives (files, folders, zips) into the list of files to process."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from extractors.archive.zipsafe import extract_zip
from extractors.errors import ExtractionError

# Office lock files and system clutter that archives carry along.
IGNORED_PREFIXES = ("~$", ".~", "._")
IGNORED_NAMES = {"Thumbs.db", "desktop.ini", ".DS_Store"}


@dataclass
class WorkItem:
    path: Path  # where the bytes are (inside an unpack folder for zip members)
    display: str  # what the user knows it as: a path, or archive.zip!/member
    sha256: str = ""


@dataclass
class Discovery:
    items: list[WorkItem] = field(default_factory=list)
    failures: list[tuple[WorkItem, ExtractionError]] = field(default_factory=list)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def discover(paths: list[Path], unpack_dir: Path) -> Discovery:
    """Given user paths, return every file to process (zips unpacked safely into ``unpack_dir``)
    and the archives that were refused, each with its typed error."""
    found = Discovery()
    for path in paths:
        for file in _walk(path):
            item = WorkItem(file, str(file))
            if file.suffix.lower() == ".zip":
                _unpack(item, unpack_dir, found)
            else:
                found.items.append(item)
    for item in found.items:
        item.sha256 = item.sha256 or file_sha256(item.path)
    return found


def _walk(path: Path):
    if path.is_dir():
        for file in sorted(p for p in path.rglob("*") if p.is_file()):
            if not (file.name in IGNORED_NAMES or file.name.startswith(IGNORED_PREFIXES)):
                yield file
    else:
        yield path


def _unpack(item: WorkItem, unpack_dir: Path, found: Discovery) -> None:
    item.sha256 = file_sha256(item.path)
    dest = unpack_dir / item.sha256[:16]
    try:
        members = extract_zip(item.path, dest)
    except ExtractionError as exc:
        found.failures.append((item, exc))
        return
    for member in members:
        rel = member.relative_to(dest).as_posix()
        if member.suffix.lower() == ".zip":
            # Nested archives are common in bureau exports; unpack them with the same limits.
            _unpack(WorkItem(member, f"{item.display}!/{rel}"), unpack_dir, found)
        elif not member.name.startswith(IGNORED_PREFIXES) and member.name not in IGNORED_NAMES:
            found.items.append(WorkItem(member, f"{item.display}!/{rel}"))
