"""Conflicting sources: all kept, reported, and one chosen downstream by policy."""

import pandas as pd
import pytest

from helpers.clean.conflicts import resolve

SOURCES = pd.DataFrame(
    {
        "source_id": ["old", "new", "yearonly", "ministry"],
        "publisher": ["Kompas", "Okezone", "Kompas", "Kementerian Perindustrian"],
        "published": ["2017-03-01", "2017-12-28", "2018", "2017-06-01"],
    }
)


def fig(source, value, indicator="va", period=2016, qualifier="=", resolution=1.0, sub=""):
    return {
        "indicator": indicator, "period": period, "subperiod": sub, "kind": "actual",
        "value": value, "lower": value, "upper": value, "resolution": resolution,
        "qualifier": qualifier, "source_id": source,
    }  # fmt: skip


FIGURES = pd.DataFrame([fig("old", 520.0), fig("new", 521.0), fig("new", 5.0, "n")])


@pytest.mark.parametrize(
    ("policy", "chosen"),
    [("latest", 521.0), ("earliest", 520.0), ("old", 520.0), ("new", 521.0), ("best", 521.0)],
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
    with pytest.raises(
        ValueError, match=r"prefer_source='x' .*'best', 'latest', 'earliest', 'old'"
    ):
        resolve(FIGURES, SOURCES, "x")


def test_no_figures_yet_is_no_conflict():
    # a workspace whose articles were just added has no register rows: nothing to resolve
    used, conflicts = resolve(FIGURES.iloc[:0], SOURCES)
    assert used.empty and conflicts.empty
    assert "used" in conflicts.columns


def chosen(*figures, policy="best", official=frozenset()) -> str:
    used, _ = resolve(pd.DataFrame(list(figures)), SOURCES, policy, official)
    return used.source_id.tolist()[0]


def test_best_prefers_an_exact_figure_to_an_approximate_or_bounded_one():
    assert chosen(fig("new", 4.4e6, qualifier=">"), fig("old", 4.4e6)) == "old"
    assert chosen(fig("new", 4.4e6, qualifier="~"), fig("old", 4.4e6)) == "old"


def test_best_prefers_more_significant_digits_then_the_latest():
    # "4,41 juta" (resolution 1e4) before "4 juta" (1e6), whichever is later
    assert chosen(fig("new", 4e6, resolution=1e6), fig("old", 4.41e6, resolution=1e4)) == "old"
    # 1.165 and 1.000 IKM both give four digits: the latest source decides
    assert chosen(fig("old", 1165.0), fig("new", 1000.0)) == "new"


def test_best_prefers_the_ministrys_own_words_to_a_relay():
    relay, own = fig("new", 520.0), fig("ministry", 521.0)
    assert chosen(relay, own) == "new"  # without an official publisher: the latest
    official = {"Kementerian Perindustrian"}
    assert chosen(relay, own, official=official) == "ministry"


def test_a_full_year_and_a_part_year_figure_are_different_keys_not_a_conflict():
    used, conflicts = resolve(
        pd.DataFrame([fig("old", 510.0), fig("new", 540.0, sub="Q2")]), SOURCES, "best"
    )
    assert sorted(used.subperiod) == ["", "Q2"] and conflicts.empty
