"""Coverage: the figures a source mentions that the register does not hold, and why."""

from collections.abc import Mapping

import pandas as pd

from helpers.core.schemas import COVERAGE
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
    by_source = dict(iter(figures.groupby("source_id", sort=False)))
    for source_id, text in sorted(texts.items()):
        stated = by_source.get(source_id, figures.iloc[:0])
        spans = [(text.find(q), text.find(q) + len(q)) for q in stated.quote]
        found = parsed[source_id].mentions() if parsed else find_quantities(text)
        for mention in found:
            if any(start <= mention.start and mention.end <= end for start, end in spans):
                continue
            same = stated[stated.value == mention.quantity.value]
            reason = "not registered"
            if not same.empty:
                first = same.iloc[0]
                reason = f"repeats {first.indicator} {first.period} ({first.kind})"
            q = mention.quantity
            rows.append([source_id, mention.text, q.value, q.unit, q.qualifier, reason])
    return pd.DataFrame(rows, columns=COVERAGE.names)
