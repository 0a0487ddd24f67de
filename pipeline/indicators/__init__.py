"""Indicator extraction: RawDocument → IndicatorTable (sections, categories, indicators, metadata)."""
from .build import build_indicator_table

__all__ = ["build_indicator_table"]
