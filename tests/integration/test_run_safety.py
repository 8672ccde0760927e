"""The runner is safe to start twice, to stop and to kill: a second run on the same reports is
refused at once; SIGTERM or SIGKILL of a running runner leaves no forkserver, worker or kernel
behind, and the next run removes what a killed one left, temporary files included, even with
an unwritable HOME; a refresh of the notebooks that fails half way changes nothing, and one
that passes replaces the notebooks and their tables together; a set whose notebook fails
keeps its last good report and saves the failed notebook, while the other sets finish.
Printing the PDFs: without Chromium the run says so once and publishes the HTML (in the same
run as the failed set: one run fewer); a print that fails fails its set like a failed cell; a
run stopped while Chromium prints leaves no Chromium behind, nor its files.

Each case runs the real command in a subprocess on a private workspace (the helpers and the
data copied, tiny notebooks of its own; the command finds it as helpers.core.paths.ROOT). Every
process the command starts inherits a marker in its environment, by which the test finds them
all, wherever they were reparented.
"""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
import yaml
from support import alive, eventually, files_under

from helpers.core.paths import ROOT
from helpers.runner import lock, run

MARKER = "HELPERS_RUN_SAFETY"
SLEEPS = (  # a kernel that started a process of its own, then says it is running
    "import os, subprocess, sys, time\n"
    "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)'])\n"
    f"open(os.path.join(os.environ['{MARKER}'], 'running'), 'w').close()\n"
    "time.sleep(120)"
)
PLOTS = "import matplotlib.pyplot\nget_ipython().profile"  # IPython's and matplotlib's folders
HANGS = (  # a stand-in Chromium that started a process of its own, says it prints, and hangs
    f'#!/bin/sh\nsleep 120 &\ntouch "${MARKER}/printing"\nsleep 120\n'
)
STARTED: list[subprocess.Popen] = []  # the runners a test started, reaped after it
needs_proc = pytest.mark.skipif(not Path("/proc/self/environ").is_file(), reason="needs /proc")


