"""Stage 3, trends: from the clean table to projections of its annual series.

Input: helpers.clean's `CleanTable` (the series: stated actuals, the derived unit stock).
Output: `Projections` (fits, projections with prediction intervals, one-step backtests),
written to a tables folder as projections.csv (columns in `helpers.core.schemas`).

Modules: `models` (naive, drift, linear, log-linear fits and their predictive
distributions, intervals cut at an indicator's floor), `combined` (their equal-weight
combination, a mixture), `growth` (the predictive distribution of a year's growth),
`rounding` (how far a stated figure's rounding moves a projection), `series` (the observed
series of an indicator, its targets), `projection` (the stage: `build`, `write`, `load`).
"""

from helpers.trends.projection import Projections, build, load, parameter_checks, write

__all__ = ["Projections", "build", "load", "parameter_checks", "write"]
