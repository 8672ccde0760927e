"""The report modules that draw, imported by the tests that use them rather than at
collection: matplotlib and seaborn would otherwise cost every test worker 0.3 s to import."""

from types import ModuleType

import pytest


@pytest.fixture(scope="session")
def plots() -> ModuleType:
    from helpers.report import plots

    return plots


@pytest.fixture(scope="session")
def robustness() -> ModuleType:
    from helpers.report import robustness

    return robustness
