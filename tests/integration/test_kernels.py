"""Kernels started by the runner: many in parallel without collisions, each shut down, and one
that dies says why."""

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from support import alive

from helpers.runner import execute, run


def tiny_notebook(path: Path) -> Path:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import os\nos.getpid()")])
    notebook.metadata["kernelspec"] = {"name": "python3", "language": "python"}
    nbformat.write(notebook, path)
    return path


def test_parallel_kernels_do_not_collide(tmp_path):
    source = tiny_notebook(tmp_path / "tiny.ipynb")
    targets = [tmp_path / f"out-{i}.ipynb" for i in range(6)]  # 3 at a time, twice over
    with ProcessPoolExecutor(max_workers=3, mp_context=run.WORKERS) as pool:
        runs = [pool.submit(execute.execute, source, t, {}, t.parent) for t in targets]
        failures = [future.result() for future in runs]
    assert failures == [None] * len(targets)
    pids = {nbformat.read(t, as_version=4).cells[0].outputs[0].data["text/plain"] for t in targets}
    assert len(pids) == len(targets)  # every run had its own kernel
    assert [pid for pid in map(int, pids) if alive(pid)] == []  # and shut it down


def test_a_kernel_that_dies_says_why_in_the_failure(tmp_path, monkeypatch, capfd):
    fake = tmp_path / "fake"  # a launcher found before ipykernel's: dies as a broken kernel would
    fake.mkdir()
    (fake / "ipykernel_launcher.py").write_text("import sys\nsys.exit('kernel broke: no numpy')\n")
    monkeypatch.setenv("PYTHONPATH", str(fake))
    source = tiny_notebook(tmp_path / "tiny.ipynb")
    failure = execute.execute(source, tmp_path / "out.ipynb", {}, cwd=tmp_path)
    assert failure is not None and failure.cell is None
    assert "kernel stderr:\nkernel broke: no numpy" in failure.error
    assert "kernel broke" not in capfd.readouterr().err  # in the failure, not on the terminal
