"""Benchmark: time and peak memory of building the clean table.

Prints measurements; no pass/fail (targets live here, not in timed tests).
Target: the clean-table build stays under 2 s and 200 MB on the 2-core CI machine.
The notebooks and the run sets are timed by benchmarks/run_bench.py.
"""

import time
import tracemalloc

from helpers import clean


def timed(label: str, work, repeat: int = 3) -> None:
    times = []
    for _ in range(repeat):
        tracemalloc.start()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    print(f"{label}: best {min(times):.3f} s of {repeat}, peak traced memory {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    timed("clean table build (parse, derive, check)", clean.build)
