# ruff: noqa: E501  (one column per line reads as a table)
"""The registry of every table the workspace reads or writes: columns, types, units, meaning.

Writers and loaders take their columns and types from here, and data/README.md's column
tables are generated from it (`python -m helpers.core.schemas` rewrites them; a test fails
when they differ), so the contract between stages is stated once.

Types: `str` (text, empty when missing), `int` (whole number), `float` (empty when missing),
`Int64` (whole number, empty when missing), `bool` and `boolean` (True/False, empty when
missing).
"""

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from helpers.core.paths import DATA


@dataclass(frozen=True)
class Column:
    """One column: its name, type, unit (empty when none) and meaning."""

    name: str
    dtype: str
    unit: str
    description: str


@dataclass(frozen=True)
class Schema:
    """One table: where it is kept (None: handed on in memory only), what a row is, its columns."""

    name: str
    file: str | None
    row: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        """The column names, in order."""
        return [column.name for column in self.columns]

    def of_type(self, *dtypes: str) -> list[str]:
        """The names of the columns of the given types, in order."""
        return [column.name for column in self.columns if column.dtype in dtypes]


def _columns(*rows: tuple[str, str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*row) for row in rows)


SOURCES = Schema(
    "sources",
    "sources.csv",
    "one article",
    _columns(
        ("source_id", "str", "", "id and file name stem (`raw/<source_id>.txt`), lowercase `a-z 0-9 -`"),
        ("publisher", "str", "", "news outlet"),
        ("title", "str", "", "headline; where the text has none, '(headline not in the text)' and a description"),
        ("url", "str", "", "address if known, else empty"),
        ("published", "str", "date", "a real date `YYYY-MM-DD`, or `YYYY` where only the year is known, not in the future (a day's grace for time zones); for ordering, a year-only date counts as 1 January"),
        ("language", "str", "", "ISO 639-1 code of a language the parser reads: `id` (Indonesian) or `en` (English, the ministry's English releases)"),
        ("wording", "str", "", "`verbatim` (the text as published) or `digest` (every figure expression as published, the wording ours, because the text cannot be redistributed)"),
        ("sha256", "str", "", "SHA-256 of the raw file, verified on every run"),
    ),
)  # fmt: skip

INDICATORS = Schema(
    "indicators",
    "indicators.csv",
    "one indicator that can be registered",
    _columns(
        ("indicator", "str", "", "id used in the register and all outputs"),
        ("unit", "str", "", "unit of the values in the outputs: `IDR` (rupiah), `USD`, `%`, or a count unit with a `unit.<name>` row in translations.csv (unit, persons, entrepreneurs, centres, businesses); it must fit written_units"),
        ("written_units", "str", "", "units a quote may be written in, `|`-separated (e.g. `unit|IKM`), `bare` for a number with no unit word (\"berjumlah 4,4 juta\"); a quote in another unit is refused"),
        ("measure", "str", "", "`level` (a count, an amount or a share) or `growth` (a yearly growth rate in %: of `growth_of`, or of a measure the sources leave unsaid when `growth_of` is empty)"),
        ("growth_of", "str", "", "for a growth indicator, the level indicator it relates (used by the consistency checks)"),
        ("min_value", "float", "indicator's unit", "the smallest value a figure can plausibly take; a registered figure outside `min_value` to `max_value` stops the run before anything is computed (a typo, or a scale word misread)"),
        ("max_value", "float", "indicator's unit", "the largest value a figure can plausibly take"),
        ("label_en", "str", "", "label in English"),
        ("label_id", "str", "", "label in Indonesian"),
        ("description", "str", "", "what the indicator measures, and any ambiguity in the sources"),
        ("keywords_id", "str", "", "words that name the indicator in Indonesian text, `|`-separated (e.g. `nilai tambah`), matched whole and regardless of case; the word IKM in one stands for any name of IKM (`ikm_names` in proposal_words.csv) and `*` for up to three words (`IKM * tumbuh`); `python -m helpers.add` proposes a figure in one of written_units for the indicator whose keyword is nearest to it; empty: never proposed"),
        ("keywords_en", "str", "", "the same in English text (e.g. `value added`)"),
    ),
)  # fmt: skip

