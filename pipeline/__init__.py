"""kaoping pipeline: RawDocument → IndicatorTable → Rulebook → scores and comparisons."""
