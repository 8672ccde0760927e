"""Proposed register rows: each figure of an article placed on an indicator, a year and a kind
by rules a researcher can read and extend in data files, with a quote the register accepts.

The rules, in order, for each mention `find_quantities` reports:

- **sentence**: the text is cut into sentences (line ends, and `.`, `!` or `?` before a
  capital); a mention's *clause* runs from the previous mention (or the sentence start) to the
  next one (or the sentence end).
- **indicator**: among the indicators whose `written_units` (data/indicators.csv) hold the
  mention's unit, the one with a keyword (`keywords_id` / `keywords_en`) nearest to it: before
  it in its sentence first, then after it, then in the sentence before. A percentage joined to
  the level figure before it by a `growth_link` word ("atau meningkat 4,5 persen") is the
  growth of that level's indicator (`growth_of`). A clause holding an `other_things` word
  ("bantuan 25 unit mesin") is not proposed.
- **period**: the year nearest to the mention in its clause, after it first, skipping a year
  that follows a `base_year` word ("dibandingkan tahun 2015"); then "tahun ini", "tahun
  depan", "tahun lalu" from the publication year; then the nearest year in the sentence.
- **kind**: the nearest `target` or `actual` word before the mention in its sentence; a
  period after the publication year is always a target; without a word, the period decides.
- **quote**: the clause around the figure, trimmed to a few words each side, unique in the
  text and parsed again to the same figure alone (else the figure's own words).

Words come from data/proposal_words.csv (one row per rule, Indonesian and English columns).
"""

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.add.metadata import date_spans
from helpers.core.paths import display_path
from helpers.core.schemas import PROPOSAL_WORDS, PROPOSALS
from helpers.core.tables import read_input
from helpers.extract.quantities import Mention, find_quantities
from helpers.extract.sources import row_lines

RULES = ("target", "actual", "base_year", "this_year", "next_year", "last_year", "growth_link",
         "other_things")  # fmt: skip
YEAR = re.compile(r"(?<![\w.,])((?:19|20)\d\d)(?![\w]|[.,]\d|-(?:19|20)\d\d)")
SENTENCE_END = re.compile(r"\n|(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z])")
QUOTE_WORDS_BEFORE, QUOTE_WORDS_AFTER = 7, 5
QUOTE_CUTS = re.compile(r"[,;:()\"]|\s-{1,2}\s")
WORD = re.compile(r"\S+")
CONTEXT_PENALTY = 200  # characters a keyword of the sentence before counts as further away
AFTER_WEIGHT = 1.5  # a keyword after the figure counts as this much further than one before


@dataclass(frozen=True)
class Rules:
    """The words of each rule in one language, and the indicators with their keywords."""

    words: dict[str, re.Pattern]  # rule -> a regex of its words, whole words, any case
    keywords: dict[str, re.Pattern]  # indicator -> a regex of its keywords
    written: dict[str, set[str]]  # indicator -> the units a quote may be written in
    growth: dict[str, str]  # level indicator -> its growth indicator


def _any_of(words: str) -> re.Pattern | None:
    phrases = [w.strip() for w in words.split("|") if w.strip()]
    if not phrases:
        return None
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def load_rules(data_dir: Path, indicators: pd.DataFrame, language: str) -> Rules:
    """The rules of data/proposal_words.csv and the keywords of `indicators` for `language`."""
    table = read_input(PROPOSAL_WORDS, data_dir)
    path = data_dir / str(PROPOSAL_WORDS.file)
    for line, rule in zip(row_lines(path, data_dir), table.rule, strict=True):
        if rule not in RULES:
            raise ValueError(
                f"{display_path(path, data_dir)} line {line}: unknown rule {rule!r}; "
                f"one of {list(RULES)}"
            )
    if language not in ("id", "en"):
        raise ValueError(f"proposals need Indonesian or English text, not {language!r}")
    words = {row.rule: _any_of(getattr(row, language)) for row in table.itertuples()}
    column = f"keywords_{language}"
    keywords = {
        name: pattern
        for name, row in indicators.iterrows()
        if (pattern := _any_of(row[column])) is not None
    }
    written = {name: set(row.written_units.split("|")) for name, row in indicators.iterrows()}
    growth = {row.growth_of: name for name, row in indicators.iterrows() if row.growth_of}
    return Rules({k: v for k, v in words.items() if v is not None}, keywords, written, growth)


