"""Verdicts as a reader reads them, in the reader's language: the targets judged on what was
observed, the targets projected (one row per target and model), those that cannot be
assessed, and one target under each reading of the IKM count."""

import pandas as pd

from helpers.clean.readings import COUNT
from helpers.report.display import QUALIFIERS, labelled, readable, source_name, table
from helpers.report.language import answer, message, number, percent, text

JUDGED = ("observed", "interpolated")


def _unit(row, indicators: pd.DataFrame, stated: bool = False) -> str:
    """The unit a row's figures are in: % for a growth target, else its series' unit."""
    if row.measure == "growth":
        return "%"
    return indicators.unit[row.stated_indicator if stated else row.indicator]


def target_written(row, indicators: pd.DataFrame, lang: str = "en") -> str:
    """A target as its source states it, at the precision it was written ("above 10%",
    "5% to 6%", "182,000 units"), and, where it is put on another series, its value there."""
    unit = _unit(row, indicators, stated=True)
    resolution = row.resolution if pd.notna(row.resolution) else None
    if row.qualifier == "range":
        low, high = (
            readable(v, unit, resolution, lang) for v in (row.target_lower, row.target_upper)
        )
        written = text("range", lang, lower=low, upper=high)
    else:
        written = readable(row.stated, unit, resolution, lang)
        qualifier = QUALIFIERS.get(row.qualifier)
        written = text(f"qualifier.{qualifier}", lang, figure=written) if qualifier else written
    if row.stated_indicator != row.indicator and row.measure == "level":
        on_series = readable(row.target_value, _unit(row, indicators), lang=lang)
        written = text("verdict.on_series", lang, stated=written, value=on_series)
    return written


def interval_written(lower: str, upper: str, lang: str = "en") -> str:
    """An interval's written ends: "a to b", or "at least a" / "at most b" where one end is
    unbounded (the growth of a year whose predecessor may fall to zero), "" without one."""
    if lower and upper:
        return text("range", lang, lower=lower, upper=upper)
    if lower or upper:
        key = "qualifier.at_least" if lower else "qualifier.at_most"
        return text(key, lang, figure=lower or upper)
    return ""


def lower_end_only(row) -> bool:
    """A range target whose lower end is met and upper end is not."""
    met, upper = row.met, row.met_upper
    return (
        row.qualifier == "range" and pd.notna(met) and bool(met) and pd.notna(upper) and not upper
    )


def _met(row, lang: str) -> str:
    """yes, no, or for a range "its lower end only"; "" where not assessed."""
    if lower_end_only(row):
        return text("verdict.lower_end_only", lang)
    return answer(row.met, lang)


def judged_table(
    assessment: pd.DataFrame, indicators: pd.DataFrame, sources: pd.DataFrame, lang: str = "en"
) -> pd.DataFrame:
    """The targets whose year has been observed: the target as stated, what was observed (or
    interpolated between the observed years around it) and by whom, and the verdict."""
    rows = assessment[assessment.basis.isin(JUDGED)]
    frame = pd.DataFrame(
        {
            "target": [labelled(t, lang) for t in rows.target],
            "target_value": [target_written(r, indicators, lang) for r in rows.itertuples()],
            "outcome": [
                readable(r.outcome, _unit(r, indicators), lang=lang) for r in rows.itertuples()
            ],
            "basis": rows.basis.tolist(),
            "outcome_source": [source_name(s, sources, lang) for s in rows.outcome_source],
            "gap_pct": [number(v, 1, lang) for v in rows.gap_pct],
            "met": [_met(r, lang) for r in rows.itertuples()],
            "rounding_moves": [answer(v, lang) for v in rows.rounding_moves],
        }
    )
    return table(frame, lang)


def verdict_table(
    assessment: pd.DataFrame, indicators: pd.DataFrame, lang: str = "en"
) -> pd.DataFrame:
    """The targets projected: one row per target and model, figures written out in their
    unit, the interval as "lower to upper", the gap in percent of the least the target asks,
    the probability and ratios to two decimals, categories and comments translated (a
    category whose ratio lies near a cut-off marked so)."""
    a = assessment[assessment.basis == "projected"]

    def shown(column: str) -> list[str]:
        return [
            readable(getattr(r, column), _unit(r, indicators), lang=lang) for r in a.itertuples()
        ]

    def decimals(column: str, places: int) -> pd.Series:
        return a[column].map(lambda v: number(v, places, lang))

    def translated(column: str) -> pd.Series:
        return a[column].map(lambda v: message(v, lang))

    def category(method: str) -> pd.Series:
        """The category, marked where its ratio lies near a cut-off (methods.BOUNDARY_BAND)."""
        near = a[f"{method}_near_cutoff"].fillna(False).astype(bool)
        named = translated(f"{method}_category")
        marked = named.map(lambda c: text("verdict.near_cutoff", lang, category=c))
        return marked.where(near, named)

    level = percent(100 * a["level"].iloc[0], 0, lang) if len(a) else ""
    lower, upper = shown("lower"), shown("upper")
    columns = {
        "target": a["target"].map(lambda t: labelled(t, lang)),
        "target_value": [target_written(r, indicators, lang) for r in a.itertuples()],
        "model": translated("model"),
        "projected": shown("projected"),
        "interval": [interval_written(lo, hi, lang) for lo, hi in zip(lower, upper, strict=True)],
        "gap_pct": decimals("gap_pct", 1),
        "met": [_met(r, lang) for r in a.itertuples()],
        "probability": decimals("probability", 2),
        "rounding_moves": [answer(v, lang) for v in a.rounding_moves],
        "eurostat": category("eurostat"),
        "escap": category("escap"),
        "comment": translated("probability_note"),
    }
    headers = {key: text(f"verdict.{key}", lang, level=level) for key in columns}
    return pd.DataFrame({headers[k]: list(v) for k, v in columns.items()})


def verdicts_by_reading(assessments: dict[str, pd.DataFrame], lang: str = "en") -> pd.DataFrame:
    """The targets of the seed articles' IKM count under each reading of the count
    (helpers.targets.by_reading): what each verdict rests on and says, or why there is none."""
    rows = []
    for reading, assessment in assessments.items():
        for target in assessment[assessment.stated_indicator == COUNT].target.unique():
            rows.append(_reading_row(reading, assessment[assessment.target == target], lang))
    frame = pd.DataFrame(rows, columns=["units_reading", "target", "basis", "met"])
    return table(frame.set_index("units_reading"), lang)


def _reading_row(reading: str, found: pd.DataFrame, lang: str) -> dict:
    """One target's verdict under one reading."""
    judged = found[found.assessable]
    if judged.empty:
        verdict, basis = message(found.reason.iloc[0], lang), ""
    else:
        basis = message(judged.basis.iloc[0], lang)
        met = int(judged.met.astype(bool).sum())
        verdict = (
            answer(bool(met), lang)
            if len(judged) == 1
            else text("verdict.models_met", lang, met=number(met), models=number(len(judged)))
        )
    target = labelled(found.target.iloc[0], lang)
    return {"units_reading": reading, "target": target, "basis": basis, "met": verdict}


def unassessable_table(
    assessment: pd.DataFrame, indicators: pd.DataFrame, lang: str = "en"
) -> pd.DataFrame:
    """The targets that could not be assessed, as stated, with the reason."""
    rows = assessment.loc[~assessment.assessable]
    frame = pd.DataFrame(
        {
            "target": [labelled(t, lang) for t in rows.target],
            "target_value": [target_written(r, indicators, lang) for r in rows.itertuples()],
            "reason": rows.reason.tolist(),
        }
    )
    return table(frame, lang)
