"""Benchmark of `make run`: the parallel sweep of every run set against its serial run and floor.

Prints measurements and whether each target is met; it does not fail (targets live here,
not in timed tests). Reports go to a temporary folder, so reports/ is left alone.

Targets on the 2-core CI machine:
- the parallel sweep is at least 1.7 times faster than the same notebooks with one job;
- a forced run takes at most 1.5 times the floor: starting one kernel and importing what the
  notebook imports (its own import lines), summed over the notebook runs, divided by the jobs;
- a run with nothing changed takes under 3 seconds.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from helpers.core.paths import NOTEBOOKS
from helpers.runner import execute
from helpers.runner.runsets import load_runs


def wall(*args: str) -> float:
    """Seconds `python -m helpers.runner ARGS` takes, from the shell's point of view."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "helpers.runner", *args], check=True, capture_output=True)
    return time.perf_counter() - start


def imports(notebook: Path) -> str:
    """The notebook's own import statements: what its kernel must load before any work."""
    cells = nbformat.read(notebook, as_version=4).cells
    lines = [line for c in cells if c.cell_type == "code" for line in c.source.splitlines()]
    return "\n".join(line for line in lines if line.startswith(("import ", "from ")))


def kernel_floor(folder: Path, notebook: str, repeat: int = 3) -> float:
    """Best time to start one kernel and import what `notebook` imports."""
    floor = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(imports(NOTEBOOKS / notebook))]
    )
    floor.metadata["kernelspec"] = {"name": "python3", "language": "python"}
    source = folder / f"floor-{notebook}"
    nbformat.write(floor, source)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        failure = execute.execute(source, folder / "floor-out.ipynb", {}, cwd=folder)
        times.append(time.perf_counter() - start)
        assert failure is None, failure
    return min(times)


def main() -> None:
    jobs = os.cpu_count() or 1
    sets = load_runs()
    runs = sum(len(s.notebooks) for s in sets)
    with tempfile.TemporaryDirectory() as tmp:
        reports = ["--reports", str(Path(tmp) / "reports")]
        wall(*reports, "--force", sets[0].name)  # warm the disk and bytecode caches
        serial = wall(*reports, "--force", "--jobs", "1")
        forced = wall(*reports, "--force", "--jobs", str(jobs))
        unchanged = wall(*reports)
        names = [f"{n}.ipynb" for s in sets for n in s.notebooks]
        per_notebook = {name: kernel_floor(Path(tmp), name) for name in sorted(set(names))}
    per_kernel = sum(per_notebook[name] for name in names) / runs
    floor = per_kernel * runs / jobs
    rows = [
        (
            "forced run, parallel",
            f"{forced:.1f} s",
            f"<= {1.5 * floor:.1f} s",
            forced <= 1.5 * floor,
        ),
        ("same, one job", f"{serial:.1f} s", "", None),
        ("speed-up", f"{serial / forced:.2f}x", ">= 1.70x", serial / forced >= 1.7),
        ("no-change run", f"{unchanged:.2f} s", "< 3 s", unchanged < 3),
        ("floor", f"{floor:.1f} s", f"{per_kernel:.2f} s x {runs} runs / {jobs} jobs", None),
        ("forced / floor", f"{forced / floor:.2f}", "<= 1.50", forced <= 1.5 * floor),
    ]
    print(f"{len(sets)} run sets, {runs} notebook runs, {jobs} jobs\n")
    print(f"| {'measure':<22} | {'value':>9} | {'target':<30} | met |")
    print(f"|{'-' * 24}|{'-' * 11}|{'-' * 32}|-----|")
    for name, value, target, met in rows:
        mark = "" if met is None else ("yes" if met else "NO")
        print(f"| {name:<22} | {value:>9} | {target:<30} | {mark:<3} |")


if __name__ == "__main__":
    main()
