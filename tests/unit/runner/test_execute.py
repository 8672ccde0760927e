"""helpers.runner.execute without a kernel: the machine paths a run can leak, stabilise
(run metadata, the injected cell's id, paths in outputs), Failure and the kernel's stderr tail,
a notebook papermill did not run to the end, killing kernels with what they started, and the
run's private folder for every file a worker and its children write."""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from support import alive

from helpers.runner import execute


def test_stabilise_fixes_the_injected_cell_id_and_hides_machine_paths(tmp_path):
    cell = nbformat.v4.new_code_cell("x = 1")
    cell.metadata.update(tags=["injected-parameters"], papermill={"duration": 1.2})
    cell.outputs = [nbformat.v4.new_output("stream", text=f"warning in {tmp_path}/build/a.py\n")]
    notebook = nbformat.v4.new_notebook(cells=[cell], metadata={"papermill": {"x": 1}})
    paths = execute.machine_paths(tmp_path / "build", "reports/x", tmp_path)
    stable = execute.stabilise(notebook, paths)
    assert stable.cells[0].id == "injected-parameters"
    assert stable.cells[0].outputs[0].text == "warning in reports/x/a.py\n"
    assert "papermill" not in stable.metadata and "papermill" not in stable.cells[0].metadata


# --- machine_paths --------------------------------------------------------------------------


def test_machine_paths_maps_the_build_folder_the_workspace_and_home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", "/home/reader")
    build, root = tmp_path / "ws" / "reports" / ".build" / "x", tmp_path / "ws"
    assert execute.machine_paths(build, "reports/x", root) == {
        str(build): "reports/x",
        str(root): "<workspace>",
        "/home/reader": "~",
    }


def test_machine_paths_resolves_relative_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", "/home/reader")
    monkeypatch.chdir(tmp_path)
    paths = execute.machine_paths(Path("ws/build"), "reports/x", Path("ws/../ws"))
    assert list(paths) == [str(tmp_path / "ws" / "build"), str(tmp_path / "ws"), "/home/reader"]


