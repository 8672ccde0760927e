"""Proposed register rows: each figure of an article placed on an indicator, a period and a kind
by rules a researcher can read and extend in data files, with a quote the register accepts.

The words of every rule are in data/proposal_words.csv (one row per rule, Indonesian and English
columns) and the keywords of each indicator in data/indicators.csv (`keywords_id`,
`keywords_en`; the word IKM in a keyword stands for any of the `ikm_names`, and `*` for up to
three words). For each mention `find_quantities` reports:

- **where it is**: the text is cut into sentences (line ends, and `.`, `!` or `?` before a
  capital); a mention's *clause* runs from the previous mention of its sentence (or the
  sentence start) to the next one (or the sentence end), its *phrase* from the comma before it
  to the comma or `clause_break` word after it. A figure of a headline line (a headline
  restates the body, without its period) or of a line linking another article (`elsewhere`:
  "Baca juga: ...") is listed, not proposed; so is one with an `other_things` or `part` word
  in its phrase ("bantuan 25 unit mesin", "IKM kerajinan bordir ... 23.194 unit usaha")
  outside a keyword of its own indicators. A number glued to letters ("P3DN") is no figure.
- **indicator**: among the indicators whose `written_units` hold the mention's unit (a number
  with no unit word: those allowing `bare`, and only after a keyword), a percentage with a
  `share` word in its clause goes to a share (an indicator in % whose `measure` is level) and
  one without to a growth; a percentage joined to the level figure before it by a
  `growth_link` word is the growth of that level's indicator (`growth_of`). Otherwise the
  nearest keyword wins: before the figure in its sentence, or after it in its phrase (counting
  half again as far; a keyword within the figure's own words, "4,4 juta unit usaha", counts as
  `OWN_WORDS` characters away), or the figure before it in the sentence when a `growth_link`
  word joins them and it has the same unit ("3,68 juta IKM, naik menjadi 4,41 juta IKM").
  Without any in its sentence, a count takes the indicator of the last count of the same unit
  in its paragraph or the one before ("melampaui target ... 1.000 IKM" after "1.630 IKM ...
  e-Smart"), else the nearest keyword of the sentence before in its paragraph.
- **period**: the year of its clause nearest to it (after it first, within its phrase and
  nearer to it than to the next figure; a year in a date is none, and one right after a
  `base_year` word is no period of a figure before it), with its quarter, half or month when
  the words before the year name one ("triwulan II 2017" is 2017-Q2, "hingga November 2017"
  2017-M11), a relative year (`this_year`, `year_end`, `next_year`, `last_year`) taking the
  publication's; then the nearest year before it in its sentence, then one at the sentence's
  end after its last figure, then the year the sentence before names (in its paragraph); else
  the publication's year, said so in the reason.
- **kind**: a period after the publication year is a target; else the nearest `target`,
  `estimate` or `actual` word before it in its sentence (an estimate is a target for a year
  still under way, an actual for one that is over); a `year_end` period is a target; else
  actual.
- **checks**: a growth after a `decline` word ("turun 2,1 persen": the register would read
  +2.1), a count with decimals ("4,59 IKM": a scale word missing), a figure outside its
  indicator's plausible range (`min_value`, `max_value`) or under a thousandth of the other
  figures of its indicator in the article, and a malformed number ("675.0007") are `flagged`,
  each alone. One (indicator, period, kind) stated twice with the same value: the second is a
  `repeat`; with another value: an in-article `conflict`, both named for review.
- **quote**: the clause around the figure, trimmed to a few words each side, unique in the text
  and parsed again to the same figure alone (else the figure's own words).

Each proposal's `reason` says how it was placed: the keyword (or link) and the unit, the period
and where it came from, the kind and the word that made it.
"""

import bisect
import math
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.add.metadata import MONTHS, date_spans, headline_spans
from helpers.core.paths import display_path
from helpers.core.schemas import PROPOSAL_WORDS, PROPOSALS
from helpers.core.tables import read_input
from helpers.extract.figures import build as extract_figures
from helpers.extract.quantities import MalformedNumber, Mention, Quantity, find_quantities
from helpers.extract.register import BARE
from helpers.extract.sources import row_lines

