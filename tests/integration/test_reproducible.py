"""The same bytes on every machine: the stages, run with the notebooks' default parameters
under the oldest OpenBLAS kernel (as an old CPU would pick it), write data/processed and the
figures byte for byte as committed, where `make notebooks` ran them under this machine's own
kernel. The committed figures are the notebooks' inline SVGs, which are the saved SVG files'
bytes; the PNGs, drawn from the same numbers, are compared across kernels by test_rerun."""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import nbformat

from helpers.core.paths import DATA, NOTEBOOKS
from helpers.runner.runsets import declared_parameters

OLDEST_KERNEL = {"OPENBLAS_CORETYPE": "Prescott"}  # x86-64 without AVX
STAGES = """
import sys
from pathlib import Path
from helpers import clean, multiverse, targets, trends
from helpers.report import plots
p01, p02, p03, out = eval(sys.argv[1]), eval(sys.argv[2]), eval(sys.argv[3]), Path(sys.argv[4])
plots.setup()
view = ("units_reading", "prefer_source", "part_years", "as_of", "source_ids")
table = clean.build(**{name: p01[name] for name in view})
clean.write(table, out)
projected = trends.build(table, p02["indicators"], p02["models"], p02["horizon"], p02["level"])
trends.write(projected, out)
figures = plots.projection_figures(table, projected.projections, p02["indicators"])
plots.save_figures(figures, out / "figures", prefix="02-")
assessment = targets.build(table, p03["growth_measure"], p03["models"], p03["level"])
targets.write(assessment, out)
plots.save_figures({"verdict": plots.verdict_figure(assessment)}, out / "figures", prefix="03-")
multiverse.write(multiverse.build(table), out)
"""


def digests(folder: Path, suffix: str) -> dict[str, str]:
    """The SHA-256 of each file below `folder` ending in `suffix`, by its relative path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob(f"*{suffix}"))
    }


def committed_figures() -> list[str]:
    """The SVG figures the committed notebooks 02 and 03 show."""
    return [
        output.data["image/svg+xml"]
        for name in ("02-trend-projections", "03-targets")
        for cell in nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4).cells
        for output in cell.get("outputs", [])
        if "image/svg+xml" in output.get("data", {})
    ]


def test_tables_and_figures_are_the_same_bytes_under_any_blas_kernel(tmp_path):
    defaults = [
        repr(declared_parameters(NOTEBOOKS / f"{name}.ipynb"))
        for name in ("01-clean-figures", "02-trend-projections", "03-targets")
    ]
    run = subprocess.run(
        [sys.executable, "-c", STAGES, *defaults, str(tmp_path)],
        env=os.environ | OLDEST_KERNEL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    tables = digests(tmp_path, ".csv")
    assert len(tables) == 7
    committed_tables = digests(DATA / "processed", ".csv")
    assert tables == {name: committed_tables[name] for name in tables}
    figures = digests(tmp_path / "figures", ".svg")
    assert len(figures) == 3 and len(digests(tmp_path / "figures", ".png")) == 3
    committed = sorted(hashlib.sha256(svg.encode()).hexdigest() for svg in committed_figures())
    assert sorted(figures.values()) == committed, f"not as committed: {sorted(figures)}"