PUBLISHERS = Schema(
    "publishers",
    "publishers.csv",
    "one publisher `python -m helpers.add` can recognise in an article's text",
    _columns(
        ("publisher", "str", "", "the publisher as sources.csv names it"),
        ("marks", "str", "", "strings that show an article is the publisher's (a dateline such as `REPUBLIKA.CO.ID`, a web address), `|`-separated, matched as written"),
        ("official", "str", "", "`yes` where the publisher's words are the ministry's own (its press releases), which the conflicts policy `best` prefers over a relay; else empty"),
    ),
)  # fmt: skip

PROPOSAL_WORDS = Schema(
    "proposal_words",
    "proposal_words.csv",
    "one rule of `python -m helpers.add`'s proposals and the words that trigger it",
    _columns(
        ("rule", "str", "", "`target`, `actual`, `estimate` (the kind), `base_year`, `this_year`, `year_end`, `next_year`, `last_year`, `quarter`, `half` (the period), `growth_link` (a percentage after a level is its growth; a figure of the same unit continues it), `share` (a percentage of a whole), `decline` (a fall written without its sign), `ikm_names` (what the word IKM in a keyword matches), `other_things` (a figure of something else), `part` (a figure of one part of IKM), `clause_break` (where a figure's phrase ends), `elsewhere` (a line linking another article); the `meaning` column says what each does"),
        ("id", "str", "", "the words in Indonesian text, `|`-separated, matched whole and regardless of case"),
        ("en", "str", "", "the words in English text"),
        ("meaning", "str", "", "what the rule does"),
    ),
)  # fmt: skip

PROPOSALS = Schema(
    "proposals",
    "proposals/<source_id>.csv",
    "one figure `python -m helpers.add` found in an article, proposed as a register row or listed with why not",
    _columns(
        ("row", "int", "", "the row's number, for `python -m helpers.add accept|reject <source_id> <row> ...`"),
        ("status", "str", "", "`proposed` (awaits review), `accepted` (in register.csv, or to be put there by `accept`), `rejected`, `unplaced` (the reason says what is missing, or why the figure is not the indicator's: a headline, a part of IKM, something else), `repeat` (a figure another row of the article states), `conflict` (the article gives another value for the same indicator, period and kind, in the row the reason names: choose, and `accept` by row number), `flagged` (doubtful as written: a count with decimals or far under the article's other figures of its indicator, a scale word missing; outside the indicator's plausible range; a malformed number. Read it in the text)"),
        ("indicator", "str", "", "the proposed indicator; empty when none fits"),
        ("period", "str", "year", "the year the sentence speaks of, or the part of it it names (`2017-Q2`, `2018-H1`, `2017-M11`, as in register.csv); the publication's year when the sentence names none (the reason says so); empty when none"),
        ("kind", "str", "", "`actual` or `target`"),
        ("value", "float", "unit", "the value parsed from the figure"),
        ("unit", "str", "", "the unit the parser read"),
        ("confidence", "float", "fraction", "how sure the rules are, 0 to 1: lower where the indicator keyword or the year lies outside the figure's clause"),
        ("quote", "str", "", "the register quote: a passage of the normalised text holding this figure alone"),
        ("mention", "str", "", "the words of the figure"),
        ("reason", "str", "", "how the row was placed, or why it was not"),
        ("note", "str", "", "the note the register row gets (edit it before accepting)"),
    ),
)  # fmt: skip

REGISTER = Schema(
    "register",
    "register.csv",
    "one figure a source states",
    _columns(
        ("source_id", "str", "", "a source in sources.csv"),
        ("indicator", "str", "", "an indicator in indicators.csv"),
        ("period", "str", "year", "the year the figure refers to, `YYYY`; or the part of the year the source names: `YYYY-Q1` to `Q4` (quarter: triwulan, kuartal), `YYYY-H1`, `H2` (half: semester), `YYYY-M01` to `M12` (month); the note says whether a part-year figure is to date"),
        ("kind", "str", "", "`actual` or `target`"),
        ("quote", "str", "", "verbatim snippet of the normalised text holding exactly one figure; the value is parsed from it"),
        ("note", "str", "", "the registrar's reading (context the quote lacks)"),
    ),
)  # fmt: skip

TRANSLATIONS = Schema(
    "translations",
    "translations.csv",
    "one text the reports show",
    _columns(
        ("key", "str", "", "what the text is for: `column.<name>` table headers, `verdict.*` the verdict table's headers, `value.*` statuses, kinds and categories, `message.*` reasons and notes, `unit.*` and `scale.*` words of figures, `axis.*`, `legend.*`, `title.*` figure texts, `headline.*` the one-line results, `findings.*` the key findings, `caption.*` captions under tables and figures, `language.*` language names, `note.*` prose notes, `qualifier.*`, `range`, `money` how a figure is written"),
        ("en", "str", "", "the text in English; `{name}` marks a value filled in by the code"),
        ("id", "str", "", "the text in Indonesian, with the same `{name}` fields as the English"),
    ),
)  # fmt: skip