RULES = ("target", "actual", "estimate", "base_year", "this_year", "year_end", "next_year",
         "last_year", "quarter", "half", "growth_link", "share", "decline", "ikm_names",
         "other_things", "part", "clause_break", "elsewhere")  # fmt: skip
RELATIVE = {"this_year": 0, "year_end": 0, "next_year": 1, "last_year": -1}
MONEY_AND_SHARES = ("%", "IDR", "USD", "")  # units that count nothing
YEAR = re.compile(r"(?<![\w.,])((?:19|20)\d\d)(?![\w]|[.,]\d|-(?:19|20)\d\d)")
SENTENCE_END = re.compile(r"\n|(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z])")
PHRASE_CUT = re.compile(r"[,;:](?=\s|$)")  # not the comma of "1,87"
QUOTE_WORDS_BEFORE, QUOTE_WORDS_AFTER = 7, 5
QUOTE_CUTS = re.compile(r"[,;:()\"]|\s-{1,2}\s")
WORD = re.compile(r"\S+")
AFTER_WEIGHT = 1.5  # a keyword after the figure counts as this much further than one before
OWN_WORDS = 60  # how far a keyword within the figure's own words ("unit usaha") counts
GROWTH_REACH = 60  # a percentage at most this far after a level figure can be its growth
TOO_SMALL = 1000  # a figure under 1/TOO_SMALL of its indicator's others lacks a scale word
NUMERALS = {
    "i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4, "pertama": 1, "kedua": 2,
    "ketiga": 3, "keempat": 4, "first": 1, "second": 2, "third": 3, "fourth": 4,
}  # fmt: skip
_NUMERAL = "|".join(NUMERALS)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))


@dataclass(frozen=True)
class Rules:
    """The words of each rule in one language, and the indicators with their keywords."""

    words: dict[str, re.Pattern]  # rule -> a regex of its words, whole words, any case
    keywords: dict[str, re.Pattern]  # indicator -> a regex of its keywords
    written: dict[str, set[str]]  # indicator -> the units a quote may be written in
    growth: dict[str, str]  # level indicator -> its growth indicator
    measure: dict[str, str] = field(default_factory=dict)  # indicator -> level or growth
    bounds: dict[str, tuple[float, float]] = field(default_factory=dict)  # plausible range
    part_of_year: dict[str, re.Pattern] = field(default_factory=dict)  # Q, H, M -> before a year
    # indicator -> the median log10 of the register's actual figures: breaks a keyword's tie
    magnitude: dict[str, float] = field(default_factory=dict)


def _phrases(words: str) -> list[str]:
    return sorted((w.strip() for w in words.split("|") if w.strip()), key=len, reverse=True)


def _any_of(words: str, names: list[str] = ()) -> re.Pattern | None:
    """Whole-word, any-case regex of `|`-separated phrases; in a phrase, `*` stands for up to
    three words and the word IKM for any of `names`."""
    phrases = _phrases(words)
    if not phrases:
        return None
    ikm = "(?:" + "|".join(re.escape(n) for n in names) + ")" if names else "IKM"
    alternatives = []
    for phrase in phrases:
        pattern = re.escape(phrase).replace(r"\ \*\ ", r"\s+(?:\S+\s+){0,3}?")
        alternatives.append(re.sub(r"(?<!\w)IKM(?!\w)", lambda _: ikm, pattern))
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", re.IGNORECASE)


