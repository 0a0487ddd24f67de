"""Typed extraction errors. The CLI layer turns them into Chinese messages; code raises them."""
from __future__ import annotations

import os
import re

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f]")


def printable(name: str) -> str:
    """Given a file name, return it fit to print and store: names that are not UTF-8 on disk
    (GBK names from Windows) decoded as GB18030, control characters shown as '?'."""
    if any("\udc80" <= ch <= "\udcff" for ch in name):
        raw = os.fsencode(name)
        for encoding in ("gb18030", "utf-8"):
            try:
                name = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                name = raw.decode("utf-8", errors="replace")
    name = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in name)
    return _UNPRINTABLE.sub("?", name)


class ExtractionError(Exception):
    """A file could not be read. ``hint`` tells the user what to do about it."""

    code = "extraction_error"

    def __init__(self, file: str, reason: str, hint: str = "", location: str | None = None):
        self.file = printable(str(file))
        self.reason = reason
        self.hint = hint
        self.location = location
        super().__init__(self.message())

    def __reduce__(self):
        # Errors cross process boundaries (bounded workers); rebuild them from their fields.
        return (_rebuild, (type(self), self.file, self.reason, self.hint, self.location))

    def message(self) -> str:
        where = f"（{self.location}）" if self.location else ""
        text = f"{self.file}{where}：{self.reason}"
        return f"{text}。{self.hint}" if self.hint else text


def _rebuild(cls, file, reason, hint, location):
    return cls(file, reason, hint, location)


class UnsupportedFormat(ExtractionError):
    code = "unsupported_format"


class EmptyFile(ExtractionError):
    code = "empty_file"


class CorruptFile(ExtractionError):
    code = "corrupt_file"


class EncryptedFile(ExtractionError):
    code = "encrypted_file"


class EncodingError(ExtractionError):
    code = "encoding_error"


class UnsafeArchive(ExtractionError):
    code = "unsafe_archive"


class MissingTool(ExtractionError):
    code = "missing_tool"


class TooLarge(ExtractionError):
    """A file, or a structure inside it, exceeds a cap (cells, stream size, pixels, memory)."""

    code = "too_large"


class TimedOut(ExtractionError):
    code = "timeout"


class WorkerCrashed(ExtractionError):
    code = "worker_crashed"


class InternalError(ExtractionError):
    """A defect in kaoping itself, reported as one line so a batch can go on."""

    code = "internal_error"
