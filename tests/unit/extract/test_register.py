"""The clean table: reproducible from the raw texts, and bad input stops with a clear error
that names the file, row or parameter, leaving data/processed/ as it was."""

import pandas as pd
import pytest
from support import edit_register, fails_leaving_outputs

from helpers import clean
from helpers.core.paths import DATA


def test_values_come_from_the_quotes():
    figures = clean.build(DATA).figures.set_index(["indicator", "period", "kind"])
    assert figures.loc[("ikm_units", 2016, "actual"), "value"] == 165983
    assert figures.loc[("ikm_value_added", 2016, "actual"), "value"] == 520e12
    growth = figures.loc[("ikm_growth", 2018, "target")]
    assert (growth.value, growth.lower, growth.qualifier) == (10, 10, ">")
    assert pd.isna(growth.upper)


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"source_id": "kompas-2018"}, r"line 3: unknown source_id 'kompas-2018'"),
        ({"indicator": "ikm_unit"}, r"line 3: unknown indicator 'ikm_unit'"),
        ({"period": "16"}, r"line 3: period '16' must be a year"),
        ({"kind": "forecast"}, r"line 3: kind 'forecast' must be one of"),
        ({"quote": "atau meningkat 4,6 persen"}, r"line 3: quote .* not in .* closest passage: "),
        (
            {"quote": "dibandingkan tahun 2015"},
            r"line 3: quote must hold exactly one figure, found 0",
        ),
        (
            {
                "quote": "4,5 persen dibandingkan tahun 2015. Sementara pada 2017, jumlah IKM "
                "ditargetkan mencapai 182.000 unit"
            },
            r"line 3: quote must hold exactly one figure, found 2",
        ),
        ({"indicator": "ikm_workers"}, r"line 3: unit '%' .* does not fit indicator"),
        ({"indicator": "ikm_units", "period": "2016"}, r"lines \[2, 3\]: duplicate rows"),
    ],
)
def test_bad_register_rows(data_dir, changes, match):
    edit_register(data_dir, 3, **changes)
    fails_leaving_outputs(data_dir, r"data/register.csv " + match)
