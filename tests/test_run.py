"""The runner: checked run sets, parallel kernels, atomic publishing, stable reports."""

import json
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import pytest
import yaml
from conftest import ALL, SETS, alive, runs_file

from helpers import execute, render, run, runsets
from helpers.paths import NOTEBOOKS


def load(tmp_path: Path, sets: dict) -> list[runsets.RunSet]:
    return runsets.load_runs(runs_file(tmp_path, sets))


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


# --- run sets -----------------------------------------------------------------------------


def test_the_workspace_run_sets_pass_their_checks():
    sets = runsets.load_runs()
    runsets.check_parameters(sets)
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
        runsets.check_parameters(sets)


def test_an_int_may_stand_for_a_float_but_not_a_bool_for_an_int(tmp_path):
    sets = load(tmp_path, {"ok": {"notebooks": ALL, "parameters": {"horizon": 2020}}})
    runsets.check_parameters(sets)
    sets = load(tmp_path, {"bad": {"notebooks": ALL, "parameters": {"horizon": True}}})
    with pytest.raises(runsets.RunSetError, match="'horizon'=True should be a int"):
        runsets.check_parameters(sets)


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


# --- execution ----------------------------------------------------------------------------


def tiny_notebook(path: Path) -> Path:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import os\nos.getpid()")])
    notebook.metadata["kernelspec"] = {"name": "python3", "language": "python"}
    nbformat.write(notebook, path)
    return path


def run_tiny(args: tuple[Path, Path]) -> str | None:
    source, target = args
    failure = execute.execute(source, target, {}, cwd=target.parent)
    return str(failure) if failure else None


def test_dozens_of_parallel_kernels_do_not_collide(tmp_path):
    source = tiny_notebook(tmp_path / "tiny.ipynb")
    targets = [tmp_path / f"out-{i}.ipynb" for i in range(24)]
    with ProcessPoolExecutor(max_workers=8, mp_context=run.WORKERS) as pool:
        failures = list(pool.map(run_tiny, [(source, t) for t in targets]))
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


# --- publishing ---------------------------------------------------------------------------


def test_each_set_publishes_notebooks_tables_figures_and_both_html_versions(published):
    baseline = files(published / "baseline")
    for name in ALL:
        assert {f"{name}.ipynb", f"{name}.html", f"{name}.full.html"} <= set(baseline)
    assert {"tables/figures.csv", "tables/projections.csv", "tables/targets.csv"} <= set(baseline)
    assert "figures/03-verdict.svg" in baseline
    assert not (published / ".build").exists() or not any((published / ".build").iterdir())


