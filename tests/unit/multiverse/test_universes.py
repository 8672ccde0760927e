"""helpers.multiverse.universes: every universe recomputed independently for a sample, the
progress ratio from first principles, and the summaries on synthetic multiverses."""

from __future__ import annotations

import itertools
import math

import pandas as pd
import pytest
from support import INC_TARGET

from helpers import clean, multiverse, targets
from helpers.core.schemas import MULTIVERSE
from helpers.multiverse import universes as mv
from helpers.trends.models import MODELS

COUNT_2016, COUNT_TARGET = 165983.0, 182000.0  # the ANTARA figures, as stated
SEEDS = ("antara-2017-ikm", "republika-2017-12-28-ikm")


@pytest.fixture(scope="module")
def built(built_from_raw) -> pd.DataFrame:
    """The multiverse of the whole record."""
    return multiverse.build(built_from_raw())


@pytest.fixture(scope="module")
def seeds(built_from_raw) -> pd.DataFrame:
    """The multiverse of the two seed articles alone, whose every target is projected."""
    return multiverse.build(built_from_raw(source_ids=SEEDS))


@pytest.fixture(scope="module")
def options(built_from_raw) -> dict[str, tuple]:
    return multiverse.choices(built_from_raw())


def test_every_combination_of_the_options_is_one_universe(built, options, built_from_raw):
    count = math.prod(len(values) for values in options.values())
    assert built.universe.max() == count
    assert not built.duplicated(["universe", "target"]).any()
    combinations = built[list(options)].drop_duplicates()
    assert len(combinations) == built.universe.nunique()
    # a vintage in which no target can be assessed has no row, and only such a vintage
    for as_of in set(options["as_of"]) - set(built.as_of):
        assessed = targets.build(built_from_raw(as_of=as_of), "ikm_value_added", MODELS, 0.95)
        assert not assessed.assessable.any(), as_of
    assert list(built.columns) == MULTIVERSE.names


def test_the_choices_are_the_defensible_options_of_each_stage(options, built_from_raw):
    assert options["as_of"] == (*clean.vintage_dates(built_from_raw()), "latest")
    assert options["as_of"][:2] == ("2013-12-31", "2015-12-31")
    assert options["units_reading"] == ("increase", "stock")
    assert options["prefer_source"] == ("best", "latest", "earliest")
    assert options["model"] == ("naive", "drift", "linear", "loglinear", "combined")
    assert options["cutoffs"] == ("escap", "unsd") and options["base_year"] == ("first", "latest")


SAMPLE = [0, 1, 76, 130, 400, 655, 656, 900, 1100, 1300, -1]  # positions among the universes


@pytest.mark.parametrize("position", SAMPLE)
def test_a_universe_is_what_the_targets_stage_gives_on_a_clean_table_built_from_raw(
    built, built_from_raw, position
):
    """Recomputed the way a researcher would: clean.build from the raw articles under the
    universe's reading and policy, then targets.build with its other choices and its model
    alone (no tables read back, no fits shared with other models)."""
    number = sorted(built.universe.unique())[position]
    rows = built[built.universe == number].set_index("target")
    first = rows.iloc[0]
    table = built_from_raw(
        units_reading=first.units_reading,
        prefer_source=first.prefer_source,
        as_of=None if first.as_of == "latest" else first.as_of,
    )
    every = [*MODELS, "combined"]  # the combination needs the four
    expected = targets.build(
        table, first.growth_measure, every, first.level, first.cutoffs, first.base_year
    )
    expected = expected[expected.assessable & expected.model.isin([first.model, ""])]
    expected = expected.set_index("target")
    assert sorted(rows.index) == sorted(expected.index)
    for target, row in rows.iterrows():
        want = expected.loc[target]
        assert row.basis == want.basis
        outcome = want.projected if want.basis == "projected" else want.outcome
        assert row.projected == pytest.approx(outcome, rel=1e-12)
        assert row.target_value == pytest.approx(want.target_value, rel=1e-12)
        assert row.met == bool(want.met)
        assert row.progress_category == want.escap_category
        for column in ("lower", "upper", "probability"):
            assert (math.isnan(row[column]) and math.isnan(want[column])) or row[
                column
            ] == pytest.approx(want[column], rel=1e-12)


