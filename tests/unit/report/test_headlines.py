"""The one-line results the report index shows: counted from the tables, not restated."""

import pandas as pd

from helpers import clean
from helpers.core.paths import DATA
from helpers.extract.register import load_indicators
from helpers.report import headlines
from helpers.report.display import readable
from helpers.report.language import label, text

INDICATORS = load_indicators(DATA)


def projection(model: str, year: int, value: float, lower=None, upper=None) -> dict:
    return {
        "indicator": "ikm_value_added",
        "model": model,
        "year": year,
        "value": value,
        "lower": lower,
        "upper": upper,
        "level": 0.8,
    }


def test_figures_headline_counts_registered_figures_sources_checks_and_conflicts(data_dir):
    table = clean.build(data_dir)
    register = pd.read_csv(data_dir / "register.csv")
    line = headlines.figures_headline(table)
    assert line.startswith(f"{len(register)} figures from {register.source_id.nunique()} sources")
    passed = (table.checks.status == "pass").sum()
    assert f"{passed} pass" in line
    assert line.endswith(f"conflicts: {len(table.conflicts)}")


def test_projections_headline_prefers_linear_at_the_last_year():
    projected = pd.DataFrame(
        [
            projection("naive", 2019, 1e12, 0, 2e12),
            projection("linear", 2018, 2e12, 1e12, 3e12),
            projection("linear", 2019, 3e12, 2e12, 4e12),
        ]
    )
    line = headlines.projections_headline(projected, INDICATORS)
    assert line.startswith("2019, linear trend, 80% interval: ")
    three, two, four, one = (readable(v, "IDR") for v in (3e12, 2e12, 4e12, 1e12))
    assert f"{three} ({two} to {four})" in line
    assert one not in line


def test_projections_headline_in_indonesian():
    projected = pd.DataFrame([projection("linear", 2019, 3e12, 2e12, 4e12)])
    line = headlines.projections_headline(projected, INDICATORS, "id")
    three, two, four = (readable(v, "IDR", lang="id") for v in (3e12, 2e12, 4e12))
    shown = text("range", "id", lower=two, upper=four)
    assert f"{label(INDICATORS, 'ikm_value_added', 'id')} {three} ({shown})" in line
    assert line.startswith(
        text("headline.projections", "id", year=2019, model="linier", level="80%", parts="")
    )  # the model's name in the reader's language, as the key findings give it


def test_projections_headline_falls_back_to_the_first_model_and_says_when_no_interval():
    projected = pd.DataFrame([projection("drift", 2019, 3e12)])
    line = headlines.projections_headline(projected, INDICATORS)
    assert line.startswith("2019, drift trend")
    assert line.endswith("(no interval)")


LABELS = pd.DataFrame(
    {"label_en": ["Alpha", "Beta", "Gamma"], "label_id": ["Alfa", "Beta", "Gama"]},
    index=pd.Index(["a", "b", "c"], name="indicator"),
)


def test_targets_headline_counts_models_meeting_each_target_named_by_its_label():
    assessment = pd.DataFrame(
        {
            "target": ["a 2017", "a 2017", "b 2018", "c 2019", "a 2016"],
            "indicator": ["a", "a", "c", "c", "a"],  # b's target assessed on the series c
            "met": pd.array([True, False, False, pd.NA, True], dtype="boolean"),
            "assessable": [True, True, True, False, True],
            "basis": ["projected", "projected", "projected", "", "observed"],
        }
    )
    line = headlines.targets_headline(assessment, LABELS)
    counts = "Alpha 2017: met by 1 of 2 models; Beta 2018: met by 0 of 1 models"
    counts += "; Alpha 2016: met (observed)"  # judged on the observation, no model
    assert line == counts + " (1 targets cannot be assessed)"  # named by the target's label
    assert headlines.targets_headline(assessment, LABELS, "id").startswith("Alfa 2017: ")


def test_targets_headline_when_nothing_is_assessable():
    assessment = pd.DataFrame(
        {"target": ["c 2019"], "indicator": ["c"], "met": [pd.NA], "assessable": [False]}
    )
    assert headlines.targets_headline(assessment, LABELS) == "no target can be assessed"
    nothing = text("headline.nothing_assessable", "id")
    assert headlines.targets_headline(assessment, LABELS, "id") == nothing


def test_figures_headline_in_indonesian(data_dir):
    table = clean.build(data_dir)
    line = headlines.figures_headline(table, "id")
    passed = (table.checks.status == "pass").sum()
    assert f"{passed} {text('value.pass', 'id')}" in line
    assert line != headlines.figures_headline(table, "en")
