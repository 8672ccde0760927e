"""helpers.report.findings: the answer first, computed from the results it summarises."""

import re

import pytest
from support import MODELS

from helpers import targets
from helpers.clean.readings import UNITS_READINGS
from helpers.core.paths import DATA
from helpers.report import findings
from helpers.report.display import labelled
from helpers.report.language import LANGUAGES, text
from helpers.trends import build as project


def assess(clean_table):
    return targets.build(clean_table, "ikm_value_added", MODELS, 0.95)


def by_reading():
    return targets.by_reading(DATA / "processed", "latest", "ikm_value_added", MODELS, 0.95)


def numbers(sentence: str) -> list[str]:
    return re.findall(r"[0-9]+(?:[.,][0-9]+)?", sentence)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_figures_findings_count_what_the_clean_table_holds(clean_table, lang):
    found = findings.figures_findings(clean_table, lang)
    stated = clean_table.figures[clean_table.figures.kind != "derived"]
    assert found.title == text("findings.title", lang)
    assert numbers(found.points[0])[:2] == [str(len(stated)), str(stated.source_id.nunique())]
    passed = int((clean_table.checks.status == "pass").sum())
    assert numbers(found.points[1])[:2] == [str(passed), str(len(clean_table.checks))]
    assert 'class="key-findings"' in found._repr_html_()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_projections_findings_give_the_spread_across_models(clean_table, lang):
    projected = project(clean_table, ["ikm_value_added"], MODELS, 2019, 0.95).projections
    found = findings.projections_findings(projected, clean_table.indicators, lang)
    assert found.points[0].startswith(labelled("ikm_value_added", lang))
    last = projected[projected.year == 2019]
    without = int(last.lower.isna().sum())
    assert numbers(found.points[-1])[-2:] == [str(without), str(len(last))]


def test_targets_findings_match_the_verdicts_and_name_the_reading_that_matters(clean_table):
    assessment = assess(clean_table)
    found = findings.targets_findings(assessment, by_reading(), "en")
    for target, group in assessment[assessment.assessable].groupby("target"):
        point = next(p for p in found.points if p.startswith(labelled(target, "en") + ":"))
        met = int(group.met.astype(bool).sum())
        assert f"met by {met} of {len(group)} models" in point
    caveat = next(p for p in found.points if p.startswith("Main caveat"))
    assert labelled("ikm_units 2017", "en") in caveat  # its Eurostat category turns on the reading
    assert "significant progress" in caveat and "moderate progress" in caveat


def test_without_reading_differences_the_caveat_is_the_missing_uncertainty(clean_table):
    assessment = assess(clean_table)
    same = {reading: assessment for reading in UNITS_READINGS}
    caveat = [p for p in findings.targets_findings(assessment, same, "en").points if "caveat" in p]
    rows = assessment[assessment.assessable]
    assert caveat == [
        text(
            "findings.no_uncertainty",
            without=str(int(rows.probability.isna().sum())),
            models=str(len(rows)),
        )
    ]
