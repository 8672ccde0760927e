"""Coverage: the figures a source mentions that the register does not hold, and why."""

from collections.abc import Mapping

import pandas as pd

from helpers.core.schemas import COVERAGE
from helpers.core.tables import table_rows
from helpers.extract.cache import Parsed
from helpers.extract.quantities import find_quantities


def uncovered_mentions(
    texts: dict[str, str], figures: pd.DataFrame, parsed: Mapping[str, Parsed] | None = None
) -> pd.DataFrame:
    """Every quantity in a normalised text that lies outside all registered quotes.

    A mention with the value of a figure registered from the same source is a repeat
    (a headline restating the lead, say); anything else is simply not registered yet.
    `parsed` (helpers.extract's, cached) gives each text's mentions; without it they are
    found here.
    """
    rows = []
    by_source: dict[str, list] = {}
    columns = ["source_id", "quote", "value", "indicator", "period", "kind"]
    for figure in table_rows(figures[columns]):
        by_source.setdefault(figure.source_id, []).append(figure)
    for source_id, text in sorted(texts.items()):
        stated = by_source.get(source_id, [])
        spans = [(text.find(f.quote), text.find(f.quote) + len(f.quote)) for f in stated]
        found = (
            parsed[source_id].mention_rows()
            if parsed
            else [
                (
                    m.start,
                    m.end,
                    m.quantity.value,
                    None,
                    None,
                    m.quantity.unit,
                    m.quantity.qualifier,
                )
                for m in find_quantities(text)
            ]
        )
        for start_at, end_at, value, _, _, unit, qualifier, *_ in found:
            if any(start <= start_at and end_at <= end for start, end in spans):
                continue
            same = next((f for f in stated if f.value == value), None)
            reason = "not registered"
            if same is not None:
                reason = f"repeats {same.indicator} {same.period} ({same.kind})"
            rows.append([source_id, text[start_at:end_at], value, unit, qualifier, reason])
    return pd.DataFrame(rows, columns=COVERAGE.names)
