"""A set whose inputs are unchanged is reused, and a forced re-run gives the same bytes, even
on a CPU whose BLAS picks other kernels.

The forced re-run says in the terminal why the set runs, each notebook as it is done, with
its time, and ends with the index to open. It is the runner's command in a process of its own
under another OpenBLAS kernel (`OTHER_KERNEL`) than the shared run's, as another machine
would run it. It re-runs notebooks 01 and 02 of the shared set: between them every kind of
file a set publishes (the notebook, its reader's and full HTML, its PDF, a figure, tables), a
notebook that reads another's table, and the trend models' least squares, where BLAS kernels
differ. The other two are the same kinds again, and nbval re-runs them all. Without
03-targets the re-run takes no screenshot (`run.SCREENSHOT_NOTEBOOK`), which the byte
comparison does not read.
"""

import os
import re
import shutil
import subprocess
import sys

from support import SETS, files_under, runs_file

from helpers.runner import run

OTHER_KERNEL = {"OPENBLAS_CORETYPE": "Prescott"}  # the oldest x86-64 kernel: no AVX
RERUN = ["01-clean-figures", "02-trend-projections"]
SET_OWN = {"manifest.json"}  # what the set's run records about itself: its notebooks, inputs


def test_an_unchanged_set_is_reused_and_a_forced_run_is_byte_identical(
    chromium_if_any, published, tmp_path, capsys
):
    """Without Chromium (and CI unset) the same, the reports published without PDFs."""
    reports = tmp_path / "reports"  # a copy: other tests read the shared reports meanwhile
    shutil.copytree(published, reports)
    before = files_under(reports / "stock")
    assert run.main(["--runs", str(runs_file(tmp_path, SETS)), "--reports", str(reports)]) == 0
    assert "stock: reused" in capsys.readouterr().out

    (tmp_path / "rerun").mkdir()
    runs = runs_file(tmp_path / "rerun", {"stock": SETS["stock"] | {"notebooks": RERUN}})
    forced = subprocess.run(
        [sys.executable, "-m", "helpers.runner", "--runs", str(runs), "--reports", str(reports)]
        + ["--force", "stock"],
        env=os.environ | OTHER_KERNEL,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert "stock: published" in forced.stdout
    # the terminal says why the set runs, each notebook with its time, and where to look
    said = forced.stdout.splitlines()
    assert "stock: forced (--force); running its 2 notebooks" in said
    done = [line for line in said if re.match(r"  stock/0[12]-[a-z-]+: done in \d+\.\d s", line)]
    assert len(done) == len(RERUN), said
    assert re.fullmatch(r"done in \d+\.\d s; open .*/reports/index\.html", said[-1]), said[-1]
    assert "screenshots:" not in forced.stdout  # none to take: the re-run stays short
    after = files_under(reports / "stock")
    kinds = {name.rsplit(".", 1)[-1] for name in after} | {name.split("/")[0] for name in after}
    assert {"ipynb", "html", "svg", "png", "csv", "figures", "tables"} <= kinds
    assert ("pdf" in kinds) == (chromium_if_any is not None)  # printed where it can be
    differ = [n for n in after if n not in SET_OWN and after[n] != before.get(n)]
    assert differ == [], f"not the same bytes on the forced re-run: {differ}"
    assert '<section id="stock">' in (reports / "index.html").read_text(encoding="utf-8")
