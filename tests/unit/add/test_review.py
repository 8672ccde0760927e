"""helpers.add.review: only accepted rows reach data/register.csv, each checked as the
register checks it; a bad row changes nothing."""

import time
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest
from corpus import corpus

from helpers import clean
from helpers.add import review
from helpers.add.article import build, write
from helpers.add.review import accept_rows, read_proposals, reject_rows


@pytest.fixture
def added(data_dir, tmp_path):
    """A generated Indonesian article added to the data folder: its source id."""
    article = next(a for a in corpus(40, seed=4) if a.language == "id" and len(a.truth) >= 4)
    path = tmp_path / "kontan-ikm.txt"
    path.write_bytes(article.raw)
    new = build(path, data_dir)
    write(new, data_dir)
    return new.source_id


def files(data_dir) -> dict[str, bytes]:
    return {
        name: (data_dir / name).read_bytes()
        for name in ["register.csv", "proposals/kontan-ikm.csv"]
    }


def proposed(data_dir, source_id) -> list[int]:
    table = read_proposals(data_dir, source_id)
    return [int(r) for r in table.row[table.status == "proposed"]]


def test_accepted_rows_reach_the_register_and_the_clean_table(data_dir, added):
    rows = proposed(data_dir, added)
    before = (data_dir / "register.csv").read_bytes()
    done = accept_rows(data_dir, added, rows[:2])
    assert len(done) == 2
    after = (data_dir / "register.csv").read_bytes()
    assert after.startswith(before) and after.count(b"\n") == before.count(b"\n") + 2
    table = read_proposals(data_dir, added)
    assert table.status[table.row.isin([str(r) for r in rows[:2]])].eq("accepted").all()
    figures = clean.build(data_dir).figures
    mine = figures[(figures.source_id == added) & (figures.kind != "derived")]
    values = set(pd.to_numeric(table.value[table.row.isin([str(r) for r in rows[:2]])]))
    assert set(mine.value) == values


def test_all_proposed_rows_or_the_rows_set_to_accepted_by_hand(data_dir, added):
    rows = proposed(data_dir, added)
    path = data_dir / "proposals" / f"{added}.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table.loc[table.row == str(rows[0]), "status"] = "accepted"
    table.to_csv(path, index=False)
    assert len(accept_rows(data_dir, added)) == 1
    assert accept_rows(data_dir, added) == []  # already in the register: nothing to do
    assert len(accept_rows(data_dir, added, every=True)) == len(rows) - 1
    assert proposed(data_dir, added) == []


def test_rejected_rows_never_reach_the_register(data_dir, added):
    rows = proposed(data_dir, added)
    register = (data_dir / "register.csv").read_bytes()
    assert len(reject_rows(data_dir, added, rows[:1])) == 1
    assert (data_dir / "register.csv").read_bytes() == register
    accept_rows(data_dir, added, every=True)
    text = (data_dir / "register.csv").read_text(encoding="utf-8")
    quote = read_proposals(data_dir, added).quote[rows[0] - 1]
    assert quote not in text


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ({"indicator": "ikm_imports"}, "unknown indicator 'ikm_imports'"),
        ({"period": "16"}, "period '16' must be a year"),
        ({"kind": "plan"}, "kind 'plan' must be one of"),
        ({"quote": "tidak ada di teks 5 unit"}, "is not in the normalised text"),
        ({"quote": ""}, "quote is empty"),
        ({"status": "maybe"}, "status 'maybe' is not one of"),
    ],
)
def test_a_bad_row_stops_naming_file_and_row_and_nothing_changes(data_dir, added, edit, message):
    rows = proposed(data_dir, added)
    path = data_dir / "proposals" / f"{added}.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column, value in edit.items():
        table.loc[rows[1] - 1, column] = value
    table.to_csv(path, index=False)
    before = files(data_dir)
    with pytest.raises(ValueError, match=message) as info:
        accept_rows(data_dir, added, rows)
    assert f"data/proposals/{added}.csv row {rows[1]}" in str(info.value)
    assert files(data_dir) == before


