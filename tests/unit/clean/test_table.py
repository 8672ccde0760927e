"""The clean table: reproducible from the raw texts, and bad input stops with a clear error
that names the file, row or parameter, leaving data/processed/ as it was."""

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest
from support import OUTPUTS, fails_leaving_outputs, rebuild, snapshot

from helpers import clean
from helpers.clean.readings import UNITS_READINGS
from helpers.core.paths import DATA


def test_rebuild_reproduces_committed_outputs_byte_for_byte(data_dir_with_outputs):
    committed = snapshot(DATA)
    for name in OUTPUTS:
        (data_dir_with_outputs / "processed" / name).unlink()
    assert rebuild(data_dir_with_outputs) == [f"data/processed/{n}" for n in OUTPUTS]
    assert snapshot(data_dir_with_outputs) == committed


@pytest.mark.parametrize(
    ("parameters", "match"),
    [
        ({"units_reading": "flow"}, r"units_reading='flow' is not allowed; .*'increase', 'stock'"),
        ({"prefer_source": "newest"}, r"prefer_source='newest' is not allowed; .*'latest'"),
    ],
)
def test_bad_parameters(data_dir_with_outputs, parameters, match):
    fails_leaving_outputs(data_dir_with_outputs, match, **parameters)


def test_a_failed_write_leaves_every_earlier_output_intact(data_dir_with_outputs, monkeypatch):
    before = snapshot(data_dir_with_outputs)
    table = clean.build(data_dir_with_outputs, units_reading="stock")
    calls = []
    original = pd.DataFrame.to_csv

    def failing(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise OSError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_csv", failing)
    with pytest.raises(OSError, match="disk full"):
        clean.write(table, data_dir_with_outputs / "processed", data_dir_with_outputs)
    assert snapshot(data_dir_with_outputs) == before
    assert not list((data_dir_with_outputs / "processed").glob(".*.tmp"))


def add_article(data_dir: Path, source_id: str, published: str, text: str, rows: list[list[str]]):
    """Add an article the way the README says: raw file, sources row, register rows."""
    raw = data_dir / "raw" / f"{source_id}.txt"
    raw.write_text(text, encoding="utf-8")
    sha = hashlib.sha256(raw.read_bytes()).hexdigest()
    with open(data_dir / "sources.csv", "a", encoding="utf-8") as sources:
        sources.write(f"{source_id},Kompas,Nilai tambah IKM,,{published},id,verbatim,{sha}\n")
    with open(data_dir / "register.csv", "a", encoding="utf-8") as register:
        for row in rows:
            register.write(",".join([source_id, *row]) + "\n")


def test_an_added_article_needs_no_code_change_and_its_conflict_is_reported(seed_data_dir):
    data_dir = seed_data_dir
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
    earliest = clean.build(data_dir, prefer_source="earliest").used
    value_added = earliest[earliest.indicator == "ikm_value_added"].set_index("period").value
    assert value_added[2016] == 520e12
    best = clean.build(data_dir).used  # "Rp521 triliun" and "Rp520 triliun": as precise, later
    assert best[best.indicator == "ikm_value_added"].set_index("period").value[2016] == 521e12


def test_a_workspace_without_register_rows_builds_with_every_mention_in_coverage(seed_data_dir):
    data_dir = seed_data_dir
    register = data_dir / "register.csv"
    register.write_text(register.read_text(encoding="utf-8").splitlines()[0] + "\n")
    table = clean.build(data_dir)
    assert table.figures.empty and table.conflicts.empty and table.checks.empty
    assert set(table.coverage.reason) == {"not registered"}
    assert len(table.coverage) >= 16  # every figure the seed register held, and more
    rebuild(data_dir)
    assert clean.load(data_dir / "processed", data_dir).figures.empty


def test_a_loaded_table_under_another_reading_and_policy_is_that_load():
    written = clean.load(DATA / "processed")
    for reading in UNITS_READINGS:
        for policy in ("latest", "earliest", written.sources.source_id.iloc[0]):
            expected = clean.load(DATA / "processed", units_reading=reading, prefer_source=policy)
            under = written.under(units_reading=reading, prefer_source=policy)
            assert under.units_reading == reading
            for name in ("figures", "used", "stock", "checks", "conflicts"):
                pd.testing.assert_frame_equal(getattr(under, name), getattr(expected, name))


def test_the_ministrys_own_words_win_an_equally_precise_conflict(tmp_path):
    """publishers.csv marks the ministry's publishers `official`; under the policy `best`
    their figure wins over a relay's as exact and as precise (the IKM workforce of 2022:
    18,64 juta in Suara Merdeka, 10,36 juta in Bisnis Indonesia)."""
    data_dir = tmp_path / "data"
    shutil.copytree(DATA, data_dir, ignore=shutil.ignore_patterns("processed"))

    def used_source(**choices) -> str:
        used = clean.build(data_dir, **choices).used.astype({"period": str})
        row = used[(used.indicator == "ikm_workers") & (used.period == "2022")]
        return row.source_id.item()

    assert used_source() == "suaramerdeka-2022-08-08"  # the latest, as neither is official
    publishers = data_dir / "publishers.csv"
    text = publishers.read_text(encoding="utf-8")
    publishers.write_text(text.replace("|bisnis.com,\n", "|bisnis.com,yes\n"), encoding="utf-8")
    assert used_source() == "bisnis-2022-07-19"
    assert used_source(prefer_source="latest") == "suaramerdeka-2022-08-08"  # best's rule only


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ({"as_of": "2017-13-45"}, r"as_of='2017-13-45' must be a date YYYY-MM-DD"),
        ({"source_ids": ["no-such-source"]}, r"source_ids='no-such-source' is not allowed"),
    ],
)
def test_a_bad_choice_is_refused_in_a_notebook_as_by_the_runner(built_from_raw, choices, message):
    """A researcher who sets a parameter in JupyterLab gets the runner's error, not a table
    built under a choice that means nothing."""
    with pytest.raises(ValueError, match=message):
        built_from_raw().under(**choices)
