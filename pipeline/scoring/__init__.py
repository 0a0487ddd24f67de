"""Scoring: rulebook + events/measures → scores, ranks, grades, rewards with a full trail.

Modules: events_io (read rows), periods (period keys), text (n-gram similarity), match (row → rule),
engine (per unit-period semantics), caps (category/bonus caps), aggregate (totals, ranks, grades,
rewards), explain (Chinese lines), output (JSON/XLSX), synth (synthetic data), bench.
"""
from .engine import score

__all__ = ["score"]
