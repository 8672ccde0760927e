"""helpers.runner.runsets: RunSet, type and value checks of parameters, load_runs and its
errors, check_run_sets over the workspace's notebooks, and the inputs hash."""

import ast
import shutil
from pathlib import Path

import nbformat
import pytest
import yaml
from support import ALL, runs_file

from helpers.core.paths import DATA, NOTEBOOKS
from helpers.runner import run, runsets
from helpers.trends.projection import MAX_HORIZON_YEARS


@pytest.fixture(autouse=True)
def one_build_of_the_committed_data(monkeypatch, built_from_raw):
    """check_run_sets builds the clean table before it checks the sets: over the committed
    data, these tests share one build (test_table tests the build itself)."""
    from helpers import clean

    build = clean.build

    def shared(data_dir: Path = DATA, **choices) -> clean.CleanTable:
        return built_from_raw(**choices) if data_dir == DATA else build(data_dir, **choices)

    monkeypatch.setattr(clean, "build", shared)


def load(tmp_path: Path, sets: dict, needs: dict | None = None) -> list[runsets.RunSet]:
    return runsets.load_runs(runs_file(tmp_path, sets, needs))


READS_01 = {name: ALL[:1] for name in ALL[1:]}  # were 02 onwards to read 01's tables


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
        ({"lang": 1}, r"parameter 'lang'=1 should be a str"),
        ({"prefer_source": "kompas"}, r"prefer_source='kompas' is not allowed"),
        ({"tables_dir": "x"}, r"parameter 'tables_dir' is set by the runner"),
    ],
)
def test_a_bad_parameter_names_the_set_notebook_and_parameter(tmp_path, parameters, match):
    sets = load(tmp_path, {"bad": {"notebooks": ALL, "parameters": parameters}})
    with pytest.raises(runsets.RunSetError, match=match):
        runsets.check_run_sets(sets)


def test_an_int_may_stand_for_a_float_but_not_a_bool_for_an_int(tmp_path):
    sets = load(tmp_path, {"ok": {"notebooks": ALL, "parameters": {"horizon": 2030}}})
    runsets.check_run_sets(sets)
    sets = load(tmp_path, {"bad": {"notebooks": ALL, "parameters": {"horizon": True}}})
    with pytest.raises(runsets.RunSetError, match="'horizon'=True should be a int"):
        runsets.check_run_sets(sets)


@pytest.mark.parametrize(
    ("sets", "match"),
    [
        ({"Bad Name": {"notebooks": ALL}}, "a set name is lowercase"),
        ({"x": {"notebooks": ["04-missing"]}}, "unknown notebook '04-missing'"),
        ({"x": {"notebooks": []}}, "set 'x': lists no notebooks"),
        ({"x": {"notebooks": ALL, "params": {}}}, r"unknown keys \['params'\]"),
    ],
)
def test_a_malformed_set_is_refused_with_its_name(tmp_path, sets, match):
    with pytest.raises(runsets.RunSetError, match=match):
        load(tmp_path, sets)


def test_a_set_without_the_notebook_whose_tables_another_reads_is_refused(tmp_path):
    sets = {"x": {"notebooks": ["02-trend-projections"]}}
    load(tmp_path, sets)  # the workspace's notebooks build their own tables
    with pytest.raises(runsets.RunSetError, match="reads the tables of '01-clean-figures'"):
        load(tmp_path, sets, READS_01)


def test_notebooks_run_in_the_order_of_their_dependencies(tmp_path):
    (run_set,) = load(tmp_path, {"x": {"notebooks": list(reversed(ALL))}}, READS_01)
    assert run_set.notebooks == tuple(ALL)
    progress = run.Progress(run_set, inputs="")
    assert progress.ready() == ["01-clean-figures"]
    progress.done.append("01-clean-figures")
    assert progress.ready() == ALL[1:]  # each of them reads only 01's tables
    (independent,) = load(tmp_path, {"x": {"notebooks": ALL}})
    assert run.Progress(independent, inputs="").ready() == ALL  # the workspace's: side by side


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


