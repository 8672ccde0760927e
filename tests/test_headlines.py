"""The one-line results the report index shows: counted from the tables, not restated."""

import pandas as pd

from helpers import headlines, pipeline
from helpers.paths import DATA
from helpers.register import load_indicators

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
    table = pipeline.build(data_dir)
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
    assert "Rp3,00 triliun (Rp2,00 triliun to Rp4,00 triliun)" in line
    assert "Rp1,00" not in line


def test_projections_headline_falls_back_to_the_first_model_and_says_when_no_interval():
    projected = pd.DataFrame([projection("drift", 2019, 3e12)])
    line = headlines.projections_headline(projected, INDICATORS)
    assert line.startswith("2019, drift trend")
    assert line.endswith("(no interval)")


def test_targets_headline_counts_models_meeting_each_target():
    assessment = pd.DataFrame(
        {
            "target": ["a 2017", "a 2017", "b 2018", "c 2019"],
            "met": pd.array([True, False, False, pd.NA], dtype="boolean"),
            "assessable": [True, True, True, False],
        }
    )
    line = headlines.targets_headline(assessment)
    counts = "a 2017: met by 1 of 2 models; b 2018: met by 0 of 1 models"
    assert line == counts + " (1 targets cannot be assessed)"


def test_targets_headline_when_nothing_is_assessable():
    assessment = pd.DataFrame({"target": ["c"], "met": [pd.NA], "assessable": [False]})
    assert headlines.targets_headline(assessment) == "no target can be assessed"
