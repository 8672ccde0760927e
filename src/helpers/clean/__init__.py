"""Stage 2, clean: from the stated figures to the clean table and what it shows of them.

Input: helpers.extract's `Extract` (or, for `load`, the tables `write` left). Output:
`CleanTable`, written to a tables folder (data/processed/ by default) as figures.csv,
coverage.csv, checks.csv and conflicts.csv (columns in `helpers.core.schemas`).

Modules: `conflicts` (one figure per key, by the `prefer_source` policy), `readings` (the
unit stock under each reading of the IKM count), `coverage` (mentions the register leaves
out), `consistency` (stated growth against stated levels), `table` (the stage: `build`,
`write`, `load`).
"""

from helpers.clean.table import CleanTable, build, load, parameter_checks, vintage_dates, write

__all__ = ["CleanTable", "build", "load", "parameter_checks", "vintage_dates", "write"]
