"""Generated IKM news articles with the register rows a researcher would write for them.

The texts are made here from templates (Indonesian news wording, and some English releases of
the ministry), never copied from a publication; a seeded random generator makes the same
corpus on every run. Each article knows its true register rows (indicator, period, kind,
value and a quote from its text), so tests and benchmarks can build a workspace of any size
(`write_workspace`) and measure the proposals of helpers.add against the truth.

Imported as `corpus` by tests (tests/ is on pytest's pythonpath) and by benchmarks (which put
tests/ on sys.path). Nothing here is committed data: it is generated into a temporary folder.
"""

import csv
import hashlib
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from helpers.core.paths import DATA
from helpers.core.schemas import SOURCES

PUBLISHERS_ID = [
    ("ANTARA News", "Jakarta (ANTARA News) - "),
    ("Republika", "REPUBLIKA.CO.ID, JAKARTA -- "),
    ("Kontan", "KONTAN.CO.ID - JAKARTA. "),
    ("Bisnis Indonesia", "Bisnis.com, JAKARTA - "),
]
MONTHS_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember"]  # fmt: skip
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]  # fmt: skip
DAYS_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
OFFICIALS = ["Airlangga Hartarto", "Gati Wibawaningsih", "Agus Gumiwang Kartasasmita",
             "Reni Yanita", "Abdul Rochim"]  # fmt: skip


@dataclass(frozen=True)
class Truth:
    """One register row the article calls for."""

    indicator: str
    period: int
    kind: str
    value: float
    quote: str


@dataclass
class Article:
    source_id: str
    publisher: str
    published: str
    title: str
    language: str
    text: str
    truth: list[Truth] = field(default_factory=list)

    @property
    def raw(self) -> bytes:
        return self.text.encode("utf-8")


