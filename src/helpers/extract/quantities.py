"""Read figures out of news text ("Rp520 triliun", "4,5 persen", "sekitar 5.000 unit"), in
Indonesian or, for the ministry's English releases, English ("165,983 units", "Rp 520 trillion").

A regex tokenizer splits text into numbers, words and symbols; a left-to-right scanner reads at
each token: [fall word] [qualifier] [sign] [currency] [sign] number [scale word] [unit] [range
connector + second number]. A sign ("-4,5 persen", "minus 4,5 persen", "-165.983 unit") makes
its number negative: "-" or "−" touching the digits and not joined to a word or number before
it ("ke-5" is an ordinal, "5-6" a range). A fall word directly before a percentage ("turun 4,5
persen", "turun sebesar 4,5 persen", "fell by 4.5 percent") makes it the size of a fall: the
figure, which starts at the word, is negative (bounds and qualifier mirrored: "turun lebih dari
5 persen" is below -5). Only a percentage: "turun 200 unit" is read as written, and so is a
figure with a sign of its own, or one not directly after the word ("turun menjadi 4,5 persen"
is the level reached).
Digit strings go through babel; number words, scales, qualifiers and units are hand-written,
per language (`LANGUAGES`). Years, dates and clock times are left out. Arithmetic is Decimal
until the final float.

Speed: a figure always holds a digit string or an Indonesian digit word, so `find_quantities`
looks only around those anchors (one regex search over the text), tokenizing a few words
before each and as many after it as the scanner asks for. Every token start where a figure
could begin is tried in the same order as a scan of every token would, so the result is the
same (a test compares the two scans); it is about twenty times faster on news text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from babel.numbers import NumberFormatError, parse_decimal

# Bump when a change of this module or of `normalise` can change a mention: cached mentions
# (helpers.extract.cache) are keyed by it.
PARSER_VERSION = 9

COUNTED_NOUNS = (
    "unit", "orang", "sentra", "IKM", "UKM", "UMKM", "wirausaha", "pelaku", "perusahaan",
    "pekerja", "peserta", "tenaga", "produk", "desa", "kelompok", "koperasi", "merek", "ton",
)  # fmt: skip
# English counted nouns, reported as the Indonesian noun indicators list in written_units.
ENGLISH_NOUNS = {
    "unit": "unit", "units": "unit", "people": "orang", "persons": "orang", "person": "orang",
    "workers": "pekerja", "worker": "pekerja", "centres": "sentra", "centers": "sentra",
    "centre": "sentra", "center": "sentra", "entrepreneurs": "wirausaha",
    "entrepreneur": "wirausaha", "participants": "peserta", "trainees": "peserta",
    "companies": "perusahaan", "products": "produk", "villages": "desa", "tons": "ton",
    "ikm": "IKM", "ikms": "IKM", "businesses": "pelaku",
}  # fmt: skip
# Indonesian words for a counted noun, reported as that noun ("20.000 wirausahawan").
NOUN_ALIASES = {"wirausahawan": "wirausaha"}
# Counted nouns of several words, lower-cased, and the noun reported ("1.630 industri kecil dan
# menengah (IKM)" counts IKM).
NOUN_PHRASES = (
    (("industri", "kecil", "dan", "menengah"), "IKM"), (("industri", "kecil", "menengah"), "IKM"),
)  # fmt: skip
ENGLISH_PHRASES = (
    (("small", "and", "medium", "industries"), "IKM"),
    (("small", "and", "medium", "industry"), "IKM"),
)  # fmt: skip
SCALES = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "milyar": 10**9, "triliun": 10**12}
ENGLISH_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
QUALIFIERS = {
    "sekitar": "~", "kisaran": "~", "di kisaran": "~", "kurang lebih": "~", "sekira": "~",
    "lebih kurang": "~", "hampir": "~",
    "di atas": ">", "lebih dari": ">", "melebihi": ">", "melampaui": ">", "kurang dari": "<",
    "di bawah": "<",
    "minimal": ">=", "sedikitnya": ">=", "setidaknya": ">=", "paling sedikit": ">=",
    "maksimal": "<=", "paling banyak": "<=",
}  # fmt: skip
ENGLISH_QUALIFIERS = {
    "about": "~", "around": "~", "approximately": "~", "some": "~", "roughly": "~",
    "more than": ">", "over": ">", "above": ">", "exceeding": ">", "less than": "<",
    "below": "<", "under": "<", "at least": ">=", "at most": "<=", "up to": "<=",
}  # fmt: skip
MINUS_SIGNS = frozenset({"-", "\u2212"})  # hyphen-minus and the minus sign, touching the digits
MINUS_WORD = "minus"
# A percentage right after one of these (and the filler) is the size of a fall: negative
FALLS = frozenset({"turun", "menurun", "merosot", "anjlok", "negatif"})
ENGLISH_FALLS = frozenset({"fell", "declined", "decreased", "dropped", "down", "negative"})
_FLIPPED = {">": "<", ">=": "<=", "<": ">", "<=": ">="}  # a qualifier of a negated figure
_DIGIT_WORDS = ("satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
_DIGITS = {w: i for i, w in enumerate(_DIGIT_WORDS, 1)}
_MODIFIERS = {"belas": (1, 10, 1), "puluh": (10, 0, 10), "ratus": (100, 0, 100)}  # mult, add, place
_SE_WORDS = {"sepuluh": "puluh", "sebelas": "belas", "seratus": "ratus", "seribu": "ribu",
             "sejuta": "juta"}  # fmt: skip  # "se-X" reads as "satu X"
_MONTHS = {
    "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
    "oktober", "november", "desember", "january", "february", "march", "may", "june", "july",
    "august", "october", "december", "jan", "feb", "mar", "apr", "jun", "jul", "agu", "agt",
    "aug", "sep", "sept", "okt", "oct", "nov", "des", "dec",
}  # fmt: skip
_TOKEN = re.compile(r"(?P<num>[0-9](?:[0-9.,]*[0-9])?)|(?P<word>US\$|[^\W\d_]+)|(?P<sym>\S)")


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per language
class Language:
    """How one language writes figures: its digit strings, scale words, qualifiers, units."""

    code: str  # babel locale of digit strings
    decimal: str  # the decimal separator (resolution counts the digits after it)
    scales: dict[str, int]
    qualifiers: dict[str, str]
    percent: frozenset[str]
    range_words: frozenset[str]
    number_words: bool  # Indonesian number words ("dua ratus ribu")
    month_before_day: bool  # "December 28" is a date, as well as "28 December"
    dollar_words: frozenset[str]
    nouns: dict[str, str]  # English: lower-cased noun -> unit reported; empty for COUNTED_NOUNS
    adjectives: frozenset[str] = frozenset()  # may stand between number and noun ("5 new units")
    falls: frozenset[str] = frozenset()  # words of falling before a percentage ("turun")
    fall_filler: str = ""  # may stand between the fall word and the figure ("sebesar")
    phrases: tuple[tuple[tuple[str, ...], str], ...] = ()  # nouns of several words

    def __post_init__(self) -> None:
        # derived look-ups, made once: qualifiers longest first and their first words
        qualifiers, firsts = _tables(self)[0], _tables(self)[4]
        object.__setattr__(self, "qualifier_list", qualifiers)
        object.__setattr__(self, "qualifier_firsts", firsts)

    def noun(self, text: str) -> str:
        """The unit a counted noun reports, in any case ("Orang" counts `orang`), or "" when
        the word counts nothing; an acronym ("IKM") only as written."""
        if not self.nouns:
            if text in _UPPER_NOUNS:
                return text
            low = text.lower()  # "Juta Orang": orang
            return low if low in _LOWER_NOUNS else NOUN_ALIASES.get(low, "")
        return self.nouns.get(text.lower(), "")


_UPPER_NOUNS = frozenset(n for n in COUNTED_NOUNS if n.isupper())
_LOWER_NOUNS = frozenset(n for n in COUNTED_NOUNS if not n.isupper())


@cache
def _tables(lang: Language):
    """Derived look-ups of a language: qualifiers longest first, the lower-cased words a figure
    can start with (besides a digit string), how many tokens a figure's start can lie before
    its number, the digit words anchors look for, and the qualifiers' first words."""
    qualifiers = sorted(
        ((p.split(), q) for p, q in lang.qualifiers.items()), key=lambda x: -len(x[0])
    )
    firsts = frozenset(words[0] for words, _ in qualifiers)
    # fall word + filler + qualifier + sign + "Rp" "."
    reach = 2 * bool(lang.falls) + max(len(words) for words, _ in qualifiers) + 3
    starters = set(firsts) | {"rp", "usd", "idr", "us$", "$"}  # what a figure may start with
    starters |= MINUS_SIGNS | {MINUS_WORD} | lang.falls
    words = (*_DIGIT_WORDS, *_SE_WORDS) if lang.number_words else ()
    return qualifiers, frozenset(starters | set(words)), reach, words, firsts


