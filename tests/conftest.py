"""Fixtures for every test, and the lanes: tests under unit/ are marked `unit`, those under
integration/ and the notebooks nbval checks are marked `integration` (make test-fast runs
the unit lane alone).

`published` runs support.SETS once into a temporary reports folder for every test that reads
reports; under pytest-xdist the first worker to need it builds it, and the others wait for
it and read the same folder. So that no worker waits idle, the tests are ordered (make test
passes --dist loadfile --no-loadscope-reorder, which hands out files in this order): first
one file that builds the shared run, then the other integration tests and nbval, then the
other files that read the shared run, by then built, and last the unit lane, whose many small
files even out the workers' ends.
"""

import gc
import os
import shutil
from pathlib import Path

import pytest

from helpers.core.paths import DATA
from helpers.core.processes import skip_final_collection

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        item.add_marker(pytest.mark.unit if is_unit(item) else pytest.mark.integration)
    readers = [item.path for item in items if "published" in getattr(item, "fixturenames", ())]

    def order(item: pytest.Item) -> int:
        if readers and item.path == readers[0]:
            return 0  # starts the shared run
        if item.path in readers:
            return 2
        return 3 if is_unit(item) else 1

    items.sort(key=order)  # stable: within a rank, the collection order


@pytest.hookimpl(wrapper=True)
def pytest_collection():
    """Collect without the garbage collector, then freeze what was collected: the imported
    modules and the test items live until the session ends, and a full collection over them
    costs about 0.05 s during collection and 0.1 s during the tests, several times per
    process, with pytest's own full collection at the end."""
    gc.disable()
    try:
        return (yield)
    finally:
        gc.enable()
        gc.freeze()


@pytest.hookimpl(trylast=True)
def pytest_unconfigure() -> None:
    """Every test ran and pytest's own end-of-session collections are done: this process,
    a worker's or pytest-xdist's main one, ends without the interpreter's final collections
    (0.4-0.8 s over a heap of a thousand tests)."""
    skip_final_collection()


def is_unit(item: pytest.Item) -> bool:
    return HERE / "unit" in Path(str(item.path)).parents


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory):
    """Parsed sources are cached in a folder of the test session, not the workspace's
    .cache/ (the processes the tests start inherit it)."""
    folder = tmp_path_factory.mktemp("cache")
    before = os.environ.get("IKM_CACHE_DIR")
    os.environ["IKM_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("IKM_CACHE_DIR", None)
    else:
        os.environ["IKM_CACHE_DIR"] = before


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the workspace's data inputs (sources, register, indicators, translations, raw
    texts), without the outputs or the README: a new file costs this machine up to a
    millisecond, and some hundred tests take a copy."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("processed", "README.md"))
    return copy


SEEDS = ("antara-2017-ikm", "republika-2017-12-28-ikm")  # the workspace's first two articles


@pytest.fixture
def seed_data_dir(tmp_path: Path) -> Path:
    """A copy of the workspace's data inputs with the two seed articles alone (their rows of
    sources.csv and register.csv, their raw texts), in their committed order: the tests of
    the register's and the cache's mechanics name its lines."""
    copy = tmp_path / "data"
    skipped = [f"{name}.txt" for name in _other_sources()]
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("processed", "README.md", *skipped))
    for name in ("sources.csv", "register.csv"):
        lines = (DATA / name).read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines[1:] if line.split(",", 1)[0] in SEEDS]
        (copy / name).write_text(lines[0] + "".join(kept), encoding="utf-8")
    return copy


def _other_sources() -> list[str]:
    lines = (DATA / "sources.csv").read_text(encoding="utf-8").splitlines()[1:]
    return [line.split(",", 1)[0] for line in lines if line.split(",", 1)[0] not in SEEDS]


@pytest.fixture
def data_dir_with_outputs(data_dir: Path) -> Path:
    """data_dir with a copy of the committed outputs (processed/), for the tests that check a
    failure leaves them intact."""
    shutil.copytree(DATA / "processed", data_dir / "processed")
    return data_dir


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One set run once into a temporary reports folder, shared by the tests that read it:
    every notebook in Indonesian with the stock reading (support.SETS)."""
    from filelock import FileLock  # imported here: pytest-xdist's main process needs none
    from support import SETS, runs_file

    from helpers.runner import run

    base = tmp_path_factory.getbasetemp()  # a worker's is inside the session's: share that one
    folder = (base.parent if "PYTEST_XDIST_WORKER" in os.environ else base) / "published"
    reports = folder / "reports"
    with FileLock(f"{folder}.lock"):
        if not (folder / "done").is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            assert (
                run.main(["--runs", str(runs_file(folder, SETS)), "--reports", str(reports)]) == 0
            )
            # what the run published, before any test adds to it: support.published_by_run
            listing = sorted(p.relative_to(reports).as_posix() for p in reports.rglob("*"))
            (folder / "done").write_text("\n".join(listing), encoding="utf-8")
    return reports