@dataclass
class Proposal:
    """One figure of the article and what the rules made of it."""

    mention: Mention
    indicator: str = ""
    period: str = ""
    kind: str = ""
    quote: str = ""
    confidence: float = 0.0
    status: str = "proposed"
    reason: str = ""


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of the text, without the spaces between them."""
    spans, start = [], 0
    for brk in SENTENCE_END.finditer(text):
        spans.append((start, brk.start()))
        start = brk.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def _words(rules: Rules, rule: str, text: str, start: int, end: int) -> list[re.Match]:
    pattern = rules.words.get(rule)
    return list(pattern.finditer(text, start, end)) if pattern else []


def _years(
    rules: Rules, text: str, start: int, end: int, dates: list[tuple[int, int, str]]
) -> list[tuple[int, int]]:
    """(position, year) of each year in text[start:end] that is not a comparison's base (a
    year at most two words after a `base_year` word: "dibandingkan pada 2015", "from 2015")
    nor part of a full date (a dateline, the day of an event)."""
    found = []
    base = rules.words.get("base_year")
    for match in YEAR.finditer(text, start, end):
        if any(a <= match.start() < b for a, b, _ in dates):
            continue
        before = text[max(start, match.start() - 40) : match.start()]
        words = base.findall(before) if base else []
        if words and len(before[before.rfind(words[-1]) + len(words[-1]) :].split()) <= 2:
            continue
        found.append((match.start(), int(match.group(1))))
    return found


def _relative_year(rules: Rules, text: str, start: int, end: int, published: int) -> int | None:
    for rule, offset in (("this_year", 0), ("next_year", 1), ("last_year", -1)):
        if _words(rules, rule, text, start, end):
            return published + offset
    return None


def _place_period(
    rules: Rules, text: str, m: Mention, clause: tuple[int, int], sentence: tuple[int, int],
    published: int, dates: list[tuple[int, int, str]],
) -> tuple[int | None, float, str]:  # fmt: skip
    after = _years(rules, text, m.end, clause[1], dates)
    if after:
        return after[0][1], 1.0, "year after it"
    before = _years(rules, text, clause[0], m.start, dates)
    if before:
        return before[-1][1], 1.0, "year before it"
    relative = _relative_year(rules, text, clause[0], clause[1], published)
    if relative is not None:
        return relative, 0.8, "year from the publication date"
    anywhere = _years(rules, text, *sentence, dates)
    if anywhere:
        pos, year = min(anywhere, key=lambda y: (abs(y[0] - m.start), y[0] > m.start))
        return year, 0.85, "year of its sentence"
    relative = _relative_year(rules, text, sentence[0], sentence[1], published)
    if relative is not None:
        return relative, 0.75, "year from the publication date"
    return None, 0.0, "no year in its sentence"


def _place_kind(
    rules: Rules, text: str, m: Mention, sentence: tuple[int, int], period: int, published: int
) -> tuple[str, float]:
    if period > published:
        return "target", 1.0
    marks = [(w.end(), "target") for w in _words(rules, "target", text, sentence[0], m.start)]
    marks += [(w.end(), "actual") for w in _words(rules, "actual", text, sentence[0], m.start)]
    if marks:
        return max(marks)[1], 1.0
    return ("actual", 0.9) if period < published else ("actual", 0.7)  # no word: as stated


def _place_indicator(
    rules: Rules, text: str, m: Mention, sentence: tuple[int, int], before: tuple[int, int]
) -> tuple[str, float, str]:
    """The indicator whose keyword is nearest, with a confidence and the keyword."""
    unit = m.quantity.unit
    candidates = [name for name, units in rules.written.items() if unit in units]
    best: tuple[float, int, str, str] | None = None
    for name in candidates:
        pattern = rules.keywords.get(name)
        if pattern is None:
            continue
        for match in pattern.finditer(text, *sentence):
            if match.end() <= m.end:
                distance = max(0, m.start - match.end())
            else:
                distance = (match.start() - m.end) * AFTER_WEIGHT
            key = (distance, -len(match[0]), name, match[0])
            best = key if best is None or key < best else best
        if before[1] > before[0]:
            for match in pattern.finditer(text, *before):
                key = (m.start - match.end() + CONTEXT_PENALTY, -len(match[0]), name, match[0])
                best = key if best is None or key < best else best
    if best is None:
        if not candidates:
            return "", 0.0, f"unit {unit!r} fits no indicator" if unit else "no unit"
        return "", 0.0, f"no keyword of {', '.join(candidates)} in or before its sentence"
    distance, _, name, keyword = best
    confidence = 1.0 if distance < 80 else 0.85 if distance < CONTEXT_PENALTY else 0.7
    return name, confidence, f"keyword {keyword!r}"


def _clause_quote(text: str, m: Mention, clause: tuple[int, int], language: str) -> str:
    """A passage around the figure, within its clause (cut at commas, semicolons, colons,
    brackets and dashes), that holds it alone and occurs once in the text; the shortest
    tried last, and the figure's own words if none does."""
    low, high = clause
    for cut in QUOTE_CUTS.finditer(text, clause[0], m.start):
        low = cut.end()
    if cut := QUOTE_CUTS.search(text, m.end, clause[1]):
        high = cut.start()
    starts = [low + w.start() for w in WORD.finditer(text[low : m.start])]
    ends = [m.end + w.end() for w in WORD.finditer(text[m.end : high])]
    for n_before, n_after in ((QUOTE_WORDS_BEFORE, QUOTE_WORDS_AFTER), (12, 8), (3, 2), (0, 0)):
        start = starts[-min(n_before, len(starts))] if n_before and starts else m.start
        end = ends[min(n_after, len(ends)) - 1] if n_after and ends else m.end
        quote = text[start:end].strip().rstrip(".,;:")
        if quote and text.count(quote) == 1 and _holds_alone(quote, m, language):
            return quote
    return m.text if _holds_alone(m.text, m, language) else ""