LANGUAGES = {
    "id": Language(
        "id", ",", SCALES, QUALIFIERS, frozenset({"persen"}),
        frozenset({"-", "–", "—", "hingga", "sampai"}), True, False,
        frozenset({"dolar", "dollar"}), {}, frozenset(), FALLS, "sebesar", NOUN_PHRASES,
    ),
    "en": Language(
        "en", ".", ENGLISH_SCALES, ENGLISH_QUALIFIERS, frozenset({"percent"}),
        frozenset({"-", "–", "—"}), False, True,
        frozenset({"dolar", "dollar", "dollars"}), ENGLISH_NOUNS, frozenset({"new", "business"}),
        ENGLISH_FALLS, "by", ENGLISH_PHRASES,
    ),
}  # fmt: skip


_DIGIT_RUN = re.compile(r"[0-9]+")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


def _anchors(text: str, lang: Language) -> list[int]:
    """Where a figure's number may start: every digit run, and every digit word ("lima") a
    word token could be (a superset is safe: each is only tried). Found with C-speed
    searches of the lower-cased text, whose offsets are the text's when lowering keeps the
    length (it always does for the ASCII letters of the digit words)."""
    found = [m.start() for m in _DIGIT_RUN.finditer(text)]
    words = _tables(lang)[3]
    if not words:
        return found
    low = text.lower()
    if len(low) != len(text):  # a letter lowered to two: fall back to a case-blind regex
        pattern = "|".join(words)
        found += [m.start() for m in re.finditer(pattern, text, re.IGNORECASE)]
        return sorted(set(found))
    letters, size = _ASCII_LETTERS, len(low)
    for word in words:
        at = low.find(word)
        while at >= 0:
            after = at + len(word)
            if not (at and low[at - 1] in letters) and not (after < size and low[after] in letters):
                found.append(at)
            at = low.find(word, at + 1)
    return sorted(set(found))