FIGURES = Schema(
    "figures",
    "processed/figures.csv",
    "one stated figure of one source, or one row derived from stated figures",
    _columns(
        ("indicator", "str", "", "an indicator of indicators.csv"),
        ("period", "int", "year", "the year the figure refers to"),
        ("subperiod", "str", "", "empty for the whole year; else the part of it the figure covers (`Q2`, `H1`, `M11`: see register.csv's period)"),
        ("kind", "str", "", "`actual`, `target`, or `derived` for rows computed from stated figures"),
        ("value", "float", "indicator's unit", "the figure in the indicator's unit (rupiah, not triliun)"),
        ("lower", "float", "indicator's unit", "lower bound as stated: equal to value for an exact or approximate figure, empty for an open bound; for derived rows, the interval the rounded inputs allow"),
        ("upper", "float", "indicator's unit", "upper bound, as for lower"),
        ("resolution", "float", "indicator's unit", "place value of the last digit written: `Rp439 triliun` -> 1e12, so it stands for 438.5 to 439.5 triliun; empty for derived rows"),
        ("unit", "str", "", "the indicator's unit"),
        ("qualifier", "str", "", "`=` exact, `~` approximate, `>`/`<` open bound, `>=`/`<=`, `range`"),
        ("source_id", "str", "", "the source; for derived rows every source used, joined by `+`"),
        ("quote", "str", "", "the quote the value is parsed from; empty for derived rows"),
        ("note", "str", "", "the registrar's note; for derived rows, the derivation"),
    ),
)  # fmt: skip

COVERAGE = Schema(
    "coverage",
    "processed/coverage.csv",
    "one quantity in a normalised text that no registered quote holds",
    _columns(
        ("source_id", "str", "", "the source whose text mentions it"),
        ("mention", "str", "", "the words of the mention"),
        ("value", "float", "unit", "the value parsed from it"),
        ("unit", "str", "", "the unit the parser read"),
        ("qualifier", "str", "", "as in figures.csv"),
        ("reason", "str", "", "a repeat of a registered figure, or not registered"),
    ),
)  # fmt: skip

CHECKS = Schema(
    "checks",
    "processed/checks.csv",
    "one check of a figure against the figures it should agree with",
    _columns(
        ("check", "str", "", "`growth` (a stated growth rate against the levels it relates), `magnitude` (a figure an order of magnitude or more from the other figures of its indicator: left out of every series and verdict), `derived` (the derived unit stock against the stated one, which is used)"),
        ("indicator", "str", "", "the indicator of the figure checked"),
        ("period", "int", "year", "its year"),
        ("subperiod", "str", "", "as in figures.csv"),
        ("kind", "str", "", "as in figures.csv"),
        ("source_id", "str", "", "its source"),
        ("stated", "float", "indicator's unit", "the figure checked (a growth rate in %)"),
        ("stated_lower", "float", "indicator's unit", "lowest value its rounding allows"),
        ("stated_upper", "float", "indicator's unit", "highest value its rounding allows"),
        ("expected", "float", "indicator's unit", "what the other figures imply: the growth of the stated levels, the median of the other figures, the derived stock"),
        ("expected_lower", "float", "indicator's unit", "lowest value the rounded figures it comes from allow"),
        ("expected_upper", "float", "indicator's unit", "highest value, as for expected_lower"),
        ("status", "str", "", "`pass` (the intervals overlap), `fail` or `not checkable`"),
        ("detail", "str", "", "what was compared, or what is missing"),
    ),
)  # fmt: skip

CONFLICTS = Schema(
    "conflicts",
    "processed/conflicts.csv",
    "one figure of a key (indicator, period, subperiod, kind) on which sources differ",
    _columns(
        ("indicator", "str", "", "as in figures.csv"),
        ("period", "int", "year", "as in figures.csv"),
        ("subperiod", "str", "", "as in figures.csv"),
        ("kind", "str", "", "as in figures.csv"),
        ("source_id", "str", "", "the source of this figure"),
        ("published", "str", "date", "the source's publication date"),
        ("value", "float", "indicator's unit", "as in figures.csv"),
        ("lower", "float", "indicator's unit", "as in figures.csv"),
        ("upper", "float", "indicator's unit", "as in figures.csv"),
        ("resolution", "float", "indicator's unit", "as in figures.csv"),
        ("qualifier", "str", "", "as in figures.csv"),
        ("used", "bool", "", "whether this figure is the one used downstream (parameter `prefer_source`)"),
    ),
)  # fmt: skip