def number_id(value: float, decimals: int = 0) -> str:
    """165983 -> "165.983", 4.5 -> "4,5" (as Indonesian news writes them)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def number_en(value: float, decimals: int = 0) -> str:
    return f"{value:,.{decimals}f}"


class _Writer:
    """Builds one article's sentences and its truth."""

    def __init__(self, rng: random.Random, language: str, year: int) -> None:
        self.rng, self.language, self.year = rng, language, year
        self.truth: list[Truth] = []
        self.sentences: list[str] = []
        self.clash = False

    def fig(self, clause: str, indicator: str, period: int, kind: str, value: float) -> str:
        """A clause holding one figure; its text is the quote of a true register row."""
        if (indicator, period, kind) in {(t.indicator, t.period, t.kind) for t in self.truth}:
            self.clash = True  # one article states one figure per key: write it again
        self.truth.append(Truth(indicator, period, kind, value, clause))
        return clause

    def pick(self, *options):
        return self.rng.choice(options)

    # --- Indonesian -----------------------------------------------------------------------

    def units_id(self) -> None:
        r, y = self.rng, self.year - self.rng.choice([1, 1, 2])
        units = r.randrange(120_000, 260_000)
        growth = round(r.uniform(2, 9), 1)
        level = self.fig(
            self.pick(
                f"jumlah IKM tumbuh mencapai {number_id(units)} unit pada tahun {y}",
                f"jumlah IKM tercatat sebanyak {number_id(units)} unit pada {y}",
                f"populasi IKM pada {y} mencapai {number_id(units)} unit",
            ),
            "ikm_units", y, "actual", units,
        )  # fmt: skip
        rise = self.fig(
            f"atau meningkat {number_id(growth, 1)} persen dibandingkan tahun {y - 1}",
            "ikm_units_growth", y, "actual", growth,
        )  # fmt: skip
        self.sentences.append(f"Kemenperin mencatat, {level} {rise}.")
        if r.random() < 0.7:
            t = self.year + r.choice([0, 1])
            target = units + r.randrange(5_000, 30_000)
            workers = r.randrange(100, 900) * 1000
            clause = self.fig(
                f"jumlah IKM ditargetkan mencapai {number_id(target)} unit",
                "ikm_units", t, "target", target,
            )  # fmt: skip
            absorb = self.fig(
                f"dengan menyerap tenaga kerja sebanyak {number_id(workers)} orang",
                "ikm_workers", t, "target", workers,
            )  # fmt: skip
            self.sentences.append(f"Sementara pada {t}, {clause} {absorb}.")

    def value_added_id(self) -> None:
        r = self.rng
        y = self.year - 1
        before = r.randrange(300, 480)
        now = before + r.randrange(30, 90)
        growth = round((now / before - 1) * 100, 1)
        first = self.fig(
            f"nilai tambah IKM pada {y - 1} sekitar Rp{before} triliun",
            "ikm_value_added", y - 1, "actual", before * 1e12,
        )  # fmt: skip
        second = self.fig(
            f"menjadi Rp{now} triliun pada {y}", "ikm_value_added", y, "actual", now * 1e12
        )
        rise = self.fig(
            f"atau naik {number_id(growth, 1)} persen", "ikm_value_added_growth", y, "actual",
            growth,
        )  # fmt: skip
        self.sentences.append(f"Sedangkan, {first} {second} {rise}.")
        if r.random() < 0.5:
            t = self.year + 1
            goal = now + r.randrange(40, 120)
            clause = self.fig(
                f"nilai tambah IKM diharapkan menembus Rp{goal} triliun pada {t}",
                "ikm_value_added", t, "target", goal * 1e12,
            )  # fmt: skip
            self.sentences.append(f"Kemenperin optimistis {clause}.")

    def programmes_id(self) -> None:
        r, t = self.rng, self.year + self.rng.choice([0, 1])
        wub = r.randrange(2, 30) * 500
        centres = r.randrange(5, 30) * 50
        a = self.fig(
            f"penumbuhan wirausaha baru sebanyak {number_id(wub)} unit",
            "new_entrepreneurs", t, "target", wub,
        )  # fmt: skip
        b = self.fig(
            f"pengembangan {number_id(centres)} sentra IKM pada {t}",
            "ikm_centres", t, "target", centres,
        )  # fmt: skip
        self.sentences.append(
            f"Dengan berbagai program tersebut, Kemenperin akan mendorong {a} dan {b}."
        )

    def growth_id(self) -> None:
        r, t = self.rng, self.year + 1
        target = r.randrange(6, 13)
        now = r.choice(["lima", "enam", "tujuh", "delapan", "sembilan"])
        now_value = ["lima", "enam", "tujuh", "delapan", "sembilan"].index(now) + 5
        a = self.fig(
            f"dapat tumbuh di atas {target} persen pada {t}", "ikm_growth", t, "target", target
        )
        b = self.fig(
            f"berada di kisaran {now} persen", "ikm_growth", self.year, "actual", now_value
        )
        self.sentences.append(
            f"Kementerian Perindustrian menargetkan Industri Kecil Menengah (IKM) {a}. Target "
            "itu sedikit lebih tinggi dibandingkan capaian pertumbuhan IKM hingga akhir tahun "
            f"ini yang {b}."
        )

    def esmart_id(self) -> None:
        r, t = self.rng, self.year + 1
        trainees = r.randrange(2, 20) * 500
        online = r.randrange(5, 40) * 1000
        a = self.fig(
            f"ada {number_id(trainees)} pelaku usaha yang dapat mengikuti pelatihan e-Smart IKM "
            f"pada {t}",
            "esmart_trainees", t, "target", trainees,
        )  # fmt: skip
        b = self.fig(
            f"hingga {t + 1}, pemerintah berharap ada {number_id(online)} IKM",
            "esmart_online_ikm", t + 1, "target", online,
        )  # fmt: skip
        self.sentences.append(
            f"Kemenperin menargetkan {a}. Kemudian, {b} yang sudah bisa memasarkan produknya "
            "secara daring di marketplace mitra Ditjen IKM."
        )

    def extras_id(self) -> None:
        r, y = self.rng, self.year
        choice = r.randrange(6)
        if choice == 0:
            value = r.randrange(300, 600)
            a = self.fig(
                f"nilai tambah IKM mencapai Rp{value} triliun", "ikm_value_added", y - 1,
                "actual", value * 1e12,
            )  # fmt: skip
            self.sentences.append(f"Tahun lalu, {a}.")
        elif choice == 1:
            n = r.randrange(2, 20) * 1000
            a = self.fig(
                f"Tahun depan kami menargetkan {number_id(n)} wirausaha baru",
                "new_entrepreneurs", y + 1, "target", n,
            )  # fmt: skip
            self.sentences.append(f"\u201c{a},\u201d kata {r.choice(OFFICIALS)}.")
        elif choice == 2:
            workers = round(r.uniform(3, 12), 1)
            a = self.fig(
                f"sektor IKM menyerap {number_id(workers, 1)} juta tenaga kerja pada {y - 1}",
                "ikm_workers", y - 1, "actual", workers * 1e6,
            )  # fmt: skip
            self.sentences.append(f"Berdasarkan data Kemenperin, {a}.")
        elif choice == 3:  # figures of other things: no register row
            self.sentences.append(
                f"Kemenperin juga memfasilitasi {r.randrange(20, 90)} IKM mengikuti pameran di "
                f"luar negeri pada {y - 1}."
            )
        elif choice == 4:
            value = round(r.uniform(5, 30), 1)
            a = self.fig(
                f"Nilai ekspor produk IKM mencapai US${number_id(value, 1)} miliar pada {y - 1}",
                "ikm_exports", y - 1, "actual", value * 1e9,
            )  # fmt: skip
            self.sentences.append(f"{a}.")
        else:
            self.sentences.append(
                f"Sebanyak {r.randrange(100, 900)} IKM di Jawa Tengah telah menerima sertifikat "
                f"halal pada {y - 1}."
            )

    def filler_id(self) -> None:
        name = self.rng.choice(OFFICIALS)
        day = self.rng.choice(DAYS_ID)
        d, m = self.rng.randrange(1, 28), self.rng.randrange(1, 12)
        self.sentences.append(
            self.pick(
                f"\u201cKami terus mendorong IKM naik kelas dan berdaya saing,\u201d kata {name} "
                f"di Jakarta, {day} ({d}/{m}).",
                "Program tersebut antara lain pelatihan, pendampingan, sertifikasi mutu produk "
                "dan fasilitasi pameran di dalam maupun luar negeri.",
                f"Kemenperin juga menyalurkan bantuan {self.rng.randrange(5, 60)} unit mesin dan "
                "peralatan produksi kepada perajin di daerah.",
                "IKM diharapkan siap menghadapi era Industri 4.0 dengan memanfaatkan teknologi "
                "digital.",
                f"Pameran tersebut berlangsung pada {d} {MONTHS_ID[m - 1]} {self.year} dan diikuti "
                f"{self.rng.randrange(50, 200)} peserta.",
                "Menurut dia, pemerintah daerah juga berperan penting dalam memacu pertumbuhan "
                "dan pengembangan IKM di wilayahnya.",
            )
        )

    # --- English --------------------------------------------------------------------------

    def units_en(self) -> None:
        r, y = self.rng, self.year - 1
        units = r.randrange(120_000, 260_000)
        growth = round(r.uniform(2, 9), 1)
        level = self.fig(
            f"the number of IKM grew to {number_en(units)} units in {y}",
            "ikm_units", y, "actual", units,
        )  # fmt: skip
        rise = self.fig(
            f"up {number_en(growth, 1)} percent from {y - 1}", "ikm_units_growth", y, "actual",
            growth,
        )  # fmt: skip
        self.sentences.append(f"The Ministry of Industry noted that {level}, {rise}.")
        t = self.year + 1
        target = units + r.randrange(5_000, 30_000)
        clause = self.fig(
            f"the number of IKM is targeted to reach {number_en(target)} units",
            "ikm_units", t, "target", target,
        )  # fmt: skip
        self.sentences.append(f"In {t}, {clause}.")

    def value_added_en(self) -> None:
        r, y = self.rng, self.year - 1
        value = r.randrange(400, 700)
        growth = round(r.uniform(8, 20), 1)
        a = self.fig(
            f"the value added of IKM reached Rp {value} trillion in {y}",
            "ikm_value_added", y, "actual", value * 1e12,
        )  # fmt: skip
        b = self.fig(
            f"an increase of {number_en(growth, 1)} percent",
            "ikm_value_added_growth", y, "actual", growth,
        )  # fmt: skip
        self.sentences.append(f"Meanwhile, {a}, {b} compared to {y - 1}.")

    def programmes_en(self) -> None:
        r, t = self.rng, self.year + 1
        wub = r.randrange(2, 30) * 500
        workers = r.randrange(100, 900) * 1000
        a = self.fig(
            f"the ministry aims to foster {number_en(wub)} new entrepreneurs in {t}",
            "new_entrepreneurs", t, "target", wub,
        )  # fmt: skip
        b = self.fig(f"absorbing {number_en(workers)} workers", "ikm_workers", t, "target", workers)
        self.sentences.append(f"Through these programmes, {a}, {b}.")

    def extras_en(self) -> None:
        r, y = self.rng, self.year
        choice = r.randrange(3)
        if choice == 0:
            n = r.randrange(5, 40) * 1000
            a = self.fig(
                f"the ministry targets {number_en(n)} IKM to sell their products online",
                "esmart_online_ikm", y + 1, "target", n,
            )  # fmt: skip
            self.sentences.append(f"By {y + 1}, {a}.")
        elif choice == 1:
            value = r.randrange(300, 600)
            a = self.fig(
                f"IKM value added stood at Rp {value} trillion", "ikm_value_added", y - 1,
                "actual", value * 1e12,
            )  # fmt: skip
            self.sentences.append(f"Last year, {a}.")
        else:
            self.sentences.append(
                f"The ministry also facilitated {r.randrange(20, 90)} IKM at exhibitions abroad "
                f"in {y - 1}."
            )

    def filler_en(self) -> None:
        name = self.rng.choice(OFFICIALS)
        self.sentences.append(
            self.pick(
                f"\u201cWe continue to encourage IKM to move up a class,\u201d {name} said in "
                "Jakarta.",
                "The programmes include training, mentoring, product quality certification and "
                "support for exhibitions at home and abroad.",
                "IKM are expected to be ready for Industry 4.0 by using digital technology.",
            )
        )