# --- RunSet ---------------------------------------------------------------------------------


def run_set(**parameters) -> runsets.RunSet:
    return runsets.RunSet("x", "", ("01-clean-figures",), parameters)


def test_parameters_for_gives_only_what_the_notebook_declares():
    chosen = run_set(level=0.9, lang="id", models=["naive"])
    assert chosen.parameters_for("02-trend-projections", {"level", "horizon"}) == {"level": 0.9}
    assert chosen.parameters_for("01-clean-figures", set()) == {}


def test_parameters_for_adds_the_runners_folders_the_notebook_declares():
    chosen = run_set(lang="id")
    declared = {"lang", "tables_dir", "figures_dir"}
    assert chosen.parameters_for("03-targets", declared) == {
        "lang": "id",
        "tables_dir": "tables",
        "figures_dir": "figures",
    }
    assert chosen.parameters_for("03-targets", {"tables_dir"}) == {"tables_dir": "tables"}


def test_the_runners_folders_win_over_a_set_that_names_them():
    chosen = run_set(tables_dir="elsewhere")
    assert chosen.parameters_for("01-clean-figures", {"tables_dir"}) == {"tables_dir": "tables"}


def test_a_sets_language_is_its_lang_parameter_or_english():
    assert run_set().language == "en"
    assert run_set(lang="id").language == "id"


# --- _same_type -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "default", "expected"),
    [
        (False, True, True),
        (True, 1, False),
        (1, True, False),
        (1, 1.0, True),  # an int may stand for a float
        (1.0, 1, False),  # but not a float for an int
        (True, 1.0, False),
        (2, 0.5, True),
        (0.8, 0.5, True),
        (1.5, 2, False),
        ("0.8", 0.8, False),
        ("x", "y", True),
        (None, None, True),
        (["a", "b"], ["c"], True),
        ([], ["c"], True),
        ([1], ["c"], False),
        (["a", 1], ["c", 2], True),
        ("a", ["a"], False),
        (("a",), ["a"], False),
        ([True], [1], False),
        ([1], [1.0], False),  # items must match exactly: no int for a float inside a list
        (["a"], [], True),  # an empty default list is a list of text ("every source": [])
        ([1], [], False),
        ("2017-12-28", None, True),  # a default of None ("none of them") stands for text
        (1, None, False),
    ],
)
def test_same_type(value, default, expected):
    assert runsets._same_type(value, default) is expected


# --- value_checks ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def checks(tmp_path_factory) -> dict:
    """The value checks over a data folder with two sources and two indicators."""
    data = tmp_path_factory.mktemp("data")
    shutil.copy(DATA / "translations.csv", data)  # the units an indicator may have
    source_lines = (DATA / "sources.csv").read_text(encoding="utf-8").splitlines()[:3]
    (data / "sources.csv").write_text("\n".join(source_lines) + "\n", encoding="utf-8")
    indicator_lines = (DATA / "indicators.csv").read_text(encoding="utf-8").splitlines()[:3]
    (data / "indicators.csv").write_text("\n".join(indicator_lines) + "\n", encoding="utf-8")
    return runsets.value_checks(data)


SOURCES = ["antara-2017-ikm", "republika-2017-12-28-ikm"]
INDICATORS = ["ikm_units", "ikm_units_growth"]


def test_value_checks_cover_every_parameter_the_stages_declare(checks):
    assert sorted(checks) == [
        "as_of",
        "cutoffs",
        "growth_measure",
        "indicators",
        "lang",
        "level",
        "models",
        "part_years",
        "prefer_source",
        "source_ids",
        "units_reading",
    ]


@pytest.mark.parametrize(
    ("parameter", "good", "returned"),
    [
        ("units_reading", "stock", None),
        ("prefer_source", "earliest", None),
        ("prefer_source", SOURCES[1], None),
        ("models", ["naive", "loglinear"], None),
        ("indicators", INDICATORS[1:], None),
        ("level", 0.95, 0.95),
        ("growth_measure", "ikm_value_added", None),
        ("lang", "id", "id"),
        ("cutoffs", "unsd", "unsd"),
    ],
)
def test_value_checks_accept_an_allowed_value(checks, parameter, good, returned):
    assert checks[parameter](good) == returned