def one(built, target, **choices) -> pd.Series:
    rows = built[built.target == target]
    for name, value in choices.items():
        rows = rows[rows[name] == value]
    assert rows.universe.nunique() == 1, choices
    return rows.iloc[0]


def test_the_count_target_under_drift_from_first_principles(seeds):
    """Under `increase`, S[2016] - S[2015] is the 2016 count C and the target is
    S[2016] + 182,000; drift projects S[2016] + C. From the first year the ratio is
    2C / (C + 182,000) = 0.954: on track under UNSD (0.95), accelerate under ESCAP (1), near
    a cut-off under both. From the latest it is C / 182,000 = 0.912: accelerate under both."""
    common = dict(units_reading="increase", prefer_source="latest", model="drift", level=0.95)
    common |= dict(as_of="latest")
    common |= dict(growth_measure="ikm_value_added")
    from_first = 2 * COUNT_2016 / (COUNT_2016 + COUNT_TARGET)
    from_latest = COUNT_2016 / COUNT_TARGET
    for cutoffs, category in (("unsd", "on track"), ("escap", "accelerate")):
        row = one(seeds, "ikm_units 2017", base_year="first", cutoffs=cutoffs, **common)
        assert row.progress_ratio == pytest.approx(from_first, rel=1e-9)
        assert row.progress_category == category and row.near_cutoff
        row = one(seeds, "ikm_units 2017", base_year="latest", cutoffs=cutoffs, **common)
        assert row.progress_ratio == pytest.approx(from_latest, rel=1e-9)
        assert row.progress_category == "accelerate"
        assert row.near_cutoff == (cutoffs == "unsd")  # 0.912 is 0.038 from 0.95, 0.088 from 1
    assert row.pct_of_target == pytest.approx(100 * row.projected / row.target_lower)
    assert row.target_value == pytest.approx(INC_TARGET, rel=1e-9)  # S[2016] + 182,000
    assert not row.met


def test_on_the_record_the_count_target_is_judged_on_the_stated_stock_in_every_model(built):
    rows = built[(built.target == "ikm_units 2017") & (built.as_of == "latest")]
    assert set(rows.basis) == {"interpolated"}
    assert set(rows.model) == {*MODELS, "combined"}
    assert set(rows.units_reading) == {"increase"}  # read as a stock, it is set aside
    assert not rows.met.any()


def test_the_growth_target_follows_its_series(seeds):
    """Growth above 10% in 2018: naive projects no growth (never met); log-linear on value
    added projects (520/373) ** (1/2) - 1 = 18.1% a year (met)."""
    naive = seeds[(seeds.target == "ikm_growth 2018") & (seeds.model == "naive")]
    assert not naive.met.any()
    loglinear = one(
        seeds, "ikm_growth 2018", units_reading="stock", prefer_source="earliest",
        model="loglinear", growth_measure="ikm_value_added", base_year="first",
        cutoffs="escap", as_of="latest",
    )  # fmt: skip
    assert loglinear.projected == pytest.approx(100 * ((520 / 373) ** 0.5 - 1), rel=1e-9)
    assert loglinear.met


def test_write_then_load_gives_the_multiverse_back(built, tmp_path):
    multiverse.write(built, tmp_path)
    back = multiverse.load(tmp_path)
    pd.testing.assert_frame_equal(back, built, check_exact=False, rtol=1e-11)


# --- the summaries on synthetic multiverses -------------------------------------------------


def synthetic(verdict) -> pd.DataFrame:
    """A multiverse of two targets over every combination of small options, `met` and the
    category given by verdict(target, choices)."""
    options = {c: ("a", "b") for c in mv.CHOICES}
    options["model"] = ("m1", "m2", "m3")
    rows = []
    for number, combination in enumerate(itertools.product(*options.values()), start=1):
        chosen = dict(zip(options, combination, strict=True))
        for target in ("t1", "t2"):
            met, category = verdict(target, chosen)
            rows.append({"universe": number, **chosen, "target": target, "met": met,
                         "progress_category": category})  # fmt: skip
    return pd.DataFrame(rows)


