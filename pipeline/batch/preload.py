"""Importing this module makes a process ready to work on files: extractors, rule parser, segmenter loaded.

Batch workers start from a process that has imported it (the local pool forks from the warmed-up
parent; the Dask executor's workers fork from a server that preloads it), so each worker starts warm
instead of paying seconds of imports. Start the workers of a remote Dask cluster with
``dask worker --preload pipeline.batch.preload`` for the same effect.
"""
from __future__ import annotations

from .worker import warm_up

warm_up()


def dask_setup(worker) -> None:
    """Dask's preload hook: the import above already did the work."""
