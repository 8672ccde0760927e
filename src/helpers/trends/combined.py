"""The models combined: one forecast that carries the uncertainty between models as well as
within each.

Each model's interval holds for that model alone: on short series they disagree by more than
any one interval admits. The combination (`COMBINED`, a model name of its own in the tables)
weighs the models equally (the forecast-combination rule that is hard to beat on short
series): its point is the mean of the models' points, its predictive distribution the
equal mixture of theirs, so P(value > x) is the mean of their probabilities and the
interval's ends are the mixture's quantiles. A model without a distribution (no residual
degree of freedom) adds its point but not its spread; the note says so. The spread is the
lowest and highest model point.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from helpers.core.parameters import check_level
from helpers.trends.growth import bisect_above

COMBINED = "combined"


@dataclass(frozen=True)
class Combined:
    """Equal-weight combination of the models' predictive distributions of one quantity.

    `points`: each model's point; `survivals`: each model's P(value > x) where it has a
    distribution (None where not)."""

    points: tuple[float, ...]
    survivals: tuple[Callable[[float], float | None] | None, ...]

    @property
    def point(self) -> float:
        return sum(self.points) / len(self.points)

    @property
    def spread(self) -> tuple[float, float]:
        return min(self.points), max(self.points)

    @property
    def with_distribution(self) -> int:
        return sum(s is not None for s in self.survivals)

    def prob_above(self, x: float) -> float | None:
        """The mixture's P(value > x); None when no model has a distribution."""
        found = [s(x) for s in self.survivals if s is not None]
        return sum(found) / len(found) if found else None

    def interval(self, level: float) -> tuple[float | None, float | None]:
        """The mixture's central interval at `level`; (None, None) without a distribution."""
        alpha = 1 - check_level(level)
        if not self.with_distribution:
            return None, None
        ends = (
            bisect_above(self.prob_above, 1 - alpha / 2, self.point),
            bisect_above(self.prob_above, alpha / 2, self.point),
        )
        return tuple(end if math.isfinite(end) else None for end in ends)

    def note(self, models: int) -> str:
        """How the combination was made."""
        note = f"equal-weight combination of {models} models"
        missing = models - self.with_distribution
        if missing:
            note += f"; {missing} without a distribution add their point, not their spread"
        return note


def combine(points: Sequence[float], survivals: Sequence) -> Combined:
    """The combination of the models' points and survival functions (None: no distribution)."""
    return Combined(tuple(points), tuple(survivals))