def test_a_second_row_for_a_key_is_refused_naming_the_register_line(data_dir, added):
    rows = proposed(data_dir, added)
    accept_rows(data_dir, added, rows[:1])
    path = data_dir / "proposals" / f"{added}.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    first = table.iloc[rows[0] - 1]
    for column in ("indicator", "period", "kind"):
        table.loc[rows[1] - 1, column] = first[column]
    table.to_csv(path, index=False)
    before = files(data_dir)
    with pytest.raises(ValueError, match=r"data/register.csv line \d+ already holds"):
        accept_rows(data_dir, added, rows[1:2])
    assert files(data_dir) == before


def test_unknown_rows_and_sources_are_named(data_dir, added):
    with pytest.raises(ValueError, match="no row 99; rows are 1 to"):
        accept_rows(data_dir, added, [99])
    with pytest.raises(FileNotFoundError, match="no proposals for 'nope'"):
        accept_rows(data_dir, "nope")
    with pytest.raises(ValueError, match="say which rows to reject"):
        reject_rows(data_dir, added)


def test_accepts_at_once_all_land(data_dir, added, monkeypatch):
    """Each accept reads register.csv and the proposals and writes them back whole: without
    the lock, accepts at once each wrote back what it read and lost the others' rows. The
    check of each row is slowed so that they overlap."""
    rows = proposed(data_dir, added)[:5]  # five at once, as the probe of issue 31 ran them
    assert len(rows) == 5
    check = review.figure_from_row

    def slow_check(*args, **kwargs):
        time.sleep(0.02)
        return check(*args, **kwargs)

    monkeypatch.setattr(review, "figure_from_row", slow_check)
    before = (data_dir / "register.csv").read_bytes().count(b"\n")
    with ThreadPoolExecutor(len(rows)) as pool:
        done = list(pool.map(lambda row: accept_rows(data_dir, added, [row]), rows))
    assert [len(lines) for lines in done] == [1] * len(rows)
    assert (data_dir / "register.csv").read_bytes().count(b"\n") == before + len(rows)
    assert set(rows).isdisjoint(proposed(data_dir, added))  # each marked accepted too


def test_a_proposal_holding_a_formula_is_neutralised_and_accepted_as_written(data_dir, added):
    """Proposals are reviewed in a spreadsheet: a text cell that opens like a formula (a
    negative figure's mention, "-4,5 persen") is written with an apostrophe, and read back,
    accepted into register.csv, as the text says it."""
    path = data_dir / "proposals" / f"{added}.csv"
    table = read_proposals(data_dir, added)
    number = proposed(data_dir, added)[0]
    table.loc[number - 1, "note"] = '=HYPERLINK("http://x")'
    path.write_bytes(review.proposals_bytes(table))
    written = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert written.note[number - 1] == '\'=HYPERLINK("http://x")'
    assert read_proposals(data_dir, added).note[number - 1] == '=HYPERLINK("http://x")'
    accept_rows(data_dir, added, [number])
    register = pd.read_csv(data_dir / "register.csv", dtype=str, keep_default_na=False)
    assert register.note.iloc[-1] == '=HYPERLINK("http://x")'


def test_a_conflict_is_accepted_only_by_its_row_number_and_a_flagged_figure_never_by_all(
    data_dir, tmp_path
):
    path = tmp_path / "okezone-ikm.txt"
    path.write_text(
        "Pada 2019 jumlah IKM mencapai 4,4 juta unit. Data lain menyebut jumlah IKM pada 2019 "
        "sebanyak 4,6 juta unit. Di Jawa Barat terdapat 900 sentra yang menyerap 123.4567 "
        "tenaga kerja.\n",
        encoding="utf-8",
    )
    given = {"publisher": "Okezone", "published": "2020-01-10", "title": "IKM", "language": "id"}
    write(build(path, data_dir, given), data_dir)
    table = read_proposals(data_dir, "okezone-ikm")
    assert table.status.tolist() == ["conflict", "conflict", "unplaced", "flagged"]
    assert accept_rows(data_dir, "okezone-ikm", every=True) == []
    (done,) = accept_rows(data_dir, "okezone-ikm", [2])
    assert "4,6 juta unit" in done
    assert read_proposals(data_dir, "okezone-ikm").status.tolist()[1] == "accepted"
