"""helpers.report.verdicts: verdicts written out for readers, in either language."""

from __future__ import annotations

from support import MODELS, STOCK_2015, STOCK_2016, STOCK_TARGET, assess, target_row

from helpers import targets
from helpers.core.paths import DATA
from helpers.report import verdicts
from helpers.report.display import header
from helpers.report.language import message, text


def test_verdict_table():
    rows = [
        target_row("units", "units_stock", 2017, STOCK_TARGET),
        target_row("vague", "value_added", 2019, 1.0, reason="no number"),
    ]
    verdict = verdicts.verdict_table(assess(*rows))
    assert len(verdict) == 5
    assert list(verdict["Met"]) == ["no"] * 4 + [""]
    drift = verdict.iloc[1]
    assert drift["Projected"] == f"{round(2 * STOCK_2016 - STOCK_2015):,}"
    assert drift["Comment"].startswith("no uncertainty estimate")
    assert verdict.iloc[4]["Comment"] == "no number"
    # Eurostat ratio 0.045 / ((182000 / 158835) ** 0.5 - 1) = 0.64: within 0.05 of 0.60
    assert verdict.iloc[0]["Eurostat"] == "moderate progress (near a cut-off)"
    naive = verdict.iloc[0]
    assert naive["Gap (%)"] == f"{100 * (STOCK_2016 - STOCK_TARGET) / STOCK_TARGET:.1f}"
    assert " - " in naive.filter(like="Interval").item()
    assert drift.filter(like="Interval").item() == ""


def test_verdict_table_in_indonesian():
    assessment = assess(target_row("units", "units_stock", 2017, STOCK_TARGET))
    english, verdict = verdicts.verdict_table(assessment), verdicts.verdict_table(assessment, "id")
    assert list(verdict[text("verdict.met", "id")]) == [text("value.no", "id")] * 4
    eurostat = verdict[text("verdict.eurostat", "id")]
    marked = [message(c, "id") + " (dekat batas kategori)" for c in assessment.eurostat_category]
    assert list(eurostat) == marked
    assert list(eurostat) != list(english["Eurostat"])
    drift = verdict.iloc[1]
    assert drift[text("verdict.projected", "id")] == english.iloc[1]["Projected"].replace(",", ".")
    assert drift[text("verdict.comment", "id")] == message(english.iloc[1]["Comment"], "id")


def test_verdicts_differ_between_readings():
    by_reading = targets.by_reading(DATA / "processed", "latest", "ikm_value_added", MODELS, 0.95)
    table = verdicts.verdicts_by_reading(by_reading, "ikm_units 2017")
    # ratios 0.98 (increase) and 0.64 (stock), each within 0.05 of a Eurostat cut-off
    near = "{} (near a cut-off)"
    assert table.loc[("increase", "Eurostat")].unique().tolist() == [
        near.format("significant progress")
    ]
    assert table.loc[("stock", "Eurostat")].unique().tolist() == [near.format("moderate progress")]
    assert table.loc[("stock", "Target value")].unique().tolist() == ["182,000"]


def test_unassessable_targets_are_listed_with_their_reason(clean_table):
    assessment = targets.build(clean_table, "ikm_value_added", MODELS, 0.95)
    shown = verdicts.unassessable_table(assessment, "en")
    assert len(shown) == int((~assessment.assessable).sum()) == 6
    columns = ["target", "target_value", "reason"]
    assert list(shown.columns) == [header(c, "en") for c in columns]
    assert not shown[header("target", "en")].str.contains("_").any()  # labels, not ids


def test_a_category_far_from_every_cut_off_is_not_marked():
    # falling 100, 90, 80 towards 120: Eurostat ratio about -3.6, far from 0
    verdict = verdicts.verdict_table(assess(target_row("up", "falling", 2018, 120.0)))
    assert set(verdict["Eurostat"]) == {"movement away"}
