"""helpers.add.propose: each figure of an article is proposed as a register row (indicator,
period, kind, a quote the register accepts) or listed with the reason it is not."""

import pandas as pd
import pytest
from corpus import corpus

from helpers.add.propose import (
    load_rules,
    proposal_table,
    propose_rows,
    sentence_spans,
)
from helpers.core.paths import DATA
from helpers.core.schemas import PROPOSALS
from helpers.extract.figures import normalised_texts
from helpers.extract.normalise import normalise
from helpers.extract.quantities import find_quantities
from helpers.extract.register import figure_from_row, load_indicators
from helpers.extract.sources import load_sources

INDICATORS = load_indicators(DATA)
RULES = {language: load_rules(DATA, INDICATORS, language) for language in ("id", "en")}
SOURCES = load_sources(DATA)
TEXTS = normalised_texts(DATA, SOURCES)
REGISTER = pd.read_csv(DATA / "register.csv", dtype=str, keep_default_na=False)


def placed(text: str, published: str = "2017-12-28", language: str = "id") -> list[tuple]:
    return [
        (p.indicator, p.period, p.kind, p.mention.quantity.value)
        for p in propose_rows(text, language, published, RULES[language])
        if p.status == "proposed"
    ]


def proposed_keys(proposals) -> set[tuple]:
    return {
        (p.indicator, int(p.period), p.kind, p.mention.quantity.value)
        for p in proposals
        if p.status == "proposed"
    }


@pytest.mark.parametrize(
    "source", list(SOURCES[SOURCES.wording == "verbatim"].itertuples()), ids=lambda s: s.source_id
)
def test_the_seed_articles_get_the_rows_their_register_holds(source):
    register = REGISTER[REGISTER.source_id == source.source_id]
    expected = {
        (r.indicator, int(r.period), r.kind, find_quantities(r.quote)[0].quantity.value)
        for r in register.itertuples()
    }
    proposals = propose_rows(
        TEXTS[source.source_id], source.language, source.published, RULES[source.language]
    )
    assert proposed_keys(proposals) == expected


def test_every_proposed_quote_is_one_the_register_accepts_with_the_same_value():
    articles = corpus(60, seed=5)
    checked = 0
    for a in articles:
        text = normalise(a.text)
        for p in propose_rows(text, a.language, a.published, RULES[a.language]):
            if p.status != "proposed":
                continue
            row = pd.Series(
                {"source_id": a.source_id, "indicator": p.indicator, "period": p.period,
                 "kind": p.kind, "quote": p.quote, "note": ""}
            )  # fmt: skip
            figure = figure_from_row(row, text, INDICATORS, "row", a.language)
            assert figure["value"] == p.mention.quantity.value
            assert text.count(p.quote) == 1
            checked += 1
    assert checked > 200


def test_precision_and_recall_on_generated_articles_are_at_least_0_9():
    found = wanted = right = 0
    for a in corpus(200, seed=11):
        truth = {(t.indicator, t.period, t.kind, t.value) for t in a.truth}
        got = proposed_keys(
            propose_rows(normalise(a.text), a.language, a.published, RULES[a.language])
        )
        found, wanted, right = found + len(got), wanted + len(truth), right + len(got & truth)
    assert right / found >= 0.9 and right / wanted >= 0.9


def test_a_base_year_is_not_the_period_and_a_target_word_makes_a_target():
    text = (
        "Kemenperin mencatat, jumlah IKM tumbuh mencapai 165.983 unit pada tahun 2016 atau "
        "meningkat 4,5 persen dibandingkan tahun 2015. Sementara pada 2017, jumlah IKM "
        "ditargetkan mencapai 182.000 unit.\n"
    )
    assert placed(text) == [
        ("ikm_units", "2016", "actual", 165983),
        ("ikm_units_growth", "2016", "actual", 4.5),
        ("ikm_units", "2017", "target", 182000),
    ]


def test_this_year_is_the_publication_year_and_a_later_year_is_a_target():
    text = "Pertumbuhan IKM hingga akhir tahun ini berada di kisaran sembilan persen.\n"
    assert placed(text, "2017-12-28") == [("ikm_growth", "2017", "actual", 9)]
    later = "Pertumbuhan IKM pada 2019 sebesar 10 persen.\n"
    assert placed(later, "2017-12-28") == [("ikm_growth", "2019", "target", 10)]


