"""Readings of the IKM count, and the unit-stock series each one implies.

ANTARA writes "jumlah IKM tumbuh mencapai 165.983 unit pada tahun 2016 atau meningkat 4,5
persen" and "ditargetkan mencapai 182.000 unit". Read as stocks, IKM grew from about 159
thousand to 166 thousand units. Other public reports give 165,983 as the 2016 *addition*
(ANTARA, 22 Dec 2016) and the 2017 target as +182,000 units to 4.03 million (detik, Dec 2016).
Under that reading ("increase") the 4.5% growth is the stock's, so the stock follows:
S[t-1] = C[t] / g[t], S[t] = S[t-1] + C[t]. Each derived value carries the interval its
rounded inputs allow (165.983 means 165,982.5 to 165,983.5; 4,5 persen 4.45 to 4.55).
"""

import pandas as pd

from helpers.core.parameters import check_choice
from helpers.core.schemas import FIGURES
from helpers.extract.register import rounding_bounds

UNITS_READINGS = ("increase", "stock")
COUNT, GROWTH, STOCK = "ikm_units", "ikm_units_growth", "ikm_units_stock"


def _bounds(row: pd.Series) -> tuple[float, float]:
    return rounding_bounds(row.value, row.resolution)


def _stock_row(period: int, kind: str, value: float, bounds: tuple, sources: list, note: str):
    return {
        "indicator": STOCK, "period": period, "subperiod": "", "kind": kind, "value": value,
        "lower": bounds[0], "upper": bounds[1], "resolution": float("nan"), "unit": "unit",
        "qualifier": "=", "source_id": "+".join(sorted(set(sources))), "quote": "", "note": note,
    }  # fmt: skip


def _pick(figures: pd.DataFrame, indicator: str, kind: str) -> dict[int, pd.Series]:
    rows = figures[
        (figures.indicator == indicator) & (figures.kind == kind) & (figures.subperiod == "")
    ]
    return {int(row.period): row for _, row in rows.iterrows()}


def stock_observations(figures: pd.DataFrame, reading: str) -> list[dict]:
    """Stock values for t-1 and t from each year t that states both the count and its growth."""
    counts, growths = _pick(figures, COUNT, "actual"), _pick(figures, GROWTH, "actual")
    rows: dict[int, dict] = {}
    for t in sorted(set(counts) & set(growths), reverse=True):
        c, g = counts[t], growths[t]
        (c_lo, c_hi), (g_lo, g_hi) = _bounds(c), (x / 100 for x in _bounds(g))
        sources = [c.source_id, g.source_id]
        stated = f"{COUNT}[{t}] = {c.value:g}, {GROWTH}[{t}] = {g.value:g}%"
        if reading == "increase":
            before = (c.value / (g.value / 100), (c_lo / g_hi, c_hi / g_lo))
            after = (before[0] + c.value, (c_lo * (1 + 1 / g_hi), c_hi * (1 + 1 / g_lo)))
            how = (f"{COUNT}[{t}] / {GROWTH}[{t}]", f"{STOCK}[{t - 1}] + {COUNT}[{t}]")
        else:
            before = (c.value / (1 + g.value / 100), (c_lo / (1 + g_hi), c_hi / (1 + g_lo)))
            after = (c.value, (c_lo, c_hi))
            how = (f"{COUNT}[{t}] / (1 + {GROWTH}[{t}])", f"{COUNT}[{t}]")
        for period, (value, bounds), formula in zip((t - 1, t), (before, after), how, strict=True):
            note = f"{formula}; {stated}; reading {reading!r}"
            rows.setdefault(period, _stock_row(period, "derived", value, bounds, sources, note))
    return [rows[p] for p in sorted(rows)]


def stock_targets(figures: pd.DataFrame, observations: list[dict], reading: str) -> list[dict]:
    """Each IKM count target put on the stock series, as the reading implies."""
    stock = {row["period"]: row for row in observations}
    rows = []
    for year, target in sorted(_pick(figures, COUNT, "target").items()):
        c_lo, c_hi = _bounds(target)
        if reading == "stock":
            note = f"{COUNT} target[{year}] = {target.value:g}; reading 'stock'"
            row = _stock_row(year, "target", target.value, (c_lo, c_hi), [target.source_id], note)
        elif year - 1 in stock:
            base = stock[year - 1]
            value = base["value"] + target.value
            bounds = (base["lower"] + c_lo, base["upper"] + c_hi)
            note = f"{STOCK}[{year - 1}] + {COUNT} target[{year}] = {base['value']:.0f} + "
            note += f"{target.value:g}; reading 'increase'"
            sources = [target.source_id, *base["source_id"].split("+")]
            row = _stock_row(year, "target", value, bounds, sources, note)
        else:
            continue
        rows.append(row)
    return rows


def unit_stock(figures: pd.DataFrame, reading: str) -> pd.DataFrame:
    """The derived IKM unit-stock series (kind 'derived') and its targets (kind 'target')."""
    check_choice("units_reading", reading, UNITS_READINGS)
    observations = stock_observations(figures, reading)
    targets = stock_targets(figures, observations, reading)
    return pd.DataFrame(observations + targets, columns=FIGURES.names)


def stock_by_reading(figures: pd.DataFrame) -> pd.DataFrame:
    """The stock series and target under each reading, side by side, with the yearly growth
    each target after the last observed year needs."""
    rows = []
    for reading in UNITS_READINGS:
        stock = unit_stock(figures, reading)
        values = {
            (k, p): v for k, p, v in stock[["kind", "period", "value"]].itertuples(index=False)
        }
        row = {"units_reading": reading}
        row |= {f"stock {p}": v for (k, p), v in values.items() if k == "derived"}
        row |= {f"target {p}": v for (k, p), v in values.items() if k == "target"}
        last = max(p for k, p in values if k == "derived")
        for (k, p), v in values.items():
            if k == "target" and p > last:  # a target of the last observed year or before: none
                growth = (v / values[("derived", last)]) ** (1 / (p - last)) - 1
                row[f"growth needed to {p} (%)"] = 100 * growth
        rows.append(row)
    return pd.DataFrame(rows).set_index("units_reading")
