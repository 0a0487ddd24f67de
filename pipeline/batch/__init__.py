"""Batch processing of archives into DuckDB: discover → process (pool or Dask) → store."""
from .runner import BatchSummary, run_batch

__all__ = ["BatchSummary", "run_batch"]