def language(code: str) -> Language:
    """The `Language` of an ISO 639-1 code; ValueError naming the known ones otherwise."""
    if code not in LANGUAGES:
        raise ValueError(f"language {code!r} has no figure reader; known: {sorted(LANGUAGES)}")
    return LANGUAGES[code]


@dataclass(frozen=True)
class Quantity:
    """A figure in base units with its bounds, unit, qualifier and written precision."""

    value: float
    lower: float | None
    upper: float | None
    unit: str
    qualifier: str
    resolution: float


class MalformedNumber(ValueError):
    """A digit string the language's number format rejects, written as a figure (a unit,
    currency or scale word attached: "675.0007 tenaga kerja"); `start` and `end` locate the
    figure's words in the text."""

    def __init__(self, message: str, start: int, end: int) -> None:
        super().__init__(message)
        self.start, self.end = start, end


@dataclass(frozen=True)
class Mention:
    """A quantity found in a text; `text == source[start:end]`."""

    start: int
    end: int
    text: str
    quantity: Quantity


class _Token:
    __slots__ = ("kind", "text", "low", "start", "end")

    def __init__(self, kind: str, text: str, start: int, end: int) -> None:
        self.kind, self.text, self.low, self.start, self.end = kind, text, text.lower(), start, end


class _Tokens:
    """The tokens of a text from a position where a token starts (the text's start, or just
    after whitespace), tokenized as far as the scanner asks: `has(i)` before `[i]`."""

    __slots__ = ("items", "_matches")

    def __init__(self, text: str, pos: int = 0) -> None:
        self.items: list[_Token] = []
        self._matches = _TOKEN.finditer(text, pos)

    def has(self, i: int) -> bool:
        items = self.items
        while len(items) <= i:
            m = next(self._matches, None)
            if m is None:
                return False
            items.append(_Token(m.lastgroup or "", m[0], *m.span()))
        return i >= 0

    def __getitem__(self, i: int) -> _Token:
        return self.items[i]


