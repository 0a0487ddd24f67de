"""Safe opening of OOXML packages (DOCX/XLSX): zip sanity limits and entity-free XML parsing."""
from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from .archive import ZipLimits, check_zip
from .errors import CorruptFile, EmptyFile, EncryptedFile, UnsafeArchive

MAX_ENTRY_BYTES = 200 * 1024 * 1024
OOXML_LIMITS = ZipLimits(max_entries=5_000, max_total_bytes=1024**3, max_entry_bytes=MAX_ENTRY_BYTES, max_ratio=200.0)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)

KIND_NAMES = {"docx": "Word（DOCX）", "xlsx": "Excel（XLSX）"}


def check_container(path: Path, kind: str) -> None:
    """Given an OOXML path, raise EmptyFile/EncryptedFile/CorruptFile when it is not a usable zip."""
    label = KIND_NAMES.get(kind, kind)
    with open(path, "rb") as fh:
        head = fh.read(8)
    if not head:
        raise EmptyFile(str(path), "文件为空（0 字节）", "请确认文件已完整下载或导出")
    if head.startswith(OLE_MAGIC):
        if _ole_has_encrypted_package(path):
            raise EncryptedFile(
                str(path), f"{label}文件设有打开密码（已加密）", "请在 WPS/Office 中去掉密码后另存再处理"
            )
        raise CorruptFile(
            str(path),
            f"文件扩展名是 {label}，但内容是旧版 Office 二进制格式",
            "请在 WPS/Office 中打开后“另存为”新版格式（.docx/.xlsx）再处理",
        )
    if not zipfile.is_zipfile(path):
        raise CorruptFile(
            str(path), f"文件不是有效的 {label} 文件（不是 zip 压缩包，可能已损坏或被改了扩展名）",
            "请在 WPS/Office 中打开后重新另存为再处理",
        )


def _ole_has_encrypted_package(path: Path) -> bool:
    """Given an OLE compound file, tell whether it is an encrypted OOXML package."""
    # Directory entry names are UTF-16LE; a byte scan avoids a full OLE parser.
    with open(path, "rb") as fh:
        data = fh.read(4 * 1024 * 1024)
    return "EncryptedPackage".encode("utf-16-le") in data


def open_package(path: Path, kind: str, required: str) -> zipfile.ZipFile:
    """Given an OOXML path, return its open ZipFile after checking container, limits and ``required`` part."""
    check_container(path, kind)
    label = KIND_NAMES.get(kind, kind)
    check_zip(path, OOXML_LIMITS)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise CorruptFile(str(path), f"{label}压缩包已损坏（{exc}）", "请在 WPS/Office 中打开后重新另存为再处理")
    if required not in zf.namelist():
        zf.close()
        raise CorruptFile(
            str(path),
            f"压缩包中缺少 {required}，不是有效的 {label} 文件",
            "请在 WPS/Office 中打开后重新另存为再处理",
        )
    return zf


def read_xml(zf: zipfile.ZipFile, name: str, path: Path) -> etree._Element | None:
    """Given an open package, parse part ``name`` without entities; None when the part is absent."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    try:
        with zf.open(info) as fh:
            # Read one byte past the limit so a lying header cannot smuggle a bigger stream.
            data = fh.read(MAX_ENTRY_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise CorruptFile(str(path), f"无法解压 {name}（{exc}）", "请在 WPS/Office 中打开后重新另存为再处理")
    if len(data) > MAX_ENTRY_BYTES:
        raise UnsafeArchive(str(path), f"压缩包内 {name} 解压后超过 200 MB 上限", "该文件可能是恶意构造的压缩包，请确认来源")
    try:
        return etree.fromstring(data, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise CorruptFile(str(path), f"{name} 不是有效的 XML（{exc}）", "请在 WPS/Office 中打开后重新另存为再处理")
