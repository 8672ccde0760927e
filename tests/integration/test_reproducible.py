"""The same bytes on every machine: the stages, run with the notebooks' default parameters
under two OpenBLAS kernel choices (as two CPUs would pick them), write data/processed and the
figures byte for byte as committed and as each other."""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from helpers.core.paths import DATA, NOTEBOOKS
from helpers.runner.runsets import declared_parameters

CORETYPES = ("Haswell", "Prescott")
STAGES = """
import sys
from pathlib import Path
from helpers import clean, multiverse, targets, trends
from helpers.report import plots
p01, p02, p03, out = eval(sys.argv[1]), eval(sys.argv[2]), eval(sys.argv[3]), Path(sys.argv[4])
plots.setup()
table = clean.build(units_reading=p01["units_reading"], prefer_source=p01["prefer_source"])
clean.write(table, out)
table = clean.load(out, units_reading=p02["units_reading"], prefer_source=p02["prefer_source"])
projected = trends.build(table, p02["indicators"], p02["models"], p02["horizon"], p02["level"])
trends.write(projected, out)
figures = plots.projection_figures(table, projected.projections, p02["indicators"])
plots.save_figures(figures, out / "figures", prefix="02-")
assessment = targets.build(table, p03["growth_measure"], p03["models"], p03["level"])
targets.write(assessment, out)
plots.save_figures({"verdict": plots.verdict_figure(assessment)}, out / "figures", prefix="03-")
multiverse.write(multiverse.build(out), out)
"""


def digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_tables_and_figures_are_the_same_bytes_under_any_blas_kernel(tmp_path):
    defaults = [
        repr(declared_parameters(NOTEBOOKS / f"{name}.ipynb"))
        for name in ("01-clean-figures", "02-trend-projections", "03-targets")
    ]
    runs = {
        coretype: subprocess.Popen(
            [sys.executable, "-c", STAGES, *defaults, str(tmp_path / coretype)],
            env=os.environ | {"OPENBLAS_CORETYPE": coretype},
            stderr=subprocess.PIPE,
            text=True,
        )
        for coretype in CORETYPES
    }
    for coretype, run in runs.items():
        _, errors = run.communicate(timeout=120)
        assert run.returncode == 0, f"{coretype}: {errors}"
    first, second = (digests(tmp_path / coretype) for coretype in CORETYPES)
    assert first == second
    tables = {name: digest for name, digest in first.items() if name.endswith(".csv")}
    assert len(tables) == 7 and len(first) == 13  # 3 figures, each PNG and SVG
    assert tables == {name: digests(DATA / "processed")[name] for name in tables}
