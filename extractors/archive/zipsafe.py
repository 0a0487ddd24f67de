"""Safe reading of .zip archives of documents: no path escapes, bounded size, count and ratio."""
from __future__ import annotations

import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import CorruptFile, UnsafeArchive


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


def extract_zip(path: Path, dest: Path, limits: ZipLimits = ZipLimits()) -> list[Path]:
    """Given a zip and a folder, unpack its safe members there (bounded reads) and return their paths."""
    members = check_zip(path, limits)
    out = []
    with zipfile.ZipFile(path) as zf:
        for info, rel in members:
            target = dest.joinpath(*rel.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, open(target, "wb") as dst:
                # Declared sizes can lie; stop copying past the declared size plus slack.
                copied = _bounded_copy(src, dst, info.file_size + 1024)
            if copied > info.file_size + 1024:
                raise UnsafeArchive(str(path), "压缩包内文件实际大小与声明不符", "已拒绝处理", location=str(rel))
            out.append(target)
    return out


def _bounded_copy(src, dst, limit: int) -> int:
    copied = 0
    while True:
        chunk = src.read(1 << 20)
        if not chunk:
            return copied
        copied += len(chunk)
        if copied > limit:
            return copied
        dst.write(chunk)