FIT_PROJECTION = _columns(
    ("model", "str", "", "naive, drift, linear, loglinear, or combined (their equal-weight combination)"),
    ("year", "int", "year", "the projected year"),
    ("value", "float", "indicator's unit", "the point projection; for loglinear the median"),
    ("lower", "float", "indicator's unit", "lower end of the prediction interval; empty where the fit leaves no residual degrees of freedom"),
    ("upper", "float", "indicator's unit", "upper end of the prediction interval, as for lower"),
    ("level", "float", "fraction", "the interval's level"),
    ("note", "str", "", "median for loglinear; why there is no interval where there is none; where a lower end is cut at what the quantity can be"),
    ("rounding_low", "float", "indicator's unit", "the lowest point projection the stated rounding of the observed figures allows (helpers.trends.rounding)"),
    ("rounding_high", "float", "indicator's unit", "the highest, as for rounding_low"),
)  # fmt: skip

PROJECTIONS = Schema(
    "projections",
    "processed/projections.csv",
    "one indicator, model and projected year (notebook 02)",
    (Column("indicator", "str", "", "the projected indicator"), *FIT_PROJECTION),
)

FITS = Schema(
    "fits",
    None,
    "one indicator and model fitted (notebook 02)",
    _columns(
        ("indicator", "str", "", "the fitted indicator"),
        ("model", "str", "", "the model"),
        ("years", "str", "year", "the observed years fitted, first-last"),
        ("n", "int", "", "number of observed years"),
        ("df_resid", "int", "", "residual degrees of freedom"),
        ("rate", "float", "indicator's unit a year, or fraction", "drift and linear: yearly change; loglinear: constant yearly growth exp(b) - 1; naive: empty"),
        ("rate_se", "float", "as rate; loglinear: log scale", "standard error of the rate (of the log-scale slope b for loglinear)"),
    ),
)  # fmt: skip

BACKTEST = Schema(
    "backtest",
    None,
    "one model, origin and year forecast one step ahead (notebook 02)",
    _columns(
        ("indicator", "str", "", "the indicator"),
        ("model", "str", "", "the model"),
        ("origin", "int", "year", "the last year fitted"),
        ("year", "int", "year", "the year forecast"),
        ("actual", "float", "indicator's unit", "the observed value"),
        ("forecast", "float", "indicator's unit", "the model's point forecast"),
        ("error", "float", "indicator's unit", "actual - forecast"),
        ("ape", "float", "%", "absolute percentage error; empty when actual is 0"),
    ),
)  # fmt: skip

BACKTEST_SUMMARY = Schema(
    "backtest_summary",
    None,
    "one indicator and model over its backtest splits (notebook 02)",
    _columns(
        ("indicator", "str", "", "the indicator"),
        ("model", "str", "", "the model"),
        ("n", "int", "", "number of splits"),
        ("mape", "float", "%", "mean absolute percentage error"),
        ("drift_mape", "float", "%", "drift's MAPE on the same splits (the benchmark)"),
    ),
)  # fmt: skip

TARGETS_TO_ASSESS = Schema(
    "targets_to_assess",
    None,
    "one stated target put on the series it is assessed on",
    _columns(
        ("target", "str", "", "`<indicator> <year>` of the stated target"),
        ("stated_indicator", "str", "", "the indicator the source states the target for"),
        ("indicator", "str", "", "the series it is assessed on"),
        ("measure", "str", "", "`level` or `growth`"),
        ("year", "int", "year", "the target year"),
        ("value", "float", "series' unit, or % for growth", "the target value (a range's middle)"),
        ("stated", "float", "stated indicator's unit", "the target as its source states it (for the IKM count, the count; `value` puts it on the stock)"),
        ("resolution", "float", "stated indicator's unit", "the place value of its last written digit (figures.csv)"),
        ("lower", "float", "as value", "the least the target asks: its value, or a range's lower end"),
        ("upper", "float", "as value", "a range's upper end; its value otherwise"),
        ("qualifier", "str", "", "as in figures.csv"),
        ("source_id", "str", "", "the source(s) of the target"),
        ("note", "str", "", "how the target was put on the series"),
        ("reason", "str", "", "why it cannot be assessed; empty when it can"),
    ),
)  # fmt: skip

