"""Read figures out of Indonesian news text ("Rp520 triliun", "4,5 persen", "sekitar 5.000 unit").

A regex tokenizer splits text into numbers, words and symbols; a left-to-right scanner reads at
each token: [qualifier] [currency] number [scale word] [unit] [range connector + second number].
Digit strings go through babel; number words, scales, qualifiers and units are hand-written.
Years, dates and clock times are left out. Arithmetic is Decimal until the final float.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import NumberFormatError, parse_decimal

COUNTED_NOUNS = (
    "unit", "orang", "sentra", "IKM", "UKM", "UMKM", "wirausaha", "pelaku", "perusahaan",
    "pekerja", "peserta", "tenaga", "produk", "desa", "kelompok", "koperasi", "merek", "ton",
)  # fmt: skip
SCALES = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "milyar": 10**9, "triliun": 10**12}
QUALIFIERS = {
    "sekitar": "~", "kisaran": "~", "di kisaran": "~", "kurang lebih": "~", "sekira": "~",
    "di atas": ">", "lebih dari": ">", "melebihi": ">", "kurang dari": "<", "di bawah": "<",
    "minimal": ">=", "sedikitnya": ">=", "setidaknya": ">=", "paling sedikit": ">=",
    "maksimal": "<=", "paling banyak": "<=",
}  # fmt: skip
_QUALIFIER_WORDS = sorted(((p.split(), q) for p, q in QUALIFIERS.items()), key=lambda x: -len(x[0]))
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
_RANGE_WORDS = {"-", "–", "—", "hingga", "sampai"}
_TOKEN = re.compile(r"(?P<num>[0-9](?:[0-9.,]*[0-9])?)|(?P<word>US\$|[^\W\d_]+)|(?P<sym>\S)")


@dataclass(frozen=True)
class Quantity:
    """A figure in base units with its bounds, unit, qualifier and written precision."""

    value: float
    lower: float | None
    upper: float | None
    unit: str
    qualifier: str
    resolution: float


@dataclass(frozen=True)
class Mention:
    """A quantity found in a text; `text == source[start:end]`."""

    start: int
    end: int
    text: str
    quantity: Quantity


@dataclass(frozen=True)
class _Token:
    kind: str  # "num", "word" or "sym"
    text: str
    low: str
    start: int
    end: int


@dataclass(frozen=True)
class _Side:
    """One number with its currency, scale and unit: one end of a range, or a whole figure."""

    end: int  # token index just after the side
    raw: str  # the number as written
    value: Decimal | None  # None when babel rejects the digit string
    resolution: Decimal
    scale: int  # value of the attached scale word (ribu, juta, ...), 1 when none
    unit: str
    prefix_currency: bool
    words: bool
    skip: bool  # a year, a date or a clock time, not a figure

    @property
    def attached(self) -> bool:
        return self.scale > 1 or bool(self.unit)


def _word(toks: list[_Token], i: int) -> str:
    """Lower-cased word at index i, or "" (also for numbers, symbols and the end of text)."""
    return toks[i].low if i < len(toks) and toks[i].kind == "word" else ""


def _read_qualifier(toks: list[_Token], i: int) -> tuple[str, int]:
    for words, qualifier in _QUALIFIER_WORDS:
        if all(_word(toks, i + k) == w for k, w in enumerate(words)):
            return qualifier, i + len(words)
    return "=", i


def _read_currency(toks: list[_Token], i: int, *, suffix: bool) -> tuple[str, int]:
    """Currency before the number ("Rp", "Rp.", "US$", "$", "USD") or after it ("rupiah")."""
    if i >= len(toks):
        return "", i
    word, text = _word(toks, i), toks[i].text
    if text.upper() == "USD" or (not suffix and text in ("US$", "$")):
        return "USD", i + 1
    if text.upper() == "IDR" or (suffix and word == "rupiah"):
        return "IDR", i + 1
    if not suffix and word == "rp":
        dot = i + 1 < len(toks) and toks[i + 1].text == "." and toks[i + 1].start == toks[i].end
        return "IDR", i + 1 + dot
    if suffix and word in ("dolar", "dollar"):
        return "USD", i + 1 + (_word(toks, i + 1) in ("as", "us"))
    return "", i


def _read_unit(toks: list[_Token], i: int, currency: str) -> tuple[str, int]:
    """Unit after the number; with a currency prefix only a matching currency word may follow."""
    code, j = _read_currency(toks, i, suffix=True)
    if code and currency in ("", code):
        return code, j
    if currency or i >= len(toks):
        return currency, i
    text = toks[i].text
    if text == "%" or _word(toks, i) == "persen":
        return "%", i + 1
    if any(text == n if n.isupper() else text.lower() == n for n in COUNTED_NOUNS):
        return text, i + 1
    return "", i


def _read_words(toks: list[_Token], i: int) -> tuple[int, int, int, int] | None:
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


def _is_date(toks: list[_Token], n: int) -> bool:
    """Number at n is part of "28 Dec", "(28/12)" or "18:24"."""

    def joined(a: int) -> bool:  # toks[a : a + 3] is number, ":" or "/", number, unspaced
        if a < 0 or a + 2 >= len(toks):
            return False
        x, sep, y = toks[a : a + 3]
        return (
            sep.text in (":", "/")
            and x.kind == y.kind == "num"
            and (x.end == sep.start == y.start - 1)
        )

    return _word(toks, n + 1) in _MONTHS or joined(n) or joined(n - 2)


def _read_digits(toks: list[_Token], n: int) -> tuple[Decimal | None, Decimal, int, int]:
    """Digits at n (babel) and a scale word: (value or None if rejected, resolution, scale, end)."""
    raw = toks[n].text
    try:
        value: Decimal | None = parse_decimal(raw, locale="id", strict=True)
    except NumberFormatError:
        value = None
    resolution = Decimal(1).scaleb(-len(raw.partition(",")[2]))  # trailing zeros count
    scale = SCALES.get(_word(toks, n + 1), 1)
    value = None if value is None else value * scale
    return value, resolution * scale, scale, n + 1 + (scale > 1)


def _read_side(toks: list[_Token], i: int) -> _Side | None:
    currency, n = _read_currency(toks, i, suffix=False)
    if n >= len(toks):
        return None
    raw = toks[n].text
    if toks[n].kind == "num":
        value, resolution, scale, j = _read_digits(toks, n)
        words, skip = False, _is_date(toks, n)
    elif read := _read_words(toks, n):
        total, res, scale, j = read
        value, resolution, words, skip = Decimal(total), Decimal(res), True, False
    else:
        return None
    unit, end = _read_unit(toks, j, currency)
    year = raw.isdigit() and 1900 <= int(raw) <= 2100 and scale == 1
    skip = skip or (year and unit not in ("%", "IDR", "USD"))
    return _Side(end, raw, value, resolution, scale, unit, bool(currency), words, skip)


def _read_range_end(toks: list[_Token], first: _Side) -> tuple[_Side, int] | None:
    """Second side of "5-6 persen", "5%-6%", "Rp5-6 triliun", "5 sampai dengan 6 persen",
    with the scale the first side inherits ("5-6 juta": 1e6)."""
    j = first.end
    if first.value is None or j >= len(toks) or toks[j].low not in _RANGE_WORDS:
        return None
    j += 1 + (toks[j].low == "sampai" and _word(toks, j + 1) == "dengan")
    second = _read_side(toks, j)
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
    text: str, toks: list[_Token], i: int, strict: bool, bare: bool
) -> tuple[Mention, int] | None:
    """Read a figure starting at token i: (mention, index after it), or None.

    strict: raise on any digit string babel rejects (otherwise only when a unit, currency or
    scale word shows it was meant as a figure). bare: report word numbers with nothing attached.
    """
    qualifier, j = _read_qualifier(toks, i)
    first = _read_side(toks, j)
    if first is None:
        return None
    if first.value is None and (strict or first.attached):
        span = text[toks[i].start : toks[first.end - 1].end]
        raise ValueError(f"ambiguous or malformed number {first.raw!r} in {span!r}")
    if first.value is None or first.skip:
        return None
    lower = upper = first.value
    resolution, unit, attached, end = first.resolution, first.unit, first.attached, first.end
    if rng := _read_range_end(toks, first):
        second, factor = rng
        lower, upper, end = first.value * factor, second.value, second.end
        resolution = max(first.resolution * factor, second.resolution)
        unit, attached = unit or second.unit, attached or second.attached
        qualifier = "range" if qualifier == "=" else qualifier
    if first.words and not (attached or bare):
        return None
    start, stop = toks[i].start, toks[end - 1].end
    quantity = _quantity(lower, upper, unit, qualifier, resolution)
    return Mention(start, stop, text[start:stop], quantity), end


def _scan(text: str, *, strict: bool, bare: bool) -> list[Mention]:
    toks = [_Token(m.lastgroup or "", m[0], m[0].lower(), *m.span()) for m in _TOKEN.finditer(text)]
    mentions: list[Mention] = []
    i = 0
    while i < len(toks):
        found = _mention_at(text, toks, i, strict, bare)
        if found:
            mentions.append(found[0])
        i = found[1] if found else i + 1
    return mentions


def find_quantities(text: str) -> list[Mention]:
    """All figures in text, in order; years, dates, times and prose word numbers are left out.

    Raises ValueError naming a digit string that babel rejects ("4.5") when a unit, currency
    or scale word is attached to it; such strings are skipped otherwise ("Industri 4.0").
    """
    return _scan(text, strict=False, bare=False)


def parse_quantity(text: str) -> Quantity:
    """The one figure in text (surrounding words allowed); a bare word number is accepted
    when it is the whole string ("sebelas"). Raises ValueError naming the text otherwise."""
    mentions = _scan(text, strict=True, bare=False)
    if not mentions:
        mentions = [m for m in _scan(text, strict=True, bare=True) if m.text == text.strip()]
    if len(mentions) != 1:
        found = ", ".join(repr(m.text) for m in mentions) or "none"
        raise ValueError(f"expected exactly one quantity in {text!r}, found {found}")
    return mentions[0].quantity
