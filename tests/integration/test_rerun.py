"""A set whose inputs are unchanged is reused, and a forced re-run gives the same bytes."""

import shutil

from support import SETS, files_under, runs_file

from helpers.runner import run


def test_an_unchanged_set_is_reused_and_a_forced_run_is_byte_identical(published, tmp_path, capsys):
    reports = tmp_path / "reports"  # a copy: other tests read the shared reports meanwhile
    shutil.copytree(published, reports)
    before = files_under(reports / "stock")
    runs = runs_file(tmp_path, SETS)
    assert run.main(["--runs", str(runs), "--reports", str(reports), "stock"]) == 0
    assert "stock: reused" in capsys.readouterr().out
    assert run.main(["--runs", str(runs), "--reports", str(reports), "--force", "stock"]) == 0
    assert "stock: published" in capsys.readouterr().out
    assert files_under(reports / "stock") == before
    assert '<tr id="stock">' in (reports / "index.html").read_text(encoding="utf-8")
