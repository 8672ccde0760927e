"""Bad inputs a user makes stop `python -m helpers.runner` in its checks, before any kernel
starts: exit code 2, one line on stderr naming the file, the line (or set) and the field, no
traceback, and the reports folder and data/processed/ byte for byte as they were.

A bad run set is given to the command's `main` in this process (it reads the workspace's data,
writes only to a temporary reports folder). Bad data is checked in a private copy of the data
by the runner's own checks (`runsets.check_run_sets`, as `main` calls them), each case in this
process; one case runs the real command in a subprocess on a private copy of the workspace
(the command finds the workspace where `helpers` lies, `helpers.core.paths.ROOT`), for its
exit code, its one line and the files it leaves alone, so it never touches the checkout.
"""

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from support import edit_csv, files_under

from helpers.core.paths import DATA, ROOT
from helpers.extract.sources import MAX_RAW_BYTES
from helpers.runner import run, runsets

HEAD = (
    "notebooks:\n"
    "  01-clean-figures: []\n"
    "  02-trend-projections: [01-clean-figures]\n"
    "  03-targets: [01-clean-figures]\n"
    "sets:\n"
)
ALL = "[01-clean-figures, 02-trend-projections, 03-targets]"


def with_parameters(*lines: str) -> str:
    """runs.yaml text with one set `x` of every notebook, its parameters given as YAML lines."""
    return (
        HEAD
        + f"  x:\n    notebooks: {ALL}\n    parameters:\n"
        + "".join(f"      {line}\n" for line in lines)
    )


def edited(name: str, line: int, **changes: str) -> Callable[[Path], None]:
    """An edit of data/<name>: fields of the row on `line` (the header is line 1)."""
    return lambda data: edit_csv(data, name, line, **changes)


def append(name: str, text: str) -> Callable[[Path], None]:
    """An edit of data/<name>: `text` added at its end."""
    return lambda data: (data / name).write_text((data / name).read_text("utf-8") + text, "utf-8")


def drop_column(data: Path) -> None:
    """indicators.csv without its description column."""
    table = pd.read_csv(data / "indicators.csv", dtype=str, keep_default_na=False)
    table.drop(columns="description").to_csv(data / "indicators.csv", index=False)


def huge_raw(data: Path) -> None:
    """A raw article one byte over the limit (sparse: the checks refuse it unread)."""
    with (data / "raw" / "antara-2017-ikm.txt").open("r+b") as handle:
        handle.truncate(MAX_RAW_BYTES + 1)


def two_line_quote_then_bad_kind(data: Path) -> None:
    """A register quote over two lines, then a bad kind in the row after it."""
    edit_csv(data, "register.csv", 3, quote="atau meningkat 4,5 persen\ndibandingkan tahun 2015")
    edit_csv(data, "register.csv", 5, kind="forecast")


LEVELS = sorted(
    pd.read_csv(DATA / "indicators.csv", dtype=str).query("measure == 'level'").indicator
)
TRANSLATION_LINES = len((DATA / "translations.csv").read_bytes().splitlines())

SET_CASES = {
    "duplicate-set": (
        HEAD + f"  default:\n    notebooks: {ALL}\n  default:\n    notebooks: {ALL}\n",
        "runs.yaml line 8: duplicate key 'default'; a key may appear only once in its mapping",
    ),
    "parameter-given-twice": (
        with_parameters("horizon: 2019", "level: 0.8", "horizon: 2020"),
        "runs.yaml line 11: duplicate key 'horizon'; a key may appear only once in its mapping",
    ),
    "notebook-path-in-map": (
        HEAD.replace("sets:", "  ../data/evil: []\nsets:") + f"  x:\n    notebooks: {ALL}\n",
        "runs.yaml: notebooks: '../data/evil' must be the plain name of a file "
        "notebooks/<name>.ipynb (letters, digits, '-', '_')",
    ),
    "notebook-path-in-set": (
        HEAD + "  x:\n    notebooks: [01-clean-figures, sub/02-trend-projections]\n",
        "runs.yaml: set 'x': notebook 'sub/02-trend-projections' must be the plain name of a "
        "file notebooks/<name>.ipynb (letters, digits, '-', '_')",
    ),
    "huge-horizon": (
        with_parameters("horizon: 20190"),
        "runs.yaml: set 'x', notebook '02-trend-projections': parameter horizon=20190 must be "
        "at most 2046, 30 years after 2016, the last observed year of ikm_value_added",
    ),
    "duplicate-model": (
        with_parameters("models: [linear, drift, linear]"),
        "runs.yaml: set 'x': parameter 'models' lists 'linear' more than once",
    ),
    "unprojectable-indicator": (
        with_parameters("indicators: [ikm_centres_stock]"),
        "runs.yaml: set 'x', notebook '02-trend-projections': parameter indicators="
        "'ikm_centres_stock' is not allowed; choose one of ['ikm_growth', 'ikm_share_units', "
        "'ikm_share_workers', 'ikm_units_stock', 'ikm_value_added', 'ikm_value_added_growth', "
        "'ikm_workers']",
    ),
}