TARGETS = Schema(
    "targets",
    "processed/targets.csv",
    "one target judged on what was observed (model empty), or one target and model projected; one row, model empty, for a target that cannot be assessed (notebook 03)",
    _columns(
        ("target", "str", "", "`<indicator> <year>` of the stated target"),
        ("indicator", "str", "", "the series it is assessed on"),
        ("measure", "str", "", "`level` or `growth`"),
        ("year", "Int64", "year", "the target year"),
        ("target_value", "float", "series' unit, or % for growth", "the target (a range's middle)"),
        ("stated_indicator", "str", "", "the indicator the source states the target for"),
        ("stated", "float", "stated indicator's unit", "the target as its source states it"),
        ("resolution", "float", "stated indicator's unit", "the place value of its last written digit"),
        ("target_lower", "float", "as target_value", "the least the target asks: its value, or a range's lower end"),
        ("target_upper", "float", "as target_value", "a range's upper end; the target otherwise"),
        ("qualifier", "str", "", "as in figures.csv"),
        ("source_id", "str", "", "the source(s) of the target"),
        ("basis", "str", "", "what the verdict rests on: `observed` (the target year is observed), `interpolated` (it lies between two observed years: the straight line between them), `projected` (after the last observed year: the model's projection); empty when not assessable"),
        ("outcome", "float", "as target_value", "the observed or interpolated value of the target year (basis observed or interpolated)"),
        ("outcome_source", "str", "", "the source(s) of the outcome"),
        ("model", "str", "", "the trend model of a projection (combined: the models' equal-weight combination); empty otherwise"),
        ("projected", "float", "series' unit, or % for growth", "the model's point projection for the target year"),
        ("lower", "float", "as projected", "lower end of the prediction interval"),
        ("upper", "float", "as projected", "upper end of the prediction interval"),
        ("level", "float", "fraction", "the interval's level"),
        ("cutoffs", "str", "", "the anticipated progress ratio's cut-off convention: `escap` (on track at 1) or `unsd` (at 0.95)"),
        ("base_year", "str", "", "the progress ratios' base year: `first` or `latest` observed year"),
        ("gap", "float", "as projected", "outcome or projection - the least the target asks"),
        ("gap_pct", "float", "% of target", "the gap as a percentage of the least the target asks"),
        ("met", "boolean", "", "whether the outcome, or the point projection, meets the least the target asks"),
        ("met_upper", "boolean", "", "for a range target, whether it reaches the range's upper end too; empty otherwise"),
        ("rounding_low", "float", "as projected", "the lowest outcome or point projection the stated rounding of the figures it rests on allows (helpers.trends.rounding)"),
        ("rounding_high", "float", "as projected", "the highest, as for rounding_low"),
        ("rounding_moves", "boolean", "", "whether the verdict changes within that range: rounding alone can move it"),
        ("probability", "float", "fraction", "probability of meeting the target under the model's predictive distribution"),
        ("probability_note", "str", "", "how the probability was computed, or why there is none"),
        ("observed_cagr", "float", "fraction", "compound annual growth, first to last observed year"),
        ("required_cagr", "float", "fraction", "compound annual growth needed from the first observed year to reach the target"),
        ("eurostat_ratio", "float", "", "observed_cagr / required_cagr"),
        ("eurostat_category", "str", "", "Eurostat's category of the ratio, or the status on the latest observation (`target achieved`, `moved away from a target met at base year`)"),
        ("eurostat_near_cutoff", "boolean", "", "the Eurostat ratio lies within 0.05 of a cut-off (0.95, 0.60, 0; `helpers.targets.methods.BOUNDARY_BAND`); empty without a ratio"),
        ("escap_ratio", "float", "", "UN ESCAP anticipated progress ratio"),
        ("escap_category", "str", "", "its category under `cutoffs`, or the status on the latest observation, as for eurostat_category"),
        ("escap_near_cutoff", "boolean", "", "the ESCAP ratio lies within 0.05 of a cut-off of `cutoffs` (1 or 0.95, and 0); empty without a ratio"),
        ("assessable", "bool", "", "whether the target could be assessed"),
        ("reason", "str", "", "why not, where it could not"),
        ("note", "str", "", "how the target was put on the series"),
    ),
)  # fmt: skip