class _Side:
    """One number with its currency, scale and unit: one end of a range, or a whole figure."""

    __slots__ = ("end", "raw", "value", "resolution", "scale", "unit", "prefix_currency", "words")
    __slots__ += ("skip", "negative")

    def __init__(
        self,
        end: int,  # token index just after the side
        raw: str,  # the number as written
        value: Decimal | None,  # None when babel rejects the digit string
        resolution: Decimal,
        scale: int,  # value of the attached scale word (ribu, juta, ...), 1 when none
        unit: str,
        prefix_currency: bool,
        words: bool,
        skip: bool,  # a year, a date or a clock time, not a figure
        negative: bool = False,  # a minus sign made `value` negative
    ) -> None:
        self.end, self.raw, self.value, self.resolution = end, raw, value, resolution
        self.scale, self.unit, self.prefix_currency = scale, unit, prefix_currency
        self.words, self.skip, self.negative = words, skip, negative

    @property
    def attached(self) -> bool:
        return self.scale > 1 or bool(self.unit)


def _word(toks: _Tokens, i: int) -> str:
    """Lower-cased word at index i, or "" (also for numbers, symbols and the end of text)."""
    if 0 <= i < len(toks.items) or toks.has(i):
        tok = toks.items[i]
        return tok.low if tok.kind == "word" else ""
    return ""


def _read_qualifier(toks: _Tokens, i: int, lang: Language) -> tuple[str, int]:
    if _word(toks, i) not in lang.qualifier_firsts:
        return "=", i
    for words, qualifier in lang.qualifier_list:
        if all(_word(toks, i + k) == w for k, w in enumerate(words)):
            return qualifier, i + len(words)
    return "=", i


def _read_currency(toks: _Tokens, i: int, lang: Language, *, suffix: bool) -> tuple[str, int]:
    """Currency before the number ("Rp", "Rp.", "US$", "$", "USD") or after it ("rupiah")."""
    if not (0 <= i < len(toks.items) or toks.has(i)):
        return "", i
    tok = toks.items[i]
    text, word = tok.text, tok.low if tok.kind == "word" else ""
    upper = text.upper()
    if upper == "USD" or (not suffix and text in ("US$", "$")):
        return "USD", i + 1
    if upper == "IDR" or (suffix and word == "rupiah"):
        return "IDR", i + 1
    if not suffix and word == "rp":
        dot = toks.has(i + 1) and toks[i + 1].text == "." and toks[i + 1].start == tok.end
        return "IDR", i + 1 + dot
    if suffix and word in lang.dollar_words:
        return "USD", i + 1 + (_word(toks, i + 1) in ("as", "us"))
    return "", i


def _read_unit(toks: _Tokens, i: int, currency: str, lang: Language) -> tuple[str, int]:
    """Unit after the number; with a currency prefix only a matching currency word may follow."""
    code, j = _read_currency(toks, i, lang, suffix=True)
    if code and currency in ("", code):
        return code, j
    if currency or not toks.has(i):
        return currency, i
    text = toks[i].text
    if text == "%" or _word(toks, i) in lang.percent:
        return "%", i + 1
    if noun := lang.noun(text):
        return noun, i + 1
    if (
        _word(toks, i) in lang.adjectives
        and toks.has(i + 1)
        and (noun := lang.noun(toks[i + 1].text))
    ):
        return noun, i + 2
    for words, noun in lang.phrases:
        if all(_word(toks, i + k) == w for k, w in enumerate(words)):
            return noun, i + len(words)
    return "", i


