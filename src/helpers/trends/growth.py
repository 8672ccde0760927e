"""The growth of a year over the year before, as each model predicts it: a predictive
distribution, not the trend's.

A growth target ("tumbuh di atas 10 persen pada 2018") asks about the growth actually reached
in the target year T, Y[T] / Y[T-1] - 1, not about the trend's rate. Its predictive
distribution follows from the joint predictive of the two values (the year before observed,
or projected too), which every model gives in closed form as `loc + scale * T(df)` with a
covariance (`joint`):

- regressions (linear, and log-linear on the log scale): Var(y_i, y_j) = sigma^2 (1/n +
  (x_i - x_mean)(x_j - x_mean)/Sxx + [i = j]): the shared uncertainty of the line, plus each
  year's own noise;
- random walks, h_i years after the last observation: naive sigma^2 min(h_i, h_j), drift
  sigma^2 (min(h_i, h_j) + h_i h_j / S), S the observed span (the drift's uncertainty).

Log-linear: the log growth y[T] - y[T-1] is Student-t: P(growth > g) = P(d > log(1 + g)).
The others: growth > g exactly when L = Y[T] - (1 + g) Y[T-1] > 0 (Y[T-1] > 0, which the
fits' values make all but certain), and L is Student-t with the same df, so the probability
is in closed form and the interval's ends are the g where it equals (1 -/+ level) / 2, found
by bisection to a billionth.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from helpers.core.parameters import check_level
from helpers.trends.models import Fit, _ols, _random_walk_sigma, t_above, t_quantile

BISECTION_STEPS = 200  # halvings of the bracket: far below a billionth of a growth rate
WIDENINGS = 60  # doublings of the bracket's step before an end is taken as unbounded


def _joint(fit: Fit, years: tuple[int, ...]) -> tuple[list[float], list[list[float]], float | None]:
    """(locations, covariance over sigma^2, sigma^2) of the values of `years`, each after the
    last observed year, on the log scale for log-linear; sigma^2 None without a df left."""
    if fit.model in ("linear", "loglinear"):
        regression = _ols(fit.model, fit.years, fit.values)
        xs = [float(year - fit.years[0]) for year in years]
        locs = [regression.at(x) for x in xs]
        dev = [x - regression.x_mean for x in xs]
        unit = [
            [1 / regression.n + a * b / regression.sxx + (i == j) for j, b in enumerate(dev)]
            for i, a in enumerate(dev)
        ]
        return locs, unit, regression.sigma2
    drift = fit.model == "drift"
    c, sigma, _ = _random_walk_sigma(fit.years, fit.values, drift)
    span = fit.years[-1] - fit.years[0]
    hs = [year - fit.years[-1] for year in years]
    locs = [fit.values[-1] + h * c for h in hs]
    unit = [[min(a, b) + (a * b / span if drift else 0.0) for b in hs] for a in hs]
    return locs, unit, None if sigma is None else sigma * sigma


@dataclass(frozen=True)
class GrowthPredictive:
    """The growth of year T over T-1 under one fitted model (T after the last observed year).

    `loc` and `cov` are the two values' locations and covariance (the year before first; a
    year before that is observed has variance 0), on the log scale when `log`; `cov` is None
    when the fit leaves no degree of freedom (`reason` says so)."""

    model: str
    loc: tuple[float, float]
    cov: tuple[tuple[float, float], tuple[float, float]] | None
    df: int
    log: bool
    reason: str = ""

    @property
    def point(self) -> float:
        """The growth of the point projections (of the medians, for log-linear)."""
        before, now = self.loc
        return math.expm1(now - before) if self.log else now / before - 1

    def _spread(self, g: float) -> tuple[float, float]:
        """(mean, sd) of the Student-t quantity that exceeds 0 exactly when growth > g."""
        (v11, v12), (_, v22) = self.cov
        if self.log:
            return self.loc[1] - self.loc[0] - math.log1p(g), math.sqrt(v11 + v22 - 2 * v12)
        k = 1 + g
        return self.loc[1] - k * self.loc[0], math.sqrt(v22 - 2 * k * v12 + k * k * v11)

    def prob_above(self, g: float) -> float | None:
        """P(growth > g), g a fraction; None without a distribution."""
        if self.cov is None:
            return None
        if g <= -1:
            return 1.0
        mean, sd = self._spread(g)
        if sd == 0:
            return 1.0 if mean > 0 else 0.0
        return t_above(-mean / sd, self.df)

    def interval(self, level: float) -> tuple[float | None, float | None]:
        """Central predictive interval of the growth (fractions) at `level`."""
        alpha = 1 - check_level(level)
        if self.cov is None:
            return None, None
        if self.log:
            mean, sd = self._spread(0.0)
            q = t_quantile(1 - alpha / 2, self.df)
            centre = mean  # the log growth's location
            return math.expm1(centre - q * sd), math.expm1(centre + q * sd)
        ends = (self.quantile(1 - alpha / 2), self.quantile(alpha / 2))
        return tuple(end if math.isfinite(end) else None for end in ends)

    def quantile(self, above: float) -> float:
        """The growth g with P(growth > g) = `above`, by bisection."""
        return bisect_above(self.prob_above, above, self.point)


def bisect_above(survival, above: float, start: float) -> float:
    """The x where a decreasing `survival(x)` equals `above`: a bracket grown from `start`
    (by doubling steps either way), then halved `BISECTION_STEPS` times; -inf or inf where
    `survival` never reaches `above` on that side (the growth of a year whose predecessor may
    fall to zero or below has no finite end)."""
    low, high, step = start, start, max(abs(start), 1e-3)
    for _ in range(WIDENINGS):
        if survival(low) >= above:
            break
        low, step = low - step, step * 2
    else:
        return -math.inf
    step = max(abs(start), 1e-3)
    for _ in range(WIDENINGS):
        if survival(high) <= above:
            break
        high, step = high + step, step * 2
    else:
        return math.inf
    for _ in range(BISECTION_STEPS):
        middle = (low + high) / 2
        if middle in (low, high):
            break
        low, high = (middle, high) if survival(middle) > above else (low, middle)
    return (low + high) / 2


def growth_predictive(fit: Fit, year: int) -> GrowthPredictive:
    """The predictive distribution of the growth of `year` over the year before, `year`
    after the last observed one (the year before observed or projected)."""
    last = fit.years[-1]
    if year <= last:
        raise ValueError(f"year must be after the last observed year {last}; got {year}")
    log = fit.model == "loglinear"
    if year - 1 == last:
        locs, unit, sigma2 = _joint(fit, (year,))
        before = math.log(fit.values[-1]) if log else fit.values[-1]
        loc, unit = (before, locs[0]), ((0.0, 0.0), (0.0, unit[0][0]))
    else:
        locs, unit, sigma2 = _joint(fit, (year - 1, year))
        loc, unit = (locs[0], locs[1]), (tuple(unit[0]), tuple(unit[1]))
    if sigma2 is None:
        reason = f"{len(fit.years)} points leave no residual degrees of freedom"
        return GrowthPredictive(fit.model, loc, None, 0, log, reason)
    cov = tuple(tuple(sigma2 * v for v in row) for row in unit)
    return GrowthPredictive(fit.model, loc, cov, fit.df_resid, log)
