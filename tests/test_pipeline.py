"""The clean table: reproducible from the raw texts, and bad input stops with a clear error
that names the file, row or parameter, leaving data/processed/ as it was."""

import hashlib
import os
from pathlib import Path

import pandas as pd
import pytest

from helpers import pipeline
from helpers.files import write_files
from helpers.paths import DATA
from helpers.tables import write_tables

OUTPUTS = ["figures.csv", "coverage.csv", "checks.csv", "conflicts.csv"]


def snapshot(data_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((data_dir / "processed").iterdir())}


def rebuild(data_dir: Path, **parameters) -> list[str]:
    return pipeline.write(pipeline.build(data_dir, **parameters), data_dir)


def fails_leaving_outputs(data_dir: Path, match: str, **parameters) -> None:
    before = snapshot(data_dir)
    with pytest.raises((ValueError, FileNotFoundError), match=match):
        rebuild(data_dir, **parameters)
    assert snapshot(data_dir) == before


def edit_register(data_dir: Path, line: int, **changes) -> None:
    path = data_dir / "register.csv"
    register = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column, value in changes.items():
        register.loc[line - 2, column] = value
    register.to_csv(path, index=False)


def test_rebuild_reproduces_committed_outputs_byte_for_byte(data_dir):
    committed = snapshot(DATA)
    for name in OUTPUTS:
        (data_dir / "processed" / name).unlink()
    assert rebuild(data_dir) == [f"data/processed/{n}" for n in OUTPUTS]
    assert snapshot(data_dir) == committed


def test_every_figure_in_the_articles_is_registered():
    table = pipeline.build(DATA)
    stated = table.figures[table.figures.kind != "derived"]
    assert len(stated) == 16
    assert set(table.coverage.reason) <= {"repeats ikm_growth 2018 (target)"}
    assert table.coverage.mention.tolist() == ["di Atas 10 Persen"]


def test_values_come_from_the_quotes():
    figures = pipeline.build(DATA).figures.set_index(["indicator", "period", "kind"])
    assert figures.loc[("ikm_units", 2016, "actual"), "value"] == 165983
    assert figures.loc[("ikm_value_added", 2016, "actual"), "value"] == 520e12
    growth = figures.loc[("ikm_growth", 2018, "target")]
    assert (growth.value, growth.lower, growth.qualifier) == (10, 10, ">")
    assert pd.isna(growth.upper)


def test_checksum_is_verified(data_dir):
    path = data_dir / "raw" / "antara-2017-ikm.txt"
    path.write_bytes(path.read_bytes().replace(b"165.983", b"165.984"))
    fails_leaving_outputs(data_dir, r"data/raw/antara-2017-ikm.txt: checksum .* differs")


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (None, r"data/raw/antara-2017-ikm.txt: raw file .* is missing"),
        (b"  \n", r"data/raw/antara-2017-ikm.txt: raw file is empty"),
        (b"nilai tambah Rp520 triliun \xe9\n", r"data/raw/antara-2017-ikm.txt: not UTF-8"),
    ],
)
def test_unreadable_raw_files(data_dir, content, match):
    path = data_dir / "raw" / "antara-2017-ikm.txt"
    path.unlink() if content is None else path.write_bytes(content)
    fails_leaving_outputs(data_dir, match)


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"source_id": "kompas-2018"}, r"line 3: unknown source_id 'kompas-2018'"),
        ({"indicator": "ikm_unit"}, r"line 3: unknown indicator 'ikm_unit'"),
        ({"period": "16"}, r"line 3: period '16' must be a year"),
        ({"kind": "forecast"}, r"line 3: kind 'forecast' must be one of"),
        ({"quote": "atau meningkat 4,6 persen"}, r"line 3: quote .* not in .* closest passage: "),
        (
            {"quote": "dibandingkan tahun 2015"},
            r"line 3: quote must hold exactly one figure, found 0",
        ),
        (
            {
                "quote": "4,5 persen dibandingkan tahun 2015. Sementara pada 2017, jumlah IKM "
                "ditargetkan mencapai 182.000 unit"
            },
            r"line 3: quote must hold exactly one figure, found 2",
        ),
        ({"indicator": "ikm_workers"}, r"line 3: unit '%' .* does not fit indicator"),
        ({"indicator": "ikm_units", "period": "2016"}, r"lines \[2, 3\]: duplicate rows"),
    ],
)
def test_bad_register_rows(data_dir, changes, match):
    edit_register(data_dir, 3, **changes)
    fails_leaving_outputs(data_dir, r"data/register.csv " + match)