def _part_of_year(words: dict[str, str]) -> dict[str, re.Pattern]:
    """Regexes of what names a part of the year just before a year: a quarter or half word and
    its number ("triwulan II", "kuartal II/", "the first half of"), or a month."""
    found = {}
    for code, rule in (("Q", "quarter"), ("H", "half")):
        if names := "|".join(re.escape(p) for p in _phrases(words.get(rule, ""))):
            found[code] = re.compile(
                rf"(?:(?:{names})\s+(?P<n1>{_NUMERAL})|(?P<n2>{_NUMERAL})\s+(?:{names})\s+of"
                rf"(?:\s+the\s+year)?)\s*/?\s*(?:tahun\s+)?$",
                re.IGNORECASE,
            )
    found["M"] = re.compile(rf"(?<!\w)(?P<month>{_MONTH})\s+(?:tahun\s+)?$", re.IGNORECASE)
    return found


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
    texts = {row.rule: getattr(row, language) for row in table.itertuples()}
    words = {rule: _any_of(text) for rule, text in texts.items()}
    names = _phrases(texts.get("ikm_names", ""))
    column = f"keywords_{language}"
    keywords = {
        name: pattern
        for name, row in indicators.iterrows()
        if (pattern := _any_of(row[column], names)) is not None
    }
    written = {name: set(row.written_units.split("|")) for name, row in indicators.iterrows()}
    growth = {row.growth_of: name for name, row in indicators.iterrows() if row.growth_of}
    measure = dict(zip(indicators.index, indicators.measure, strict=True))
    bounds = {
        name: (float(row.min_value), float(row.max_value)) for name, row in indicators.iterrows()
    }
    return Rules(
        {k: v for k, v in words.items() if v is not None}, keywords, written, growth, measure,
        bounds, _part_of_year(texts), registered_magnitudes(data_dir),
    )  # fmt: skip


def registered_magnitudes(data_dir: Path) -> dict[str, float]:
    """Each indicator's usual order of magnitude: the median log10 of the actual figures the
    register holds for it. Where one keyword names two indicators of the same unit ("jumlah
    IKM": the seed articles' count, and the stock), the figure goes to the indicator whose
    registered figures are of its size: 4,5 juta beside the stock's millions, 171.250 beside
    the count's hundred thousands."""
    stated = extract_figures(data_dir).stated
    actual = stated[(stated.kind == "actual") & (stated.value != 0)]
    logs = actual.value.abs().map(math.log10)
    return logs.groupby(actual.indicator).median().to_dict()


@dataclass(eq=False)  # each figure its own: compared by identity
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


@dataclass(frozen=True)
class Cue:
    """Something in the text that names a period: a year or a relative year."""

    start: int
    end: int
    period: str  # YYYY or YYYY-Q2 ...
    how: str  # for the reason
    year_end: bool = False
    base: bool = False  # the base of a comparison: no period of a figure before it
    relative: bool = False  # "tahun lalu", not a year the text writes


@dataclass(frozen=True)
class Place:
    """Where a mention is: its sentence, its clause and phrase, its neighbours."""

    sentence: tuple[int, int]
    clause: tuple[int, int]
    phrase: tuple[int, int]
    before: tuple[int, int]  # the sentence before in its paragraph (line), (0, 0) when none
    paragraph: int  # where the line before its line starts (its paragraph and the one before)
    previous: Mention | None  # the mention before it in its sentence
    following: Mention | None  # the mention after it in its sentence
    last: Mention  # the last mention of its sentence
    before_figures: tuple[tuple[int, int], ...] = ()  # the mentions of the sentence before


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


def _first_word(
    rules: Rules, names: tuple[str, ...], text: str, span: tuple[int, int], keep: list[re.Match]
) -> tuple[str, str] | None:
    """The first (rule, word) of the rules `names` found in text[span] outside the matches
    `keep` (a keyword of the figure's own indicators: "ekspor produk IKM"), or None."""
    for rule in names:
        for found in _words(rules, rule, text, *span):
            if not any(k.start() <= found.start() < k.end() for k in keep):
                return rule, found[0]
    return None


def read_mentions(text: str, language: str) -> tuple[list[Mention], list[MalformedNumber]]:
    """Every figure of the text, and each malformed number set aside on its own (the text is
    read again with its words blanked out), so that one typo does not refuse the rest. A
    number glued to a letter is part of a code ("P3DN", "FMB9", "G20"), no figure."""
    masked, malformed = text, []
    while True:
        try:
            found = find_quantities(masked, language)
            return [m for m in found if not _glued(text, m)], malformed
        except MalformedNumber as error:
            malformed.append(error)
            masked = masked[: error.start] + " " * (error.end - error.start) + masked[error.end :]