def article(rng: random.Random, number: int, language: str = "id") -> Article:
    """One generated article (its number makes its id unique in a corpus), stating at most one
    figure per indicator, period and kind, as a register row needs."""
    while (drafted := _draft(rng, number, language)) is None:
        pass
    return drafted


def _draft(rng: random.Random, number: int, language: str) -> Article | None:
    year = rng.randrange(2016, 2021)
    month, day = rng.randrange(1, 13), rng.randrange(1, 29)
    published = f"{year}-{month:02d}-{day:02d}"
    w = _Writer(rng, language, year)
    if language == "en":
        publisher = "Kementerian Perindustrian"
        parts = [w.units_en, w.value_added_en, w.programmes_en, w.extras_en]
        rng.shuffle(parts)
        for part in parts[: rng.randrange(1, 5)]:
            part()
            if rng.random() < 0.6:
                w.filler_en()
        title = "Ministry of Industry: IKM Continue to Grow"
        lead = f"Jakarta, {MONTHS_EN[month - 1]} {day}, {year} - "
        head = [title, "Ministry of Industry of the Republic of Indonesia - Press Release"]
    else:
        publisher, lead = rng.choice(PUBLISHERS_ID)
        parts = [w.units_id, w.value_added_id, w.programmes_id, w.growth_id, w.esmart_id]
        parts += [w.extras_id, w.extras_id]
        rng.shuffle(parts)
        for part in parts[: rng.randrange(1, 7)]:
            part()
            if rng.random() < 0.7:
                w.filler_id()
        title = rng.choice(
            ["Kemenperin Pacu Pertumbuhan Industri Kecil Menengah",
             "IKM Jadi Tumpuan Perekonomian Nasional",
             "Pemerintah Dorong IKM Naik Kelas"]
        )  # fmt: skip
        growth = [t for t in w.truth if t.indicator == "ikm_growth" and t.kind == "target"]
        if growth and rng.random() < 0.5:  # the headline restates the growth target
            title = f"Industri Kecil Menengah Ditargetkan Tumbuh di Atas {growth[0].value} Persen"
        stamp = f"{DAYS_ID[rng.randrange(7)]} {day} {MONTHS_ID[month - 1]} {year} 18:24 WIB"
        head = [stamp, title]
    paragraphs, sentences = [], w.sentences
    while sentences:
        take = rng.randrange(1, 3)
        paragraphs.append(" ".join(sentences[:take]))
        sentences = sentences[take:]
    paragraphs[0] = lead + paragraphs[0][0].upper() + paragraphs[0][1:]
    text = "\n".join([*head, *paragraphs]) + "\n"
    if w.clash:
        return None
    source_id = f"gen-{number:05d}-{language}"
    return Article(source_id, publisher, published, title, language, text, w.truth)


