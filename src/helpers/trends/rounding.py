"""What the sources' rounding leaves open: each figure's stated range carried into the fits.

A source writes <q>sekitar Rp373 triliun</q>, not 373,000,000,000,000: the figure stands for a
range, and so does every projection fitted to it. The stated range of a figure
(`stated_range`): an exact figure, half its last written digit either side (Rp439 triliun:
438.5 to 439.5 triliun); an approximate one (<q>sekitar</q>), a whole digit either side; an
open bound (<q>melampaui 4,4 juta</q>), a digit on its open side; a range, its two ends; a
derived figure, the interval its rounded inputs allow.

A point projection is a weighted sum of the observed values (log values for log-linear), so
over the box of the stated ranges it is largest and smallest at corners of the box:
`point_range` evaluates the point at every corner (at most `MAX_CORNERS`; beyond that, the
two extreme corners and a fixed, seeded sample of the others, so the range may be narrower
than the true one and says so).
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable, Iterator, Sequence

MAX_CORNERS = 1024
SEED = 20170  # the sample of corners of a long series: the same on every run


def stated_range(value: float, lower: float, upper: float, resolution: float, qualifier: str):
    """(lowest, highest) value a figure as written stands for (see the module docstring)."""
    if qualifier == "range":
        return lower, upper
    if resolution is None or math.isnan(resolution):  # a derived figure: its own interval
        low = value if lower is None or math.isnan(lower) else lower
        high = value if upper is None or math.isnan(upper) else upper
        return low, high
    if qualifier in (">", ">="):
        return value, value + resolution
    if qualifier in ("<", "<="):
        return value - resolution, value
    half = resolution if qualifier == "~" else resolution / 2
    return value - half, value + half


def corners(lows: Sequence[float], highs: Sequence[float]) -> Iterator[tuple[float, ...]]:
    """The corners of the box of stated ranges: all of them, or at most MAX_CORNERS (the two
    extremes first, then a seeded sample)."""
    n = len(lows)
    if 2**n <= MAX_CORNERS:
        yield from itertools.product(*zip(lows, highs, strict=True))
        return
    yield tuple(lows)
    yield tuple(highs)
    rng = random.Random(SEED)
    for _ in range(MAX_CORNERS - 2):
        yield tuple(hi if rng.random() < 0.5 else lo for lo, hi in zip(lows, highs, strict=True))


def point_ranges(
    points: Callable[[Sequence[float]], Sequence[float]],
    lows: Sequence[float],
    highs: Sequence[float],
) -> list[tuple[float, float]]:
    """For each of the numbers `points(values)` gives (the point projections of several
    years, say), its (smallest, largest) over the corners of the stated ranges; a corner a
    model cannot fit (a value at or below zero for log-linear) is skipped."""
    low: list[float] | None = None
    high: list[float] | None = None
    for values in corners(lows, highs):
        try:
            found = list(points(values))
        except ValueError:
            continue
        low = found if low is None else [min(a, b) for a, b in zip(low, found, strict=True)]
        high = found if high is None else [max(a, b) for a, b in zip(high, found, strict=True)]
    if low is None or high is None:
        return []
    return list(zip(low, high, strict=True))
