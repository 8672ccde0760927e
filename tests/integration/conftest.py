"""Fixtures of the integration lane."""

import os

import pytest

from helpers.runner.chromium import find_chromium


@pytest.fixture(scope="session")
def chromium_if_any() -> str | None:
    """The system Chromium, or None where there is none (a run then publishes its reports
    without PDFs, as the README says); under CI=true a missing Chromium is a failure."""
    found = find_chromium()
    if found is None and os.environ.get("CI") == "true":
        pytest.fail("CI=true but no chromium found: .ci/run should install it")
    return found


@pytest.fixture(scope="session")
def chromium(chromium_if_any: str | None) -> str:
    """The system Chromium; skipped where there is none, except under CI=true (a failure)."""
    if chromium_if_any is None:
        pytest.skip("no chromium found (apt-get install chromium, or set CHROMIUM)")
    return chromium_if_any
