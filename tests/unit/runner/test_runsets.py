"""The runner: checked run sets, parallel kernels, atomic publishing, stable reports."""

from pathlib import Path

import nbformat
import pytest
import yaml
from support import ALL, runs_file

from helpers.core.paths import NOTEBOOKS
from helpers.runner import run, runsets


def load(tmp_path: Path, sets: dict) -> list[runsets.RunSet]:
    return runsets.load_runs(runs_file(tmp_path, sets))


def test_the_workspace_run_sets_pass_their_checks():
    sets = runsets.load_runs()
    runsets.check_run_sets(sets)
    assert "default" in [s.name for s in sets]
    assert all(s.notebooks for s in sets)


@pytest.mark.parametrize(
    ("parameters", "match"),
    [
        ({"levle": 0.8}, r"set 'bad': parameter 'levle' is not declared by any of its notebooks"),
        ({"level": "high"}, r"set 'bad', notebook '02-trend-projections': parameter 'level'="),
        ({"level": 1.5}, r"set 'bad', notebook '02-trend-projections': parameter level=1.5"),
        ({"models": ["linear", "arima"]}, r"notebook '02-trend-projections'.*'arima'.*naive"),
        ({"models": "linear"}, r"parameter 'models'='linear' should be a list"),
        ({"units_reading": "total"}, r"notebook '01-clean-figures'.*units_reading='total'"),
        ({"write_outputs": 1}, r"parameter 'write_outputs'=1 should be a bool"),
        ({"prefer_source": "kompas"}, r"prefer_source='kompas' is not allowed"),
        ({"tables_dir": "x"}, r"parameter 'tables_dir' is set by the runner"),
    ],
)
def test_a_bad_parameter_names_the_set_notebook_and_parameter(tmp_path, parameters, match):
    sets = load(tmp_path, {"bad": {"notebooks": ALL, "parameters": parameters}})
    with pytest.raises(runsets.RunSetError, match=match):
        runsets.check_run_sets(sets)


def test_an_int_may_stand_for_a_float_but_not_a_bool_for_an_int(tmp_path):
    sets = load(tmp_path, {"ok": {"notebooks": ALL, "parameters": {"horizon": 2020}}})
    runsets.check_run_sets(sets)
    sets = load(tmp_path, {"bad": {"notebooks": ALL, "parameters": {"horizon": True}}})
    with pytest.raises(runsets.RunSetError, match="'horizon'=True should be a int"):
        runsets.check_run_sets(sets)


@pytest.mark.parametrize(
    ("sets", "match"),
    [
        ({"Bad Name": {"notebooks": ALL}}, "a set name is lowercase"),
        ({"x": {"notebooks": ["02-trend-projections"]}}, "reads the tables of '01-clean-figures'"),
        ({"x": {"notebooks": ["04-missing"]}}, "unknown notebook '04-missing'"),
        ({"x": {"notebooks": []}}, "set 'x': lists no notebooks"),
        ({"x": {"notebooks": ALL, "params": {}}}, r"unknown keys \['params'\]"),
    ],
)
def test_a_malformed_set_is_refused_with_its_name(tmp_path, sets, match):
    with pytest.raises(runsets.RunSetError, match=match):
        load(tmp_path, sets)


def test_notebooks_run_in_the_order_of_their_dependencies(tmp_path):
    (run_set,) = load(tmp_path, {"x": {"notebooks": list(reversed(ALL))}})
    assert run_set.notebooks == tuple(ALL)
    progress = run.Progress(run_set, inputs="")
    assert progress.ready() == ["01-clean-figures"]
    progress.done.append("01-clean-figures")
    assert progress.ready() == ["02-trend-projections", "03-targets"]


def test_the_inputs_hash_follows_parameters_data_and_code(tmp_path):
    (a,) = load(tmp_path, {"x": {"notebooks": ALL}})
    (b,) = load(tmp_path, {"x": {"notebooks": ALL, "parameters": {"level": 0.8}}})
    root = tmp_path / "root"
    for sub in ("notebooks", "data/raw", "data/processed", "src/helpers"):
        (root / sub).mkdir(parents=True)
    for name in ALL:
        (root / "notebooks" / f"{name}.ipynb").write_text("{}")
    (root / "requirements.lock").write_text("x==1\n")
    (root / "data/raw/a.txt").write_text("a")
    before = runsets.inputs_hash(a, root)
    assert runsets.inputs_hash(b, root) != before
    (root / "data/processed/figures.csv").write_text("outputs do not count")
    assert runsets.inputs_hash(a, root) == before
    (root / "src/helpers/m.py").write_text("x = 1")
    assert runsets.inputs_hash(a, root) != before


def test_committed_notebooks_are_listed_in_runs_yaml():
    spec = yaml.safe_load((NOTEBOOKS / "runs.yaml").read_text(encoding="utf-8"))
    assert sorted(spec["notebooks"]) == sorted(p.stem for p in NOTEBOOKS.glob("[0-9]*.ipynb"))


def test_every_notebook_has_a_parameters_cell_and_no_run_details():
    for path in sorted(NOTEBOOKS.glob("[0-9]*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        tags = [t for c in notebook.cells for t in c.metadata.get("tags", [])]
        assert "parameters" in tags and "headline" in tags, path.name
        assert "papermill" not in notebook.metadata, path.name
        for cell in notebook.cells:
            assert not {"papermill", "execution"} & set(cell.metadata), path.name
