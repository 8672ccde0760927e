"""Coverage: the figures a source mentions that the register does not hold, and why."""

import bisect
import itertools
from collections.abc import Callable, Mapping

import pandas as pd

from helpers.core.schemas import COVERAGE
from helpers.extract.cache import Parsed
from helpers.extract.quantities import find_quantities

STATED = ["source_id", "quote", "value", "indicator", "period", "kind"]  # what coverage reads


def uncovered_mentions(
    texts: dict[str, str], figures: pd.DataFrame, parsed: Mapping[str, Parsed] | None = None
) -> pd.DataFrame:
    """Every quantity in a normalised text that lies outside all registered quotes.

    A mention with the value of a figure registered from the same source is a repeat
    (a headline restating the lead, say); anything else is simply not registered yet.
    `parsed` (helpers.extract's, cached) gives each text's mentions; without it they are
    found here.
    """
    by_source: dict[str, list[tuple]] = {}
    for figure in zip(*(figures[c].tolist() for c in STATED), strict=True):
        by_source.setdefault(figure[0], []).append(figure)
    rows = []
    for source_id, text in sorted(texts.items()):
        stated = by_source.get(source_id, [])
        covered = _covered([(text.find(quote), len(quote)) for _, quote, *_ in stated])
        try:
            found = parsed[source_id].mention_rows() if parsed else _mention_rows(text)
        except ValueError as error:  # a malformed figure: the source's other figures still count
            rows.append([source_id, "", float("nan"), "", "", f"not read: {error}"])
            continue
        for start_at, end_at, value, _, _, unit, qualifier, *_ in found:
            if covered(start_at, end_at):
                continue
            same = next((f for f in stated if f[2] == value), None)
            reason = "not registered"
            if same is not None:
                reason = f"repeats {same[3]} {same[4]} ({same[5]})"
            rows.append([source_id, text[start_at:end_at], value, unit, qualifier, reason])
    return pd.DataFrame(rows, columns=COVERAGE.names)


def _covered(quotes: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """Whether a stretch (start, end) of a text lies inside one of the quotes (start, length):
    inside one iff the furthest end of the quotes starting at or before it reaches its end."""
    spans = sorted((start, start + length) for start, length in quotes)
    starts = [start for start, _ in spans]
    reach = list(itertools.accumulate((end for _, end in spans), max))

    def covered(start: int, end: int) -> bool:
        before = bisect.bisect_right(starts, start)
        return before > 0 and reach[before - 1] >= end

    return covered


def _mention_rows(text: str) -> list[tuple]:
    """The mentions of an Indonesian text as the cache's rows give them (no cache)."""
    return [
        (m.start, m.end, m.quantity.value, None, None, m.quantity.unit, m.quantity.qualifier)
        for m in find_quantities(text)
    ]