def _glued(text: str, m: Mention) -> bool:
    """Whether a mention touches a letter ("P3DN"): part of a code."""
    return (m.start > 0 and text[m.start - 1].isalpha()) or (
        m.end < len(text) and text[m.end].isalnum()
    )


def _place(
    text: str, m: Mention, sentences: list[tuple[int, int]], s: int, same: list[Mention],
    rules: Rules, before: list[Mention],
) -> Place:  # fmt: skip
    """Where m is: its sentence (`sentences[s]`, whose mentions are `same`), clause, phrase,
    the sentence before, its paragraph and its neighbours."""
    sentence = sentences[s]
    at = same.index(m)
    previous = same[at - 1] if at > 0 else None
    following = same[at + 1] if at + 1 < len(same) else None
    clause = (
        previous.end if previous else sentence[0],
        following.start if following else sentence[1],
    )
    cuts = [c.end() for c in PHRASE_CUT.finditer(text, sentence[0], m.start)]
    low = cuts[-1] if cuts else sentence[0]
    high = sentence[1]
    if cut := PHRASE_CUT.search(text, m.end, sentence[1]):
        high = cut.start()
    if brk := _words(rules, "clause_break", text, m.end, high):
        high = brk[0].start()
    line = text.rfind("\n", 0, m.start)
    paragraph = text.rfind("\n", 0, line) + 1 if line > 0 else 0
    earlier = sentences[s - 1] if s > 0 else (0, 0)
    if "\n" in text[earlier[1] : sentence[0]]:
        earlier, before = (0, 0), []  # a new paragraph: a new topic
    return Place(
        sentence, clause, (low, high), earlier, paragraph, previous, following, same[-1],
        tuple((b.start, b.end) for b in before),
    )  # fmt: skip


# --- period and kind --------------------------------------------------------------------------


def _cues(rules: Rules, text: str, span: tuple[int, int], published: int, dates) -> list[Cue]:
    """Every year (with the part of it the words before name) and relative year in text[span]
    that is not part of a full date, in order; one at most two words after a `base_year` word
    ("dibandingkan pada 2015", "dibandingkan periode sama tahun lalu") is marked a base."""
    found = []
    for match in YEAR.finditer(text, *span):
        if any(a <= match.start() < b for a, b, _ in dates):
            continue
        part, how = _part_named(rules, text[max(0, match.start() - 40) : match.start()])
        how = f"{how}{'' if how.endswith('/') else ' '}{match[1]}" if how else f"year {match[1]}"
        base = _is_base(rules, text[max(span[0], match.start() - 40) : match.start()])
        found.append(Cue(match.start(), match.end(), match[1] + part, how, base=base))
    for rule, offset in RELATIVE.items():
        for word in _words(rules, rule, text, *span):
            how = f"{word[0]!r}: the publication's year{f' {offset:+d}' if offset else ''}"
            base = _is_base(rules, text[max(span[0], word.start() - 40) : word.start()])
            found.append(
                Cue(
                    word.start(),
                    word.end(),
                    str(published + offset),
                    how,
                    rule == "year_end",
                    base,
                    relative=True,
                )
            )
    return sorted(found, key=lambda c: c.start)


def _is_base(rules: Rules, before: str) -> bool:
    """Whether the words just before a year end with a `base_year` word and at most two more."""
    words = rules.words["base_year"].findall(before) if "base_year" in rules.words else []
    return bool(words) and len(before[before.rfind(words[-1]) + len(words[-1]) :].split()) <= 2


def _part_named(rules: Rules, before: str) -> tuple[str, str]:
    """The part of the year the words just before a year name ("-Q2", "'triwulan II'"), or
    ("", "")."""
    for code, pattern in rules.part_of_year.items():
        if match := pattern.search(before):
            if code == "M":
                return f"-M{MONTHS[match['month'].lower()]:02d}", match[0].strip()
            number = NUMERALS[(match["n1"] or match["n2"]).lower()]
            if number <= (4 if code == "Q" else 2):
                return f"-{code}{number}", match[0].strip()
    return "", ""