def _read_words(toks: _Tokens, i: int) -> tuple[int, int, int, int] | None:
    """Read number words ("dua ratus lima puluh ribu"): (value, resolution, scale, end)."""
    total = group = 0
    place = resolution = scale = 1
    pending: int | None = None  # a digit word waiting for belas/puluh/ratus
    j = i
    while w := _word(toks, j):
        if w in _SE_WORDS and pending is None:
            pending, w = 1, _SE_WORDS[w]
        if w in _DIGITS and pending is None:
            pending = _DIGITS[w]
        elif w in _MODIFIERS and pending is not None:
            mult, add, place = _MODIFIERS[w]
            group, pending = group + pending * mult + add, None
        elif w in SCALES and (pending is not None or group):
            if pending is not None:
                group, place = group + pending, 1
            scale = SCALES[w]
            total, resolution, group, pending = total + group * scale, place * scale, 0, None
        else:
            break
        j += 1
    if pending is not None:
        group, place = group + pending, 1
    if group:
        total, resolution = total + group, place
    return (total, resolution, scale, j) if j > i else None


def _joined(toks: _Tokens, a: int) -> bool:
    """toks[a : a + 3] is number, ":" or "/", number, unspaced ("28/12", "18:24")."""
    if a < 0 or not toks.has(a + 2):
        return False
    x, sep, y = toks.items[a : a + 3]
    return (
        sep.text in (":", "/") and x.kind == y.kind == "num" and (x.end == sep.start == y.start - 1)
    )


def _is_date(toks: _Tokens, n: int, lang: Language) -> bool:
    """Number at n is part of "28 Dec", "(28/12)" or "18:24" (in English also "Dec 28")."""
    if lang.month_before_day and n > 0 and _word(toks, n - 1) in _MONTHS:
        return True
    return _word(toks, n + 1) in _MONTHS or _joined(toks, n) or _joined(toks, n - 2)


@lru_cache(maxsize=65536)
def _parse_digits(raw: str, locale: str, decimal: str) -> tuple[Decimal | None, Decimal]:
    """A digit string as babel reads it in `locale` (None when malformed there), and the
    place value of its last digit (trailing zeros count: "4,50" -> 0.01)."""
    resolution = Decimal(1).scaleb(-len(raw.partition(decimal)[2]))
    try:
        return parse_decimal(raw, locale=locale, strict=True), resolution
    except NumberFormatError:
        return None, resolution


def _read_digits(toks: _Tokens, n: int, lang: Language) -> tuple[Decimal | None, Decimal, int, int]:
    """Digits at n (babel) and a scale word: (value or None if rejected, resolution, scale, end)."""
    value, resolution = _parse_digits(toks[n].text, lang.code, lang.decimal)
    scale = lang.scales.get(_word(toks, n + 1), 1)
    if scale == 1:
        return value, resolution, 1, n + 1
    return None if value is None else value * scale, resolution * scale, scale, n + 2


def _read_sign(toks: _Tokens, i: int) -> tuple[bool, int]:
    """A minus before the number: "minus", or "-" or "−" touching the digits or currency after
    it and not joined to a word, number or "%" before it ("ke-5", "5-6", "5%-6%"): (negative,
    end)."""
    if not toks.has(i):
        return False, i
    tok = toks.items[i]
    if tok.low == MINUS_WORD:
        return True, i + 1
    if tok.text not in MINUS_SIGNS or not toks.has(i + 1):
        return False, i
    after = toks.items[i + 1]
    before = toks.items[i - 1] if i > 0 else None  # a window starts after whitespace
    joined = (
        before is not None
        and before.end == tok.start
        and (before.kind != "sym" or before.text == "%")
    )
    currency = after.low in ("rp", "us$", "$", "usd", "idr")  # "-Rp5 triliun"
    if not (after.kind == "num" or currency) or after.start != tok.end or joined:
        return False, i
    return True, i + 1


def _read_side(toks: _Tokens, i: int, lang: Language) -> _Side | None:
    negative, i = _read_sign(toks, i)
    currency, n = _read_currency(toks, i, lang, suffix=False)
    if currency and not negative:
        negative, n = _read_sign(toks, n)
    if not toks.has(n):
        return None
    raw = toks[n].text
    if toks[n].kind == "num":
        value, resolution, scale, j = _read_digits(toks, n, lang)
        words, skip = False, _is_date(toks, n, lang)
    elif lang.number_words and (read := _read_words(toks, n)):
        total, res, scale, j = read
        value, resolution, words, skip = Decimal(total), Decimal(res), True, False
    else:
        return None
    unit, end = _read_unit(toks, j, currency, lang)
    year = raw.isdigit() and 1900 <= int(raw) <= 2100 and scale == 1
    skip = skip or (year and unit not in ("%", "IDR", "USD"))
    value = -value if negative and value is not None else value
    return _Side(end, raw, value, resolution, scale, unit, bool(currency), words, skip, negative)