CHOICE_COLUMNS = _columns(
    ("as_of", "str", "date", "the vintage: only sources published on or before this day, or `latest` (the whole record)"),
    ("units_reading", "str", "", "reading of the IKM count: `increase` or `stock`"),
    ("prefer_source", "str", "", "the figure used where sources disagree: `best`, `latest` or `earliest`"),
    ("model", "str", "", "the trend model, or combined (their equal-weight combination)"),
    ("growth_measure", "str", "", "the series a growth-rate target is measured on"),
    ("base_year", "str", "", "the progress ratio's base year: `first` or `latest` observed year"),
    ("cutoffs", "str", "", "the anticipated progress ratio's cut-offs: `escap` (on track at 1) or `unsd` (at 0.95)"),
)  # fmt: skip

MULTIVERSE = Schema(
    "multiverse",
    "processed/multiverse.csv",
    "one universe (a combination of every defensible choice) and one target assessable in it (notebook 04)",
    (
        Column("universe", "int", "", "the universe's number, 1, 2, ... in the order of the choices' options (`helpers.multiverse.universes.choices`)"),
        *CHOICE_COLUMNS,
        *_columns(
            ("target", "str", "", "`<indicator> <year>` of the stated target"),
            ("indicator", "str", "", "the series it is assessed on in this universe"),
            ("measure", "str", "", "`level` or `growth`"),
            ("year", "int", "year", "the target year"),
            ("target_value", "float", "series' unit, or % for growth", "the target on that series (it depends on the reading); a range's middle"),
            ("target_lower", "float", "as target_value", "the least the target asks"),
            ("basis", "str", "", "`observed`, `interpolated` or `projected`, as in targets.csv"),
            ("projected", "float", "as target_value", "the model's point projection for the target year; for a target judged on what was observed, the outcome (the same in every model's universe)"),
            ("level", "float", "fraction", "the prediction interval's level (0.95 in every universe: the level moves no point, so no verdict)"),
            ("lower", "float", "as target_value", "lower end of the prediction interval at `level`; empty where there is none"),
            ("upper", "float", "as target_value", "upper end, as for lower"),
            ("pct_of_target", "float", "% of target", "projected as a percentage of target_lower: the specification curve's outcome"),
            ("met", "bool", "", "whether the point projection meets the target: the verdict"),
            ("probability", "float", "fraction", "probability of meeting the target; empty where there is none"),
            ("progress_ratio", "float", "", "the anticipated progress ratio from `base_year`; empty for growth targets and where undefined"),
            ("progress_category", "str", "", "its category under `cutoffs`, or the status on the latest observation: the second verdict"),
            ("near_cutoff", "boolean", "", "the ratio lies within 0.05 of a cut-off of `cutoffs`; empty without a ratio"),
        ),
    ),
)  # fmt: skip

MET_SHARES = Schema(
    "met_shares",
    None,
    "one target over every universe it is assessable in (notebook 04)",
    _columns(
        ("target", "str", "", "the target"),
        ("universes", "int", "", "universes in which it is assessable"),
        ("met", "int", "", "universes whose point projection meets it"),
        ("share", "float", "fraction", "met / universes"),
    ),
)  # fmt: skip

DECISIVENESS = Schema(
    "decisiveness",
    None,
    "one target and one choice: how much the verdict depends on that choice alone (notebook 04)",
    _columns(
        ("target", "str", "", "the target"),
        ("choice", "str", "", "the choice (a column of multiverse.csv)"),
        ("options", "int", "", "how many options the choice has"),
        ("met_flips", "float", "fraction", "share of the settings of every other choice under which changing this choice alone changes `met`"),
        ("category_flips", "float", "fraction", "the same for `progress_category`"),
        ("met_spread", "float", "fraction", "largest minus smallest share of universes meeting the target among this choice's options"),
    ),
)  # fmt: skip

