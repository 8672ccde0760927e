"""The unit-stock series under each reading of the IKM count, with rounding intervals."""

import pandas as pd
import pytest

from helpers.clean.readings import stock_by_reading, unit_stock


def figure(indicator, period, kind, value, resolution=1.0, source="a"):
    return {
        "indicator": indicator, "period": period, "subperiod": "", "kind": kind, "value": value,
        "lower": value, "upper": value, "resolution": resolution, "unit": "", "qualifier": "=",
        "source_id": source, "quote": "q", "note": "",
    }  # fmt: skip


@pytest.fixture
def seed() -> pd.DataFrame:
    return pd.DataFrame(
        [
            figure("ikm_units", 2016, "actual", 165983),
            figure("ikm_units_growth", 2016, "actual", 4.5, 0.1),
            figure("ikm_units", 2017, "target", 182000),
        ]
    )


def test_increase_reading(seed):
    stock = unit_stock(seed, "increase").set_index(["kind", "period"])
    s2015 = 165983 / 0.045
    assert stock.loc[("derived", 2015), "value"] == pytest.approx(s2015, rel=1e-12)
    assert stock.loc[("derived", 2016), "value"] == pytest.approx(s2015 + 165983, rel=1e-12)
    assert stock.loc[("target", 2017), "value"] == pytest.approx(s2015 + 165983 + 182000)
    # 4,5 persen stands for 4.45 to 4.55 percent; 165.983 for 165,982.5 to 165,983.5
    assert stock.loc[("derived", 2015), "lower"] == pytest.approx(165982.5 / 0.0455)
    assert stock.loc[("derived", 2015), "upper"] == pytest.approx(165983.5 / 0.0445)
    assert round(stock.loc[("derived", 2015), "value"] / 1e6, 2) == 3.69
    assert round(stock.loc[("derived", 2016), "value"] / 1e6, 2) == 3.85
    assert round(stock.loc[("target", 2017), "value"] / 1e6, 2) == 4.04
    assert "read as the year's addition" in stock.loc[("derived", 2015), "note"]


def test_stock_reading(seed):
    stock = unit_stock(seed, "stock").set_index(["kind", "period"])
    assert stock.loc[("derived", 2015), "value"] == pytest.approx(165983 / 1.045, rel=1e-12)
    assert stock.loc[("derived", 2016), "value"] == 165983
    assert stock.loc[("target", 2017), "value"] == 182000
    assert stock.loc[("derived", 2016), "lower"] == 165982.5


def test_stock_by_reading_shows_what_the_choice_changes(seed):
    table = stock_by_reading(seed)
    growth = table["growth needed to 2017 (%)"]
    assert growth["stock"] == pytest.approx(100 * (182000 / 165983 - 1))
    assert growth["increase"] == pytest.approx(100 * 182000 / (165983 / 0.045 + 165983))


def test_unknown_reading_names_the_parameter(seed):
    with pytest.raises(ValueError, match="units_reading='flow'"):
        unit_stock(seed, "flow")


def test_a_target_for_the_last_observed_year_or_before_needs_no_growth(seed):
    later = pd.DataFrame(
        [
            *seed.to_dict("records"),
            figure("ikm_units", 2017, "actual", 170000),
            figure("ikm_units_growth", 2017, "actual", 2.4, 0.1),
            figure("ikm_units", 2016, "target", 160000),
        ]
    )  # the 2017 target is now the year of the last observed stock, 2016's before it
    table = stock_by_reading(later)
    assert "target 2017" in table.columns and "target 2016" in table.columns
    assert not [column for column in table.columns if column.startswith("growth needed")]


def test_a_stated_stock_is_the_base_of_the_count_target_read_as_an_increase(seed):
    stated = figure("ikm_units_stock", 2016, "actual", 4.41e6, 1e4, source="okezone")
    stock = unit_stock(pd.DataFrame([*seed.to_dict("records"), stated]), "increase")
    target = stock[stock.kind == "target"].iloc[0]
    assert target.value == 4.41e6 + 182000
    assert (target.lower, target.upper) == (4.405e6 + 181999.5, 4.415e6 + 182000.5)
    assert set(target.source_id.split("+")) == {"a", "okezone"}
    # the stated stock is never derived or turned into an increase: the derived rows stay
    derived = stock[stock.kind == "derived"].value.tolist()
    assert derived == pytest.approx([165983 / 0.045, 165983 / 0.045 + 165983])
