"""Scoring clauses → rule atoms (conventions in schemas/RULES.md)."""
from .grammar import parse_clause
from .split import split_clauses

__all__ = ["parse_clause", "split_clauses"]
