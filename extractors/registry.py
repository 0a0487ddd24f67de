"""Format registry: InputFormat → extractor, chosen by file content first, then extension."""
from __future__ import annotations

import hashlib
import stat
import importlib
from pathlib import Path
from typing import Callable, Protocol

from schemas.common import InputFormat, SourceInfo
from schemas.raw import RawDocument

from .limits import check_document
from .errors import CorruptFile, EmptyFile, ExtractionError, UnsupportedFormat, printable

EXTRACTOR_VERSION = "0.1.0"


class Extractor(Protocol):
    def __call__(self, path: Path, source: SourceInfo) -> RawDocument: ...


# Modules are imported on first use so that `kaoping --help` stays fast.
_BACKENDS: dict[InputFormat, str] = {
    InputFormat.PDF: "extractors.pdf.document:extract_pdf",
    InputFormat.DOCX: "extractors.docx.document:extract_docx",
    InputFormat.XLSX: "extractors.sheet.xlsx:extract_xlsx",
    InputFormat.HTML: "extractors.html.document:extract_html",
    InputFormat.TEXT: "extractors.text.document:extract_text",
    InputFormat.DOC: "extractors.docx.legacy:extract_doc",
    InputFormat.WPS: "extractors.docx.legacy:extract_doc",
    InputFormat.XLS: "extractors.sheet.xls:extract_xls",
}

EXTENSIONS: dict[str, InputFormat] = {
    ".pdf": InputFormat.PDF,
    ".docx": InputFormat.DOCX,
    ".xlsx": InputFormat.XLSX,
    ".xlsm": InputFormat.XLSX,
    ".html": InputFormat.HTML,
    ".htm": InputFormat.HTML,
    ".txt": InputFormat.TEXT,
    ".text": InputFormat.TEXT,
    ".md": InputFormat.TEXT,
    ".csv": InputFormat.TEXT,
    ".tsv": InputFormat.TEXT,
    ".doc": InputFormat.DOC,
    ".wps": InputFormat.WPS,
    ".xls": InputFormat.XLS,
}


def register(fmt: InputFormat, target: str | Callable) -> None:
    """Register (or replace) the backend for ``fmt``: a callable or 'module:function'."""
    _BACKENDS[fmt] = target  # type: ignore[assignment]


def available() -> list[str]:
    """Extensions that have a registered backend."""
    return sorted(ext for ext, fmt in EXTENSIONS.items() if fmt in _BACKENDS)


def sniff(path: Path, head: bytes) -> InputFormat | None:
    """Given the first bytes of a file, name its format, or None when they do not say."""
    if head.startswith(b"%PDF"):
        return InputFormat.PDF
    if head.startswith(b"PK\x03\x04"):
        ext = path.suffix.lower()
        if ext in (".xlsx", ".xlsm"):
            return InputFormat.XLSX
        if ext == ".docx":
            return InputFormat.DOCX
        return _zip_office_kind(path)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        ext = path.suffix.lower()
        if ext == ".docx":
            # An OLE container named .docx is encrypted or an old .doc renamed; the DOCX backend says
            # which (LibreOffice would read any OLE bytes as something).
            return InputFormat.DOCX
        legacy = {".xls": InputFormat.XLS, ".xlsx": InputFormat.XLS, ".xlsm": InputFormat.XLS, ".wps": InputFormat.WPS}
        if ext in (".xlsx", ".xlsm"):
            from .ooxml_safe import is_encrypted_ooxml

            # A password-protected .xlsx is an OLE container; its OOXML backend reports that.
            if is_encrypted_ooxml(path):
                return InputFormat.XLSX
        return legacy.get(ext, InputFormat.DOC)
    lowered = head[:512].lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<table" in lowered:
        return InputFormat.HTML
    return None


