"""Stage 1, extract: from raw articles to the figures their registered quotes state.

Input: data/raw/<source_id>.txt (never edited), data/sources.csv, data/indicators.csv,
data/register.csv. Output, in memory, for helpers.clean: `Extract`, with the sources,
indicators, normalised texts, every source's mentions and one row per registered figure
(columns of `schemas.FIGURES`), its value parsed from its quote.

Modules: `sources` (raw files checked against their checksums), `normalise` (repaired
characters, no page furniture), `quantities` (figures read from Indonesian or English text),
`cache` (each source's text and mentions parsed once per checksum and parser version, kept in
.cache/), `register` (quotes checked and parsed), `figures` (the stage: `build`).
"""

from helpers.extract.figures import Extract, build

__all__ = ["Extract", "build"]