HINDSIGHT = Schema(
    "hindsight",
    "processed/hindsight.csv",
    "one vintage, indicator, model and year observed since: what the vintage projected, against the outcome (notebook 05)",
    _columns(
        ("vintage", "str", "date", "the day of the vintage: only sources published on or before it were used"),
        ("indicator", "str", "", "the projected indicator"),
        ("model", "str", "", "the trend model, or combined"),
        ("origin", "int", "year", "the last year the vintage had observed"),
        ("year", "int", "year", "the year projected and observed since"),
        ("projected", "float", "indicator's unit", "the vintage's point projection"),
        ("lower", "float", "indicator's unit", "lower end of its prediction interval; empty where there is none"),
        ("upper", "float", "indicator's unit", "upper end, as for lower"),
        ("level", "float", "fraction", "the interval's level"),
        ("outcome", "float", "indicator's unit", "the whole record's figure of that year (the one its source policy uses)"),
        ("outcome_source", "str", "", "its source"),
        ("error", "float", "indicator's unit", "outcome - projected"),
        ("ape", "float", "%", "absolute percentage error"),
        ("covered", "boolean", "", "whether the interval holds the outcome; empty without an interval"),
    ),
)  # fmt: skip

HINDSIGHT_VERDICTS = Schema(
    "hindsight_verdicts",
    "processed/hindsight_verdicts.csv",
    "one vintage, target and model: the verdict the vintage projected, against the verdict on what was observed since (notebook 05)",
    _columns(
        ("vintage", "str", "date", "as in hindsight.csv"),
        ("target", "str", "", "`<indicator> <year>` of the stated target"),
        ("model", "str", "", "the trend model, or combined"),
        ("said_met", "bool", "", "whether the vintage's point projection met the target: what the model said"),
        ("probability", "float", "fraction", "the probability it gave of meeting it; empty where none"),
        ("was_met", "bool", "", "whether the target was met, judged on what was observed (targets.csv's basis observed or interpolated)"),
        ("basis", "str", "", "what the outcome rests on: `observed` or `interpolated`"),
        ("agree", "bool", "", "said_met == was_met: a hit"),
    ),
)  # fmt: skip

HINDSIGHT_SCORES = Schema(
    "hindsight_scores",
    None,
    "one model over every vintage (notebook 05)",
    _columns(
        ("model", "str", "", "the trend model, or combined"),
        ("projections", "int", "", "projections scored against a later outcome"),
        ("mape", "float", "%", "their mean absolute percentage error"),
        ("intervals", "int", "", "those with an interval"),
        ("coverage", "float", "fraction", "share of the intervals holding the outcome (a 95% interval should hold about 95%)"),
        ("verdicts", "int", "", "verdicts on targets scored against their outcome"),
        ("hit_rate", "float", "fraction", "share of those the model got right"),
    ),
)  # fmt: skip

SCHEMAS: dict[str, Schema] = {
    schema.name: schema
    for schema in (
        SOURCES, INDICATORS, PUBLISHERS, PROPOSAL_WORDS, PROPOSALS, REGISTER, TRANSLATIONS,
        FIGURES, COVERAGE, CHECKS, CONFLICTS,
        PROJECTIONS, FITS, BACKTEST, BACKTEST_SUMMARY, TARGETS_TO_ASSESS, TARGETS, MULTIVERSE,
        MET_SHARES, DECISIVENESS, HINDSIGHT, HINDSIGHT_VERDICTS, HINDSIGHT_SCORES,
    )
}  # fmt: skip


# --- data/README.md --------------------------------------------------------------------------

README = DATA / "README.md"
BLOCK = re.compile(
    r"(<!-- columns of (\w+): generated from helpers\.core\.schemas -->\n).*?(<!-- end -->)", re.S
)


def markdown(schema: Schema) -> str:
    """A schema as the Markdown table data/README.md shows."""
    lines = ["| column | type | unit | meaning |", "|---|---|---|---|"]
    for column in schema.columns:
        meaning = column.description.replace("|", "\\|")
        lines.append(f"| {column.name} | {column.dtype} | {column.unit} | {meaning} |")
    return "\n".join(lines) + "\n"


def readme_with_columns(readme: str) -> str:
    """data/README.md with every generated column table rewritten from the registry."""
    return BLOCK.sub(lambda m: m[1] + markdown(SCHEMAS[m[2]]) + m[3], readme)


def main(argv: list[str] | None = None, readme: Path = README) -> int:
    """Rewrite data/README.md's column tables (`--check`: say whether they are current)."""
    args = sys.argv[1:] if argv is None else argv
    text = readme.read_text(encoding="utf-8")
    current = readme_with_columns(text)
    if "--check" in args:
        if current != text:
            print(f"{readme.name}: column tables differ from helpers.core.schemas", file=sys.stderr)
            return 1
        return 0
    readme.write_text(current, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
