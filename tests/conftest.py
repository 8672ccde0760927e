"""Fixtures for every test, and the lanes: tests under unit/ are marked `unit`, those under
integration/ and the notebooks nbval checks are marked `integration` (make test-fast runs
the unit lane alone).

`published` runs two sets once into a temporary reports folder for every test that reads
reports; under pytest-xdist the first worker to need it builds it, and the others wait for
it and read the same folder.
"""

import shutil
from pathlib import Path

import pytest
from filelock import FileLock
from support import SETS, runs_file

from helpers.core.paths import DATA

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        unit = HERE / "unit" in Path(str(item.path)).parents
        item.add_marker(pytest.mark.unit if unit else pytest.mark.integration)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the workspace's data folder (sources, register, raw texts, processed)."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """Two sets run once into a temporary reports folder, shared by the tests that read it:
    every notebook in English (baseline) and in Indonesian (stock)."""
    from helpers.runner import run  # the unit lane needs no runner

    base = tmp_path_factory.getbasetemp()
    folder = (base if worker_id == "master" else base.parent) / "published"
    reports = folder / "reports"
    with FileLock(f"{folder}.lock"):
        if not (folder / "done").is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            assert (
                run.main(["--runs", str(runs_file(folder, SETS)), "--reports", str(reports)]) == 0
            )
            (folder / "done").touch()
    return reports
