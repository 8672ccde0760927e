"""A notebook run by papermill checks its parameters before it writes anything."""

from helpers.core.paths import NOTEBOOKS
from helpers.runner import execute

NAMES = ("01-clean-figures", "02-trend-projections", "03-targets")  # 02 and 03 read 01's table


def test_a_notebook_stops_on_a_bad_language_before_writing_anything(tmp_path):
    source = NOTEBOOKS / f"{NAMES[0]}.ipynb"
    parameters = {"lang": "fr", "tables_dir": str(tmp_path / "tables")}
    failure = execute.execute(source, tmp_path / source.name, parameters, cwd=NOTEBOOKS)
    assert "ValueError: parameter lang='fr' is not allowed; choose one of ['en', 'id']" in str(
        failure
    )
    assert not (tmp_path / "tables").exists()
