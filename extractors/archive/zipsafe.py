"""Safe reading of .zip archives of documents: no path escapes, bounded size, count and ratio."""
from __future__ import annotations

import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import CorruptFile, ExtractionError, UnsafeArchive


@dataclass(frozen=True)
class ZipLimits:
    max_entries: int = 20_000
    max_total_bytes: int = 2 * 1024**3
    max_entry_bytes: int = 512 * 1024**2
    max_ratio: float = 200.0
    # Small members compress extremely well (a page of spaces); only judge the ratio of big ones.
    ratio_min_bytes: int = 1024**2


def safe_member_path(name: str) -> PurePosixPath | None:
    """Given a zip member name, return it as a relative path, or None if it would escape the folder."""
    normalized = name.replace("\\", "/")
    path = PurePosixPath(normalized)
    if not path.parts or path.is_absolute() or ":" in path.parts[0]:
        return None  # absolute, drive-qualified (C:) or empty
    if ".." in path.parts:
        return None
    return path


def decode_member_name(info: zipfile.ZipInfo) -> str:
    """Given a zip entry, return its name; archives made on Chinese Windows store names in GBK."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def check_zip(path: Path, limits: ZipLimits = ZipLimits()) -> list[tuple[zipfile.ZipInfo, PurePosixPath]]:
    """Given a zip path, return its safe file members; raise UnsafeArchive on a bomb or escape."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise CorruptFile(str(path), f"zip 压缩包已损坏（{exc}）", "请重新下载或重新压缩后再处理")
    with zf:
        infos = zf.infolist()
    if len(infos) > limits.max_entries:
        raise UnsafeArchive(str(path), f"压缩包内文件过多（{len(infos)} 个，上限 {limits.max_entries}）",
                            "请解压后分批处理")
    total = 0
    members = []
    for info in infos:
        if info.is_dir() or stat.S_ISLNK(info.external_attr >> 16):
            continue
        name = decode_member_name(info)
        rel = safe_member_path(name)
        if rel is None:
            raise UnsafeArchive(str(path), f"压缩包内的路径“{name}”指向解压目录之外",
                                "该压缩包可能是恶意构造的，已拒绝处理", location=name)
        total += info.file_size
        if info.file_size > limits.max_entry_bytes or total > limits.max_total_bytes:
            raise UnsafeArchive(str(path), "压缩包解压后体积过大（疑似“压缩炸弹”）",
                                "已拒绝处理；如确为正常文件，请解压后分批处理", location=name)
        if info.file_size >= limits.ratio_min_bytes and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise UnsafeArchive(str(path), f"压缩比异常（{info.file_size // max(info.compress_size, 1)} 倍，疑似“压缩炸弹”）",
                                "已拒绝处理", location=name)
        members.append((info, rel))
    return members


@dataclass
class Quota:
    """What one unpack folder may still receive, shared by an archive and every archive inside it."""

    bytes_left: int = 2 * 1024**3
    files_left: int = 20_000


@dataclass
class Member:
    """One unpacked member: its name in the archive and where its bytes are (None when refused)."""

    name: str
    path: Path | None
    error: ExtractionError | None = None


def extract_zip(path: Path, dest: Path, limits: ZipLimits = ZipLimits(), quota: Quota | None = None) -> list[Member]:
    """Given a zip and a folder, unpack its safe members there and return them in archive order.

    Members are stored under generated names (an index and the extension), so over-long, clashing
    or undecodable names cannot fail the unpack; the archive name stays in ``Member.name``. A
    member that lies about its size or is damaged is refused on its own; a folder-escaping name, a
    bomb or an archive past the quota refuses the whole archive.
    """
    quota = quota if quota is not None else Quota()
    members = check_zip(path, limits)
    declared = sum(info.file_size for info, _ in members)
    if declared > quota.bytes_left or len(members) > quota.files_left:
        raise UnsafeArchive(str(path), "压缩包（连同其中嵌套的压缩包）解压后超过本次处理的总量上限"
                            f"（{quota.bytes_left // 1024**2} MB、{quota.files_left} 个文件）",
                            "请解压后分批处理")
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise CorruptFile(str(path), f"zip 压缩包已损坏（{exc}）", "请重新下载或重新压缩后再处理")
    with zf:
        for index, (info, rel) in enumerate(members):
            target = dest / f"{index:05d}{_safe_suffix(rel.name)}"
            out.append(_unpack_member(zf, info, str(rel), target, path, quota))
    return out


def unpack_member(path: Path, info: zipfile.ZipInfo, target: Path) -> Path | None:
    """Given a zip and one of its (checked) members, copy the member to ``target``; None when it is
    damaged or lies about its size."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return None
    with zf:
        member = _unpack_member(zf, info, info.filename, target, path, Quota())
    return member.path


def _safe_suffix(name: str) -> str:
    """Given a member name, return its extension if it is a plain short one ('.docx'), else ''."""
    suffix = PurePosixPath(name).suffix.lower()
    return suffix if 1 < len(suffix) <= 8 and suffix[1:].isalnum() and suffix.isascii() else ""


def _unpack_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, target: Path, path: Path,
                   quota: Quota) -> Member:
    """Copy one member out, reading at most its declared size (plus slack) and what the quota allows."""
    limit = min(info.file_size + 1024, quota.bytes_left)
    where = f"{path}!/{name}"
    try:
        with zf.open(info) as src, open(target, "wb") as dst:
            copied = _bounded_copy(src, dst, limit)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError, RuntimeError) as exc:
        target.unlink(missing_ok=True)
        reason = "已加密，需要密码" if "encrypted" in str(exc).lower() else f"已损坏，无法解压（{exc}）"
        return Member(name, None, CorruptFile(where, f"压缩包内的文件{reason}", "请重新压缩或单独提供该文件"))
    quota.files_left -= 1
    quota.bytes_left -= min(copied, limit)
    if copied > limit:
        target.unlink(missing_ok=True)
        return Member(name, None, UnsafeArchive(
            where, f"压缩包内文件的实际大小超过其声明的 {info.file_size} 字节（或超过解压总量上限）",
            "已拒绝该文件；压缩包可能是恶意构造的，请确认来源"))
    return Member(name, target)


def _bounded_copy(src, dst, limit: int) -> int:
    """Copy until EOF or until more than ``limit`` bytes came; return how many came."""
    copied = 0
    while True:
        chunk = src.read(1 << 20)
        if not chunk:
            return copied
        copied += len(chunk)
        if copied > limit:
            return copied
        dst.write(chunk)