def _nearer_to(cue: Cue, m: Mention, following: Mention | None) -> bool:
    """Whether a cue after m belongs to it rather than to the figure after it."""
    return following is None or cue.start - m.end <= following.start - cue.end


def _place_period(
    cues: list[Cue], m: Mention, place: Place, published: int, before_cues: list[Cue]
) -> tuple[Cue, float, str]:
    """The cue that gives m its period, a confidence and where it was found: in its clause
    (after it first; a base only before it), earlier in its sentence, at the sentence's end,
    the year of the last year the sentence before names (`before_cues`, in its paragraph);
    else a cue of the publication's year."""
    clause, prev, nxt = place.clause, place.previous, place.following
    end = min(clause[1], place.phrase[1])
    cues_after = [c for c in cues if not c.base]
    after = [c for c in cues_after if m.end <= c.start < end and _nearer_to(c, m, nxt)]
    if after:
        return after[0], 1.0, "after it"
    before = [
        c for c in cues
        if clause[0] <= c.start < m.start and (prev is None or not _nearer_to(c, prev, m))
    ]  # fmt: skip
    if before:
        return before[-1], 1.0, "before it"
    earlier = [c for c in cues if place.sentence[0] <= c.start < m.start]
    if earlier:
        return earlier[-1], 0.85, "earlier in its sentence"
    final = [c for c in cues_after if c.start >= place.last.end]
    if final:
        return final[0], 0.85, "at its sentence's end"
    years = [c for c in before_cues if not (c.relative or c.base)]
    if years:  # its year, not the part of it that sentence names
        year = years[-1].period[:4]
        return Cue(m.start, m.start, year, f"year {year}"), 0.75, "in the sentence before"
    return Cue(m.start, m.start, str(published), "no year in its sentence"), 0.7, "publication"


def _place_kind(
    rules: Rules, text: str, m: Mention, sentence: tuple[int, int], cue: Cue, published: int
) -> tuple[str, float, str]:
    year = int(cue.period[:4])
    if year > published:
        return "target", 1.0, "a year after publication"
    marks = [
        (w.end(), rule, w[0])
        for rule in ("target", "estimate", "actual")
        for w in _words(rules, rule, text, sentence[0], m.start)
    ]
    if marks:
        _, rule, word = max(marks)
        if rule == "estimate":
            over = year < published
            kind = "actual" if over else "target"
            return kind, 0.9, f"{word!r} for a year {'over' if over else 'still under way'}"
        return rule, 1.0, repr(word)
    if cue.year_end:
        return "target", 0.9, "the year is not over"
    return "actual", 0.9 if year < published else 0.7, "no target word"


# --- indicator ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """A way to place a figure on an indicator, how far its evidence lies, and why."""

    distance: float
    indicator: str
    why: str


def _candidates(rules: Rules, m: Mention, text: str, place: Place) -> list[str]:
    """The indicators whose written units hold the mention's unit; for a percentage, shares
    (measure level) when a `share` word is in its clause, else growths."""
    unit = m.quantity.unit or BARE
    names = [name for name, units in rules.written.items() if unit in units]
    if m.quantity.unit == "%":
        share = bool(_words(rules, "share", text, *place.clause))
        wanted = "level" if share else "growth"
        names = [n for n in names if rules.measure.get(n, "level") == wanted]
    return names


def _keyword_choices(
    rules: Rules, text: str, m: Mention, names: list[str], start: int, end: int,
    skip: tuple[tuple[int, int], ...] = (),
) -> list[Choice]:  # fmt: skip
    """The keywords of `names` in text[start:end] (m's sentence up to the end of its phrase,
    or the sentence before), but none that starts within the figures `skip` (another figure's
    own words: "4,4 juta unit usaha" in the sentence before)."""
    bare = not m.quantity.unit
    choices = []
    for name in names:
        pattern = rules.keywords.get(name)
        if pattern is None:
            continue
        for match in pattern.finditer(text, start, end):
            if any(a <= match.start() < b for a, b in skip):
                continue
            if match.start() >= m.start and match.start() < m.end:
                distance = OWN_WORDS  # within the figure's own words ("4,4 juta unit usaha")
            elif match.end() <= m.start:
                distance = m.start - match.end()
            elif match.start() >= m.end:
                distance = (match.start() - m.end) * AFTER_WEIGHT
            else:
                distance = OWN_WORDS
            if bare and match.end() > m.start:
                continue  # a number with no unit needs its keyword before it
            where = "" if match.end() <= m.start else " after it"
            why = f"keyword {match[0]!r}{where}"
            choices.append(Choice(distance - len(match[0]) / 1000, name, why))
    return choices


