"""Shared fixtures: a private copy of data/ that a test may break without harm."""

import shutil
from pathlib import Path

import pytest

from helpers.paths import DATA


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the workspace's data folder (sources, register, raw texts, processed)."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy
