"""helpers.report.hindsight: the key findings and tables of notebook 05 say what the
hindsight tables say, in the reader's language; the figure draws one line per vintage."""

import re

import pytest

from helpers import hindsight
from helpers.report.display import header, labelled, readable, source_name
from helpers.report.language import LANGUAGES, number, text
from helpers.trends.series import observed

INDICATORS = ["ikm_value_added", "ikm_units_stock"]
MODELS = ["naive", "drift", "linear", "loglinear", "combined"]


@pytest.fixture(scope="module")
def looked_back(built_from_raw):
    table = built_from_raw()
    return table, hindsight.build(table, INDICATORS, MODELS, 0.95, "ikm_value_added")


@pytest.fixture(scope="module")
def report():
    from helpers.report import hindsight as report

    return report


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_findings_quote_the_combinations_score_and_the_views_last_outcome(
    looked_back, report, lang
):
    table, found = looked_back
    scores = hindsight.scores(found).set_index("model")
    points = report.hindsight_findings(
        found, scores.reset_index(), table.indicators, table.sources, lang, "2017-12-31"
    ).points
    assert number(scores.mape["combined"], 1, lang) in points[0]
    assert number(int(scores.projections["combined"]), 0, lang) in points[0]
    rows = found.projections
    view = rows[(rows.vintage == "2017-12-31") & (rows.model == "combined")]
    last = view.loc[view.year.idxmax()]
    unit = table.indicators.unit[last.indicator]
    (sentence,) = [p for p in points if labelled(last.indicator, lang) in p]
    assert readable(last.projected, unit, lang=lang) in sentence
    assert readable(last.outcome, unit, lang=lang) in sentence
    assert source_name(last.outcome_source, table.sources, lang) in sentence
    held = text("findings.held" if last.covered else "findings.missed", lang)
    assert sentence.endswith(held + ".")
    hits = round(scores.hit_rate["combined"] * scores.verdicts["combined"])
    assert re.search(rf"\b{hits}\b.*\b{int(scores.verdicts['combined'])}\b", points[-1])


def test_a_view_the_vintages_never_made_falls_back_to_the_earliest(looked_back, report):
    _, found = looked_back
    earliest = min(found.projections.vintage)
    assert report.first_view(found, "ikm_units_stock", "1999-12-31") == earliest
    assert report.first_view(found, "ikm_units_stock", "2017-12-31") == "2017-12-31"
    assert report.first_view(found, "no_such_indicator") is None


def test_the_view_table_shows_one_vintage_every_model_and_its_outcomes(looked_back, report):
    table, found = looked_back
    shown = report.view_table(
        found, "ikm_units_stock", table.indicators, table.sources, "en", "2017-12-31"
    )
    rows = found.projections
    rows = rows[(rows.vintage == "2017-12-31") & (rows.indicator == "ikm_units_stock")]
    assert len(shown) == len(rows)
    unit = table.indicators.unit["ikm_units_stock"]
    outcomes = [readable(v, unit) for v in rows.outcome]
    assert list(shown[header("outcome", "en")]) == outcomes
    assert set(shown[header("model", "en")]) == set(MODELS)


def test_the_scores_and_verdicts_tables_keep_a_row_each(looked_back, report):
    _, found = looked_back
    scores = hindsight.scores(found)
    assert len(report.scores_table(scores, "id")) == len(scores)
    assert len(report.verdicts_table(found.verdicts, "id")) == len(found.verdicts)


def test_the_vintage_figure_draws_each_vintage_and_the_record(looked_back, report):
    table, found = looked_back
    figure = report.vintage_figure(
        found, observed(table, "ikm_units_stock"), "ikm_units_stock", table.indicators
    )
    rows = found.projections
    vintages = rows[(rows.indicator == "ikm_units_stock") & (rows.model == "combined")].vintage
    (axes,) = figure.axes
    assert len(axes.lines) == vintages.nunique()
    assert len(axes.collections[0].get_offsets()) == len(observed(table, "ikm_units_stock")[0])
    figures = report.vintage_figures(found, table, INDICATORS)
    assert list(figures) == ["ikm_units_stock"]  # the value added was never projected since


def test_the_vintage_figures_legend_hides_no_figure_of_the_record(looked_back, report):
    """Inside the plot, the legend covered the record's first figure (2012)."""
    table, found = looked_back
    history = observed(table, "ikm_units_stock")
    figure = report.vintage_figure(found, history, "ikm_units_stock", table.indicators)
    figure.canvas.draw()
    (axes,) = figure.axes
    legend = axes.get_legend().get_window_extent()
    points = axes.transData.transform(axes.collections[0].get_offsets())
    assert not [p for p in points if legend.contains(*p)]
