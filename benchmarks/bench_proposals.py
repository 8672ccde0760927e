"""Benchmark: how good the proposed register rows of `python -m helpers.add` are.

First on real publications: the corpus in ../shared/corpus/ beside the repository (its texts,
sources.tsv and truth.csv), each article added the README's way to a temporary workspace built
from this one's rule files (indicators, publishers, proposal words, translations), with an
empty register and without the corpus's own sources: the text's own metadata first, and the
options of sources.tsv only where the text does not say them. Scored as the corpus's
evaluate.py scores a clone: a proposal (status proposed, accepted or rejected; equal ones of
an article once) is right when truth.csv has a row of its article with its indicator (one of
the `|` alternatives), period (the year), kind and value (one of the alternatives, relative
tolerance 1e-6); a truth row of indicator `none` is not in the recall's denominator, and a
proposal giving its value an indicator is wrong. Also counted: the articles whose publisher
and date were read from the text alone (issue 28: at least 14 of the 16).

Then on generated articles with their true rows (tests/corpus.py, a seed no test uses) and on
the workspace's own articles with register rows against data/register.csv (the two seed
articles today), scored the same way. No pass/fail; the
targets (issue 28) are precision 0.95 and recall 0.90 on the real corpus.
"""

import csv
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from corpus import corpus  # noqa: E402

from helpers.add import article  # noqa: E402
from helpers.add.metadata import read_metadata  # noqa: E402
from helpers.add.propose import load_rules, propose_rows  # noqa: E402
from helpers.core.paths import DATA  # noqa: E402
from helpers.core.schemas import REGISTER  # noqa: E402
from helpers.extract.figures import normalised_texts  # noqa: E402
from helpers.extract.normalise import normalise  # noqa: E402
from helpers.extract.quantities import find_quantities  # noqa: E402
from helpers.extract.register import load_indicators  # noqa: E402
from helpers.extract.sources import load_sources  # noqa: E402

REAL = ROOT.parent / "shared" / "corpus"
RULE_FILES = ("indicators.csv", "translations.csv", "publishers.csv", "proposal_words.csv")
COUNTED = ("proposed", "accepted", "rejected")
INDICATORS = load_indicators(DATA)
RULES = {language: load_rules(DATA, INDICATORS, language) for language in ("id", "en")}


@dataclass(frozen=True)
class Truth:
    """One figure a careful researcher registers; several alternatives may all be right."""

    indicators: frozenset[str]  # {"none"}: a figure the workspace has no indicator for
    period: str
    kind: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class Row:
    """One proposed row, as the proposals file holds it."""

    status: str
    indicator: str
    period: str
    kind: str
    value: float


@dataclass
class Score:
    """Counts of one corpus: proposals and how many are right, truth rows and how many found."""

    proposed: int = 0
    right: int = 0
    wanted: int = 0
    found: int = 0
    none_placed: int = 0

    def add(self, rows: list[Row], truth: list[Truth]) -> None:
        """Score one article's proposals against its truth (the rules of evaluate.py)."""
        seen, proposals = set(), []
        for r in rows:
            key = (r.indicator, r.period[:4], r.kind, r.value)
            if r.status in COUNTED and r.indicator and key not in seen:
                seen.add(key)
                proposals.append(r)
        wanted = [t for t in truth if "none" not in t.indicators]
        right = [p for p in proposals if any(_matches(t, p) for t in truth)]
        self.proposed += len(proposals)
        self.right += len(right)
        self.wanted += len(wanted)
        self.found += sum(any(_matches(t, p) for p in proposals) for t in wanted)
        self.none_placed += sum(
            p not in right
            and any("none" in t.indicators and _close_any(p.value, t.values) for t in truth)
            for p in proposals
        )

    def line(self, label: str) -> str:
        precision, recall = self.right / max(self.proposed, 1), self.found / max(self.wanted, 1)
        return (
            f"  {label:<40} precision {precision:.3f}  recall {recall:.3f}  ({self.right} right "
            f"of {self.proposed} proposed; {self.found} of {self.wanted} true rows found; "
            f"{self.none_placed} figures of no indicator given one)"
        )