def _holds_alone(quote: str, m: Mention, language: str) -> bool:
    try:
        found = find_quantities(quote, language)
    except ValueError:
        return False
    return len(found) == 1 and found[0].quantity == m.quantity


def propose_rows(
    text: str, language: str, published: str, rules: Rules, registered: set[tuple] = frozenset()
) -> list[Proposal]:
    """Every figure of a normalised text, placed or not (`registered`: (indicator, period,
    kind) keys the register already holds for this source: marked accepted, not proposed)."""
    year = int(published[:4])
    sentences = sentence_spans(text)
    mentions = find_quantities(text, language)
    dates = date_spans(text)
    proposals = []
    for m in mentions:
        s = next((i for i, (a, b) in enumerate(sentences) if a <= m.start < b), len(sentences) - 1)
        sentence = sentences[s]
        before = sentences[s - 1] if s > 0 else (0, 0)
        same = [x for x in mentions if sentence[0] <= x.start < sentence[1]]
        at = same.index(m)
        clause = (
            same[at - 1].end if at > 0 else sentence[0],
            same[at + 1].start if at + 1 < len(same) else sentence[1],
        )
        p = Proposal(m)
        proposals.append(p)
        reasons = []
        if _words(rules, "other_things", text, *clause):
            word = _words(rules, "other_things", text, *clause)[0][0]
            p.status, p.reason = "unplaced", f"counts or costs something else ({word!r})"
            continue
        indicator, confidence, why = "", 0.0, ""
        if m.quantity.unit == "%" and at > 0:
            level = next((q for q in reversed(proposals[:-1]) if q.mention is same[at - 1]), None)
            link = _words(rules, "growth_link", text, same[at - 1].end, m.start)
            if (
                level is not None
                and level.indicator in rules.growth
                and link
                and m.start - same[at - 1].end < 60
            ):
                indicator = rules.growth[level.indicator]
                confidence, why = 0.95, f"growth of {level.indicator} ({link[0][0]!r})"
        if not indicator:
            indicator, confidence, why = _place_indicator(rules, text, m, sentence, before)
        p.indicator = indicator
        if not indicator:
            p.status, p.reason = "unplaced", why
            continue
        reasons.append(why)
        period, period_conf, period_why = _place_period(
            rules, text, m, clause, sentence, year, dates
        )
        if period is None:
            p.status, p.reason = "unplaced", period_why
            continue
        reasons.append(period_why)
        kind, kind_conf = _place_kind(rules, text, m, sentence, period, year)
        p.period, p.kind = str(period), kind
        p.quote = _clause_quote(text, m, clause, language)
        if not p.quote:
            p.status, p.reason = "unplaced", "no passage holds the figure alone"
            continue
        p.confidence = round(confidence * period_conf * kind_conf, 2)
        p.reason = "; ".join(reasons)
    _mark_repeats(proposals, registered)
    return proposals


def _mark_repeats(proposals: list[Proposal], registered: set[tuple]) -> None:
    """One proposal per (indicator, period, kind): the most confident (the first on a tie)."""
    placed = [p for p in proposals if p.status == "proposed"]
    best: dict[tuple, Proposal] = {}
    for p in placed:
        key = (p.indicator, p.period, p.kind)
        if key not in best or p.confidence > best[key].confidence:
            best[key] = p
    for p in placed:
        key = (p.indicator, p.period, p.kind)
        if key in registered:
            p.status, p.reason = "accepted", "in data/register.csv"
        elif best[key] is not p:
            number = proposals.index(best[key]) + 1
            p.status, p.reason = "repeat", f"row {number} states the same indicator, period, kind"


def proposal_table(proposals: list[Proposal], note: str = "") -> pd.DataFrame:
    """The proposals as the rows of data/proposals/<source_id>.csv (schemas.PROPOSALS)."""
    rows = [
        {
            "row": number,
            "status": p.status,
            "indicator": p.indicator,
            "period": p.period,
            "kind": p.kind,
            "value": p.mention.quantity.value,
            "unit": p.mention.quantity.unit,
            "confidence": p.confidence,
            "quote": p.quote,
            "mention": p.mention.text,
            "reason": p.reason,
            "note": note if p.status == "proposed" else "",
        }
        for number, p in enumerate(proposals, 1)
    ]
    return pd.DataFrame(rows, columns=PROPOSALS.names)
