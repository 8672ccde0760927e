"""Benchmark of the test lanes: how long `make test-fast` and `make test` take, warm.

python benchmarks/bench_tests.py [--repeat N] [--fresh]

Prints measurements and whether each target is met; it does not fail (targets live here,
not in timed tests). A shared 2-core machine drifts by 10 % or more from one hour to the
next, so each lane runs N times (3 by default), the lanes taking turns, and a target is met
when the median is within it. A fixed pure-Python loop is timed on both cores at once before
and after, a rough sign of the machine's pace: when it is slow, so is everything else that
hour, though a slow hour does not always show in it. With --fresh it also times
`make test` once in a fresh clone of the committed tree, creating its .venv as a new
user's first command does.

Targets on the 2-core CI machine:
- `make test-fast` (lint and the unit lane) at most 10 s;
- `make test` (every test, nbval included) at most 60 s with the environment in place;
- `make test` from a fresh clone, .venv included, at most 100 s.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from helpers.core.paths import ROOT

TARGETS = {"make test-fast": 10.0, "make test": 60.0, "fresh clone: make test": 100.0}
LANES = {"make test-fast": ["make", "test-fast"], "make test": ["make", "test"]}


def wall(command: list[str], cwd: Path) -> float:
    """Seconds a command takes; a failing command stops the benchmark with its output."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return time.perf_counter() - start


def loop_seconds() -> float:
    """Seconds of a fixed pure-Python loop: the same work each time (0.6-0.8 s on one core
    of the 2-core machine in a usual hour)."""
    start = time.perf_counter()
    total = 0
    for i in range(20_000_000):
        total += i & 7
    return time.perf_counter() - start


def pace() -> float:
    """The slower of two `loop_seconds` run at once, one per core, as the lanes use them."""
    with ProcessPoolExecutor(2) as pool:
        runs = [pool.submit(loop_seconds) for _ in range(2)]
        return max(run.result() for run in runs)


def fresh_clone_test() -> float:
    """`make test` in a new clone of the committed tree, its .venv created by the command."""
    with tempfile.TemporaryDirectory() as folder:
        clone = Path(folder) / "clone"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        return wall(["make", "test"], clone)


def measure(repeat: int, fresh: bool) -> dict[str, list[float]]:
    """Each lane's times, the lanes taking turns so a slow spell hits them alike."""
    times: dict[str, list[float]] = {name: [] for name in LANES}
    for _ in range(repeat):
        for name, command in LANES.items():
            times[name].append(wall(command, ROOT))
    if fresh:
        times["fresh clone: make test"] = [fresh_clone_test()]
    return times


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each lane (default 3)")
    parser.add_argument("--fresh", action="store_true", help="also time a fresh clone's make test")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    before = pace()
    times = measure(args.repeat, args.fresh)
    after = pace()
    print(f"fixed loop on both cores: {before:.2f} s before, {after:.2f} s after")
    print(f"{'measure':<24} {'median':>7} {'target':>7}  met  runs (s)")
    for name, runs in times.items():
        median = statistics.median(runs)
        met = "yes" if median <= TARGETS[name] else "NO "
        listed = ", ".join(f"{t:.1f}" for t in runs)
        print(f"{name:<24} {median:7.1f} {TARGETS[name]:7.1f}  {met}  {listed}")


if __name__ == "__main__":
    main(sys.argv[1:])