def _close_any(value: float, values: tuple[float, ...]) -> bool:
    return any(abs(value - v) <= 1e-6 * max(abs(value), abs(v), 1e-9) for v in values)


def _matches(t: Truth, p: Row) -> bool:
    return (
        "none" not in t.indicators
        and p.indicator in t.indicators
        and p.period[:4] == t.period[:4]
        and p.kind == t.kind
        and _close_any(p.value, t.values)
    )


def rows_of(proposals) -> list[Row]:
    """Proposals (helpers.add.propose.Proposal) as scored rows."""
    return [
        Row(p.status, p.indicator, p.period, p.kind, p.mention.quantity.value) for p in proposals
    ]


# --- the real corpus ---------------------------------------------------------------------


def read_truth(path: Path) -> dict[str, list[Truth]]:
    truth: dict[str, list[Truth]] = {}
    with open(path, newline="", encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            values = tuple(float(v) for v in r["value"].split("|"))
            row = Truth(frozenset(r["indicator"].split("|")), r["period"], r["kind"], values)
            truth.setdefault(r["source_id"], []).append(row)
    return truth


def read_listing(path: Path) -> list[dict[str, str]]:
    """sources.tsv, each value stripped (the file may have Windows line ends)."""
    with open(path, newline="", encoding="utf-8") as handle:
        return [
            {k.strip(): v.strip() for k, v in r.items()}
            for r in csv.DictReader(handle, delimiter="\t")
        ]


def real_workspace(folder: Path, ids: set[str]) -> Path:
    """A data folder with this workspace's rule files, an empty register and its sources
    without the corpus's ids (the workspace may hold them already)."""
    data = folder / "data"
    (data / "raw").mkdir(parents=True)
    for name in RULE_FILES:
        shutil.copy(DATA / name, data / name)
    (data / "register.csv").write_text(",".join(REGISTER.names) + "\n", encoding="utf-8")
    sources = pd.read_csv(DATA / "sources.csv", dtype=str, keep_default_na=False)
    kept = sources[~sources.source_id.isin(ids)]
    kept.to_csv(data / "sources.csv", index=False)
    for source_id in kept.source_id:  # a workspace whose sources have their texts
        shutil.copy(DATA / "raw" / f"{source_id}.txt", data / "raw" / f"{source_id}.txt")
    return data


def add_real(data: Path, entry: dict[str, str]) -> article.NewSource:
    """An article of the corpus added as add_all.sh adds it: unaided, then with its options."""
    path = REAL / f"{entry['id']}.txt"
    try:
        return article.build(path, data, {"url": entry["url"]}, None)
    except article.MissingField:
        given = {
            "publisher": entry["outlet"],
            "published": entry["date"],
            "title": entry["title"],
            "language": entry["language"],
            "url": entry["url"],
        }
        return article.build(path, data, given, None)


def metadata_note(entry: dict[str, str]) -> tuple[bool, str]:
    """Whether the text alone gives an article's publisher and date, and where what it gives
    is not what sources.tsv says, what it gives ("" when both agree)."""
    raw = (REAL / f"{entry['id']}.txt").read_text(encoding="utf-8")
    meta = read_metadata(raw, normalise(raw), DATA)
    read = bool(meta.publisher and meta.published)
    agree = entry["outlet"].startswith(meta.publisher or "?") and meta.published == entry["date"]
    if agree:
        return read, ""
    return read, f"publisher {meta.publisher or '-'!r}, date {meta.published or '-'!r}"


def real_corpus(verbose: bool) -> None:
    if not (REAL / "truth.csv").is_file():
        print(f"  no real corpus at {REAL} (the folder shared/corpus beside the repository)")
        return
    listing = read_listing(REAL / "sources.tsv")
    truth = read_truth(REAL / "truth.csv")
    score, lines = Score(), []
    with tempfile.TemporaryDirectory() as folder:
        data = real_workspace(Path(folder), {e["id"] for e in listing})
        for entry in listing:
            sid, expected = entry["id"], truth.get(entry["id"], [])
            try:
                table = add_real(data, entry).proposals
            except (ValueError, FileNotFoundError) as error:
                lines.append(f"    {sid}: not added: {error}")
                score.add([], expected)
                continue
            rows = [
                Row(r.status, r.indicator, str(r.period), r.kind, float(r.value))
                for r in table.itertuples()
            ]
            score.add(rows, expected)
            if verbose:
                lines += [f"    {sid}: {line}" for line in differences(table, rows, expected)]
    notes = {e["id"]: metadata_note(e) for e in listing}
    unaided = sum(read for read, _ in notes.values())
    agree = sum(not note for _, note in notes.values())
    print(score.line(f"{len(listing)} real publications ({REAL.name}/)"))
    print(
        f"  publisher and date read from the text alone: {unaided} of {len(listing)} "
        f"({agree} as sources.tsv gives them; the others:)"
    )
    for sid, (_, note) in notes.items():
        if note:
            print(f"    {sid}: {note}")
    for line in lines:
        print(line)


def differences(table: pd.DataFrame, rows: list[Row], truth: list[Truth]) -> list[str]:
    """The false proposals and the missed truth rows of an article, with the reasons given."""
    out = []
    for number, r in enumerate(rows):
        if r.status in COUNTED and r.indicator and not any(_matches(t, r) for t in truth):
            t = table.iloc[number]
            out.append(
                f"FALSE {r.indicator} {r.period} {r.kind} {r.value:g} {t.mention!r} [{t.reason}]"
            )
    for t in truth:
        if "none" not in t.indicators and not any(
            _matches(t, r) for r in rows if r.status in COUNTED
        ):
            seen = [
                f"{r.status} {r.indicator or '-'} {r.period} {r.kind} [{table.reason.iloc[i]}]"
                for i, r in enumerate(rows)
                if _close_any(r.value, t.values)
            ]
            out.append(
                f"MISSED {'|'.join(sorted(t.indicators))} {t.period} {t.kind} "
                f"{t.values}: {'; '.join(seen) or 'not found by the parser'}"
            )
    return out


# --- generated and seed articles ------------------------------------------------------------


def generated(count: int, seed: int, language: str | None = None) -> Score:
    score = Score()
    for a in corpus(count, seed=seed):
        if language in (None, a.language):
            truth = [
                Truth(frozenset([t.indicator]), str(t.period), t.kind, (t.value,)) for t in a.truth
            ]
            proposals = propose_rows(normalise(a.text), a.language, a.published, RULES[a.language])
            score.add(rows_of(proposals), truth)
    return score


def registered() -> tuple[Score, int]:
    """The workspace's own articles that have register rows, against data/register.csv (an
    added article not reviewed yet has none, and is left out); and how many there are."""
    score = Score()
    sources = load_sources(DATA)
    register = pd.read_csv(DATA / "register.csv", dtype=str, keep_default_na=False)
    sources = sources[sources.source_id.isin(set(register.source_id))]
    texts = normalised_texts(DATA, sources)
    for source in sources.itertuples():
        rows = register[register.source_id == source.source_id]
        language = source.language
        truth = [
            Truth(
                frozenset([r.indicator]),
                r.period,
                r.kind,
                (find_quantities(r.quote, language)[0].quantity.value,),
            )
            for r in rows.itertuples()
        ]
        proposals = propose_rows(
            texts[source.source_id], language, source.published, RULES[language]
        )
        score.add(rows_of(proposals), truth)
    return score, len(sources)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--verbose"]
    count = int(args[0]) if args else 1000
    print("proposed register rows (indicator, period, kind and value all right):")
    real_corpus("--verbose" in sys.argv)
    print(generated(count, seed=2024).line(f"{count:,} generated articles"))
    print(generated(count, seed=2024, language="id").line("  of them Indonesian news"))
    print(generated(count, seed=2024, language="en").line("  of them English releases"))
    own, articles = registered()
    print(own.line(f"{articles} articles of data/register.csv"))
