"""Verdicts as a reader reads them: one row per target and model, in the reader's language."""

import pandas as pd

from helpers.report.display import labelled, table
from helpers.report.language import answer, message, number, percent, text


def verdict_table(assessment: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Reader-facing verdict in `lang`: one row per target and model, figures written out.

    Values in units (level targets) or percent (growth targets) with the language's
    separators, the interval as "lower - upper", gap in percent of the target (one decimal),
    probability and ratios to two decimals, categories and comments translated (a category
    whose ratio lies near a cut-off marked so), "Met" yes, no or "" (not assessable).
    """
    a = assessment

    def shown(column: str) -> pd.Series:
        values = zip(a[column], a["measure"], strict=True)
        return pd.Series(
            [percent(v, 1, lang) if m == "growth" else number(v, 0, lang) for v, m in values],
            index=a.index,
        )

    def decimals(column: str, places: int) -> pd.Series:
        return a[column].map(lambda v: number(v, places, lang))

    def translated(column: str) -> pd.Series:
        return a[column].map(lambda v: message(v, lang))

    def category(method: str) -> pd.Series:
        """The category, marked where its ratio lies near a cut-off (methods.BOUNDARY_BAND)."""
        near = a[f"{method}_near_cutoff"].fillna(False).astype(bool)
        shown = translated(f"{method}_category")
        marked = shown.map(lambda c: text("verdict.near_cutoff", lang, category=c))
        return marked.where(near, shown)

    level = percent(100 * a["level"].iloc[0], 0, lang) if len(a) else ""
    interval = (shown("lower") + " - " + shown("upper")).where(a["lower"].notna(), "")
    columns = {
        "target": a["target"].map(lambda t: labelled(t, lang)),
        "model": translated("model"),
        "target_value": a["qualifier"].where(a["qualifier"] == ">", "") + shown("target_value"),
        "projected": shown("projected"),
        "interval": interval,
        "gap_pct": decimals("gap_pct", 1),
        "met": a["met"].map(lambda v: answer(v, lang)),
        "probability": decimals("probability", 2),
        "eurostat_ratio": decimals("eurostat_ratio", 2),
        "eurostat": category("eurostat"),
        "escap_ratio": decimals("escap_ratio", 2),
        "escap": category("escap"),
        "comment": translated("reason").where(a["reason"] != "", translated("probability_note")),
    }
    headers = {key: text(f"verdict.{key}", lang, level=level) for key in columns}
    return pd.DataFrame({headers[k]: v for k, v in columns.items()}).reset_index(drop=True)


def verdicts_by_reading(
    assessments: dict[str, pd.DataFrame], target: str, lang: str = "en"
) -> pd.DataFrame:
    """One target's verdict under each reading of the IKM count, in `lang`: a row per reading
    and verdict, a column per model (the assessments of helpers.targets.by_reading)."""
    keys = ["target_value", "projected", "met", "probability", "eurostat", "escap"]
    columns = [text(f"verdict.{key}", lang) for key in keys]
    model = text("verdict.model", lang)
    frames = {
        reading: verdict_table(assessment[assessment.target == target], lang).set_index(model)[
            columns
        ]
        for reading, assessment in assessments.items()
    }
    frames = {message(reading, lang): frame for reading, frame in frames.items()}
    return pd.concat(frames, axis=1, names=[text("column.units_reading", lang), ""]).T


def unassessable_table(assessment: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The targets that could not be assessed, with the reason, as readers see them (the
    registrar's note, in English, stays in targets.csv)."""
    rows = assessment.loc[~assessment.assessable, ["target", "target_value", "reason"]]
    return table(rows, lang)
