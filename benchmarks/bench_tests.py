"""Benchmark of the test lanes: how long `make test-fast` and `make test` take, warm.

Prints measurements and whether each target is met; it does not fail (targets live here,
not in timed tests). With --fresh it also times `make test` in a fresh clone of the
committed tree, creating its .venv as a new user's first command does.

Targets on the 2-core CI machine:
- `make test-fast` (lint and the unit lane) at most 10 s;
- `make test` (every test, nbval included) at most 60 s with the environment in place;
- `make test` from a fresh clone, .venv included, at most 100 s.
"""

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from helpers.core.paths import ROOT

TARGETS = {"make test-fast": 10.0, "make test": 60.0, "fresh clone: make test": 100.0}


def wall(command: list[str], cwd: Path) -> float:
    """Seconds a command takes; a failing command stops the benchmark with its output."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return time.perf_counter() - start


def fresh_clone_test() -> float:
    """`make test` in a new clone of the committed tree, its .venv created by the command."""
    with tempfile.TemporaryDirectory() as folder:
        clone = Path(folder) / "clone"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        return wall(["make", "test"], clone)


def main(argv: list[str]) -> None:
    times = {
        "make test-fast": wall(["make", "test-fast"], ROOT),
        "make test": wall(["make", "test"], ROOT),
    }
    if "--fresh" in argv:
        times["fresh clone: make test"] = fresh_clone_test()
    print(f"{'measure':<24} {'seconds':>8} {'target':>8}  met")
    for name, seconds in times.items():
        met = "yes" if seconds <= TARGETS[name] else "NO"
        print(f"{name:<24} {seconds:8.1f} {TARGETS[name]:8.1f}  {met}")


if __name__ == "__main__":
    main(sys.argv[1:])