@pytest.mark.parametrize(
    ("parameter", "bad", "message"),
    [
        (
            "units_reading",
            "total",
            "parameter units_reading='total' is not allowed; choose one of ['increase', 'stock']",
        ),
        (
            "prefer_source",
            "kompas",
            "parameter prefer_source='kompas' is not allowed; "
            f"choose one of {['best', 'latest', 'earliest', *SOURCES]}",
        ),
        (
            "models",
            ["linear", "arima"],
            "parameter models='arima' is not allowed; "
            "choose one of ['naive', 'drift', 'linear', 'loglinear', 'combined']",
        ),
        (
            "models",
            [],
            "parameter models=[] must be a non-empty list of "
            "['naive', 'drift', 'linear', 'loglinear', 'combined']",
        ),
        (
            "indicators",
            ["ikm_workers"],
            f"parameter indicators='ikm_workers' is not allowed; choose one of {INDICATORS}",
        ),
        (
            "cutoffs",
            "eurostat",
            "parameter cutoffs='eurostat' is not allowed; choose one of ['escap', 'unsd']",
        ),
        ("level", 1.0, "parameter level=1.0 must lie strictly between 0 and 1, e.g. 0.95"),
        ("level", 0, "parameter level=0 must lie strictly between 0 and 1, e.g. 0.95"),
        (
            "growth_measure",
            "ikm_units",
            "parameter growth_measure='ikm_units' is not allowed; "
            "choose one of ['ikm_value_added', 'ikm_units_stock']",
        ),
        ("lang", "fr", "parameter lang='fr' is not allowed; choose one of ['en', 'id']"),
    ],
)
def test_value_checks_refuse_a_bad_value_naming_it(checks, parameter, bad, message):
    with pytest.raises(ValueError) as refused:
        checks[parameter](bad)
    assert str(refused.value) == message


# --- load_runs errors -----------------------------------------------------------------------