def _tie_break(choice: Choice, used: set[str], rules: Rules, m: Mention) -> tuple:
    """The nearest keyword first; between keywords as near (one naming two indicators), the
    indicator an earlier figure of the same unit in the article took, then the one whose
    registered figures are of the figure's size (orders of magnitude apart: infinite where
    it has none), then the name."""
    usual = rules.magnitude.get(choice.indicator)
    value = abs(m.quantity.value)
    size = abs(math.log10(value) - usual) if usual is not None and value else math.inf
    return choice.distance, choice.indicator not in used, size, choice.indicator


def _place_indicator(
    rules: Rules, text: str, m: Mention, place: Place, placed: dict[int, "Proposal"],
    history: list["Proposal"],
) -> tuple[str, float, str]:  # fmt: skip
    """The indicator, a confidence and why (or "", 0, why not)."""
    unit = m.quantity.unit
    names = _candidates(rules, m, text, place)
    link = None
    if place.previous is not None and (level := placed.get(place.previous.start)):
        gap = m.start - place.previous.end
        link = _words(rules, "growth_link", text, place.previous.end, m.start)
        if link and unit == "%" and level.indicator in rules.growth and gap < GROWTH_REACH:
            growth = rules.growth[level.indicator]
            if growth in names:
                return growth, 0.95, f"growth of {level.indicator} ({link[0][0]!r})"
    choices = _keyword_choices(
        rules, text, m, names, place.sentence[0], max(place.phrase[1], m.end)
    )
    if link and level.indicator in names and level.mention.quantity.unit == unit and unit:
        why = f"continues the figure before ({link[0][0]!r})"
        choices.append(Choice(min(gap, OWN_WORDS - 1), level.indicator, why))
    if choices:
        used = {p.indicator for p in history if p.mention.quantity.unit == unit}
        best = min(choices, key=lambda c: _tie_break(c, used, rules, m))
        confidence = 1.0 if best.distance < 80 else 0.85
        return best.indicator, confidence, best.why
    if unit not in MONEY_AND_SHARES:
        for p in reversed(history):
            if p.mention.start < place.paragraph:
                break
            if p.mention.quantity.unit == unit and p.indicator in names:
                return p.indicator, 0.85, f"as {p.mention.text!r} before it"
    earlier = (
        _keyword_choices(rules, text, m, names, *place.before, place.before_figures)
        if m.quantity.unit
        else []
    )
    if earlier:
        best = min(earlier, key=lambda c: (c.distance, c.indicator))
        return best.indicator, 0.7, f"{best.why} in the sentence before"
    if not names:
        return "", 0.0, f"unit {unit!r} fits no indicator" if unit else "no unit"
    return "", 0.0, f"no keyword of {', '.join(names)} in or before its sentence"


# --- the proposals --------------------------------------------------------------------------


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


def _set_aside(rules: Rules, text: str, m: Mention, place: Place, headlines) -> str:
    """Why a figure is listed without a proposal, or "". An `other_things` or `part` word
    within a keyword of an indicator the figure may go to does not count ("ekspor" in
    "nilai ekspor IKM ... US$ 5 miliar", but not in "ekspor IKM tumbuh 5 persen")."""
    line = text[text.rfind("\n", 0, m.start) + 1 : m.start].lstrip("([ ")
    link = rules.words.get("elsewhere")
    if link and (match := link.match(line)):
        return f"in a line linking another article ({match[0]!r})"
    if any(a <= m.start < b for a, b in headlines):
        return "in a headline (it restates the body, without its period)"
    keep = [
        match
        for name in _candidates(rules, m, text, place)
        if (pattern := rules.keywords.get(name))
        for match in pattern.finditer(text, *place.phrase)
    ]
    if found := _first_word(rules, ("other_things", "part"), text, place.phrase, keep):
        rule, word = found
        what = "counts or costs something else" if rule == "other_things" else "one part's figure"
        return f"{what} ({word!r})"
    return ""


