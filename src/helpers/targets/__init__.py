"""Stage 4, targets: from the clean table and the trend models to a verdict on each target.

Input: helpers.clean's `CleanTable` (the stated targets and the observed series) and the
trend models of helpers.trends. Output: the assessment, one row per target and model
(schemas.TARGETS), written to a tables folder as targets.csv.

Modules: `placement` (the series and measure each target is assessed on), `methods` (the
Eurostat and UN ESCAP progress methods), `assessment` (the stage: `build`, `write`, `load`,
and `by_reading`, the assessment under each reading of the IKM count).
"""

from helpers.targets.assessment import build, by_reading, load, parameter_checks, write

__all__ = ["build", "by_reading", "load", "parameter_checks", "write"]
