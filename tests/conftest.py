"""Shared fixtures: a private copy of data/ that a test may break without harm, and a set of
reports published once by the runner for the runner and browser tests."""

import os
import shutil
from pathlib import Path

import pytest
import yaml

from helpers import run
from helpers.paths import DATA

ALL = ["01-clean-figures", "02-trend-projections", "03-targets"]
NEEDS = {name: ALL[:1] if i else [] for i, name in enumerate(ALL)}
SETS = {
    "baseline": {"description": "defaults", "notebooks": ALL},
    "stock": {
        "description": "the stock reading, in Indonesian",
        "notebooks": ALL,
        "parameters": {"units_reading": "stock", "lang": "id"},
    },
}


def signalable(send, target: int) -> bool:
    """Whether signal 0 reaches `target` by `send` (os.kill, os.killpg): it exists."""
    try:
        send(target, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie."""
    if not signalable(os.kill, pid):
        return False
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, IndexError):
        return not stat.parent.parent.is_dir()  # no /proc (macOS): trust os.kill


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the workspace's data folder (sources, register, raw texts, processed)."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


def runs_file(folder: Path, sets: dict) -> Path:
    """A runs.yaml over the workspace's notebooks with the given sets."""
    path = folder / "runs.yaml"
    path.write_text(yaml.safe_dump({"notebooks": NEEDS, "sets": sets}), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> Path:
    """Two sets run once into a temporary reports folder, shared by the tests that read it:
    every notebook in English (baseline) and in Indonesian (stock)."""
    folder = tmp_path_factory.mktemp("published")
    reports = folder / "reports"
    assert run.main(["--runs", str(runs_file(folder, SETS)), "--reports", str(reports)]) == 0
    return reports
