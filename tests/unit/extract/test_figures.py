"""helpers.extract.figures: the extract stage in one call reads the sources, the indicators
and each source's normalised text, and parses one figure per register row; a raw file whose
checksum does not match stops it."""

import csv
import hashlib

import pytest
from support import edit_register

from helpers.core.schemas import FIGURES, INDICATORS, SOURCES
from helpers.extract.figures import Extract, build, normalised_texts
from helpers.extract.normalise import normalise


def rows(path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_build_reads_the_sources_of_the_data_folder(data_dir):
    found = build(data_dir)
    assert isinstance(found, Extract)
    assert list(found.sources.columns) == SOURCES.names
    assert found.sources.to_dict("records") == rows(data_dir / "sources.csv")


def test_build_indexes_the_indicators_by_id(data_dir):
    indicators = build(data_dir).indicators
    expected = rows(data_dir / "indicators.csv")
    assert indicators.index.name == "indicator"
    assert indicators.index.tolist() == [row["indicator"] for row in expected]
    assert list(indicators.columns) == INDICATORS.names[1:]


def test_build_keeps_the_normalised_text_of_every_source(data_dir):
    texts = build(data_dir).texts
    ids = [row["source_id"] for row in rows(data_dir / "sources.csv")]
    assert list(texts) == ids
    for source_id in ids:
        raw = (data_dir / "raw" / f"{source_id}.txt").read_text(encoding="utf-8")
        assert texts[source_id] == normalise(raw)


def test_build_states_one_figure_per_register_row_in_register_order(data_dir):
    stated = build(data_dir).stated
    register = rows(data_dir / "register.csv")
    assert list(stated.columns) == FIGURES.names
    assert len(stated) == len(register)
    for column in ["source_id", "indicator", "kind", "quote", "note"]:
        assert stated[column].tolist() == [row[column] for row in register]
    assert stated.period.tolist() == [int(row["period"][:4]) for row in register]


def test_build_follows_an_edit_of_the_register_in_its_data_folder(data_dir):
    edit_register(data_dir, 2, quote="mencapai 182.000 unit", period="2017", kind="target")
    edit_register(data_dir, 4, quote="tumbuh mencapai 165.983 unit", period="2016", kind="actual")
    stated = build(data_dir).stated.set_index(["indicator", "period", "kind"])
    assert stated.loc[("ikm_units", 2017, "target"), "value"] == 182000
    assert stated.loc[("ikm_units", 2016, "actual"), "value"] == 165983


def test_build_stops_at_a_bad_register_row(data_dir):
    edit_register(data_dir, 5, kind="guess")
    with pytest.raises(ValueError, match=r"^data/register.csv line 5: kind 'guess' must be one"):
        build(data_dir)


def test_normalised_texts_verifies_each_checksum(data_dir):
    sources = build(data_dir).sources
    path = data_dir / "raw" / "republika-2017-12-28-ikm.txt"
    edited = path.read_bytes().replace(b"5.000 pelaku", b"6.000 pelaku")
    path.write_bytes(edited)
    found = hashlib.sha256(edited).hexdigest()
    with pytest.raises(
        ValueError,
        match=rf"^data/raw/republika-2017-12-28-ikm.txt: checksum {found} differs from ",
    ):
        normalised_texts(data_dir, sources)


def test_normalised_texts_reads_only_the_sources_it_is_given(data_dir):
    sources = build(data_dir).sources
    (data_dir / "raw" / "republika-2017-12-28-ikm.txt").unlink()
    texts = normalised_texts(data_dir, sources.iloc[:1])
    assert list(texts) == ["antara-2017-ikm"]
    with pytest.raises(FileNotFoundError, match=r"^data/raw/republika-2017-12-28-ikm.txt: raw"):
        normalised_texts(data_dir, sources)