def propose_rows(
    text: str, language: str, published: str, rules: Rules, registered: set[tuple] = frozenset()
) -> list[Proposal]:
    """Every figure of a normalised text, placed or not (`registered`: (indicator, period,
    kind, quote) of the rows the register already holds for this source: a proposal of that
    key whose figure the quote holds is marked accepted, not proposed)."""
    year = int(published[:4])
    sentences = sentence_spans(text)
    mentions, malformed = read_mentions(text, language)
    dates = date_spans(text)
    headlines = headline_spans(text)
    starts = [a for a, _ in sentences]
    of_sentence = [max(0, bisect.bisect_right(starts, m.start) - 1) for m in mentions]
    in_sentence: dict[int, list[Mention]] = {}
    for m, s in zip(mentions, of_sentence, strict=True):
        in_sentence.setdefault(s, []).append(m)
    proposals, placed, history = [], {}, []
    for m, s in zip(mentions, of_sentence, strict=True):
        p = Proposal(m)
        proposals.append(p)
        place = _place(text, m, sentences, s, in_sentence[s], rules, in_sentence.get(s - 1, []))
        if why := _set_aside(rules, text, m, place, headlines):
            p.status, p.reason = "unplaced", why
            continue
        indicator, confidence, why = _place_indicator(rules, text, m, place, placed, history)
        if not indicator:
            p.status, p.reason = "unplaced", why
            continue
        p.indicator = indicator
        cues = _cues(rules, text, place.sentence, year, dates)
        before_cues = _cues(rules, text, place.before, year, dates)
        cue, period_conf, where = _place_period(cues, m, place, year, before_cues)
        kind, kind_conf, kind_why = _place_kind(rules, text, m, place.sentence, cue, year)
        p.period, p.kind = cue.period, kind
        p.quote = _clause_quote(text, m, place.clause, language)
        if not p.quote:
            p.status, p.reason = "unplaced", "no passage holds the figure alone"
            continue
        p.confidence = round(confidence * period_conf * kind_conf, 2)
        unit = f"unit {m.quantity.unit!r}" if m.quantity.unit else "no unit word"
        period_why = (
            f"period {cue.period} from the publication date ({cue.how})"
            if where == "publication"
            else f"period {cue.period}: {cue.how} {where}"
        )
        p.reason = f"{why}, {unit}; {period_why}; {kind}: {kind_why}"
        placed[m.start] = p
        history.append(p)
        fall = _words(rules, "decline", text, place.clause[0], m.start)
        if fall and rules.measure.get(indicator) == "growth" and m.quantity.value > 0:
            p.status = "flagged"
            p.reason = (
                f"a fall ({fall[-1][0]!r}) before a growth the parser read as positive: a "
                f"decline by it, or a fall to it? ({p.reason})"
            )
    proposals += [_malformed(error, text) for error in malformed]
    proposals.sort(key=lambda p: p.mention.start)
    _flag_implausible(proposals, rules)
    _mark_repeats(proposals, registered)
    _mark_headlines(proposals, headlines)
    return proposals


def _malformed(error: MalformedNumber, text: str) -> Proposal:
    nothing = Quantity(math.nan, None, None, "", "=", math.nan)
    mention = Mention(error.start, error.end, text[error.start : error.end], nothing)
    return Proposal(mention, status="flagged", reason=f"{error}: read it in the text")