def _zip_office_kind(path: Path) -> InputFormat | None:
    """Given an OOXML zip with an unhelpful name, tell DOCX from XLSX by its parts."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except zipfile.BadZipFile:
        return None
    if "word/document.xml" in names:
        return InputFormat.DOCX
    if "xl/workbook.xml" in names:
        return InputFormat.XLSX
    return None


def detect_format(path: Path) -> InputFormat:
    """Given a path, return its format from content, falling back to the extension."""
    with open(path, "rb") as fh:
        head = fh.read(2048)
    if not head:
        raise EmptyFile(str(path), "文件为空（0 字节）", "请确认文件已完整下载或导出")
    sniffed = sniff(path, head)
    if sniffed is not None:
        return sniffed
    ext = path.suffix.lower()
    if ext in EXTENSIONS and EXTENSIONS[ext] not in (InputFormat.PDF, InputFormat.DOCX, InputFormat.XLSX):
        return EXTENSIONS[ext]
    if ext in EXTENSIONS:
        # A .pdf/.docx/.xlsx whose bytes are not that format: let its backend say it is corrupt.
        return EXTENSIONS[ext]
    if _looks_like_text(head):
        return InputFormat.TEXT
    raise UnsupportedFormat(
        str(path),
        f"不支持的文件类型“{ext or '无扩展名'}”",
        "可处理的类型：" + "、".join(available()),
    )


def _looks_like_text(head: bytes) -> bool:
    """Given leading bytes, guess whether they are text in a CJK-capable encoding."""
    if b"\x00" in head:
        return False
    for enc in ("utf-8", "gb18030"):
        try:
            head.decode(enc)
            return True
        except UnicodeDecodeError:
            # The 2 KiB cut may split a multibyte character; allow a short tail.
            try:
                head[:-3].decode(enc)
                return True
            except UnicodeDecodeError:
                continue
    return False


def source_info(path: Path, fmt: InputFormat, encoding: str | None = None) -> SourceInfo:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return SourceInfo(
        file=path.name,
        format=fmt,
        sha256=digest.hexdigest(),
        size_bytes=path.stat().st_size,
        encoding=encoding,
        extractor_version=EXTRACTOR_VERSION,
    )


def get_extractor(fmt: InputFormat, path: Path | None = None) -> Extractor:
    """Return the backend for ``fmt``; raise UnsupportedFormat naming what is available."""
    target = _BACKENDS.get(fmt)
    if target is None:
        name = str(path) if path else fmt.value
        raise UnsupportedFormat(
            name,
            f"暂无“{fmt.value}”格式的提取器",
            "请另存为 DOCX/PDF/XLSX 后重试；可处理的类型：" + "、".join(available()),
        )
    if callable(target):
        return target
    module, func = target.split(":")
    return getattr(importlib.import_module(module), func)


def extract(path: str | Path) -> RawDocument:
    """Given a file path, return its RawDocument (raises ExtractionError subclasses)."""
    path = Path(path)
    if not path.exists():
        raise EmptyFile(str(path), "文件不存在", "请检查路径是否正确")
    if path.is_dir():
        raise UnsupportedFormat(str(path), "这是一个文件夹，不是文件", "批量处理文件夹请用 kaoping batch")
    if not stat.S_ISREG(path.stat().st_mode):
        # Reading a FIFO or a device would block or never end.
        raise UnsupportedFormat(str(path), "不是普通文件（是管道、设备或套接字），无法读取", "请指定文档文件本身")
    try:
        fmt = detect_format(path)
    except PermissionError as exc:
        raise UnsupportedFormat(str(path), "没有读取该文件的权限", "请检查文件权限，或复制一份到自己的文件夹再处理") from exc
    backend = get_extractor(fmt, path)
    try:
        raw = backend(path, source_info(path, fmt))
        check_document(str(path), raw)
        return raw
    except ExtractionError as exc:
        # Backends may name the file by its base name; the user needs the path they gave.
        exc.file = printable(str(path))
        raise
    except RecursionError as exc:
        # Parsers recurse into nested structures; a file nested beyond Python's stack is refused.
        raise CorruptFile(str(path), "文件内部结构嵌套过深，无法读取", "该文件可能已损坏或是恶意构造的") from exc
