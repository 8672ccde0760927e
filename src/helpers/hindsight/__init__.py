"""Stage 6, hindsight: what each vintage of the record projected, against what happened.

Input: the clean table of the whole record (helpers.clean), put under each vintage with
`as_of` (only the sources published by then), and the trend models and target assessment
of helpers.trends and helpers.targets. Output: `Hindsight`, the projections each vintage
made for the years observed since, each scored against the whole record's figure of that
year, the one its source policy uses (schemas.HINDSIGHT, written as hindsight.csv); the
verdicts each vintage gave on targets whose year has since been observed, against the
outcome (schemas.HINDSIGHT_VERDICTS, hindsight_verdicts.csv); and each model's score over
every vintage (schemas.HINDSIGHT_SCORES).

After the real-time data sets of macroeconomics (ALFRED; the Philadelphia Fed's real-time
data set): the analysis rerun with only what had been published by a given day. Modules:
`vintages` (the stage: `build`, `write`, `load`, `scores`; the vintages themselves are
helpers.clean's `vintage_dates`).
"""

from helpers.hindsight.vintages import Hindsight, build, load, scores, write

__all__ = ["Hindsight", "build", "load", "scores", "write"]