def _read_range_end(toks: _Tokens, first: _Side, lang: Language) -> tuple[_Side, int] | None:
    """Second side of "5-6 persen", "5%-6%", "Rp5-6 triliun", "5 sampai dengan 6 persen",
    with the scale the first side inherits ("5-6 juta": 1e6)."""
    j = first.end
    if first.value is None or not toks.has(j) or toks[j].low not in lang.range_words:
        return None
    j += 1 + (toks[j].low == "sampai" and _word(toks, j + 1) == "dengan")
    second = _read_side(toks, j, lang)
    if second is None or second.value is None or second.skip:
        return None
    factor = second.scale if first.scale == 1 else 1
    same_unit = first.unit in ("", second.unit) or (first.prefix_currency and not second.unit)
    return (second, factor) if same_unit and first.value * factor <= second.value else None


def _quantity(
    lower: Decimal, upper: Decimal, unit: str, qualifier: str, resolution: Decimal
) -> Quantity:
    """Build a Quantity; a one-sided qualifier opens the bound on the other side."""
    value = float((lower + upper) / 2)
    low = None if qualifier in ("<", "<=") else float(lower)
    high = None if qualifier in (">", ">=") else float(upper)
    return Quantity(value, low, high, unit, qualifier, float(resolution))


def _mention_at(
    text: str, toks: _Tokens, i: int, strict: bool, bare: bool, lang: Language
) -> tuple[Mention, int] | None:
    """Read a figure starting at token i: (mention, index after it), or None.

    strict: raise on any digit string babel rejects (otherwise only when a unit, currency or
    scale word shows it was meant as a figure). bare: report word numbers with nothing attached.
    """
    fall = _word(toks, i) in lang.falls
    j = i + fall + (fall and _word(toks, i + 1) == lang.fall_filler)
    qualifier, j = _read_qualifier(toks, j, lang)
    first = _read_side(toks, j, lang)
    if first is None:
        return None
    if first.value is None and (strict or first.attached):
        start, stop = toks[i].start, toks[first.end - 1].end
        message = f"ambiguous or malformed number {first.raw!r} in {text[start:stop]!r}"
        raise MalformedNumber(message, start, stop)
    if first.value is None or first.skip:
        return None
    lower = upper = first.value
    resolution, unit, attached, end = first.resolution, first.unit, first.attached, first.end
    if rng := _read_range_end(toks, first, lang):
        second, factor = rng
        lower, upper, end = first.value * factor, second.value, second.end
        resolution = max(first.resolution * factor, second.resolution)
        unit, attached = unit or second.unit, attached or second.attached
        qualifier = "range" if qualifier == "=" else qualifier
    if first.words and not (attached or bare):
        return None
    if fall:  # the size of a fall: a percentage without a sign of its own, else no figure here
        if unit != "%" or first.negative:
            return None
        lower, upper, qualifier = -upper, -lower, _FLIPPED.get(qualifier, qualifier)
    start, stop = toks[i].start, toks[end - 1].end
    quantity = _quantity(lower, upper, unit, qualifier, resolution)
    return Mention(start, stop, text[start:stop], quantity), end


def _scan(text: str, lang: Language, *, strict: bool, bare: bool) -> list[Mention]:
    """Try a figure at every token, left to right (the reference the anchored scan equals)."""
    toks = _Tokens(text)
    mentions: list[Mention] = []
    i = 0
    while toks.has(i):
        found = _mention_at(text, toks, i, strict, bare, lang)
        if found:
            mentions.append(found[0])
        i = found[1] if found else i + 1
    return mentions


# whitespace-separated chunks tokenized before an anchor: >= `reach` tokens, and the two a date
# check looks back ("28/12": number, "/", number)
_BEHIND = max(_tables(lang)[2] for lang in LANGUAGES.values()) + 2
_NEAR = 64  # an anchor this close after the tokens read so far extends them, not a new window


