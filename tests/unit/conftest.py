"""Fixtures of the unit lane."""

import pytest

from helpers import clean
from helpers.core.paths import DATA


@pytest.fixture(scope="session")
def clean_table() -> clean.CleanTable:
    """The committed clean table (data/processed/), under the default reading and policy."""
    return clean.load(DATA / "processed")
