"""Coverage: the figures a source mentions that the register does not hold, and why."""

import pandas as pd

from helpers.core.schemas import COVERAGE
from helpers.extract.quantities import find_quantities


def uncovered_mentions(texts: dict[str, str], figures: pd.DataFrame) -> pd.DataFrame:
    """Every quantity in a normalised text that lies outside all registered quotes.

    A mention with the value of a figure registered from the same source is a repeat
    (a headline restating the lead, say); anything else is simply not registered yet.
    """
    rows = []
    for source_id, text in sorted(texts.items()):
        stated = figures[figures.source_id == source_id]
        spans = [(text.find(q), text.find(q) + len(q)) for q in stated.quote]
        for mention in find_quantities(text):
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
