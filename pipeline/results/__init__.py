"""Results documents (自评表, 整改方案): rows of what was due and what was got, and their arithmetic.

`read.read_results` reads one from a RawDocument; `check.reconcile` checks its sums.
"""