def test_a_choice_that_alone_decides_flips_everywhere_and_the_others_nowhere():
    frame = synthetic(lambda t, c: (c["model"] == "m1", "x"))
    decisive = multiverse.decisiveness(frame).set_index(["target", "choice"])
    assert decisive.loc[("t1", "model"), "met_flips"] == 1.0
    assert decisive.loc[("t1", "model"), "met_spread"] == 1.0
    assert decisive.loc[("t1", "model"), "options"] == 3
    others = decisive.drop(index=[("t1", "model"), ("t2", "model")])
    assert (others.met_flips == 0).all() and (others.met_spread == 0).all()
    assert (decisive.category_flips == 0).all()


def test_a_choice_that_matters_only_under_another_flips_in_that_share_of_settings():
    # met only when model m1 and cutoffs a: cutoffs decides where model is m1 (a third of
    # the settings of the other choices); model decides where cutoffs is a (half of them)
    frame = synthetic(lambda t, c: (c["model"] == "m1" and c["cutoffs"] == "a", c["base_year"]))
    decisive = multiverse.decisiveness(frame).set_index(["target", "choice"])
    assert decisive.loc[("t2", "cutoffs"), "met_flips"] == pytest.approx(1 / 3)
    assert decisive.loc[("t2", "model"), "met_flips"] == pytest.approx(1 / 2)
    # share met: model m1 -> 1/2, m2, m3 -> 0; cutoffs a -> 1/3, b -> 0
    assert decisive.loc[("t2", "model"), "met_spread"] == pytest.approx(1 / 2)
    assert decisive.loc[("t2", "cutoffs"), "met_spread"] == pytest.approx(1 / 3)
    assert decisive.loc[("t2", "base_year"), "category_flips"] == 1.0
    assert decisive.loc[("t2", "base_year"), "met_flips"] == 0.0


def test_met_shares_count_the_universes_meeting_each_target():
    frame = synthetic(lambda t, c: (t == "t1" or c["growth_measure"] == "a", ""))
    shares = multiverse.met_shares(frame).set_index("target")
    universes = frame.universe.nunique()
    assert shares.loc["t1"].tolist() == [universes, universes, 1.0]
    assert shares.loc["t2"].tolist() == [universes, universes // 2, 0.5]


def test_the_latest_vintage_of_a_table_under_as_of_is_that_day_not_the_whole_record(
    built_from_raw,
):
    """Notebook 04 with as_of set: its vintages end before that day, and its 'latest'
    universes see what the table sees, not the sources published after it."""
    early = built_from_raw(as_of="2017-12-31")
    vintages = multiverse.choices(early)["as_of"]
    assert vintages[-1] == "latest" and max(vintages[:-1]) < "2017-12-31"
    found = multiverse.build(early)
    setting = dict(as_of="latest", units_reading="increase", prefer_source="best",
                   growth_measure="ikm_value_added", base_year="first",
                   cutoffs="escap", model="linear")  # fmt: skip
    rows = found
    for name, value in setting.items():
        rows = rows[rows[name] == value]
    expected = targets.build(early, "ikm_value_added", [*MODELS, "combined"], 0.95)
    expected = expected[expected.assessable & expected.model.isin(["linear", ""])]
    assert sorted(rows.target) == sorted(expected.target)
    assert (
        rows.set_index("target").basis.sort_index().tolist()
        == expected.set_index("target").basis.sort_index().tolist()
    )


def test_no_universes_interval_reaches_below_zero_and_the_level_is_no_choice(built):
    """A count or a value added cannot be negative, in any universe (notebook 03's intervals
    are cut at zero; the multiverse's were not); the level widens an interval and moves no
    point, so it is a column, not a choice that doubles the universes."""
    levels = built[built.measure == "level"]
    assert len(levels) and (levels.lower.dropna() >= 0).all()
    assert "level" not in mv.CHOICES and set(built.level) == {mv.LEVEL}
