"""The runner: checked run sets, parallel kernels, atomic publishing, stable reports."""

from support import ALL, runs_file

from helpers.runner import run


def test_a_bad_set_stops_the_run_before_anything_executes(tmp_path, capsys):
    reports = tmp_path / "reports"
    sets = {"fine": {"notebooks": ALL[:1]}, "bad": {"notebooks": ALL, "parameters": {"x": 1}}}
    assert run.main(["--runs", str(runs_file(tmp_path, sets)), "--reports", str(reports)]) == 2
    assert "set 'bad': parameter 'x' is not declared" in capsys.readouterr().err
    assert not reports.exists()


def test_publish_replaces_the_previous_report_whole(tmp_path):
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "new.txt").write_text("new")
    (tmp_path / "final").mkdir()
    (tmp_path / "final" / "old.txt").write_text("old")
    run.publish(tmp_path / "build", tmp_path / "final")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["final"]
    assert [p.name for p in (tmp_path / "final").iterdir()] == ["new.txt"]


def test_the_default_set_refreshes_the_committed_tables(tmp_path):
    report, data = tmp_path / "report", tmp_path / "data"
    (report / "tables").mkdir(parents=True)
    (report / "tables" / "figures.csv").write_text("a\n1\n")
    run.refresh_processed(report, data)
    assert (data / "processed" / "figures.csv").read_text() == "a\n1\n"
