"""helpers.runner.lock: one run at a time on a reports folder, private build and runtime
folders, what a killed run left removed, and a folder that cannot be written refused."""

import os
import re
import threading
import time
from pathlib import Path

import pytest

from helpers.runner import lock


def test_a_run_gets_private_build_and_runtime_folders_removed_at_its_end(tmp_path):
    reports = tmp_path / "reports"
    with lock.hold(reports) as (build, runtime):
        assert build.parent == reports / ".build" and build.is_dir()
        assert runtime == lock.RUNTIMES / f"helpers-run-{build.name}"
        assert runtime.is_dir()
    assert not build.exists() and not runtime.exists()
    assert sorted(p.name for p in reports.iterdir()) == [".build", ".lock"]


def refusal(reports: Path) -> str:
    """Why lock.hold refuses `reports`."""
    with pytest.raises(lock.ReportsError) as refused, lock.hold(reports):
        pass
    return str(refused.value)


def test_a_second_run_is_refused_naming_the_first(tmp_path):
    with lock.hold(tmp_path):
        message = refusal(tmp_path)
    holder = rf"pid {os.getpid()}, started \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d"
    assert re.fullmatch(
        rf"another run \({holder}\) is using {tmp_path}; let it finish or stop it, "
        "or pass --wait to wait for it",
        message,
    )
    with lock.hold(tmp_path):  # free again once the first ended
        pass


def test_a_second_run_can_wait_for_the_first(tmp_path, capsys):
    released = []

    def first_run() -> None:
        with lock.hold(tmp_path):
            ready.set()
            time.sleep(0.1)
            released.append(time.monotonic())

    ready = threading.Event()
    first = threading.Thread(target=first_run)
    first.start()
    ready.wait()
    with lock.hold(tmp_path, wait=True):
        assert released and time.monotonic() >= released[0]
    first.join()
    assert f"waiting for the run (pid {os.getpid()}" in capsys.readouterr().err


def test_the_next_run_removes_what_a_killed_run_left(tmp_path):
    killed = f"killed{os.getpid()}"
    stale_build = tmp_path / ".build" / killed
    stale_runtime = lock.RUNTIMES / f"helpers-run-{killed}"
    for folder in (stale_build / "default", stale_runtime / "jupyter"):
        folder.mkdir(parents=True)
    (stale_runtime / "jupyter" / "kernel-1.json").write_text("{}")
    (tmp_path / ".build" / "default").mkdir()  # a build folder of the layout before run ids
    with lock.hold(tmp_path) as (build, _):
        assert list((tmp_path / ".build").iterdir()) == [build]
    assert not stale_runtime.exists()


def test_a_reports_folder_that_cannot_be_made_is_refused(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    message = refusal(tmp_path / "file" / "r")
    assert message == f"cannot write to the reports folder {tmp_path}/file/r: Not a directory"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any folder")
def test_a_reports_folder_that_cannot_be_written_is_refused(tmp_path):
    (tmp_path / ".lock").touch()
    tmp_path.chmod(0o555)
    try:
        assert refusal(tmp_path).endswith(": Permission denied")
    finally:
        tmp_path.chmod(0o755)
