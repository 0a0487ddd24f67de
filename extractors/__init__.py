"""One extractor per input format, behind a registry keyed by file type."""
from .errors import (
    CorruptFile,
    EmptyFile,
    EncodingError,
    EncryptedFile,
    ExtractionError,
    InternalError,
    MissingTool,
    TimedOut,
    TooLarge,
    UnsafeArchive,
    UnsupportedFormat,
    WorkerCrashed,
)
from .registry import EXTRACTOR_VERSION, available, detect_format, extract, get_extractor, register

__all__ = [
    "CorruptFile", "EXTRACTOR_VERSION", "EmptyFile", "EncodingError", "EncryptedFile",
    "ExtractionError", "InternalError", "MissingTool", "TimedOut", "TooLarge", "UnsafeArchive", "UnsupportedFormat", "WorkerCrashed", "available",
    "detect_format", "extract", "get_extractor", "register",
]
