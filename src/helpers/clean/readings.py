"""Readings of the IKM count, and the unit-stock series each one implies.

ANTARA writes "jumlah IKM tumbuh mencapai 165.983 unit pada tahun 2016 atau meningkat 4,5
persen" and "ditargetkan mencapai 182.000 unit". Read as stocks, IKM grew from about 159
thousand to 166 thousand units. Other public reports give 165,983 as the 2016 *addition*
(ANTARA, 22 Dec 2016) and the 2017 target as +182,000 units to 4.03 million (detik, Dec 2016).
Under that reading ("increase") the 4.5% growth is the stock's, so the stock follows:
S[t-1] = C[t] / g[t], S[t] = S[t-1] + C[t]. Each derived value carries the interval its
rounded inputs allow (165.983 means 165,982.5 to 165,983.5; 4,5 persen 4.45 to 4.55).

A stock a source states (ikm_units_stock, registered directly) is never derived or turned
into a yearly increase: where a year has both, the stated stock wins (helpers.clean.table),
and helpers.clean.consistency reports how far the derived one is from it.
"""

import pandas as pd

from helpers.core.parameters import check_choice
from helpers.core.schemas import FIGURES
from helpers.extract.register import rounding_bounds

UNITS_READINGS = ("increase", "stock")
READ_AS = {
    "increase": "the count read as the year's addition",
    "stock": "the count read as the number of IKM",
}
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
        if reading == "increase":
            before = (c.value / (g.value / 100), (c_lo / g_hi, c_hi / g_lo))
            after = (before[0] + c.value, (c_lo * (1 + 1 / g_hi), c_hi * (1 + 1 / g_lo)))
            how = (f"the {t} count over its growth", f"the {t - 1} stock plus the {t} count")
        else:
            before = (c.value / (1 + g.value / 100), (c_lo / (1 + g_hi), c_hi / (1 + g_lo)))
            after = (c.value, (c_lo, c_hi))
            how = (f"the {t} count over one plus its growth", f"the {t} count")
        for period, (value, bounds), formula in zip((t - 1, t), (before, after), how, strict=True):
            note = f"{formula}; {READ_AS[reading]}"
            rows.setdefault(period, _stock_row(period, "derived", value, bounds, sources, note))
    return [rows[p] for p in sorted(rows)]


def stated_stock(figures: pd.DataFrame) -> dict[int, pd.Series]:
    """The unit stock a source states, full year, by year (one figure per year: the used)."""
    return _pick(figures, STOCK, "actual")


def stock_targets(figures: pd.DataFrame, observations: list[dict], reading: str) -> list[dict]:
    """Each IKM count target put on the stock series, as the reading implies: read as an
    increase, it adds to the stock of the year before, the stated stock where a source
    states one, else the derived one."""
    stock = {row["period"]: row for row in observations}
    for period, row in stated_stock(figures).items():
        low, high = _bounds(row)  # the interval its rounding allows
        low = low if pd.isna(row.lower) else min(low, row.lower)
        high = high if pd.isna(row.upper) else max(high, row.upper)
        stock[period] = row.to_dict() | {"lower": low, "upper": high}
    rows = []
    for year, target in sorted(_pick(figures, COUNT, "target").items()):
        c_lo, c_hi = _bounds(target)
        if reading == "stock":
            note = f"the {year} count target; {READ_AS[reading]}"
            row = _stock_row(year, "target", target.value, (c_lo, c_hi), [target.source_id], note)
        elif year - 1 in stock:
            base = stock[year - 1]
            value = base["value"] + target.value
            bounds = (base["lower"] + c_lo, base["upper"] + c_hi)
            note = f"the {year - 1} stock plus the {year} count target; {READ_AS[reading]}"
            sources = [target.source_id, *base["source_id"].split("+")]
            row = _stock_row(year, "target", value, bounds, sources, note)
        else:
            continue
        rows.append(row)
    return rows


def unit_stock(figures: pd.DataFrame, reading: str) -> pd.DataFrame:
    """The IKM unit stock derived from the count under the reading (kind 'derived') and the
    count's targets put on the stock (kind 'target'), from one figure per key."""
    check_choice("units_reading", reading, UNITS_READINGS)
    observations = stock_observations(figures, reading)
    targets = stock_targets(figures, observations, reading)
    return pd.DataFrame(observations + targets, columns=FIGURES.names)


def stock_by_reading(figures: pd.DataFrame) -> pd.DataFrame:
    """The derived stock and the count's target under each reading, side by side, with the
    yearly growth each target after the last derived year needs from the stock of that year
    (the stated one where a source states it)."""
    stated = {period: row.value for period, row in stated_stock(figures).items()}
    rows = []
    for reading in UNITS_READINGS:
        stock = unit_stock(figures, reading)
        values = {
            (k, p): v for k, p, v in stock[["kind", "period", "value"]].itertuples(index=False)
        }
        row = {"units_reading": reading}
        row |= {f"stock {p}": v for (k, p), v in values.items() if k == "derived"}
        row |= {f"target {p}": v for (k, p), v in values.items() if k == "target"}
        last = max((p for k, p in values if k == "derived"), default=None)
        for (k, p), v in values.items():
            # a target of the last observed year or before needs no growth
            if last is not None and k == "target" and p > last:
                base = stated.get(last, values[("derived", last)])
                growth = (v / base) ** (1 / (p - last)) - 1
                row[f"growth needed to {p} (%)"] = 100 * growth
        rows.append(row)
    return pd.DataFrame(rows).set_index("units_reading")
