"""Where each stated target is assessed: on which series, as a level or a growth rate.

The IKM count target goes on the unit stock (under the reading of the IKM count); a
growth-rate target (unit %, no level of its own) on the growth of `growth_measure`; any
other target on its own indicator, which must share its unit.
"""

import pandas as pd

from helpers.clean.readings import COUNT, STOCK
from helpers.clean.table import CleanTable
from helpers.core.parameters import check_choice
from helpers.core.schemas import TARGETS_TO_ASSESS
from helpers.trends.series import observed_series, official_targets

GROWTH_MEASURES = ("ikm_value_added", STOCK)


def targets_to_assess(clean: CleanTable, growth_measure: str) -> pd.DataFrame:
    """Every stated target, put on the series it is assessed on, or with the reason it is not.

    The IKM count target goes on the unit stock (per reading); a growth-rate target
    (unit %, no level of its own) on the growth of `growth_measure`; any other target on
    its own indicator, which must share its unit.
    """
    check_choice("growth_measure", growth_measure, GROWTH_MEASURES)
    series = observed_series(clean)
    rows = []
    for target in clean.used[clean.used.kind == "target"].itertuples(index=False):
        row = {
            "target": f"{target.indicator} {target.period}",
            "year": int(target.period),
            "value": target.value,
            "qualifier": target.qualifier,
            "note": target.note,
            "reason": "",
            "indicator": target.indicator,
            "measure": "level",
        }
        if target.indicator == COUNT:
            stock = official_targets(clean, STOCK).set_index("period")
            row |= {"indicator": STOCK, "note": stock.note.get(target.period, target.note)}
            row["value"] = stock.value.get(target.period, float("nan"))
            if target.period not in stock.index:
                row["reason"] = f"no unit stock for {target.period - 1} under this reading"
        elif is_growth_target(clean, target.indicator):
            row |= {"indicator": growth_measure, "measure": "growth"}
            row["note"] = (
                f"{target.note}; assessed as growth of {growth_measure} "
                "(the source does not say growth of what)"
            )
        check_unit(clean, target, row)
        rows.append(row | {"reason": row["reason"] or no_history(row, series)})
    return pd.DataFrame(rows, columns=TARGETS_TO_ASSESS.names)


def is_growth_target(clean: CleanTable, indicator: str) -> bool:
    """A percent indicator that is not the growth of a stated level: growth of what, unsaid."""
    info = clean.indicators.loc[indicator]
    return info.unit == "%" and not info.growth_of


def no_history(row: dict, series: dict[str, tuple[list[int], list[float]]]) -> str:
    """Why a target cannot be assessed when its series (of `observed_series`) has fewer than
    two observed years."""
    if len(series.get(row["indicator"], ([], []))[0]) >= 2:
        return ""
    reason = f"no history: the sources give no yearly series of {row['indicator']}"
    if "cumulative" in row["note"].lower():
        reason += "; a cumulative target without yearly counts"
    return reason


def check_unit(clean: CleanTable, target, row: dict) -> None:
    """A level target must be in its series' unit; a growth target in percent."""
    series_unit = clean.indicators.unit.get(row["indicator"], "")
    expected = "%" if row["measure"] == "growth" else series_unit
    if target.unit != expected:
        raise ValueError(
            f"target {target.indicator} {target.period} ({target.source_id}) is in "
            f"{target.unit!r} but is assessed on {row['indicator']} in {expected!r}"
        )
