"""Fixtures of the unit lane, and its property-test settings: examples are derived from the
test, not drawn at random, so a run is repeatable; `make test` tries 200 per property,
`make test-fast` (HYPOTHESIS_PROFILE=fast) 50."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

from helpers.core.paths import DATA

if TYPE_CHECKING:  # pandas is imported by the tests, not by pytest-xdist's main process
    from helpers import clean

settings.register_profile("full", max_examples=200, derandomize=True, deadline=None)
settings.register_profile("fast", max_examples=50, derandomize=True, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "full"))


@pytest.fixture(scope="session")
def clean_table() -> clean.CleanTable:
    """The committed clean table (data/processed/), under the default reading and policy."""
    from helpers import clean

    return clean.load(DATA / "processed")


@pytest.fixture(scope="session")
def built_from_raw() -> Callable[..., clean.CleanTable]:
    """clean.build of the committed data from the raw articles, once per test worker for the
    same arguments (`built_from_raw(units_reading="stock")`): for tests that read the build
    and change nothing in it."""
    from helpers import clean

    return functools.cache(functools.partial(clean.build, DATA))
