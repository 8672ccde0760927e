"""Fixtures of the integration lane."""

import os

import pytest

from helpers.runner.chromium import find_chromium


@pytest.fixture(scope="session")
def chromium() -> str:
    """The system Chromium; skipped where there is none, except under CI=true (a failure)."""
    found = find_chromium()
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but no chromium found: .ci/run should install it")
        pytest.skip("no chromium found (apt-get install chromium, or set CHROMIUM)")
    return found
