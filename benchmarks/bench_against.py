"""Benchmark: `make run FORCE=1` of this tree against another commit's, side by side.

Usage: python benchmarks/bench_against.py [BASE] [--repeat N]

BASE (default e562aa7, the workspace before the real record of issue 27) is checked out in a
temporary git worktree; both trees then run every set, forced, into temporary report
folders, in turns (A, B, A, B, ...) so that a slow minute of the machine falls on both. Each
tree runs with its own src/ first on PYTHONPATH and this interpreter's packages.

Prints each run's seconds, the medians and their ratio. Target (issue 27): this tree's
forced run stays within 1.3 times BASE's, with nine times the figures. It does not fail:
targets live in benchmarks, not in timed tests.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE = "e562aa7"
TARGET = 1.3


def forced_run(tree: Path, reports: Path) -> float:
    """Seconds a forced run of every set takes in `tree`, its reports in `reports`."""
    env = os.environ | {"PYTHONPATH": str(tree / "src")}
    command = [sys.executable, "-m", "helpers.runner", "--force", "--reports", str(reports)]
    start = time.perf_counter()
    subprocess.run(command, cwd=tree, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", nargs="?", default=BASE, help="the commit to compare with")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each tree")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        git = ["git", "-C", str(ROOT)]
        subprocess.run([*git, "worktree", "add", "--detach", str(base), options.base], check=True,
                       capture_output=True)  # fmt: skip
        try:
            trees = {"this tree": ROOT, f"base {options.base}": base}
            times: dict[str, list[float]] = {name: [] for name in trees}
            for tree in trees.values():  # warm the disk and bytecode caches once
                forced_run(tree, Path(tmp) / "warm" / tree.name)
            for i in range(options.repeat):
                for name, tree in trees.items():
                    times[name].append(forced_run(tree, Path(tmp) / f"r{i}" / tree.name))
                    print(f"{name}: run {i + 1}: {times[name][-1]:.1f} s", flush=True)
        finally:
            subprocess.run([*git, "worktree", "remove", "--force", str(base)], check=False)
    this, before = (statistics.median(t) for t in times.values())
    ratio = this / before
    print(f"\nmedian: this tree {this:.1f} s, base {before:.1f} s; ratio {ratio:.2f}")
    print(f"target: ratio <= {TARGET} ({'met' if ratio <= TARGET else 'NOT met'})")


if __name__ == "__main__":
    main()