def test_the_stock_set_really_ran_with_its_parameter(published):
    stock = (published / "stock" / "tables" / "targets.csv").read_text(encoding="utf-8")
    default = (published / "baseline" / "tables" / "targets.csv").read_text(encoding="utf-8")
    assert ",182000.0," in stock and ",182000.0," not in default
    cells = nbformat.read(published / "stock" / "03-targets.ipynb", as_version=4).cells
    (injected,) = [c for c in cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert 'units_reading = "stock"' in injected.source
    assert 'tables_dir = "tables"' in injected.source


def test_the_reader_version_hides_code_and_the_full_version_shows_it(published):
    reader = (published / "baseline" / "01-clean-figures.html").read_text(encoding="utf-8")
    full = (published / "baseline" / "01-clean-figures.full.html").read_text(encoding="utf-8")
    assert "IKM figures in the news" in reader and "republika-2017-12-28-ikm" in reader
    comment = "Which figure is used downstream where sources disagree"  # in the parameters cell
    assert comment not in reader and comment in full


REMOTE = r"""["']?(?:https?:)?//[^"' >)]+"""
LOADS = [  # what a browser fetches on opening a page; a citation link (<a href>) is not fetched
    rf"\bsrc\s*=\s*{REMOTE}",
    rf"<link\b[^>]*\bhref\s*=\s*{REMOTE}",
    rf"url\(\s*{REMOTE}",
    rf"@import\s+{REMOTE}",
]


def remote_loads(html: str) -> list[str]:
    return [found for pattern in LOADS for found in re.findall(pattern, html)]


def test_remote_loads_finds_scripts_styles_and_images_but_not_links():
    page = (
        '<script src="https://cdn.example/x.js"></script><link rel="stylesheet" '
        'href="//cdn.example/x.css"><style>@import "https://f.example/a.css"; '
        "b { background: url(https://i.example/b.png) }</style><img src=http://i.example/c.png>"
    )
    assert len(remote_loads(page)) == 5
    assert remote_loads('<a href="https://otexts.com/fpp3/">FPP3</a><img src="data:x">') == []


def test_reports_load_nothing_from_other_hosts(published):
    pages = list(published.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        remote = remote_loads(page.read_text(encoding="utf-8"))
        assert not remote, f"{page.name}: {remote}"


def test_the_index_lists_every_set_with_headlines_and_working_links(published):
    index = (published / "index.html").read_text(encoding="utf-8")
    for name in SETS:
        manifest = json.loads((published / name / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["parameters"] == SETS[name].get("parameters", {})
        for notebook in manifest["notebooks"]:
            assert notebook["headline"] and notebook["headline"] in index
    for link in re.findall(r'href="([^"#]+)"', index):
        assert (published / link).is_file(), link
    assert '<li>English: <a href="#baseline">baseline</a></li>' in index
    assert '<li>Bahasa Indonesia: <a href="#stock">stock</a></li>' in index
    assert '<tr id="stock">' in index


def test_an_unchanged_set_is_reused_and_a_forced_run_is_byte_identical(published, capsys):
    before = files(published / "stock")
    runs = runs_file(published.parent, SETS)
    assert run.main(["--runs", str(runs), "--reports", str(published), "stock"]) == 0
    assert "stock: reused" in capsys.readouterr().out
    assert run.main(["--runs", str(runs), "--reports", str(published), "--force", "stock"]) == 0
    assert "stock: published" in capsys.readouterr().out
    assert files(published / "stock") == before
    assert "baseline" in (published / "index.html").read_text(encoding="utf-8")


def test_a_failed_notebook_keeps_the_previous_report_and_the_failed_notebook(tmp_path, capsys):
    reports = tmp_path / "reports"
    (reports / "broken").mkdir(parents=True)
    (reports / "broken" / "previous.txt").write_text("the last good report")
    sets = {
        "broken": {"notebooks": ALL[:2], "parameters": {"horizon": 2010}},
        "fine": {"notebooks": ALL[:1]},
    }
    code = run.main(["--runs", str(runs_file(tmp_path, sets)), "--reports", str(reports)])
    err = capsys.readouterr().err
    assert code == 1
    assert re.search(r"02-trend-projections.ipynb: cell \d+ failed: ValueError: .*horizon", err)
    assert (reports / "broken" / "previous.txt").read_text() == "the last good report"
    failed = nbformat.read(reports / "_failed" / "broken" / f"{ALL[1]}.ipynb", as_version=4)
    errors = [o for c in failed.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors and errors[0].ename == "ValueError"
    assert (reports / "fine" / "manifest.json").is_file()  # the other set still finished
    assert "horizon" in (reports / "index.html").read_text(encoding="utf-8")


def test_a_bad_set_stops_the_run_before_anything_executes(tmp_path, capsys):
    reports = tmp_path / "reports"
    sets = {"fine": {"notebooks": ALL[:1]}, "bad": {"notebooks": ALL, "parameters": {"x": 1}}}
    assert run.main(["--runs", str(runs_file(tmp_path, sets)), "--reports", str(reports)]) == 2
    assert "set 'bad': parameter 'x' is not declared" in capsys.readouterr().err
    assert not reports.exists()


def test_publish_replaces_the_previous_report_whole(tmp_path):
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "new.txt").write_text("new")
    (tmp_path / "final").mkdir()
    (tmp_path / "final" / "old.txt").write_text("old")
    run.publish(tmp_path / "build", tmp_path / "final")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["final"]
    assert [p.name for p in (tmp_path / "final").iterdir()] == ["new.txt"]


def test_the_default_set_refreshes_the_committed_tables(tmp_path):
    report, data = tmp_path / "report", tmp_path / "data"
    (report / "tables").mkdir(parents=True)
    (report / "tables" / "figures.csv").write_text("a\n1\n")
    run.refresh_processed(report, data)
    assert (data / "processed" / "figures.csv").read_text() == "a\n1\n"


def test_headline_reads_the_tagged_cell():
    cell = nbformat.v4.new_code_cell("x", metadata={"tags": ["headline"]})
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": "3 met\n"})]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("y"), cell])
    assert render.headline(notebook) == "3 met"


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
