"""helpers.core.schemas: one registry of every table, matching the files and data/README.md."""

import csv

import pytest

from helpers.core.paths import DATA
from helpers.core.schemas import SCHEMAS, main, markdown, readme_with_columns

TYPES = {"str", "int", "float", "Int64", "bool", "boolean"}


def header(path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as file:
        return next(csv.reader(file))


@pytest.mark.parametrize(
    "schema", [s for s in SCHEMAS.values() if s.file and "<" not in s.file], ids=str
)  # a file per source (proposals/<source_id>.csv) is checked where it is written
def test_every_kept_table_has_exactly_the_columns_of_its_schema(schema):
    assert header(DATA / schema.file) == schema.names


def test_every_column_has_a_known_type_a_meaning_and_a_unique_name():
    for schema in SCHEMAS.values():
        assert {c.dtype for c in schema.columns} <= TYPES, schema.name
        assert all(c.description for c in schema.columns), schema.name
        assert len(set(schema.names)) == len(schema.names), schema.name


def test_data_readme_shows_every_schema_as_generated():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert readme_with_columns(readme) == readme, "run: .venv/bin/python -m helpers.core.schemas"
    for schema in SCHEMAS.values():
        assert markdown(schema) in readme, f"data/README.md has no column table of {schema.name}"


def test_a_stale_readme_table_is_found_and_rewritten(tmp_path):
    stale = tmp_path / "README.md"
    block = "<!-- columns of coverage: generated from helpers.core.schemas -->\n"
    stale.write_text(f"# Data\n{block}| column |\n| mention | str |  | old |\n<!-- end -->\n")
    assert main(["--check"], readme=stale) == 1
    assert main([], readme=stale) == 0
    assert main(["--check"], readme=stale) == 0
    assert markdown(SCHEMAS["coverage"]) in stale.read_text()


def test_a_markdown_table_escapes_the_pipes_of_a_meaning():
    table = markdown(SCHEMAS["indicators"])
    assert "`\\|`-separated (e.g. `unit\\|IKM`)" in table
    assert table.splitlines()[0] == "| column | type | unit | meaning |"
