"""Conflicting sources: all kept, reported, and one chosen downstream by policy."""

import pandas as pd
import pytest

from helpers.clean.conflicts import resolve

SOURCES = pd.DataFrame(
    {"source_id": ["old", "new", "yearonly"], "published": ["2017-03-01", "2017-12-28", "2018"]}
)


def fig(source, value, indicator="va", period=2016):
    return {
        "indicator": indicator, "period": period, "subperiod": "", "kind": "actual",
        "value": value,
        "lower": value, "upper": value, "qualifier": "=", "source_id": source,
    }  # fmt: skip


FIGURES = pd.DataFrame([fig("old", 520.0), fig("new", 521.0), fig("new", 5.0, "n")])


@pytest.mark.parametrize(
    ("policy", "chosen"), [("latest", 521.0), ("earliest", 520.0), ("old", 520.0), ("new", 521.0)]
)
def test_policy_chooses_the_value_used(policy, chosen):
    used, conflicts = resolve(FIGURES, SOURCES, policy)
    assert used.set_index("indicator").loc["va", "value"] == chosen
    assert len(used) == 2
    assert sorted(conflicts.source_id) == ["new", "old"]
    assert conflicts.loc[conflicts.used, "value"].tolist() == [chosen]


def test_agreeing_sources_are_not_a_conflict():
    used, conflicts = resolve(pd.DataFrame([fig("old", 520.0), fig("new", 520.0)]), SOURCES)
    assert conflicts.empty and len(used) == 1


def test_a_year_only_date_counts_as_the_start_of_its_year():
    figures = pd.DataFrame([fig("new", 521.0), fig("yearonly", 519.0)])
    used, _ = resolve(figures, SOURCES, "latest")
    assert used.value.tolist() == [519.0]


def test_unknown_policy_lists_allowed_values():
    with pytest.raises(ValueError, match=r"prefer_source='x' .*'latest', 'earliest', 'old'"):
        resolve(FIGURES, SOURCES, "x")


def test_no_figures_yet_is_no_conflict():
    # a workspace whose articles were just added has no register rows: nothing to resolve
    used, conflicts = resolve(FIGURES.iloc[:0], SOURCES)
    assert used.empty and conflicts.empty
    assert "used" in conflicts.columns
