"""Stage 5, multiverse: every defensible choice at once, and which of them decide the verdict.

Input: a clean table (helpers.clean), put under each vintage, reading of the IKM count and
source policy (`CleanTable.under`), and the targets stage's own steps (`targets_to_assess`
and `assessed_rows`, one call per setting of the remaining choices, every model at once).
Output: the multiverse, one row per universe and target (schemas.MULTIVERSE), written to a
tables folder as multiverse.csv, and its summaries: the share of universes meeting each
target and how much each choice alone moves the verdict (schemas.MET_SHARES,
schemas.DECISIVENESS).

After Steegen et al. (2016), multiverse analysis, and Simonsohn, Simmons and Nelson (2020),
specification curve analysis. Modules: `universes` (the stage: `choices`, `build`, `write`,
`load`, `met_shares`, `decisiveness`).
"""

from helpers.multiverse.universes import (
    build,
    choices,
    decisiveness,
    load,
    met_shares,
    write,
)

__all__ = ["build", "choices", "decisiveness", "load", "met_shares", "write"]