def notebooks_folder(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name in names:
        (folder / f"{name}.ipynb").write_text("{}")
    return folder


def test_load_runs_refuses_a_missing_file(tmp_path):
    with pytest.raises(runsets.RunSetError) as refused:
        runsets.load_runs(tmp_path / "runs.yaml", tmp_path)
    assert str(refused.value).startswith("runs.yaml: cannot be read ([Errno 2] No such file")


def test_load_runs_refuses_text_that_is_not_yaml(tmp_path):
    path = tmp_path / "runs.yaml"
    path.write_text("sets: [unclosed\n", encoding="utf-8")
    with pytest.raises(runsets.RunSetError) as refused:
        runsets.load_runs(path, tmp_path)
    assert str(refused.value).startswith("runs.yaml: cannot be read (while parsing")
    assert refused.value.__cause__ is None and refused.value.__suppress_context__


@pytest.mark.parametrize(
    "text",
    ["", "- a\n- b\n", "notebooks: {}\n", "notebooks: {}\nsets: [a]\n", "sets:\n"],
    ids=["empty", "a-list", "no-sets", "sets-a-list", "sets-empty"],
)
def test_load_runs_refuses_a_file_without_a_mapping_of_sets(tmp_path, text):
    path = tmp_path / "runs.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(runsets.RunSetError) as refused:
        runsets.load_runs(path, tmp_path)
    assert str(refused.value) == "runs.yaml: expected the keys 'notebooks' and 'sets'"


def test_load_runs_refuses_a_notebook_the_folder_does_not_have(tmp_path):
    folder = notebooks_folder(tmp_path, "01-a")
    path = tmp_path / "runs.yaml"
    spec = {"notebooks": {"01-a": None, "02-b": ["01-a"]}, "sets": {"x": {"notebooks": ["01-a"]}}}
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    with pytest.raises(runsets.RunSetError) as refused:
        runsets.load_runs(path, folder)
    assert str(refused.value) == "runs.yaml: notebook '02-b' is not in notebooks/"


def test_load_runs_without_a_notebooks_map_knows_no_notebook(tmp_path):
    path = tmp_path / "runs.yaml"
    path.write_text(yaml.safe_dump({"sets": {"x": {"notebooks": ["01-a"]}}}), encoding="utf-8")
    with pytest.raises(runsets.RunSetError) as refused:
        runsets.load_runs(path, notebooks_folder(tmp_path, "01-a"))
    assert str(refused.value) == "runs.yaml: set 'x': unknown notebook '01-a'; known: []"


def test_load_runs_reads_a_set_over_a_private_notebooks_folder(tmp_path):
    folder = notebooks_folder(tmp_path, "01-a", "02-b")
    path = tmp_path / "runs.yaml"
    spec = {
        "notebooks": {"01-a": None, "02-b": ["01-a"]},
        "sets": {"x": {"notebooks": ["02-b", "01-a"], "parameters": {"lang": "id"}}, "y": None},
    }
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    with pytest.raises(runsets.RunSetError, match="^runs.yaml: set 'y': lists no notebooks$"):
        runsets.load_runs(path, folder)
    del spec["sets"]["y"]
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    assert runsets.load_runs(path, folder) == [
        runsets.RunSet("x", "", ("01-a", "02-b"), {"lang": "id"}, {"01-a": (), "02-b": ("01-a",)})
    ]


# --- bad inputs refused before anything runs ------------------------------------------------


def written_runs(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "runs.yaml"
    path.write_text(text, encoding="utf-8")
    return path


NOTEBOOKS_MAP = "notebooks:\n  01-clean-figures: []\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            NOTEBOOKS_MAP + "sets:\n  default:\n    notebooks: [01-clean-figures]\n"
            "  default:\n    notebooks: [01-clean-figures]\n",
            "runs.yaml line 6: duplicate key 'default'",
        ),
        (
            NOTEBOOKS_MAP + "sets:\n  x:\n    notebooks: [01-clean-figures]\n    parameters:\n"
            "      lang: id\n      lang: en\n",
            "runs.yaml line 8: duplicate key 'lang'",
        ),
        (
            NOTEBOOKS_MAP + "  01-clean-figures: []\nsets: {}\n",
            "runs.yaml line 3: duplicate key '01-clean-figures'",
        ),
        (NOTEBOOKS_MAP + "sets: {}\nsets: {}\n", "runs.yaml line 4: duplicate key 'sets'"),
    ],
    ids=["set", "parameter", "notebook", "top-level"],
)
def test_load_runs_refuses_a_duplicate_key_naming_it_and_its_line(tmp_path, text, message):
    with pytest.raises(runsets.RunSetError) as refused:
        runsets.load_runs(written_runs(tmp_path, text), NOTEBOOKS)
    assert str(refused.value) == message + "; a key may appear only once in its mapping"


@pytest.mark.parametrize("parameter", ["models", "indicators"])
def test_load_runs_refuses_a_value_listed_twice(tmp_path, parameter):
    sets = {"x": {"notebooks": ALL, "parameters": {parameter: ["linear", "naive", "linear"]}}}
    with pytest.raises(runsets.RunSetError) as refused:
        load(tmp_path, sets)
    assert str(refused.value) == (
        f"runs.yaml: set 'x': parameter '{parameter}' lists 'linear' more than once"
    )


@pytest.mark.parametrize("name", ["../data/evil", "sub/01-a", "01-a.ipynb", ".hidden", 1])
def test_load_runs_refuses_a_notebook_that_is_not_a_plain_name(tmp_path, name):
    folder = notebooks_folder(tmp_path, "01-a")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "evil.ipynb").write_text("{}")
    path = tmp_path / "runs.yaml"
    spec = {"notebooks": {name: []}, "sets": {"x": {"notebooks": [name]}}}
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    with pytest.raises(runsets.RunSetError) as refused:
        runsets.load_runs(path, folder)
    assert str(refused.value) == (
        f"runs.yaml: notebooks: {name!r} must be the plain name of a file "
        "notebooks/<name>.ipynb (letters, digits, '-', '_')"
    )


