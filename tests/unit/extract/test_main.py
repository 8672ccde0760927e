"""python -m helpers.extract: a source's normalised text, a usage line for --help or no
argument, and one line naming an unknown id, as the README tells users to run it."""

import pytest

from helpers.core.paths import DATA
from helpers.extract.__main__ import main
from helpers.extract.figures import normalised_texts
from helpers.extract.sources import load_sources


def test_prints_the_normalised_text_of_a_source(capsys):
    source_id = load_sources(DATA).source_id.iloc[0]
    assert main([source_id]) == 0
    assert capsys.readouterr().out == normalised_texts(DATA, load_sources(DATA))[source_id]


def test_help_says_what_it_prints_and_exits_0(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: python -m helpers.extract [-h] source_id")
    assert "normalised text" in out


def test_no_argument_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exited:
        main([])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.endswith("error: the following arguments are required: source_id\n")


def test_an_unknown_id_is_named_with_the_closest_ones_in_one_line(capsys):
    source_id = load_sources(DATA).source_id.iloc[0]
    assert main([source_id + "x"]) == 2
    count = len(load_sources(DATA))
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith(
        f"error: '{source_id}x' is not a source_id of data/sources.csv ({count} sources); "
        f"did you mean '{source_id}'"
    )


def test_a_bad_raw_file_is_one_line_naming_it(data_dir, capsys):
    source_id = load_sources(data_dir).source_id.iloc[0]
    (data_dir / "raw" / f"{source_id}.txt").unlink()
    assert main(["--data", str(data_dir), source_id]) == 2
    assert capsys.readouterr().err == (
        f"error: data/raw/{source_id}.txt: raw file for source '{source_id}' is missing\n"
    )
