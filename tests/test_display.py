"""Figures are shown to readers with the digits the source wrote."""

import pytest

from helpers.display import readable


@pytest.mark.parametrize(
    ("value", "unit", "resolution", "shown"),
    [
        (520e12, "IDR", 1e12, "Rp520 triliun"),
        (439.86e12, "IDR", 1e10, "Rp439,86 triliun"),
        (24.7e9, "USD", 1e8, "US$24,7 miliar"),
        (4.5, "%", 0.1, "4,5%"),
        (9.0, "%", 1.0, "9%"),
        (165983.0, "unit", 1.0, "165.983 unit"),
        (3688511.1, "unit", None, "3,69 juta unit"),
        (float("nan"), "%", None, ""),
    ],
)
def test_readable(value, unit, resolution, shown):
    assert readable(value, unit, resolution) == shown
