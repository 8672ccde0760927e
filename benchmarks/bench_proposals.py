"""Benchmark: how good the proposed register rows of `python -m helpers.add` are.

Prints precision and recall of the proposed rows (status `proposed`) against the true
register rows: a proposal is right when its indicator, period, kind and value all are.
Measured on articles generated with their true rows (tests/corpus.py, a seed no test uses)
and on the two seed articles against data/register.csv. No pass/fail; the target (issue 13)
is at least 0.9 for both.
"""

import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from corpus import corpus  # noqa: E402

from helpers.add.propose import load_rules, propose_rows  # noqa: E402
from helpers.core.paths import DATA  # noqa: E402
from helpers.extract.figures import normalised_texts  # noqa: E402
from helpers.extract.normalise import normalise  # noqa: E402
from helpers.extract.quantities import find_quantities  # noqa: E402
from helpers.extract.register import load_indicators  # noqa: E402
from helpers.extract.sources import load_sources  # noqa: E402

INDICATORS = load_indicators(DATA)
RULES = {language: load_rules(DATA, INDICATORS, language) for language in ("id", "en")}


def score(label: str, cases) -> None:
    """cases: (normalised text, language, published, set of true keys)."""
    right = found = wanted = unplaced = 0
    for text, language, published, truth in cases:
        proposals = propose_rows(text, language, published, RULES[language])
        got = {
            (p.indicator, int(p.period), p.kind, p.mention.quantity.value)
            for p in proposals
            if p.status == "proposed"
        }
        unplaced += sum(p.status == "unplaced" for p in proposals)
        right, found, wanted = right + len(got & truth), found + len(got), wanted + len(truth)
    precision, recall = right / max(found, 1), right / max(wanted, 1)
    print(
        f"  {label:<38} precision {precision:.3f}  recall {recall:.3f}  "
        f"({right} right of {found} proposed, {wanted} true rows; {unplaced} figures unplaced)"
    )


def generated(count: int, seed: int, language: str | None = None):
    return [
        (normalise(a.text), a.language, a.published,
         {(t.indicator, t.period, t.kind, t.value) for t in a.truth})
        for a in corpus(count, seed=seed)
        if language in (None, a.language)
    ]  # fmt: skip


def seeds():
    sources = load_sources(DATA)
    texts = normalised_texts(DATA, sources)
    register = pd.read_csv(DATA / "register.csv", dtype=str, keep_default_na=False)
    for source in sources.itertuples():
        rows = register[register.source_id == source.source_id]
        truth = {
            (r.indicator, int(r.period), r.kind, find_quantities(r.quote)[0].quantity.value)
            for r in rows.itertuples()
        }
        yield texts[source.source_id], source.language, source.published, truth


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    print("proposed register rows (indicator, period, kind and value all right):")
    score(f"{count:,} generated articles", generated(count, seed=2024))
    score("  of them Indonesian news", generated(count, seed=2024, language="id"))
    score("  of them English releases", generated(count, seed=2024, language="en"))
    score("the two seed articles (data/register.csv)", seeds())
