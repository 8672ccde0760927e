"""The runner: checked run sets, parallel kernels, atomic publishing, stable reports."""

import nbformat

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
