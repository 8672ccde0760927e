"""Where each stated target is assessed: on which series, as a level or a growth rate.

The IKM count target goes on the unit stock (under the reading of the IKM count); a
growth-rate target of an unsaid measure (`measure` growth, no `growth_of`) on the growth of
`growth_measure`; any other target on its own indicator, which must share its unit. A target
the checks set aside (helpers.clean.consistency: an order of magnitude from its series) is
listed with that reason, never assessed.
"""

import pandas as pd

from helpers.clean.readings import COUNT, STOCK
from helpers.clean.table import CleanTable
from helpers.core.parameters import check_choice
from helpers.core.schemas import TARGETS_TO_ASSESS
from helpers.trends.series import official_targets

GROWTH_MEASURES = ("ikm_value_added", STOCK)


def _row(target, **changes) -> dict:
    """A target as a row of TARGETS_TO_ASSESS, on its own indicator."""
    lower = target.value if pd.isna(target.lower) else target.lower
    upper = target.value if pd.isna(target.upper) else target.upper
    row = {
        "target": f"{target.indicator} {target.period}",
        "stated_indicator": target.indicator,
        "indicator": target.indicator,
        "measure": "level",
        "year": int(target.period),
        "value": target.value,
        "stated": target.value,
        "resolution": target.resolution,
        "lower": lower if target.qualifier == "range" else target.value,
        "upper": upper if target.qualifier == "range" else target.value,
        "qualifier": target.qualifier,
        "source_id": target.source_id,
        "note": target.note,
        "reason": "",
    }
    return row | changes


def targets_to_assess(clean: CleanTable, growth_measure: str) -> pd.DataFrame:
    """Every stated target, put on the series it is assessed on, or with the reason it is not."""
    check_choice("growth_measure", growth_measure, GROWTH_MEASURES)
    stock = official_targets(clean, STOCK).set_index("period")
    rows = []
    for target in clean.used[clean.used.kind == "target"].itertuples(index=False):
        if target.indicator == STOCK and target.quote == "":
            continue  # the count's target put on the stock: assessed as the count's, below
        row = _row(target)
        if target.indicator == COUNT:
            row |= {"indicator": STOCK}
            if target.period in stock.index:
                on_stock = stock.loc[target.period]
                row |= {"value": on_stock.value, "lower": on_stock.value}
                row |= {"upper": on_stock.value, "note": on_stock.note}
                row["source_id"] = on_stock.source_id
            else:
                row["reason"] = _no_stock_reason(clean, target.period)
        elif is_growth_target(clean, target.indicator):
            row |= {"indicator": growth_measure, "measure": "growth"}
            row["note"] = "; ".join(
                filter(None, [target.note, f"judged as the growth of {growth_measure}"])
            )
        check_unit(clean, target, row)
        rows.append(row)
    rows += set_aside(clean)
    return pd.DataFrame(rows, columns=TARGETS_TO_ASSESS.names)


def _no_stock_reason(clean: CleanTable, year: int) -> str:
    """Why an IKM count target has no place on the unit stock."""
    failed = clean.checks[
        (clean.checks.check == "magnitude")
        & (clean.checks.indicator == STOCK)
        & (clean.checks.kind == "target")
        & (clean.checks.period == year)
    ]
    if len(failed):
        return f"on the unit stock under this reading, {failed.detail.iloc[0]}"
    return f"no unit stock for {year - 1} under this reading"


def set_aside(clean: CleanTable) -> list[dict]:
    """The stated targets the checks left out, with the check's reason."""
    checks, figures = clean.checks, clean.figures
    failed = checks[(checks.check == "magnitude") & (checks.kind == "target")]
    rows = []
    for check in failed[failed.indicator != STOCK].itertuples(index=False):  # the stock's:
        same = (figures.source_id == check.source_id) & (figures.indicator == check.indicator)
        same &= (figures.period == check.period) & (figures.kind == "target")  # under the count
        target = next(figures[same & (figures.subperiod == check.subperiod)].itertuples())
        rows.append(_row(target, reason=check.detail))
    return rows


def is_growth_target(clean: CleanTable, indicator: str) -> bool:
    """A growth rate that is not the growth of a stated level: growth of what, unsaid."""
    info = clean.indicators.loc[indicator]
    return info.measure == "growth" and not info.growth_of


def check_unit(clean: CleanTable, target, row: dict) -> None:
    """A level target must be in its series' unit; a growth target in percent."""
    series_unit = clean.indicators.unit.get(row["indicator"], "")
    expected = "%" if row["measure"] == "growth" else series_unit
    if target.unit != expected:
        raise ValueError(
            f"target {target.indicator} {target.period} ({target.source_id}) is in "
            f"{target.unit!r} but is assessed on {row['indicator']} in {expected!r}"
        )
