"""helpers.core.tables: tables read and written by their schema, refused with the file named."""

import pandas as pd
import pytest
from support import edit_register, rebuild

from helpers import clean
from helpers.core.schemas import CHECKS, COVERAGE, SOURCES, Column, Schema
from helpers.core.tables import (
    for_spreadsheets,
    from_spreadsheets,
    load_table,
    output_path,
    read_input,
    rounded,
    table_rows,
    typed,
    write_tables,
)

TINY = Schema(
    "tiny",
    "processed/tiny.csv",
    "a test row",
    (Column("name", "str", "", "a name"), Column("value", "float", "", "a number")),
)


def test_written_tables_replace_files_whole_and_load_back_with_their_types(tmp_path):
    table = pd.DataFrame({"name": ["a", "b"], "value": [1.5, float("nan")]})
    assert write_tables({TINY: table}, tmp_path) == [tmp_path / "tiny.csv"]
    assert (tmp_path / "tiny.csv").read_text() == "name,value\na,1.5\nb,\n"
    loaded = load_table(TINY, tmp_path, tmp_path, "the tiny notebook")
    assert loaded.value.dtype == float and loaded.value.isna().tolist() == [False, True]
    assert loaded.name.tolist() == ["a", "b"]


def test_a_table_whose_columns_are_not_its_schemas_is_refused_before_any_write(tmp_path):
    good = pd.DataFrame(columns=CHECKS.names)
    bad = pd.DataFrame({"source_id": [], "mention": []})
    with pytest.raises(ValueError, match=r"table coverage: columns \['source_id', 'mention'\]"):
        write_tables({CHECKS: good, COVERAGE: bad}, tmp_path)
    assert not list(tmp_path.iterdir())


def test_a_missing_output_names_what_writes_it(tmp_path):
    data = tmp_path / "data"
    with pytest.raises(FileNotFoundError, match=r"^data/processed/tiny.csv is missing: run nb 9$"):
        load_table(TINY, data / "processed", data, "nb 9")


def test_an_output_lives_in_its_tables_folder_by_its_file_name(tmp_path):
    assert output_path(TINY, tmp_path / "tables") == tmp_path / "tables" / "tiny.csv"


def test_an_input_is_read_as_text_in_schema_order(tmp_path):
    shuffled = list(reversed(SOURCES.names)) + ["extra"]
    (tmp_path / "sources.csv").write_text(
        ",".join(shuffled) + "\n" + ",".join(["0"] * len(shuffled)) + "\n", encoding="utf-8"
    )
    table = read_input(SOURCES, tmp_path)
    assert list(table.columns) == SOURCES.names
    assert table.iloc[0].tolist() == ["0"] * len(SOURCES.names)


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (None, r"^data/sources.csv: file is missing$"),
        (b"source_id,publisher\nx,y\n", r"data/sources.csv: missing columns \['title'"),
        (b"\xff\xfe\x00", r"data/sources.csv: not a readable CSV table"),
    ],
)
def test_a_bad_input_is_refused_with_its_file_named(tmp_path, content, match):
    if content is not None:
        (tmp_path / "sources.csv").write_bytes(content)
    with pytest.raises((ValueError, FileNotFoundError), match=match):
        read_input(SOURCES, tmp_path)


def test_typed_gives_a_table_its_schemas_number_and_truth_types():
    frame = pd.DataFrame(
        {"year": [2017, None], "met": [True, None], "assessable": [1, 0], "gap": ["1.5", "2"]}
    )
    schema = Schema(
        "typed",
        None,
        "a test row",
        (
            Column("year", "Int64", "", "a year"),
            Column("met", "boolean", "", "met"),
            Column("assessable", "bool", "", "assessable"),
            Column("gap", "float", "", "a gap"),
        ),
    )
    shown = typed(frame, schema)
    assert [str(t) for t in shown.dtypes] == ["Int64", "boolean", "bool", "float64"]
    assert shown.year.isna().tolist() == [False, True] and shown.gap.tolist() == [1.5, 2.0]


def test_typed_leaves_its_input_as_it_was_and_a_text_table_as_it_is():
    frame = pd.DataFrame({"year": ["2017", None], "name": ["a", "b"]})
    before = frame.copy()
    schema = Schema(
        "years", None, "a test row", (Column("year", "Int64", "", "a year"), TINY.columns[0])
    )
    shown = typed(frame, schema)
    assert str(shown.year.dtype) == "Int64" and shown.year.isna().tolist() == [False, True]
    pd.testing.assert_frame_equal(frame, before)
    text = frame[["name"]]
    assert typed(text, Schema("names", None, "a test row", TINY.columns[:1])) is text


