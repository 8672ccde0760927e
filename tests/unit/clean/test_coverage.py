"""The clean table: reproducible from the raw texts, and bad input stops with a clear error
that names the file, row or parameter, leaving data/processed/ as it was."""

from helpers import clean
from helpers.core.paths import DATA


def test_every_figure_in_the_articles_is_registered():
    table = clean.build(DATA)
    stated = table.figures[table.figures.kind != "derived"]
    assert len(stated) == 16
    assert set(table.coverage.reason) <= {"repeats ikm_growth 2018 (target)"}
    assert table.coverage.mention.tolist() == ["di Atas 10 Persen"]