@pytest.mark.parametrize(
    ("parameters", "match"),
    [
        ({"units_reading": "flow"}, r"units_reading='flow' is not allowed; .*'increase', 'stock'"),
        ({"prefer_source": "newest"}, r"prefer_source='newest' is not allowed; .*'latest'"),
    ],
)
def test_bad_parameters(data_dir, parameters, match):
    fails_leaving_outputs(data_dir, match, **parameters)


def test_a_failed_write_leaves_every_earlier_output_intact(data_dir, monkeypatch):
    before = snapshot(data_dir)
    table = pipeline.build(data_dir, units_reading="stock")
    calls = []
    original = pd.DataFrame.to_csv

    def failing(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise OSError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_csv", failing)
    with pytest.raises(OSError, match="disk full"):
        pipeline.write(table, data_dir)
    assert snapshot(data_dir) == before
    assert not list((data_dir / "processed").glob(".*.tmp"))


def test_write_tables_replaces_files_whole(tmp_path):
    path = tmp_path / "t.csv"
    write_tables({path: pd.DataFrame({"a": [1.5, 2.0]})})
    assert path.read_text() == "a\n1.5\n2.0\n"


def add_article(data_dir: Path, source_id: str, published: str, text: str, rows: list[list[str]]):
    """Add an article the way the README says: raw file, sources row, register rows."""
    raw = data_dir / "raw" / f"{source_id}.txt"
    raw.write_text(text, encoding="utf-8")
    sha = hashlib.sha256(raw.read_bytes()).hexdigest()
    with open(data_dir / "sources.csv", "a", encoding="utf-8") as sources:
        sources.write(f"{source_id},Kompas,Nilai tambah IKM,,{published},id,{sha}\n")
    with open(data_dir / "register.csv", "a", encoding="utf-8") as register:
        for row in rows:
            register.write(",".join([source_id, *row]) + "\n")


def test_an_added_article_needs_no_code_change_and_its_conflict_is_reported(data_dir):
    text = "Nilai tambah IKM pada 2016 mencapai Rp521 triliun dengan 10 ribu orang terlatih.\n"
    add_article(data_dir, "kompas-2018-ikm", "2018-01-05", text,
                [["ikm_value_added", "2016", "actual", "mencapai Rp521 triliun", ""]])  # fmt: skip
    rebuild(data_dir)
    figures = pd.read_csv(data_dir / "processed" / "figures.csv")
    added = figures[figures.source_id == "kompas-2018-ikm"]
    assert added.value.tolist() == [521e12]
    conflicts = pd.read_csv(data_dir / "processed" / "conflicts.csv")
    assert sorted(conflicts.value) == [520e12, 521e12]
    assert conflicts.loc[conflicts.used, "source_id"].tolist() == ["kompas-2018-ikm"]
    coverage = pd.read_csv(data_dir / "processed" / "coverage.csv")
    assert "10 ribu orang" in coverage.mention.tolist()
    earliest = pipeline.build(data_dir, prefer_source="earliest").used
    value_added = earliest[earliest.indicator == "ikm_value_added"].set_index("period").value
    assert value_added[2016] == 520e12


def test_write_files_leaves_earlier_files_when_a_later_write_fails(tmp_path, monkeypatch):
    first, second = tmp_path / "a.bin", tmp_path / "b.bin"
    first.write_bytes(b"old")
    opened = []
    original = os.fdopen

    def failing(*args, **kwargs):
        opened.append(1)
        if len(opened) == 2:
            raise OSError("disk full")
        return original(*args, **kwargs)

    monkeypatch.setattr(os, "fdopen", failing)
    with pytest.raises(OSError, match="disk full"):
        write_files({first: b"new", second: b"new"})
    assert first.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.bin"]
