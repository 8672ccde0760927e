"""helpers.runner.prose: prose in both languages in a notebook, one language in a report."""

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from helpers.core.paths import NOTEBOOKS
from helpers.runner import prose
from helpers.runner.prose import in_language, prose_problems

HIDDEN = {"jupyter": {"source_hidden": True}}


def english(text: str = "## The verdict") -> nbformat.NotebookNode:
    return new_markdown_cell(text, metadata={"tags": ["lang-en"]})


def indonesian(text: str = "## Putusan", hidden: bool = True) -> nbformat.NotebookNode:
    return new_markdown_cell(text, metadata={"tags": ["lang-id"], **(HIDDEN if hidden else {})})


def notebook() -> nbformat.NotebookNode:
    return new_notebook(cells=[english(), indonesian(), new_code_cell("x = 1"), english("# A")])


@pytest.mark.parametrize(
    ("lang", "kept"), [("en", ["## The verdict", "x = 1", "# A"]), ("id", ["## Putusan", "x = 1"])]
)
def test_a_report_keeps_its_language_and_every_code_cell(lang, kept):
    shown = in_language(notebook(), lang)
    assert [cell.source for cell in shown.cells] == kept
    assert not any("jupyter" in cell.metadata for cell in shown.cells)  # shown open


def test_a_report_in_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="lang"):
        in_language(notebook(), "fr")


def test_the_committed_notebooks_follow_the_convention():
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        cells = nbformat.read(path, as_version=4).cells
        assert list(prose_problems(cells)) == [], path.name
        assert sum(cell.cell_type == "markdown" for cell in cells) >= 2, path.name


@pytest.mark.parametrize(
    ("cells", "index", "problem"),
    [
        ([new_markdown_cell("# T"), indonesian()], 0, "exactly one tag"),
        ([english()], 0, "without its id translation right after it"),
        ([indonesian()], 0, "without its en translation right before it"),
        ([english(), new_code_cell("x"), indonesian()], 2, "without its en translation"),
        ([english(), indonesian(hidden=False)], 1, "should be collapsed"),
        ([new_code_cell("x", metadata={"tags": ["lang-en"]})], 0, "code cell has a language tag"),
    ],
    ids=["untagged", "no-id", "no-en", "apart", "open-id", "tagged-code"],
)
def test_each_break_of_the_convention_is_named_by_its_cell(cells, index, problem):
    found = list(prose_problems(cells))
    assert any(i == index and problem in what for i, what in found), found


@pytest.mark.parametrize(
    ("source", "typed"),
    [
        ("Three points of value added, 2014 to 2016.", ["2014", "2016."]),
        ("The 95% interval.", ["95%"]),
        ("Value added for 2014-2016 (three points).", ["2014-2016"]),
        ('ANTARA writes <q lang="id">165.983 unit pada tahun 2016</q>.', []),
        ('<cite lang="en">Forecasting, 3rd edition</cite>', []),
        ("No figure here, in words: three, a few.", []),
    ],
)
def test_a_number_typed_in_the_prose_is_found_outside_quotes_and_citations(source, typed):
    assert prose.typed_numbers(source) == typed
    cells = [
        {"cell_type": "markdown", "metadata": {"tags": ["lang-en"]}, "source": source},
        {"cell_type": "markdown", "source": "Tanpa angka.",
         "metadata": {"tags": ["lang-id"], "jupyter": {"source_hidden": True}}},
    ]  # fmt: skip
    problems = [problem for _, problem in prose.prose_problems(cells)]
    assert bool(problems) == bool(typed), problems


def test_the_committed_notebooks_type_no_number_in_their_prose():
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")):
        cells = nbformat.read(path, as_version=4).cells
        typed = [
            (index, prose.typed_numbers(cell.source))
            for index, cell in enumerate(cells)
            if cell.cell_type == "markdown" and prose.typed_numbers(cell.source)
        ]
        assert typed == [], f"{path.name}: {typed}"