def test_a_set_refuses_a_notebook_that_is_not_a_plain_name(tmp_path):
    with pytest.raises(runsets.RunSetError) as refused:
        load(tmp_path, {"x": {"notebooks": ["01-clean-figures", "../data/evil"]}})
    assert str(refused.value) == (
        "runs.yaml: set 'x': notebook '../data/evil' must be the plain name of a file "
        "notebooks/<name>.ipynb (letters, digits, '-', '_')"
    )


def test_a_horizon_too_far_is_refused_before_anything_runs(tmp_path):
    sets = load(tmp_path, {"far": {"notebooks": ALL, "parameters": {"horizon": 20190}}})
    with pytest.raises(runsets.RunSetError) as refused:
        runsets.check_run_sets(sets)
    assert str(refused.value) == (
        "runs.yaml: set 'far', notebook '02-trend-projections': parameter horizon=20190 must "
        f"be at most {2016 + MAX_HORIZON_YEARS}, {MAX_HORIZON_YEARS} years "
        "after 2016, the last observed year of ikm_value_added"
    )


@pytest.mark.parametrize(("horizon", "passes"), [(2024, False), (2025, True), (2046, True)])
def test_a_horizon_lies_between_the_year_after_the_data_and_the_maximum(tmp_path, horizon, passes):
    assert MAX_HORIZON_YEARS == 30  # value added ends in 2016, the unit stock in 2024
    sets = load(tmp_path, {"x": {"notebooks": ALL, "parameters": {"horizon": horizon}}})
    if passes:
        runsets.check_run_sets(sets)
    else:
        message = (
            "horizon=2024 must be a year after 2024, the last observed year of ikm_units_stock"
        )
        with pytest.raises(runsets.RunSetError, match=message):
            runsets.check_run_sets(sets)


def test_an_indicator_with_too_few_observed_years_is_refused_before_anything_runs(tmp_path):
    parameters = {"indicators": ["ikm_value_added", "ikm_centres_stock"]}  # one year only
    sets = load(tmp_path, {"x": {"notebooks": ALL, "parameters": parameters}})
    with pytest.raises(runsets.RunSetError) as refused:
        runsets.check_run_sets(sets)
    assert str(refused.value).startswith(
        "runs.yaml: set 'x', notebook '02-trend-projections': parameter "
        "indicators='ikm_centres_stock' is not allowed; choose one of ['ikm_growth', "
    )


def test_a_data_error_met_checking_prefer_source_is_an_error_of_the_data(tmp_path, data_dir):
    text = (data_dir / "sources.csv").read_text(encoding="utf-8")
    (data_dir / "sources.csv").write_text(text.replace(",2017-12-28,", ",2017-12-32,"))
    parameters = {"prefer_source": "earliest"}
    sets = load(tmp_path, {"x": {"notebooks": ALL, "parameters": parameters}})
    with pytest.raises(runsets.RunSetError) as refused:
        runsets.check_run_sets(sets, data_dir=data_dir)
    assert str(refused.value) == (
        "data/sources.csv line 3: published '2017-12-32' is not a real date (YYYY-MM-DD)"
    )


@pytest.mark.parametrize(
    "text", ["notebooks: [01-a]\nsets: {}\n", "notebooks:\n  01-a: 01-b\nsets: {}\n"]
)
def test_load_runs_refuses_a_notebooks_map_of_another_shape(tmp_path, text):
    with pytest.raises(runsets.RunSetError) as refused:
        runsets.load_runs(written_runs(tmp_path, text), notebooks_folder(tmp_path, "01-a"))
    assert str(refused.value) == "runs.yaml: notebooks must map each notebook to the ones it reads"


