"""Typed scoring errors: the CLI layer prints them, code raises them."""
from __future__ import annotations


class ScoringError(Exception):
    """Scoring cannot proceed. ``hint`` tells the user what to do about it."""

    def __init__(self, reason: str, hint: str = "", file: str | None = None):
        self.reason = reason
        self.hint = hint
        self.file = file
        super().__init__(self.message())

    def message(self) -> str:
        text = f"{self.file}：{self.reason}" if self.file else self.reason
        return f"{text}。{self.hint}" if self.hint else text