def test_figures_of_other_things_and_unknown_units_are_listed_with_the_reason():
    text = (
        "Kemenperin menyalurkan bantuan 25 unit mesin kepada IKM pada 2017. "
        "Penjualan produk IKM mencapai 5 ton pada 2016.\n"
    )
    proposals = propose_rows(text, "id", "2017-12-28", RULES["id"])
    assert [p.status for p in proposals] == ["unplaced", "unplaced"]
    assert "bantuan" in proposals[0].reason and "'ton' fits no indicator" in proposals[1].reason


def test_a_figure_without_a_year_is_unplaced():
    (proposal,) = propose_rows("Jumlah IKM mencapai 5.000 unit.\n", "id", "2017", RULES["id"])
    assert (proposal.status, proposal.reason) == ("unplaced", "no year in its sentence")


def test_a_repeated_figure_is_proposed_once_and_a_registered_one_not_again():
    text = (
        "Industri Kecil Menengah Ditargetkan Tumbuh di Atas 10 Persen\n"
        "Kemenperin menargetkan IKM dapat tumbuh di atas 10 persen pada 2018. Pertumbuhan IKM "
        "diharapkan di atas 10 persen pada 2018.\n"
    )
    proposals = propose_rows(text, "id", "2017-12-28", RULES["id"])
    assert [p.status for p in proposals][1:] == ["proposed", "repeat"]
    assert "row 2" in proposals[2].reason
    again = propose_rows(text, "id", "2017-12-28", RULES["id"], {("ikm_growth", "2018", "target")})
    assert "proposed" not in [p.status for p in again]


def test_english_releases():
    text = (
        "Jakarta, March 2, 2017 - The Ministry of Industry noted that the number of IKM grew to "
        "165,983 units in 2016, up 4.5 percent from 2015. In 2017, the number of IKM is "
        "targeted to reach 182,000 units. Meanwhile, the value added of IKM reached Rp 520 "
        "trillion in 2016.\n"
    )
    assert placed(text, "2017-03-02", "en") == [
        ("ikm_units", "2016", "actual", 165983),
        ("ikm_units_growth", "2016", "actual", 4.5),
        ("ikm_units", "2017", "target", 182000),
        ("ikm_value_added", "2016", "actual", 5.2e14),
    ]


def test_sentences_end_at_line_ends_and_before_a_capital():
    text = "Satu dua. Tiga Rp. 5 juta.\nEmpat 4.5 (lima)."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Satu dua.", "Tiga Rp. 5 juta.", "Empat 4.5 (lima).",
    ]  # fmt: skip


def test_the_table_has_the_columns_of_the_schema_and_numbers_rows_from_one():
    table = proposal_table(propose_rows(TEXTS["antara-2017-ikm"], "id", "2017", RULES["id"]))
    assert list(table.columns) == PROPOSALS.names
    assert table.row.tolist() == list(range(1, len(table) + 1))


def test_rules_are_read_from_the_data_files(data_dir):
    words = pd.read_csv(data_dir / "proposal_words.csv", dtype=str, keep_default_na=False)
    words.loc[words.rule == "other_things", "id"] += "|sertifikat"
    words.to_csv(data_dir / "proposal_words.csv", index=False)
    text = "Sebanyak 300 IKM menerima sertifikat e-Smart pada 2017.\n"
    assert placed(text) != []
    rules = load_rules(data_dir, load_indicators(data_dir), "id")
    assert [p.status for p in propose_rows(text, "id", "2017", rules)] == ["unplaced"]


def test_an_unknown_rule_is_refused_naming_its_line(data_dir):
    with open(data_dir / "proposal_words.csv", "a", encoding="utf-8") as handle:
        handle.write("targets,ditargetkan,targeted,a typo\n")
    with pytest.raises(
        ValueError, match=r"data/proposal_words.csv line 10: unknown rule 'targets'"
    ):
        load_rules(data_dir, INDICATORS, "id")