def parameters_notebook(path: Path, source: str) -> Path:
    """A notebook whose second cell, tagged `parameters`, holds `source`."""
    cells = [nbformat.v4.new_code_cell("x = 0"), nbformat.v4.new_code_cell(source)]
    cells[1].metadata["tags"] = ["parameters"]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    return path


DECLARED = """# a comment, and a list over lines
models = [
    "naive",  # the simplest
    "drift",
]
level: float = 0.95
flags = {"a": True, "b": None}
"""


@pytest.mark.parametrize("name", ALL)
def test_declared_parameters_are_what_papermill_reads_of_each_notebook(name):
    import papermill as pm  # the reading it stands in for, imported here alone

    notebook = NOTEBOOKS / f"{name}.ipynb"
    expected = {n: ast.literal_eval(s["default"]) for n, s in pm.inspect_notebook(notebook).items()}
    declared = runsets.declared_parameters(notebook)
    assert list(declared.items()) == list(expected.items()) and declared


def test_declared_parameters_read_lists_over_lines_annotations_and_comments(tmp_path):
    notebook = parameters_notebook(tmp_path / "n.ipynb", DECLARED)
    assert runsets.declared_parameters(notebook) == {
        "models": ["naive", "drift"],
        "level": 0.95,
        "flags": {"a": True, "b": None},
    }
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("a = 1")]), notebook)
    assert runsets.declared_parameters(notebook) == {}  # no cell tagged parameters


@pytest.mark.parametrize(
    ("source", "error"),
    [
        (
            "level = 0.95\nhorizon = max(2019, 2020)",
            "line 2: the value of horizon is not a literal",
        ),
        ("print('hello')", "line 1: expected name = value"),
        ("a = b = 1", "line 1: expected name = value"),
    ],
)
def test_a_parameters_cell_that_is_not_names_and_literals_is_refused(tmp_path, source, error):
    notebook = parameters_notebook(tmp_path / "n.ipynb", source)
    with pytest.raises(runsets.RunSetError) as refused:
        runsets.declared_parameters(notebook)
    assert str(refused.value) == f"n.ipynb: parameters cell, {error}"


# --- issue 31: a runs.yaml the runner cannot take ------------------------------------------


def test_load_runs_refuses_a_file_that_is_not_utf8_naming_the_byte(tmp_path):
    path = tmp_path / "runs.yaml"
    path.write_bytes((NOTEBOOKS / "runs.yaml").read_bytes() + b"\xff\xfe")
    size = path.stat().st_size
    with pytest.raises(runsets.RunSetError) as refused:
        runsets.load_runs(path)
    assert str(refused.value) == (
        f"runs.yaml: not UTF-8 (byte {size - 2} of {size}); save it as UTF-8"
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [("2020-01-01", "2020-01-01 (a date)"), ("2020-01-01 10:00:00", "2020-01-01 10:00:00 (a date")],
)
def test_load_runs_refuses_a_value_yaml_reads_as_a_date_before_anything_hashes_it(
    tmp_path, value, shown
):
    text = NOTEBOOKS_MAP + "sets:\n  x:\n    notebooks: [01-clean-figures]\n"
    text += f"    parameters:\n      level: {value}\n"
    with pytest.raises(runsets.RunSetError) as refused:
        runsets.load_runs(written_runs(tmp_path, text), NOTEBOOKS)
    assert str(refused.value).startswith(f"runs.yaml: set 'x': parameter 'level' is {shown}")
    assert "quote it" in str(refused.value)