def test_machine_paths_leaves_out_a_home_that_is_the_file_system_root(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", "/")
    paths = execute.machine_paths(tmp_path / "build", "reports/x", tmp_path)
    assert paths == {str(tmp_path / "build"): "reports/x", str(tmp_path): "<workspace>"}


# --- stabilise ------------------------------------------------------------------------------


def nested_paths(tmp_path: Path, monkeypatch) -> tuple[Path, Path, dict[str, str]]:
    """A build folder inside the workspace inside home: (build, workspace, their map)."""
    monkeypatch.setenv("HOME", str(tmp_path))
    root = tmp_path / "ws"
    build = root / "reports" / ".build" / "x"
    return build, root, execute.machine_paths(build, "reports/x", root)


def test_stabilise_replaces_the_longest_path_first(tmp_path, monkeypatch):
    build, root, paths = nested_paths(tmp_path, monkeypatch)
    text = f"{build}/t.csv {root}/data/a.csv {tmp_path}/notes.txt\n"
    cell = new_code_cell("x", outputs=[new_output("stream", name="stdout", text=text)])
    execute.stabilise(new_notebook(cells=[cell]), paths)
    assert cell.outputs[0].text == "reports/x/t.csv <workspace>/data/a.csv ~/notes.txt\n"


def test_stabilise_replaces_paths_in_tracebacks_and_text_data(tmp_path, monkeypatch):
    build, root, paths = nested_paths(tmp_path, monkeypatch)
    error = new_output(
        "error",
        ename="FileNotFoundError",
        evalue="x",
        traceback=[f"File {root}/src/m.py, line 3", f"no {build}/t.csv"],
    )
    shown = new_output(
        "display_data",
        data={
            "text/plain": f"saved {build}/f.svg",
            "text/html": f"<code>{root}/data</code>",
            "application/json": {"path": str(root)},
        },
    )
    cell = new_code_cell("x", outputs=[error, shown])
    execute.stabilise(new_notebook(cells=[cell]), paths)
    assert cell.outputs[0].traceback == ["File <workspace>/src/m.py, line 3", "no reports/x/t.csv"]
    assert cell.outputs[1].data == {
        "text/plain": "saved reports/x/f.svg",
        "text/html": "<code><workspace>/data</code>",
        "application/json": {"path": str(root)},  # not text: left as it is
    }


def test_stabilise_drops_run_metadata_and_keeps_the_rest(tmp_path):
    injected = new_code_cell("level = 0.9", id="a1b2c3")
    injected.metadata.update(
        tags=["injected-parameters"],
        papermill={"duration": 0.1},
        execution={"iopub.status.busy": "2024-01-01T00:00:00Z"},
    )
    plain = new_code_cell("y = 1", id="keep-me", metadata={"tags": ["headline"], "k": 1})
    plain.metadata.update(papermill={"status": "completed"})
    notes = new_markdown_cell("# Notes", id="md-1")
    notebook = new_notebook(cells=[notes, injected, plain], metadata={"papermill": {}, "k": 2})
    stable = execute.stabilise(notebook, {str(tmp_path): "<workspace>"})
    assert stable is notebook
    assert dict(stable.metadata) == {"k": 2}
    assert [c.id for c in stable.cells] == ["md-1", "injected-parameters", "keep-me"]
    assert dict(stable.cells[1].metadata) == {"tags": ["injected-parameters"]}
    assert dict(stable.cells[2].metadata) == {"tags": ["headline"], "k": 1}


# --- Failure and the kernel's stderr --------------------------------------------------------


def test_a_failure_in_a_cell_names_the_notebook_and_the_cell():
    failure = execute.Failure("02-trend-projections.ipynb", 7, "ValueError: bad level")
    assert str(failure) == "02-trend-projections.ipynb: cell 7 failed: ValueError: bad level"


def test_a_failure_in_cell_zero_still_names_the_cell():
    assert str(execute.Failure("a.ipynb", 0, "E: x")) == "a.ipynb: cell 0 failed: E: x"


def test_a_failure_before_any_cell_says_so():
    failure = execute.Failure("a.ipynb", None, "RuntimeError: kernel died")
    assert str(failure) == "a.ipynb: before any cell ran failed: RuntimeError: kernel died"


def test_tail_of_a_missing_or_empty_log_is_empty(tmp_path):
    assert execute._tail(tmp_path / "absent.log") == ""
    (tmp_path / "empty.log").write_text("")
    assert execute._tail(tmp_path / "empty.log") == ""
    (tmp_path / "blank.log").write_text("\n  \n")
    assert execute._tail(tmp_path / "blank.log") == ""


def test_tail_keeps_the_last_ten_lines_under_a_heading(tmp_path):
    log = tmp_path / "stderr.log"
    log.write_text("".join(f"line {i}\n" for i in range(1, 26)) + "\n")
    expected = "\nkernel stderr:\n" + "\n".join(f"line {i}" for i in range(16, 26))
    assert execute._tail(log) == expected
    assert execute._tail(log, lines=2) == "\nkernel stderr:\nline 24\nline 25"


def test_tail_of_a_short_log_keeps_every_line_and_survives_bad_bytes(tmp_path):
    log = tmp_path / "stderr.log"
    log.write_bytes(b"  Traceback\n\xff bad byte\n")
    assert execute._tail(log) == "\nkernel stderr:\nTraceback\n\ufffd bad byte"


# --- a notebook papermill passed but did not run to the end ---------------------------------


def executed_as(cells: list) -> object:
    """A stand-in for papermill.execute_notebook that passes, leaving `cells` as executed."""

    def execute_notebook(source, target, **kwargs) -> None:
        nbformat.write(new_notebook(cells=cells), target)

    return execute_notebook


def ran(source: str, count: int, *outputs) -> nbformat.NotebookNode:
    return new_code_cell(source, execution_count=count, outputs=list(outputs))


@pytest.mark.parametrize(
    ("cells", "failure"),
    [
        (
            [ran("import sys", 1), new_code_cell("x = 1"), ran("y = 2", 2)],
            "a.ipynb: cell 1 failed: not executed (no execution_count)",
        ),
        (
            [ran("sys.exit()", 1, new_output("error", ename="SystemExit", evalue="")), ran("", 2)],
            "a.ipynb: cell 0 failed: error output: SystemExit: ",
        ),
    ],
    ids=["a skipped cell", "an error papermill lets pass"],
)
def test_a_notebook_not_run_to_the_end_fails(tmp_path, monkeypatch, cells, failure):
    monkeypatch.setattr(execute.pm, "execute_notebook", executed_as(cells))
    found = execute.execute(tmp_path / "a.ipynb", tmp_path / "out.ipynb", {}, tmp_path)
    assert str(found) == failure


def test_a_notebook_run_to_the_end_passes_with_empty_cells_and_markdown(tmp_path, monkeypatch):
    cells = [new_markdown_cell("# a"), ran("x = 1", 1), new_code_cell("  \n"), ran("x", 2)]
    monkeypatch.setattr(execute.pm, "execute_notebook", executed_as(cells))
    assert execute.execute(tmp_path / "a.ipynb", tmp_path / "out.ipynb", {}, tmp_path) is None


# --- kill_kernels ---------------------------------------------------------------------------


def test_kill_kernels_ends_each_kernel_with_what_it_started(tmp_path):
    started = tmp_path / "child.pid"
    code = (
        "import subprocess, sys, time\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
        f"open({str(started)!r}, 'w').write(str(child.pid))\n"
        "time.sleep(60)\n"
    )
    kernel = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
    while not started.exists() or not started.read_text():
        time.sleep(0.02)
    child = int(started.read_text())
    execute.KERNELS.add(kernel.pid)
    execute.kill_kernels()
    assert kernel.wait(timeout=5) == -9 and not execute.KERNELS
    for _ in range(100):
        if not alive(child):
            break
        time.sleep(0.05)
    assert not alive(child)


def test_kill_kernels_passes_over_a_kernel_already_gone():
    gone = subprocess.Popen([sys.executable, "-c", ""], start_new_session=True)
    gone.wait()
    execute.KERNELS.add(gone.pid)
    execute.kill_kernels()
    assert not execute.KERNELS


def test_use_runtime_keeps_every_file_of_the_process_and_its_children_in_the_folder(
    tmp_path, monkeypatch
):
    for name in execute.RUNTIME_FOLDERS:
        monkeypatch.setenv(name, "/elsewhere")  # restored after, as tempfile's choice below
    monkeypatch.setattr(tempfile, "tempdir", "/elsewhere")
    execute.use_runtime(tmp_path)
    assert all(Path(os.environ[n]).parent == tmp_path for n in execute.RUNTIME_FOLDERS)
    with tempfile.TemporaryDirectory() as scratch:  # as the kernel's log and Chromium's
        assert Path(scratch).parent == tmp_path / "tmp"
    shown = subprocess.run(
        [sys.executable, "-c", "import tempfile; print(tempfile.gettempdir())"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout.strip() == str(tmp_path / "tmp")  # a kernel's, a Chromium's