def test_written_numbers_carry_twelve_significant_digits_whatever_their_last_bits(tmp_path):
    noisy = pd.DataFrame(
        {"name": ["a", "b", "c"], "value": [17.650000000000002, 590999999999999.9, 1 / 3]}
    )
    write_tables({TINY: noisy}, tmp_path)
    assert (tmp_path / "tiny.csv").read_text() == (
        "name,value\na,17.65\nb,591000000000000.0\nc,0.333333333333\n"
    )
    assert rounded(noisy, TINY).name.tolist() == ["a", "b", "c"]  # text columns untouched


def test_each_written_number_is_the_text_pandas_writes_for_its_rounded_value(tmp_path):
    values = [520e12, 520e12, 4.5, float("nan"), -0.0, 0.0, 1e-7, 1e16, 2 / 3, 165983.0, -4.25]
    table = pd.DataFrame({"name": [f"r{i}" for i in range(len(values))], "value": values})
    write_tables({TINY: table}, tmp_path)
    each = table.assign(value=[float(format(v, ".12g")) for v in values])  # one by one
    expected = each.to_csv(index=False, lineterminator="\n")
    assert (tmp_path / "tiny.csv").read_text() == expected
    assert expected.splitlines()[3:7] == ["r2,4.5", "r3,", "r4,-0.0", "r5,0.0"]
    pd.testing.assert_frame_equal(rounded(table, TINY), each)


def test_table_rows_are_the_rows_itertuples_gives():
    columns = {"name": ["a", "b", ""], "n": [1, 2, 3], "x": [0.5, None, 2.0], "class": list("xyz")}
    table = pd.DataFrame(columns)
    rows = table_rows(table)
    assert [r[:2] for r in rows] == [e[:2] for e in table.itertuples(index=False)]
    assert [r.name for r in rows] == ["a", "b", ""] and [r.n for r in rows] == [1, 2, 3]
    assert rows[1].x != rows[1].x and rows[2]._3 == "z"  # a keyword column is renamed, as there


# --- text a spreadsheet would run: neutralised when written, as it was when read back -------

FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tx", "'=x", "''-x"]
PLAIN = ["=", "-", "a=b", "'quoted'", "", "x - y"]


def test_text_opening_with_a_formula_character_gets_an_apostrophe_and_loses_it_again():
    cells = [*FORMULAS, "\rx", *PLAIN]  # a carriage return too (the CSV writer leaves it bare)
    table = pd.DataFrame({"name": cells, "value": [-1.0] * len(cells)})
    neutral = for_spreadsheets(table, TINY)
    assert neutral.name.tolist() == ["'" + c for c in [*FORMULAS, "\rx"]] + PLAIN
    assert neutral.value.tolist() == table.value.tolist()
    pd.testing.assert_frame_equal(from_spreadsheets(neutral, TINY), table)


def test_formula_like_text_is_written_with_an_apostrophe_and_read_back_as_it_was(tmp_path):
    names = FORMULAS + PLAIN
    table = pd.DataFrame({"name": names, "value": [-4.5] * len(names)})
    write_tables({TINY: table}, tmp_path)
    written = pd.read_csv(tmp_path / "tiny.csv", dtype=str, keep_default_na=False)
    assert written.name.tolist() == ["'" + cell for cell in FORMULAS] + PLAIN
    assert written.value.tolist() == ["-4.5"] * len(names)  # a negative number stays a number
    loaded = load_table(TINY, tmp_path, tmp_path, "the tiny notebook")
    pd.testing.assert_frame_equal(loaded, table)


def test_a_register_note_that_is_a_formula_reaches_figures_csv_neutralised(data_dir):
    payload = "=cmd|' /C calc'!A0"
    edit_register(data_dir, 2, note=payload)
    rebuild(data_dir)
    written = pd.read_csv(data_dir / "processed" / "figures.csv", dtype=str)
    assert "'" + payload in written.note.tolist() and payload not in written.note.tolist()
    assert payload in clean.load(data_dir / "processed").figures.note.tolist()