def _window_start(text: str, p: int) -> int:
    """A token boundary at least `_BEHIND` whitespace-separated chunks before position p."""
    q = p
    for _ in range(_BEHIND):
        while q > 0 and text[q - 1].isspace():
            q -= 1
        while q > 0 and not text[q - 1].isspace():
            q -= 1
        if q == 0:
            break
    return q


def _may_start(tok: _Token, starters: frozenset[str]) -> bool:
    """Whether a figure could start at this token: a number, a qualifier's first word, a
    currency before the number, or a digit word (anything else: `_mention_at` says None)."""
    return (
        tok.kind == "num"
        or tok.low in starters
        or tok.text in ("US$", "$")
        or tok.text.upper() in ("USD", "IDR")
    )


def _plain_year(toks: _Tokens, k: int, lang: Language) -> bool:
    """Whether the token at k is a year ("pada 2016") that no start up to it can make a figure
    of: four digits from 1900 to 2100, no currency just before it, and no scale word,
    percent or currency word after it (`_read_side` would mark it `skip`). Most anchors in
    news text are such years; this answers for them without reading them as figures."""
    items = toks.items
    raw = items[k].text
    if items[k].kind != "num" or len(raw) != 4 or not raw.isdigit() or not 1900 <= int(raw) <= 2100:
        return False
    if toks.has(k + 1):
        after = items[k + 1]
        if after.text == "%" or after.text.upper() in ("USD", "IDR"):
            return False
        if after.kind == "word" and (
            after.low in lang.scales
            or after.low in lang.percent
            or after.low == "rupiah"
            or after.low in lang.dollar_words
        ):
            return False
    for j in (k - 1, k - 2):
        if j >= 0:
            before = items[j]
            if (
                before.low in MINUS_SIGNS
                or before.low == MINUS_WORD
                or before.low == "rp"
                or before.text in ("US$", "$")
                or before.text.upper() in ("USD", "IDR")
            ):
                return False
    return True


def _scan_anchored(text: str, lang: Language) -> list[Mention]:
    """`_scan(text, strict=False, bare=False)`, trying only the token starts near an anchor."""
    _, starters, reach, _, _ = _tables(lang)
    mentions: list[Mention] = []
    tried = 0  # every token starting before this position has been tried
    toks: _Tokens | None = None
    k = 0  # index in toks of the token holding the current anchor
    items: list[_Token] = []
    for p in _anchors(text, lang):
        if p < tried:
            continue
        if toks is None or not toks.has(k) or p > items[-1].end + _NEAR:
            toks, k = _Tokens(text, _window_start(text, p)), 0
            items = toks.items
        while (k < len(items) or toks.has(k)) and items[k].end <= p:
            k += 1
        if _plain_year(toks, k, lang):
            tried = items[k].end  # every start up to it would give None: skip them
            continue
        i = max(0, k - reach)
        while i <= k and (i < len(items) or toks.has(i)):
            tok = items[i]
            if tok.start < tried or (i < k and not _may_start(tok, starters)):
                i += 1  # tried already, or cannot start a figure (_mention_at would say None)
                continue
            found = _mention_at(text, toks, i, False, False, lang)
            if found:
                mentions.append(found[0])
                tried, i = found[0].end, found[1]
            else:
                tried, i = tok.end, i + 1
    return mentions


def find_quantities(text: str, language_code: str = "id") -> list[Mention]:
    """All figures in text, in order; years, dates, times and prose word numbers are left out.

    Raises `MalformedNumber` (a ValueError) naming a digit string that babel rejects ("4.5")
    when a unit, currency or scale word is attached to it, and where it is; such strings are
    skipped otherwise ("Industri 4.0").
    """
    return _scan_anchored(text, language(language_code))


def parse_quantity(text: str, language_code: str = "id") -> Quantity:
    """The one figure in text (surrounding words allowed); a bare word number is accepted
    when it is the whole string ("sebelas"). Raises ValueError naming the text otherwise."""
    lang = language(language_code)
    mentions = _scan(text, lang, strict=True, bare=False)
    if not mentions:
        mentions = [m for m in _scan(text, lang, strict=True, bare=True) if m.text == text.strip()]
    if len(mentions) != 1:
        found = ", ".join(repr(m.text) for m in mentions) or "none"
        raise ValueError(f"expected exactly one quantity in {text!r}, found {found}")
    return mentions[0].quantity
