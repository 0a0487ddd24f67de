"""Safe opening of OOXML packages (DOCX/XLSX): zip sanity limits and entity-free XML parsing."""
from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from .archive.zipsafe import ZipLimits, check_zip
from .errors import CorruptFile, EmptyFile, EncryptedFile, UnsafeArchive
from .limits import MAX_STREAM_BYTES, stream_too_large

MAX_ENTRY_BYTES = MAX_STREAM_BYTES
OOXML_LIMITS = ZipLimits(max_entries=5_000, max_total_bytes=1024**3, max_entry_bytes=MAX_ENTRY_BYTES, max_ratio=200.0)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)
_DOCTYPE_UTF16 = re.compile(re.escape("<!DOCTYPE".encode("utf-16-le")), re.I)

STRICT_NAMESPACES = [
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships/",
     b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"),
]
KIND_NAMES = {"docx": "Word（DOCX）", "xlsx": "Excel（XLSX）"}


def check_container(path: Path, kind: str) -> None:
    """Given an OOXML path, raise EmptyFile/EncryptedFile/CorruptFile when it is not a usable zip."""
    label = KIND_NAMES.get(kind, kind)
    with open(path, "rb") as fh:
        head = fh.read(8)
    if not head:
        raise EmptyFile(str(path), "文件为空（0 字节）", "请确认文件已完整下载或导出")
    if head.startswith(OLE_MAGIC):
        if is_encrypted_ooxml(path):
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


def is_encrypted_ooxml(path: Path) -> bool:
    """Given an OLE compound file, tell whether it is an encrypted OOXML package."""
    # The directory entry name is UTF-16LE and may sit anywhere; a chunked byte scan avoids an OLE parser.
    needle = "EncryptedPackage".encode("utf-16-le")
    tail = b""
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            if needle in tail + chunk:
                return True
            tail = chunk[-len(needle):]
    return False


def open_package(path: Path, kind: str, default_main: str) -> tuple[zipfile.ZipFile, str]:
    """Given an OOXML path, check container and limits; return the open zip and its main part name."""
    check_container(path, kind)
    label = KIND_NAMES.get(kind, kind)
    check_zip(path, OOXML_LIMITS)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise CorruptFile(str(path), f"{label}压缩包已损坏（{exc}）", "请在 WPS/Office 中打开后重新另存为再处理")
    # Some producers name the main part differently (word/document2.xml); the package rels say which.
    main = relations(zf, "", path).get("officeDocument", default_main)
    if main not in zf.namelist():
        main = default_main
    if main not in zf.namelist():
        zf.close()
        raise CorruptFile(
            str(path),
            f"压缩包中缺少 {default_main}，不是有效的 {label} 文件",
            "请在 WPS/Office 中打开后重新另存为再处理",
        )
    return zf, main


def relations(zf: zipfile.ZipFile, part: str, path: Path) -> dict[str, str]:
    """Given a part name ('' for the package), return {relationship type: target part} from its .rels."""
    folder, base = posixpath.split(part)
    root = read_xml(zf, posixpath.join(folder, "_rels", f"{base}.rels"), path)
    out: dict[str, str] = {}
    if root is None:
        return out
    for rel in root:
        target, kind = rel.get("Target") or "", (rel.get("Type") or "").rsplit("/", 1)[-1]
        if not target or rel.get("TargetMode") == "External" or kind in out:
            continue
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[kind] = name
    return out


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
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError, RuntimeError) as exc:
        raise CorruptFile(str(path), f"无法解压 {name}（{exc}）", "请在 WPS/Office 中打开后重新另存为再处理")
    if len(data) > MAX_ENTRY_BYTES:
        raise stream_too_large(str(path), f"压缩包内的 {name} ")
    if _DOCTYPE.search(data[:65536]) or _DOCTYPE_UTF16.search(data[:131072]):
        # Office never writes a DTD; one in a part is an entity bomb or an external-entity probe.
        raise UnsafeArchive(str(path), f"{name} 含有 DTD 声明（<!DOCTYPE>，可用于“实体炸弹”或读取外部文件）",
                            "已拒绝处理；请在 WPS/Office 中打开后重新另存为再处理", location=name)
    # ISO/IEC 29500 Strict files use other namespace URIs for the same vocabulary.
    for strict, transitional in STRICT_NAMESPACES:
        data = data.replace(strict, transitional)
    try:
        return etree.fromstring(data, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise CorruptFile(str(path), f"{name} 不是有效的 XML（{exc}）", "请在 WPS/Office 中打开后重新另存为再处理")
