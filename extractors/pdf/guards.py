"""Guards around pdfminer for hostile PDFs: bounded stream decompression and reference-cycle detection.

pdfminer inflates a whole stream at once (a 1.5 MB deflate stream can hold 1.5 GB) and follows an
object that refers to itself forever; both are stopped here with a clear, typed error.
"""
from __future__ import annotations

import zlib

from pdfminer import pdftypes
from pdfminer.pdftypes import PDFObjRef

from ..errors import CorruptFile
from ..limits import MAX_STREAM_BYTES, stream_too_large

# No real document refers from one reference to another this many times in a row.
MAX_REFERENCE_CHAIN = 64


class _BoundedDecompressor:
    """A zlib decompressor that refuses to produce more than MAX_STREAM_BYTES in total."""

    def __init__(self):
        self._inner = zlib.decompressobj()
        self._produced = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        room = MAX_STREAM_BYTES + 1 - self._produced
        out = self._inner.decompress(data, min(max_length, room) if max_length else room)
        self._produced += len(out)
        if self._produced > MAX_STREAM_BYTES or self._inner.unconsumed_tail:
            raise stream_too_large("", "PDF 中的数据流")
        return out

    def flush(self, *args) -> bytes:
        return self._inner.flush(*args)

    @property
    def eof(self) -> bool:
        return self._inner.eof


class _BoundedZlib:
    """Stands in for the zlib module inside pdfminer.pdftypes."""

    error = zlib.error

    @staticmethod
    def decompressobj(*args) -> _BoundedDecompressor:
        return _BoundedDecompressor()

    @staticmethod
    def decompress(data: bytes, *args) -> bytes:
        d = _BoundedDecompressor()
        out = d.decompress(data)
        if not d.eof:
            raise zlib.error("incomplete or truncated stream")  # pdfminer then tries its corrupt-stream path
        return out


def install() -> None:
    """Make pdfminer decompress streams through the bounded decompressor (idempotent)."""
    pdftypes.zlib = _BoundedZlib


def guard_references(doc, name: str) -> None:
    """Given an open PDFDocument, make a chain of references that never reaches an object an error."""
    getobj = doc.getobj
    chain = [0]

    def guarded(objid: int):
        obj = getobj(objid)
        if isinstance(obj, PDFObjRef):
            chain[0] += 1
            if chain[0] > MAX_REFERENCE_CHAIN:
                chain[0] = 0
                raise CorruptFile(name, f"PDF 中的对象引用成环（对象 {objid} 经引用又指回自身），无法读取",
                                  "文件可能已损坏或是恶意构造的；请重新导出或下载该 PDF")
        else:
            chain[0] = 0
        return obj

    doc.getobj = guarded