def _flag_implausible(proposals: list[Proposal], rules: Rules) -> None:
    """Flag a count with decimals (a scale word missing: "4,59 IKM"), a figure outside its
    indicator's plausible range, or one under a thousandth of every other figure of its
    indicator in the article; never proposed as it is."""
    placed = [p for p in proposals if p.status == "proposed"]
    for p in placed:
        q = p.mention.quantity
        bounds = [
            b for b in (q.lower, q.upper, q.value if q.qualifier == "=" else None) if b is not None
        ]
        others = [
            o.mention.quantity.value for o in placed if o.indicator == p.indicator and o is not p
        ]
        low, high = rules.bounds.get(p.indicator, (-math.inf, math.inf))
        if q.unit not in MONEY_AND_SHARES and any(b != int(b) for b in bounds):
            why = (
                f"a count of {q.value:g} {q.unit} with decimals: a scale word (ribu, juta) missing?"
            )
        elif not low <= q.value <= high:
            why = (
                f"{q.value:g} is outside the plausible range of {p.indicator} ({low:g} to {high:g})"
            )
        elif (
            rules.measure.get(p.indicator) == "level"
            and others
            and q.value * TOO_SMALL < min(others)
        ):
            why = (
                f"{q.value:g} is under a thousandth of the article's other figures of "
                f"{p.indicator} (median {statistics.median(others):g}): a scale word missing?"
            )
        else:
            continue
        p.status, p.reason = "flagged", f"{why} ({p.reason})"


def _same_value(a: Proposal, b: Proposal) -> bool:
    x, y = a.mention.quantity.value, b.mention.quantity.value
    return abs(x - y) <= 1e-9 * max(abs(x), abs(y), 1e-12)


def _mark_repeats(proposals: list[Proposal], registered: set[tuple]) -> None:
    """One proposal per (indicator, period, kind) the article states one value for: the row
    the register holds (accepted), else the most confident (the first on a tie), the others
    `repeat`. Where it states two values, every other row of that key is an in-article
    `conflict`, naming the others, for a reviewer to choose (`accept` by row number)."""
    row = {id(p): number for number, p in enumerate(proposals, 1)}
    groups: dict[tuple, list[Proposal]] = {}
    for p in proposals:
        if p.status == "proposed":
            groups.setdefault((p.indicator, p.period, p.kind), []).append(p)
    for key, rows in groups.items():
        held = {id(p) for p in _registered_rows(rows, key, registered)}
        first = next((p for p in rows if id(p) in held), None)
        first = first or max(rows, key=lambda p: p.confidence)  # the first of the most confident
        values = [p for p in rows if _same_value(p, first)]
        for p in rows:
            if id(p) in held:
                p.status, p.reason = "accepted", "in data/register.csv"
            elif len(values) < len(rows):
                differ = [o for o in rows if not _same_value(o, p)]
                others = "; ".join(
                    f"row {row[id(o)]} gives {o.mention.quantity.value:g}" for o in differ[:3]
                ) + (f"; {len(differ) - 3} more" if len(differ) > 3 else "")
                p.status, p.reason = "conflict", f"in-article conflict: {others} ({p.reason})"
            elif p is not first:
                p.status, p.reason = "repeat", f"row {row[id(first)]} states the same figure"


def _registered_rows(rows: list[Proposal], key: tuple, registered: set[tuple]) -> list[Proposal]:
    """For each register row of this key, the first proposal whose figure its quote holds as
    the text writes it (another value of the same key is not that row; a restatement of it
    is a repeat)."""
    quotes = [held[3] for held in registered if held[:3] == key]
    found = (next((p for p in rows if p.mention.text in quote), None) for quote in quotes)
    return [p for p in found if p is not None]


def _mark_headlines(proposals: list[Proposal], headlines: list[tuple[int, int]]) -> None:
    """A headline's figure that the body states too is a repeat of that row."""
    body = [p for p in proposals if p.status in ("proposed", "accepted", "conflict")]
    row = {id(p): number for number, p in enumerate(proposals, 1)}
    for p in proposals:
        in_headline = any(a <= p.mention.start < b for a, b in headlines)
        same = next((b for b in body if _same_value(b, p)), None) if in_headline else None
        if same is not None and p.status == "unplaced":
            p.status = "repeat"
            p.reason = f"the headline restates row {row[id(same)]}"


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