def corpus(count: int, seed: int = 13, english: float = 0.2) -> list[Article]:
    """`count` articles, a share `english` of them English releases; the same on every run."""
    rng = random.Random(seed)
    return [article(rng, n, "en" if rng.random() < english else "id") for n in range(count)]


def write_workspace(folder: Path, articles: list[Article], *, register: bool = True) -> Path:
    """A data folder at folder/data: the workspace's indicators and translations, the articles
    in raw/ and sources.csv, and (with `register`) their true rows in register.csv."""
    data = folder / "data"
    (data / "raw").mkdir(parents=True)
    for name in ("indicators.csv", "translations.csv", "publishers.csv"):
        if (DATA / name).exists():
            shutil.copy(DATA / name, data / name)
    (data / "processed").mkdir()
    with open(data / "sources.csv", "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(SOURCES.names)
        for a in articles:
            (data / "raw" / f"{a.source_id}.txt").write_bytes(a.raw)
            sha = hashlib.sha256(a.raw).hexdigest()
            row = [a.source_id, a.publisher, a.title, "", a.published, a.language, "verbatim", sha]
            out.writerow(row)
    with open(data / "register.csv", "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(["source_id", "indicator", "period", "kind", "quote", "note"])
        for a in articles if register else []:
            for t in a.truth:
                out.writerow([a.source_id, t.indicator, t.period, t.kind, t.quote, ""])
    return data
