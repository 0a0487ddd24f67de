"""Typed extraction errors. The CLI layer turns them into Chinese messages; code raises them."""
from __future__ import annotations


class ExtractionError(Exception):
    """A file could not be read. ``hint`` tells the user what to do about it."""

    code = "extraction_error"

    def __init__(self, file: str, reason: str, hint: str = "", location: str | None = None):
        self.file = str(file)
        self.reason = reason
        self.hint = hint
        self.location = location
        super().__init__(self.message())

    def message(self) -> str:
        where = f"（{self.location}）" if self.location else ""
        text = f"{self.file}{where}：{self.reason}"
        return f"{text}。{self.hint}" if self.hint else text


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