DATA_CASES = {
    "indicators-missing": (
        lambda data: (data / "indicators.csv").unlink(),
        "data/indicators.csv: file is missing",
    ),
    "indicators-without-a-column": (
        drop_column,
        "data/indicators.csv: missing columns ['description']; expected ['indicator', 'unit', "
        "'written_units', 'measure', 'growth_of', 'min_value', 'max_value', 'label_en', "
        "'label_id', 'description', 'keywords_id', 'keywords_en']",
    ),
    "indicators-short-row": (
        append("indicators.csv", "ikm_imports,USD,USD,Imports\n"),
        "data/indicators.csv line 19: 4 fields where the header has 12",
    ),
    "unknown-unit": (
        edited("indicators.csv", 5, unit="rupiah"),
        "data/indicators.csv line 5: unit 'rupiah' is not one of ['IDR', 'USD', '%', 'unit', "
        "'persons', 'entrepreneurs', 'centres', 'businesses']",
    ),
    "percent-for-value-added": (
        edited("indicators.csv", 5, unit="%"),
        "data/indicators.csv line 5: unit '%' does not fit written_units 'IDR': a value in "
        "IDR, USD or % is written in that unit, a count in counted nouns",
    ),
    "impossible-date": (  # runs.yaml's earliest-source set checks prefer_source: not its fault
        edited("sources.csv", 3, published="2017-02-30"),
        "data/sources.csv line 3: published '2017-02-30' is not a real date (YYYY-MM-DD)",
    ),
    "non-ascii-digits": (
        edited("sources.csv", 2, published="٢٠١٧"),
        "data/sources.csv line 2: published '٢٠١٧' must be YYYY or YYYY-MM-DD",
    ),
    "huge-raw-file": (
        huge_raw,
        f"data/raw/antara-2017-ikm.txt: raw file is {MAX_RAW_BYTES + 1:,} bytes, over the "
        f"limit of {MAX_RAW_BYTES:,}; is it the article's text?",
    ),
    "register-quote-over-lines": (
        two_line_quote_then_bad_kind,
        "data/register.csv line 6: kind 'forecast' must be one of ['actual', 'target']",
    ),
    "empty-register": (  # no "choose one of []" of runs.yaml's indicators
        lambda data: (data / "register.csv").write_text(
            (data / "register.csv").read_text("utf-8").splitlines()[0] + "\n", "utf-8"
        ),
        "data/register.csv holds no figure: there is nothing to clean, project or assess; "
        "add an article (make add FILE=...) and accept its rows, or register them by hand",
    ),
    "translation-given-twice": (
        append("translations.csv", "caption.verdict,Again,Lagi\n"),
        f"data/translations.csv, line {TRANSLATION_LINES + 1}, key 'caption.verdict': a key "
        "must be present and unique",
    ),
    "translation-missing": (
        lambda data: (data / "translations.csv").write_text(
            "".join(
                line
                for line in (data / "translations.csv").read_text("utf-8").splitlines(True)
                if not line.startswith("caption.verdict,")
            ),
            "utf-8",
        ),
        "data/translations.csv: no row for key 'caption.verdict', which "
        "notebooks/03-targets.ipynb shows; add it with its English and Indonesian texts",
    ),
    "implausible-value": (  # issue 31, case 7 (done before it): the line, value and range
        edited("indicators.csv", 2, max_value="1000"),
        "data/register.csv line 2: ikm_units 165983 unit, read from 'jumlah IKM tumbuh mencapai "
        "165.983 unit pada tahun 2016', is outside its plausible range 0 to 1000 "
        "(data/indicators.csv): a typo, or a scale word misread?",
    ),
    "growth-of-itself": (  # issue 31, case 8 (done before it)
        edited("indicators.csv", 3, growth_of="ikm_units_growth"),
        "data/indicators.csv line 3: growth_of 'ikm_units_growth' is not a level indicator of "
        f"this file; one of {LEVELS}",
    ),
    "future-date": (
        edited("sources.csv", 3, published="2999-01-01"),
        "data/sources.csv line 3: published '2999-01-01' is in the future; a source is dated "
        "by when it was published",
    ),
}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A private copy of the workspace: the helpers, the data and the notebooks."""
    copy = tmp_path / "workspace"
    for part in ("src/helpers", "data", "notebooks"):
        shutil.copytree(ROOT / part, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def refused(workspace: Path, runs: Path, message: str) -> None:
    """The command exits 2 with `message` alone on stderr and changes no report or table."""
    reports = workspace / "reports"
    (reports / "x").mkdir(parents=True)
    (reports / "x" / "previous.html").write_text("the last good report")
    before = files_under(reports), files_under(workspace / "data" / "processed")
    result = subprocess.run(
        [sys.executable, "-m", "helpers.runner", "--runs", str(runs), "--reports", str(reports)],
        cwd=workspace,
        env=os.environ | {"PYTHONPATH": str(workspace / "src")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (result.returncode, result.stderr) == (2, f"error: {message}\n")
    assert (files_under(reports), files_under(workspace / "data" / "processed")) == before


@pytest.mark.parametrize(("text", "message"), SET_CASES.values(), ids=SET_CASES.keys())
def test_a_bad_run_set_is_refused_before_anything_runs(tmp_path, capsys, text, message):
    runs, reports = tmp_path / "runs.yaml", tmp_path / "reports"
    runs.write_text(text, encoding="utf-8")
    (reports / "x").mkdir(parents=True)
    (reports / "x" / "previous.html").write_text("the last good report")
    before = files_under(reports), files_under(DATA / "processed")
    assert run.main(["--runs", str(runs), "--reports", str(reports)]) == 2
    assert capsys.readouterr().err == f"error: {message}\n"
    assert (files_under(reports), files_under(DATA / "processed")) == before


@pytest.mark.parametrize(("edit", "message"), DATA_CASES.values(), ids=DATA_CASES.keys())
def test_bad_data_is_refused_as_an_error_of_its_file_before_anything_runs(data_dir, edit, message):
    edit(data_dir)
    with pytest.raises(runsets.RunSetError) as refusal:
        runsets.check_run_sets(runsets.load_runs(), data_dir=data_dir)
    assert str(refusal.value) == message


def test_the_command_refuses_bad_data_with_one_line_and_exit_2_touching_nothing(workspace):
    edit, message = DATA_CASES["register-quote-over-lines"]
    edit(workspace / "data")
    refused(workspace, workspace / "notebooks" / "runs.yaml", message)
