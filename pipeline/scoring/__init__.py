"""Scoring: rulebook + events/measures → scores, ranks, grades, rewards, every point explained.

Modules: events_io (read rows), periods (period keys), text (n-gram similarity), match (row → rule),
slots (group rows by unit, period, rule), vector + semantics (what a rule does), caps (category and
bonus caps), engine (settle items and cells), aggregate (totals, ranks, grades, rewards), render +
explain (trail and Chinese lines), output (JSON/XLSX), load (rulebook or scheme), synth, bench.
"""
from .engine import score

__all__ = ["score"]