def write_notebooks(workspace: Path, notebooks: dict[str, str]) -> None:
    """One notebook of one code cell per name, and runs.yaml with one set of each."""
    for name, source in notebooks.items():
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        nbformat.write(notebook, workspace / "notebooks" / f"{name}.ipynb")
    sets = {name.split("-", 1)[1]: {"notebooks": [name]} for name in notebooks}
    spec = {"notebooks": dict.fromkeys(notebooks, []), "sets": sets}
    (workspace / "runs.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Path]:
    """A private workspace; whatever the command started and left running is killed after."""
    copy = tmp_path / "workspace"
    for part in ("src/helpers", "data"):
        shutil.copytree(ROOT / part, copy / part)  # with __pycache__: imports stay fast
    for name in ("pyproject.toml", "requirements.lock"):  # the reports' version reads them
        shutil.copy(ROOT / name, copy / name)
    (copy / "notebooks").mkdir()
    # the runs' TMPDIR, to see what they leave there; short: the runner's socket to its fork
    # server is a file below it, and such a path must fit in 104 bytes
    (copy / "tmp").symlink_to(tempfile.mkdtemp(prefix="run-safety-", dir=lock.RUNTIMES))
    yield copy
    for pid in marked(copy):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    shutil.rmtree((copy / "tmp").resolve())
    while STARTED:  # reaped here: a runner a failed test left behind fails no later test
        STARTED.pop().wait()


def start(workspace: Path, *args: str, **env: str) -> subprocess.Popen:
    """`python -m helpers.runner` on the workspace, its output in workspace/output.txt."""
    command = [sys.executable, "-m", "helpers.runner", "--runs", str(workspace / "runs.yaml")]
    environment = os.environ | {
        "PYTHONPATH": str(workspace / "src"),
        "TMPDIR": str((workspace / "tmp").resolve()),
        MARKER: str(workspace),
    }
    with (workspace / "output.txt").open("wb") as output:
        runner = subprocess.Popen(
            [*command, "--reports", str(workspace / "reports"), *args],
            cwd=workspace,
            env=environment | env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    STARTED.append(runner)
    return runner


def finished(runner: subprocess.Popen, workspace: Path) -> tuple[int, str]:
    """The command's exit code and output once it ended."""
    code = runner.wait(timeout=120)
    return code, (workspace / "output.txt").read_text(encoding="utf-8")


def marked(workspace: Path) -> list[int]:
    """The live processes whose environment carries the workspace's marker."""
    needle = f"\0{MARKER}={workspace}\0".encode()
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError):
            if needle in b"\0" + (entry / "environ").read_bytes():
                found.append(int(entry.name))
    return [pid for pid in found if alive(pid)]


def sleeping(workspace: Path) -> list[int]:
    """The marked processes that run `sleep`."""
    found = []
    for pid in marked(workspace):
        with contextlib.suppress(OSError):
            if "sleep" in Path(f"/proc/{pid}/cmdline").read_text():
                found.append(pid)
    return found


def left_in_tmp(workspace: Path) -> list[str]:
    """What the runs left in their TMPDIR, but multiprocessing's folder (pymp-*), which holds
    the runner's socket to its fork server and which only a runner killed by SIGKILL leaves."""
    return sorted(n for n in os.listdir(workspace / "tmp") if not n.startswith("pymp-"))


def running(workspace: Path) -> tuple[subprocess.Popen, Path, Path]:
    """A runner whose kernel is running: (runner, its build folder, its runtime folder)."""
    write_notebooks(workspace, {"01-sleeps": SLEEPS, "02-plots": PLOTS})
    runner = start(workspace, "sleeps")
    assert eventually(lambda: (workspace / "running").exists() or runner.poll() is not None)
    assert runner.poll() is None, finished(runner, workspace)
    [build] = (workspace / "reports" / ".build").iterdir()
    return runner, build, lock.RUNTIMES / f"helpers-run-{build.name}"


@needs_proc
def test_a_second_run_is_refused_and_sigterm_ends_the_first_with_all_it_started(
    workspace, tmp_path, capsys
):
    runner, build, runtime = running(workspace)
    assert len(marked(workspace)) >= 5  # runner, forkserver, worker, kernel, the kernel's child
    nothing = tmp_path / "nothing.yaml"  # a second run of no set is enough to meet the lock
    nothing.write_text("notebooks: {}\nsets: {}\n", encoding="utf-8")
    assert run.main(["--runs", str(nothing), "--reports", str(workspace / "reports")]) == 2
    assert f"error: another run (pid {runner.pid}, started " in capsys.readouterr().err
    runner.send_signal(signal.SIGTERM)
    code, output = finished(runner, workspace)
    assert (code, output.splitlines()[-1]) == (
        128 + signal.SIGTERM,
        "error: stopped by SIGTERM; its workers and kernels ended",
    )
    assert eventually(lambda: not marked(workspace), timeout=10)
    assert not build.exists() and not runtime.exists()
    assert os.listdir(workspace / "tmp") == []


@needs_proc
def test_a_killed_run_leaves_no_process_and_the_next_run_cleans_up_despite_an_unwritable_home(
    workspace,
):
    runner, build, runtime = running(workspace)
    assert list((runtime / "jupyter").glob("kernel-*.json"))  # the kernel's connection file
    runner.kill()
    runner.wait()
    assert eventually(lambda: not marked(workspace), timeout=10)
    assert build.exists() and runtime.exists()  # left behind, for the next run to remove
    # the next run, with a HOME that cannot be written: Jupyter, IPython, matplotlib write there
    (workspace / "home").write_text("a file where HOME should be a folder")
    code, output = finished(start(workspace, "plots", HOME=str(workspace / "home")), workspace)
    assert code == 0, output
    assert eventually(lambda: not marked(workspace), timeout=10)  # a run that ended leaves none
    assert not build.exists() and not runtime.exists()
    assert os.listdir(workspace / "reports" / ".build") == []
    assert left_in_tmp(workspace) == []  # the kernel's and its worker's scratch included
    executed = nbformat.read(workspace / "reports" / "plots" / "02-plots.ipynb", as_version=4)
    assert [o.output_type for o in executed.cells[0].outputs] == ["execute_result"]  # no warning


def test_a_refresh_of_the_notebooks_replaces_them_and_their_tables_all_or_nothing(workspace):
    # a notebook's default tables_dir: the researcher's own scratch folder, never committed
    writes = "from pathlib import Path\ntable = Path('../reports/lab/tables/new.csv')\n"
    writes += "table.parent.mkdir(parents=True, exist_ok=True)\n"
    writes += "table.write_text('a\\n1\\n')\nstr(table)"
    write_notebooks(workspace, {"01-writes": writes, "02-reads": "raise ValueError('on purpose')"})
    before = files_under(workspace / "notebooks"), files_under(workspace / "data")
    code, output = finished(start(workspace, "--refresh-notebooks"), workspace)
    assert (files_under(workspace / "notebooks"), files_under(workspace / "data")) == before
    assert code == 1
    assert "02-reads.ipynb: cell 1 failed: ValueError: on purpose; nothing replaced" in output
    write_notebooks(workspace, {"02-reads": "open('../reports/lab/tables/new.csv').read()"})
    assert finished(start(workspace, "--refresh-notebooks"), workspace)[0] == 0
    assert (workspace / "data" / "processed" / "new.csv").read_text() == "a\n1\n"
    shown = [
        nbformat.read(workspace / "notebooks" / name, as_version=4).cells[0].outputs[0].data
        for name in ("01-writes.ipynb", "02-reads.ipynb")
    ]
    assert shown == [
        {"text/plain": "'../reports/lab/tables/new.csv'"},
        {"text/plain": "'a\\n1\\n'"},
    ]


def test_a_failed_notebook_keeps_the_previous_report_and_without_chromium_the_others_are_html(
    workspace,
):
    write_notebooks(
        workspace,
        {"01-fine": "1 + 1", "02-also": "2 + 2", "03-broken": "raise ValueError('planted')"},
    )
    reports = workspace / "reports"
    (reports / "broken").mkdir(parents=True)
    (reports / "broken" / "previous.txt").write_text("the last good report")
    venv = str(Path(sys.executable).parent)  # a PATH with Python and no Chromium
    code, output = finished(start(workspace, PATH=venv, CHROMIUM=""), workspace)
    assert code == 1
    assert "03-broken.ipynb: cell 1 failed: ValueError: planted" in output
    assert (reports / "broken" / "previous.txt").read_text() == "the last good report"
    failed = nbformat.read(reports / "_failed" / "broken" / "03-broken.ipynb", as_version=4)
    errors = [o for c in failed.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert [error.ename for error in errors] == ["ValueError"]
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert "planted" in index
    # the other sets finished, as HTML alone, and the run said once that it had no Chromium
    assert output.count(run.NO_CHROMIUM) == 1, output
    for name in ("01-fine", "02-also"):
        published = sorted(p.name for p in (reports / name.split("-")[1]).glob(f"{name}.*"))
        assert published == [f"{name}.full.html", f"{name}.html", f"{name}.ipynb"]
        assert (reports / name.split("-")[1] / "manifest.json").is_file()
    assert ".pdf" not in index


def test_a_print_that_fails_fails_its_set_and_keeps_the_previous_report(workspace):
    write_notebooks(workspace, {"01-fine": "1 + 1"})
    reports = workspace / "reports"
    (reports / "fine").mkdir(parents=True)
    (reports / "fine" / "previous.txt").write_text("the last good report")
    code, output = finished(start(workspace, CHROMIUM="/bin/false"), workspace)
    assert code == 1
    assert "01-fine.pdf: not printed: Chromium exited with 1" in output
    assert sorted(p.name for p in (reports / "fine").iterdir()) == ["previous.txt"]
    assert not list(reports.rglob("*.pdf")) and not list(reports.rglob(".*.partial"))


@needs_proc
def test_a_run_stopped_while_chromium_prints_leaves_no_chromium_behind(workspace):
    write_notebooks(workspace, {"01-fine": "1 + 1"})
    chromium = workspace / "chromium"
    chromium.write_text(HANGS, encoding="utf-8")
    chromium.chmod(0o755)
    runner = start(workspace, CHROMIUM=str(chromium))
    assert eventually(lambda: (workspace / "printing").exists() or runner.poll() is not None)
    assert runner.poll() is None, finished(runner, workspace)
    # the stand-in's own sleep and the one it started; the shell may still be starting its
    # own when it has said it prints (a race a loaded machine loses)
    assert eventually(lambda: len(sleeping(workspace)) == 2), sleeping(workspace)
    runner.send_signal(signal.SIGTERM)
    code, _ = finished(runner, workspace)
    assert code == 128 + signal.SIGTERM
    assert eventually(lambda: not marked(workspace), timeout=10)
    assert not (workspace / "reports" / "fine").exists()
    assert os.listdir(workspace / "tmp") == []  # Chromium's scratch folder and profile too
