"""A failed notebook keeps the previous report, saves the failed notebook, and lets the other
sets finish."""

import re

import nbformat
from support import ALL, runs_file

from helpers.runner import run


def test_a_failed_notebook_keeps_the_previous_report_and_the_failed_notebook(tmp_path, capsys):
    reports = tmp_path / "reports"
    (reports / "broken").mkdir(parents=True)
    (reports / "broken" / "previous.txt").write_text("the last good report")
    sets = {
        # 01 writes nothing, so 02 fails in its kernel: the clean table it reads is missing
        "broken": {"notebooks": ALL[:2], "parameters": {"write_outputs": False}},
        "fine": {"notebooks": ALL[:1]},
    }
    code = run.main(["--runs", str(runs_file(tmp_path, sets)), "--reports", str(reports)])
    err = capsys.readouterr().err
    assert code == 1
    assert re.search(r"02-trend-projections.ipynb: cell \d+ failed: FileNotFoundError: .*01", err)
    assert (reports / "broken" / "previous.txt").read_text() == "the last good report"
    failed = nbformat.read(reports / "_failed" / "broken" / f"{ALL[1]}.ipynb", as_version=4)
    errors = [o for c in failed.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors and errors[0].ename == "FileNotFoundError"
    assert (reports / "fine" / "manifest.json").is_file()  # the other set still finished
    assert "figures.csv is missing" in (reports / "index.html").read_text(encoding="utf-8")
