"""helpers.report.findings: the answer first, computed from the results it summarises."""

import re

import pytest
from support import MODELS

from helpers import targets
from helpers.clean.readings import UNITS_READINGS
from helpers.report import findings
from helpers.report.display import labelled, readable, source_name
from helpers.report.language import LANGUAGES, text
from helpers.trends import build as project


def assess(clean_table):
    return targets.build(clean_table, "ikm_value_added", MODELS, 0.95)


def numbers(sentence: str) -> list[str]:
    return re.findall(r"[0-9]+(?:[.,][0-9]+)?", sentence)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_figures_findings_count_what_the_clean_table_holds(clean_table, lang):
    found = findings.figures_findings(clean_table, lang)
    stated = clean_table.figures[clean_table.figures.kind != "derived"]
    assert found.title == text("findings.title", lang)
    first, last = (min(clean_table.sources.published)[:4], max(clean_table.sources.published)[:4])
    figures, sources, *years = numbers(found.points[0])[:4]
    assert [figures, sources] == [f"{len(stated)}", f"{stated.source_id.nunique()}"]
    assert years[0] >= first and years[1] == last
    set_aside = clean_table.checks[clean_table.checks.check == "magnitude"]
    assert numbers(found.points[1])[0] == str(len(set_aside))
    assert 'class="key-findings"' in found._repr_html_()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_projections_findings_give_the_spread_across_models(clean_table, lang):
    projected = project(clean_table, ["ikm_value_added"], MODELS, 2029, 0.95).projections
    found = findings.projections_findings(projected, clean_table.indicators, lang)
    assert found.points[0].startswith(labelled("ikm_value_added", lang))
    last = projected[projected.year == 2029]
    without = int(last.lower.isna().sum())
    if without:
        assert numbers(found.points[-1])[-2:] == [str(without), str(len(last))]
    else:  # no count of projections without an interval when there is none
        assert found.points[-1] == text("findings.short_series", lang)
    assert labelled("ikm_value_added", lang) in found.points[0]


def test_projections_findings_count_the_projections_without_an_interval(clean_table):
    projected = project(clean_table, ["ikm_value_added"], ["naive", "linear"], 2029, 0.95)
    rows = projected.projections.assign(lower=float("nan"), upper=float("nan"))
    found = findings.projections_findings(rows, clean_table.indicators, "en")
    last = rows[rows.year == 2029]
    assert numbers(found.points[-1])[-2:] == [str(len(last)), str(len(last))]


def sentence_from_the_table(target: str, rows, indicators, sources) -> str:
    """A target's sentence recomputed from its rows of targets.csv alone."""
    first = rows.iloc[0]
    name = labelled(target, "en")
    if first.basis != "projected":
        verdict = "met" if first.met else "not met"
        if first.qualifier == "range" and first.met and not first.met_upper:
            verdict = "its lower end met, its upper end not"
        unit = "%" if first.measure == "growth" else indicators.unit[first.indicator]
        outcome = readable(first.outcome, unit)
        where = "was observed" if first.basis == "observed" else "on the line between"
        return f"{name}: {verdict}", outcome, where, source_name(first.outcome_source, sources)
    met = int(rows.met.astype(bool).sum())
    return f"{name} (", f"{met} of {len(rows)} models project it met", "", ""


def test_each_target_gets_one_sentence_recomputed_from_the_table(clean_table):
    assessment = assess(clean_table)
    by_reading = targets.by_reading(clean_table, "ikm_value_added", MODELS, 0.95)
    points = findings.targets_findings(
        assessment, by_reading, clean_table.indicators, clean_table.sources, "en"
    ).points
    assessable = assessment[assessment.assessable]
    for target, rows in assessable.groupby("target"):
        parts = sentence_from_the_table(target, rows, clean_table.indicators, clean_table.sources)
        found = [p for p in points if p.startswith(parts[0])]
        assert len(found) == 1, target
        assert all(part in found[0] for part in parts), (parts, found[0])
    judged = assessable[assessable.basis != "projected"].target.nunique()
    assert all(" project it met" not in p for p in points[:judged])  # judged targets first
    count = int((~assessment.assessable).sum())
    assert points[-1] == text("findings.unassessable", count=str(count))


def test_a_verdict_that_turns_on_the_reading_is_named_as_the_caveat(clean_table):
    assessment = assess(clean_table)
    by_reading = targets.by_reading(clean_table, "ikm_value_added", MODELS, 0.95)
    points = findings.targets_findings(
        assessment, by_reading, clean_table.indicators, clean_table.sources, "en"
    ).points
    caveat = next(p for p in points if p.startswith("Main caveat"))
    assert labelled("ikm_units 2017", "en") in caveat
    same = {reading: assessment for reading in UNITS_READINGS}
    points = findings.targets_findings(
        assessment, same, clean_table.indicators, clean_table.sources, "en"
    ).points
    assert not [p for p in points if p.startswith("Main caveat")]
