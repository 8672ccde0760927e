"""helpers.report.verdicts: verdicts written out for readers, in either language."""

from __future__ import annotations

import pandas as pd
from support import MODELS, STOCK_2015, STOCK_2016, STOCK_TARGET, assess, target_row

from helpers import targets
from helpers.report import verdicts
from helpers.report.display import header
from helpers.report.language import message, text

UNITS = pd.DataFrame(
    {"unit": {"units_stock": "unit", "value_added": "IDR", "falling": "unit", "growth": "%"}}
)


def test_verdict_table():
    rows = [
        target_row("units", "units_stock", 2017, STOCK_TARGET),
        target_row("vague", "value_added", 2019, 1.0, reason="no number"),
    ]
    verdict = verdicts.verdict_table(assess(*rows), UNITS)
    assert len(verdict) == 4  # the projections only: the unassessable target has its own table
    assert list(verdict["Met"]) == ["no"] * 4
    drift = verdict.iloc[1]
    assert drift["Projected"] == f"{round(2 * STOCK_2016 - STOCK_2015):,} units"
    assert drift["Comment"].startswith("no uncertainty estimate")
    # Eurostat ratio 0.045 / ((182000 / 158835) ** 0.5 - 1) = 0.64: within 0.05 of 0.60
    assert verdict.iloc[0]["Eurostat"] == "moderate progress (near a cut-off)"
    naive = verdict.iloc[0]
    assert naive["Gap (%)"] == f"{100 * (STOCK_2016 - STOCK_TARGET) / STOCK_TARGET:.1f}"
    assert " to " in naive.filter(like="Interval").item()
    assert drift.filter(like="Interval").item() == ""
    assert naive["Target value"] == "182,000 units"


def test_verdict_table_in_indonesian():
    assessment = assess(target_row("units", "units_stock", 2017, STOCK_TARGET))
    english = verdicts.verdict_table(assessment, UNITS)
    verdict = verdicts.verdict_table(assessment, UNITS, "id")
    assert list(verdict[text("verdict.met", "id")]) == [text("value.no", "id")] * 4
    eurostat = verdict[text("verdict.eurostat", "id")]
    marked = [message(c, "id") + " (dekat batas kategori)" for c in assessment.eurostat_category]
    assert list(eurostat) == marked
    assert list(eurostat) != list(english["Eurostat"])
    drift = verdict.iloc[1]
    digits = f"{round(2 * STOCK_2016 - STOCK_2015):,}".replace(",", ".")
    assert drift[text("verdict.projected", "id")] == f"{digits} unit"
    assert drift[text("verdict.comment", "id")] == message(english.iloc[1]["Comment"], "id")


def test_a_judged_target_shows_the_outcome_its_source_and_the_gap():
    sources = pd.DataFrame(
        {"source_id": ["o"], "publisher": ["Okezone"], "published": ["2018-02-08"]}
    )
    assessment = assess(
        target_row("now", "value_added", 2016, 500e12, resolution=1e12),
        sources={("value_added", 2016): "o"},
    )
    shown = verdicts.judged_table(assessment, UNITS, sources).iloc[0]
    assert shown[header("outcome")] == "Rp 520.00 trillion"
    assert shown[header("target_value")] == "Rp 500 trillion"  # as the source wrote it
    assert shown[header("outcome_source")] == "Okezone, 8 February 2018"
    assert (shown[header("basis")], shown[header("met")]) == ("observed", "yes")
    assert shown[header("gap_pct")] == "4.0"


def test_a_range_target_met_at_its_lower_end_only_says_so():
    row = target_row("r", "growth", 2019, 5.5, qualifier="range", lower=5.0, upper=6.0)
    assessment = assess(row, series={"growth": ([2018, 2019], [10.0, 5.5])})
    shown = verdicts.judged_table(assessment, UNITS, pd.DataFrame(columns=["source_id"]))
    assert shown[header("met")].tolist() == ["lower end only"]
    assert shown[header("target_value")].tolist() == ["5% to 6%"]  # as written


def test_the_count_target_under_each_reading(built_from_raw):
    table = built_from_raw()
    by_reading = targets.by_reading(table, "ikm_value_added", MODELS, 0.95)
    shown = verdicts.verdicts_by_reading(by_reading)
    increase, stock = (shown.loc[message(r)] for r in ("increase", "stock"))
    assert (increase[header("basis")], increase[header("met")]) == ("interpolated", "no")
    assert stock[header("met")].startswith("on the unit stock under this reading")


def test_unassessable_targets_are_listed_with_their_reason(clean_table):
    assessment = targets.build(clean_table, "ikm_value_added", MODELS, 0.95)
    shown = verdicts.unassessable_table(assessment, clean_table.indicators, "en")
    assert len(shown) == int((~assessment.assessable).sum()) > 0
    columns = ["target", "target_value", "reason"]
    assert list(shown.columns) == [header(c, "en") for c in columns]
    assert not shown[header("target", "en")].str.contains("_").any()  # labels, not ids


def test_a_category_far_from_every_cut_off_is_not_marked():
    # falling 100, 90, 80 towards 120: Eurostat ratio about -3.6, far from 0
    verdict = verdicts.verdict_table(assess(target_row("up", "falling", 2018, 120.0)), UNITS)
    assert set(verdict["Eurostat"]) == {"movement away"}