def test_a_date_as_a_parameter_exits_2_with_one_line(tmp_path, capsys):
    text = NOTEBOOKS_MAP + "sets:\n  x:\n    notebooks: [01-clean-figures]\n"
    text += "    parameters:\n      level: 2020-01-01\n"
    runs = written_runs(tmp_path, text)
    assert run.main(["--runs", str(runs), "--reports", str(tmp_path / "reports")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: runs.yaml: set 'x': parameter 'level' is 2020-01-01 (a date)")
    assert err.count("\n") == 1
    assert not (tmp_path / "reports").exists()


@pytest.mark.parametrize(
    ("needs", "cycle"),
    [
        ({"01-a": ["02-b"], "02-b": ["01-a"]}, "01-a reads 02-b, which reads 01-a"),
        ({"01-a": ["01-a"], "02-b": []}, "01-a reads 01-a"),
        (
            {"01-a": [], "02-b": ["03-c"], "03-c": ["04-d"], "04-d": ["02-b", "01-a"]},
            "02-b reads 03-c, which reads 04-d, which reads 02-b",
        ),
    ],
    ids=["two", "itself", "three"],
)
def test_load_runs_refuses_a_dependency_cycle_naming_it(tmp_path, needs, cycle):
    folder = notebooks_folder(tmp_path, *needs)
    path = tmp_path / "runs.yaml"
    spec = {"notebooks": needs, "sets": {"x": {"notebooks": ["01-a"]}}}
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    with pytest.raises(runsets.RunSetError) as refused:
        runsets.load_runs(path, folder)
    assert str(refused.value) == (
        f"runs.yaml: notebooks: a dependency cycle: {cycle}; a notebook cannot run after itself"
    )


def test_a_dependency_cycle_exits_2_naming_it(tmp_path, capsys):
    text = NOTEBOOKS_MAP.replace("[]", "[02-trend-projections]")
    text += "  02-trend-projections: [01-clean-figures]\n"
    text += "sets:\n  x:\n    notebooks: [01-clean-figures, 02-trend-projections]\n"
    runs = written_runs(tmp_path, text)
    assert run.main(["--runs", str(runs), "--reports", str(tmp_path / "reports")]) == 2
    assert capsys.readouterr().err == (
        "error: runs.yaml: notebooks: a dependency cycle: 01-clean-figures reads "
        "02-trend-projections, which reads 01-clean-figures; a notebook cannot run after itself\n"
    )


@pytest.mark.parametrize("name", ["figures", "lab", "screenshots"])
def test_a_set_may_not_take_a_name_the_runner_uses_for_its_own_folders(tmp_path, name):
    with pytest.raises(runsets.RunSetError) as refused:
        load(tmp_path, {name: {"notebooks": ALL}})
    assert str(refused.value) == (
        f"runs.yaml: set '{name}': the name is the runner's own folder reports/{name}/; "
        "choose another"
    )


def test_every_folder_the_runner_writes_under_reports_is_reserved_or_no_set_name():
    from helpers.runner import lock

    for name in (run.SCREENSHOTS, run.FAILED, lock.BUILD, lock.LOCK, "figures", "index.html"):
        assert name in runsets.RESERVED or not runsets.SET_NAME.fullmatch(name), name


def test_the_inputs_hash_follows_the_dependency_map_and_the_description(tmp_path):
    (plain,) = load(tmp_path, {"x": {"notebooks": ALL}})
    described = runsets.RunSet(plain.name, "another", plain.notebooks, {}, plain.needs)
    needs = plain.needs | {"03-targets": ("01-clean-figures", "02-trend-projections")}
    rewired = runsets.RunSet(plain.name, "", plain.notebooks, {}, needs)
    root = tmp_path / "root"
    (root / "notebooks").mkdir(parents=True)
    hashes = {runsets.inputs_hash(s, root) for s in (plain, described, rewired)}
    assert len(hashes) == 3


def test_used_text_keys_are_the_literal_keys_of_text_and_shown_calls(tmp_path):
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell('language.text("note.mine", lang)\nshown(t, "mine", lang)'),
            nbformat.v4.new_code_cell("%matplotlib inline"),  # IPython's syntax: skipped
            nbformat.v4.new_code_cell('text(f"column.{name}")\nother("note.not_a_key")'),
        ]
    )
    nbformat.write(notebook, tmp_path / "01-x.ipynb")
    keys = runsets.used_text_keys(tmp_path)
    assert keys["note.mine"] == keys["caption.mine"] == "01-x.ipynb"
    assert "note.not_a_key" not in keys and not any("{" in k for k in keys)  # no f-string
    assert keys["findings.title"].startswith("src/helpers/report/findings.py line ")
