"""Fixtures of the unit lane, and its property-test settings: examples are derived from the
test, not drawn at random, so a run is repeatable; `make test` tries 200 per property,
`make test-fast` (HYPOTHESIS_PROFILE=fast) 50."""

import os

import pytest
from hypothesis import settings

from helpers import clean
from helpers.core.paths import DATA

settings.register_profile("full", max_examples=200, derandomize=True, deadline=None)
settings.register_profile("fast", max_examples=50, derandomize=True, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "full"))


@pytest.fixture(scope="session")
def clean_table() -> clean.CleanTable:
    """The committed clean table (data/processed/), under the default reading and policy."""
    return clean.load(DATA / "processed")
