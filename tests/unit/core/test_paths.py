"""helpers.core.paths: the workspace layout, and paths shown in messages relative to the data
folder, never absolute."""

from pathlib import Path

import pytest

from helpers.core.paths import DATA, NOTEBOOKS, REPORTS, ROOT, display_path


def test_the_layout_hangs_off_the_checkout_root():
    assert (ROOT / "pyproject.toml").is_file()
    assert (DATA, REPORTS, NOTEBOOKS) == (ROOT / "data", ROOT / "reports", ROOT / "notebooks")
    assert (DATA / "sources.csv").is_file()


@pytest.mark.parametrize(
    ("relative", "shown"),
    [
        ("sources.csv", "data/sources.csv"),
        ("raw/antara-2017-ikm.txt", "data/raw/antara-2017-ikm.txt"),
        ("processed/deep/er/t.csv", "data/processed/deep/er/t.csv"),
    ],
)
def test_a_path_inside_the_data_folder_is_shown_from_data(relative, shown):
    assert display_path(DATA / relative, DATA) == shown


def test_a_private_data_folder_is_shown_as_data_whatever_its_name(tmp_path):
    copy = tmp_path / "copy-of-data"
    assert display_path(copy / "register.csv", copy) == "data/register.csv"


def test_an_absolute_path_outside_the_data_folder_shows_its_name_alone(tmp_path):
    assert display_path(tmp_path / "elsewhere" / "notes.csv", DATA) == "notes.csv"
    assert display_path(REPORTS / "baseline" / "index.html", DATA) == "index.html"


def test_relative_paths_inside_a_relative_data_folder_are_shown_from_data():
    assert display_path(Path("data/raw/a.txt"), Path("data")) == "data/raw/a.txt"
    assert display_path(Path("work/data/raw/a.txt"), Path("work/data")) == "data/raw/a.txt"


def test_a_relative_path_outside_the_data_folder_is_shown_as_given():
    assert display_path(Path("raw/a.txt"), DATA) == "raw/a.txt"
    assert display_path(Path("other/raw/a.txt"), Path("data")) == "other/raw/a.txt"
