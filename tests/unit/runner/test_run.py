"""helpers.runner.run without executing notebooks: a bad set, a bad --jobs, a reports folder
that cannot be written or is in use stop the run, or a refresh of the notebooks; publish,
why_run, write_index and refresh_processed; what the workers' server preloads."""

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import ALL, files_under, runs_file

from helpers.runner import lock, render, run
from helpers.runner.runsets import RunSet


def test_a_bad_set_stops_the_run_before_anything_executes(tmp_path, capsys):
    reports = tmp_path / "reports"
    sets = {"fine": {"notebooks": ALL[:1]}, "bad": {"notebooks": ALL, "parameters": {"x": 1}}}
    assert run.main(["--runs", str(runs_file(tmp_path, sets)), "--reports", str(reports)]) == 2
    assert "set 'bad': parameter 'x' is not declared" in capsys.readouterr().err
    assert not reports.exists()


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_jobs_must_be_a_whole_number_of_at_least_one(tmp_path, capsys, jobs):
    bad = runs_file(tmp_path, {"bad": {"notebooks": ALL[:1], "parameters": {"x": 1}}})
    with pytest.raises(SystemExit) as exited:  # the bad set: nothing runs if --jobs passed
        run.main(["--jobs", jobs, "--runs", str(bad), "--reports", str(tmp_path / "reports")])
    assert exited.value.code == 2
    message = f"argument --jobs: expected a whole number of at least 1, got '{jobs}'"
    assert message in capsys.readouterr().err
    assert not (tmp_path / "reports").exists()


def test_a_reports_folder_that_cannot_be_made_stops_the_run_before_anything_executes(
    tmp_path, capsys
):
    (tmp_path / "file").write_text("not a folder")
    reports = tmp_path / "file" / "reports"
    runs = runs_file(tmp_path, {"fine": {"notebooks": ALL[:1]}})
    assert run.main(["--runs", str(runs), "--reports", str(reports)]) == 2
    assert capsys.readouterr().err == (
        f"error: cannot write to the reports folder {reports}: Not a directory\n"
    )


def test_a_run_on_a_reports_folder_in_use_is_refused_at_once(tmp_path, capsys):
    reports = tmp_path / "reports"
    runs = runs_file(tmp_path, {"fine": {"notebooks": ALL[:1]}})
    with lock.hold(reports):
        assert run.main(["--runs", str(runs), "--reports", str(reports)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: another run (pid {os.getpid()}, started ")
    assert err.endswith(
        f") is using {reports}; let it finish or stop it, or pass --wait to wait for it\n"
    )
    assert not (reports / "fine").exists()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_and_sigint_unwind_the_run_and_exit_with_a_message(monkeypatch, capsys, signum):
    before = signal.getsignal(signum)

    def signalled(**options) -> list[str]:
        os.kill(os.getpid(), signum)
        time.sleep(5)  # the handler raises first
        return []

    monkeypatch.setattr(run, "refresh_notebooks", signalled)
    assert run.main(["--refresh-notebooks"]) == 128 + signum
    name = signal.Signals(signum).name
    assert capsys.readouterr().err == f"error: stopped by {name}; its workers and kernels ended\n"
    assert signal.getsignal(signum) is before


def test_a_refresh_of_the_notebooks_is_refused_while_a_run_uses_the_reports(tmp_path, capsys):
    reports, notebooks = tmp_path / "reports", tmp_path / "notebooks"
    notebooks.mkdir()  # none to execute: the lock is taken before any
    in_use = pytest.raises(lock.ReportsError, match=rf"another run \(pid {os.getpid()}")
    with lock.hold(reports), in_use:  # a run in progress; the default set writes data/ too
        run.refresh_notebooks(notebooks, tmp_path / "data", reports)
    assert run.refresh_notebooks(notebooks, tmp_path / "data", reports) == []
    assert list((reports / lock.BUILD).iterdir()) == []  # its folders removed as a run's are
    assert "replaced the notebooks" in capsys.readouterr().out


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


# --- publish --------------------------------------------------------------------------------


def test_publish_moves_a_first_build_into_place(tmp_path):
    build, final = tmp_path / ".build" / "x", tmp_path / "x"
    (build / "tables").mkdir(parents=True)
    (build / "tables" / "t.csv").write_text("a\n")
    run.publish(build, final)
    assert files_under(tmp_path) == {"x/tables/t.csv": b"a\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [".build", "x"]


def test_publish_clears_an_old_folder_left_by_an_interrupted_publish(tmp_path):
    build, final = tmp_path / "build", tmp_path / "x"
    for folder, name in ((build, "new"), (final, "current"), (tmp_path / ".old-x", "stale")):
        folder.mkdir()
        (folder / f"{name}.txt").write_text(name)
    run.publish(build, final)
    assert files_under(tmp_path) == {"x/new.txt": b"new"}


# --- why_run --------------------------------------------------------------------------------


def with_manifest(reports: Path, name: str, manifest: dict) -> None:
    (reports / name).mkdir(parents=True)
    (reports / name / run.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


RUN_SET = RunSet("x", "a set", ("01-clean-figures",), {"lang": "id"})


def manifest(name: str) -> dict:
    return {
        "set": name,
        "description": f"about {name}",
        "language": "en",
        "parameters": {},
        "notebooks": [{"name": "01-clean-figures", "headline": f"{name} headline"}],
        "inputs": "abc",
    }


def test_a_set_without_a_manifest_is_not_current(tmp_path):
    assert run.why_run(RUN_SET, "abc", tmp_path) is not None
    (tmp_path / "x").mkdir()
    assert run.why_run(RUN_SET, "abc", tmp_path) is not None


def test_a_set_is_current_only_for_the_inputs_its_manifest_records(tmp_path):
    with_manifest(tmp_path, "x", manifest("x"))
    assert run.why_run(RUN_SET, "abc", tmp_path) is None
    assert run.why_run(RUN_SET, "abd", tmp_path) is not None


def test_a_manifest_without_inputs_is_not_current(tmp_path):
    with_manifest(tmp_path, "x", {k: v for k, v in manifest("x").items() if k != "inputs"})
    assert run.why_run(RUN_SET, "abc", tmp_path) is not None


def test_the_run_says_why_a_set_runs_again(tmp_path):
    """After Chromium was installed, every set ran again for its PDFs without saying why."""
    assert run.why_run(RUN_SET, "abc", tmp_path) == "no report yet"
    notebooks = [{"name": "01-a", "headline": ""}]
    with_manifest(tmp_path, "x", manifest("x") | {"notebooks": notebooks})
    assert run.why_run(RUN_SET, "abc", tmp_path, force=True) == "forced (--force)"
    assert run.why_run(RUN_SET, "abd", tmp_path).startswith("its inputs changed since")
    assert run.why_run(RUN_SET, "abc", tmp_path, chromium="/usr/bin/chromium") == (
        "its report has no PDFs, and Chromium is now there to print them"
    )


def test_a_set_without_its_pdfs_is_current_only_while_there_is_no_chromium_to_print_them(tmp_path):
    notebooks = [{"name": "01-a", "pdf": "01-a.pdf"}, {"name": "02-b"}]
    notebooks = [n | {"headline": ""} for n in notebooks]
    with_manifest(tmp_path, "x", manifest("x") | {"notebooks": notebooks})
    assert run.why_run(RUN_SET, "abc", tmp_path, chromium=None) is None
    assert run.why_run(RUN_SET, "abc", tmp_path, chromium="/usr/bin/chromium") is not None
    notebooks[1]["pdf"] = "02-b.pdf"
    (tmp_path / "x" / run.MANIFEST).unlink()
    with_manifest(tmp_path / "again", "x", manifest("x") | {"notebooks": notebooks})
    assert run.why_run(RUN_SET, "abc", tmp_path / "again", chromium="/usr/bin/chromium") is None


BROKEN_MANIFESTS = {
    "cut-short": ('{"set": "x", "inputs": "ab', "JSONDecodeError: Unterminated string"),
    "not-utf8": (b'{"set": "\xff"}', "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff"),
    "a-list": ("[1, 2]", "not a JSON object"),
    "no-inputs": (
        json.dumps({k: v for k, v in manifest("x").items() if k != "inputs"}),
        "missing or malformed inputs",
    ),
    "a-bad-notebook": (
        json.dumps(manifest("x") | {"notebooks": [{"name": 1}]}),
        "missing or malformed notebooks",
    ),
}


@pytest.mark.parametrize(("content", "problem"), BROKEN_MANIFESTS.values(), ids=BROKEN_MANIFESTS)
def test_a_broken_manifest_is_not_current_and_says_why(tmp_path, content, problem):
    (tmp_path / "x").mkdir()
    data = content.encode() if isinstance(content, str) else content
    (tmp_path / "x" / run.MANIFEST).write_bytes(data)
    assert run.why_run(RUN_SET, "abc", tmp_path) is not None
    recorded, said = run.read_manifest(tmp_path, "x")
    assert recorded is None and said.startswith(problem)


def test_a_broken_manifest_runs_its_set_again_with_a_note_and_drops_out_of_the_index(
    tmp_path, monkeypatch, capsys
):
    reports = tmp_path / "reports"
    with_manifest(reports, "x", manifest("x"))
    (reports / "x" / run.MANIFEST).write_text('{"set": "x", "inp', encoding="utf-8")
    with_manifest(reports, "y", manifest("y"))
    ran = []
    monkeypatch.setattr(run, "inputs_hash", lambda run_set: "abc")
    monkeypatch.setattr(run, "find_chromium", lambda: None)
    monkeypatch.setattr(run, "check_run_sets", ran.append)
    monkeypatch.setattr(run, "_execute_all", lambda todo, *rest: ran.append(todo) or {})
    sets = [RunSet(name, "", ("01-clean-figures",)) for name in ("x", "y")]
    assert run.run(sets, reports) == {}
    assert [[p.run_set.name for p in todo] for todo in ran[1:]] == [["x"]]
    said, note, reused = capsys.readouterr().out.splitlines()[:3]
    assert said == f"2 sets: 1 to run (1 notebook, {os.cpu_count()} at a time), 1 reused"
    assert note.startswith("x: reports/x/manifest.json cannot be read (JSONDecodeError: ")
    assert note.endswith("); running its 1 notebook")
    assert reused == "y: reused (inputs unchanged since its last good report)"
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert index == render.index_page([manifest("y")], {})


def test_the_manifest_names_a_notebooks_pdf_only_where_one_was_printed(tmp_path):
    (tmp_path / "01-a.pdf").write_bytes(b"%PDF-")
    assert run._notebook_entry("01-a", run.Rendered("A", "one line"), tmp_path) == {
        "name": "01-a",
        "title": "A",
        "headline": "one line",
        "pdf": "01-a.pdf",
    }
    assert run._notebook_entry("02-b", run.Rendered(), tmp_path) == {
        "name": "02-b",
        "title": "",
        "headline": "",
    }


# --- screenshot_pages -----------------------------------------------------------------------


def test_screenshots_are_of_03_targets_in_the_first_published_set_of_each_language(tmp_path):
    notebooks = ("01-clean-figures", "03-targets")
    sets = [
        RunSet("only-01", "", ("01-clean-figures",), {"lang": "id"}),
        RunSet("default", "", notebooks),
        RunSet("not-published", "", notebooks, {"lang": "id"}),
        RunSet("bahasa-indonesia", "", notebooks, {"lang": "id"}),
        RunSet("stock-reading", "", notebooks, {"units_reading": "stock"}),
    ]
    for name in ("default", "bahasa-indonesia", "stock-reading", "only-01"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "03-targets.html").write_text("<p></p>")
    # the first Indonesian set has no report yet: no screenshot of Indonesian this time
    assert run.screenshot_pages(sets, tmp_path) == [tmp_path / "default" / "03-targets.html"]
    (tmp_path / "not-published").mkdir()
    (tmp_path / "not-published" / "03-targets.html").write_text("<p></p>")
    assert run.screenshot_pages(sets, tmp_path) == [
        tmp_path / "default" / "03-targets.html",
        tmp_path / "not-published" / "03-targets.html",
    ]


@pytest.mark.parametrize("mode", ["print", "exit"])
def test_a_browser_that_fails_takes_no_screenshot_and_fails_no_run(
    stand_in, tmp_path, capsys, mode
):
    stand_in.mode(mode)
    stand_in.evaluates_to([])
    sets = [RunSet("default", "", ("03-targets",))]
    (tmp_path / "default").mkdir()
    (tmp_path / "default" / "03-targets.html").write_text("<p></p>")
    run.take_screenshots(sets, {"default"}, tmp_path, str(stand_in.path))
    shots = [p.name for p in (tmp_path / run.SCREENSHOTS).iterdir()]
    said = capsys.readouterr().err
    if mode == "print":
        assert (shots, said) == (["default--03-targets.png"], "")
    else:  # the reports stand, published already: the run goes on, saying why
        assert shots == []
        assert said.startswith("screenshots: not taken: ChromiumError: Chromium exited with 3")


# --- write_index ----------------------------------------------------------------------------


def test_write_index_lists_the_sets_with_a_manifest_and_writes_the_methodology(
    tmp_path, monkeypatch
):
    root, reports = tmp_path / "root", tmp_path / "reports"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "methodology.md").write_text("# Methods\n", encoding="utf-8")
    (root / "docs" / "methodology.id.md").write_text("# Metode\n", encoding="utf-8")
    monkeypatch.setattr(run, "ROOT", root)
    with_manifest(reports, "b", manifest("b"))
    with_manifest(reports, "a", manifest("a"))
    sets = [RunSet(n, "", ("01-clean-figures",)) for n in ("a", "b", "new")]
    run.write_index(sets, reports, {"new": "01.ipynb: cell 2 failed: E"})
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert index == render.index_page(
        [manifest("a"), manifest("b")], {"new": "01.ipynb: cell 2 failed: E"}
    )
    assert "<li>new: 01.ipynb: cell 2 failed: E</li>" in index
    methodology = (reports / "methodology.html").read_text(encoding="utf-8")
    assert methodology == render.methodology_page("# Methods\n")
    indonesian = (reports / "methodology.id.html").read_text(encoding="utf-8")
    assert indonesian == render.methodology_page("# Metode\n", "id")
    assert sorted(p.name for p in reports.iterdir()) == [
        "a",
        "b",
        "index.html",
        "methodology.html",
        "methodology.id.html",
    ]


def test_write_index_leaves_out_sets_not_asked_for_and_a_missing_methodology(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "ROOT", tmp_path / "root")
    reports = tmp_path / "reports"
    with_manifest(reports, "a", manifest("a"))
    with_manifest(reports, "other", manifest("other"))
    run.write_index([RunSet("a", "", ("01-clean-figures",))], reports, {})
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert index == render.index_page([manifest("a")], {})
    assert "other" not in index
    assert not (reports / "methodology.html").exists()


# --- refresh_processed ----------------------------------------------------------------------


def test_refresh_processed_copies_every_table_and_keeps_other_files(tmp_path):
    report, data = tmp_path / "report", tmp_path / "data"
    (report / "tables").mkdir(parents=True)
    (report / "tables" / "a.csv").write_text("a\n2\n")
    (report / "tables" / "b.csv").write_text("b\n3\n")
    (report / "tables" / "notes.txt").write_text("not a table")
    (report / "figures").mkdir()
    (report / "figures" / "c.csv").write_text("a figure's data, not a table")
    (data / "processed").mkdir(parents=True)
    (data / "processed" / "a.csv").write_text("a\n1\n")
    (data / "processed" / "kept.csv").write_text("k\n")
    run.refresh_processed(report, data)
    assert files_under(data) == {
        "processed/a.csv": b"a\n2\n",
        "processed/b.csv": b"b\n3\n",
        "processed/kept.csv": b"k\n",
    }


def test_refresh_processed_without_tables_changes_nothing(tmp_path):
    run.refresh_processed(tmp_path / "report", tmp_path / "data")
    assert list(tmp_path.iterdir()) == []


def test_refresh_processed_writes_all_tables_or_none(tmp_path, monkeypatch):
    report, data = tmp_path / "report", tmp_path / "data"
    (report / "tables").mkdir(parents=True)
    for name in ("a", "b", "c"):
        (report / "tables" / f"{name}.csv").write_text(f"{name}\nnew\n")
        (data / "processed").mkdir(parents=True, exist_ok=True)
        (data / "processed" / f"{name}.csv").write_text(f"{name}\nold\n")
    before = files_under(data)
    opened = []
    fdopen = os.fdopen

    def full_disk_on_the_third(*args, **kwargs):
        opened.append(args)
        if len(opened) == 3:
            raise OSError(28, "No space left on device")
        return fdopen(*args, **kwargs)

    monkeypatch.setattr(os, "fdopen", full_disk_on_the_third)
    with pytest.raises(OSError, match="No space left on device"):
        run.refresh_processed(report, data)
    assert files_under(data) == before  # no table replaced, no temporary file left


def test_the_workers_server_preloads_no_pandas():
    """pandas is for the kernels: in the server it would cost every run 0.3 CPU-s to import."""
    loaded = "import sys\nfor name in sys.argv[1:]: __import__(name)\nprint(sorted(sys.modules))"
    modules = subprocess.run(
        [sys.executable, "-c", loaded, *run.PRELOAD], capture_output=True, text=True, check=True
    ).stdout
    assert "'helpers.runner.render'" in modules and "'nbformat'" in modules
    assert "'pandas'" not in modules


# --- a full disk ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "ran_out"),
    [(errno.ENOSPC, "the disk is full"), (errno.EDQUOT, "the disk quota is used up")],
)
def test_a_full_disk_stops_the_run_saying_what_ran_out_where_and_keeps_the_reports(
    tmp_path, monkeypatch, capsys, code, ran_out
):
    reports = tmp_path / "reports"
    with_manifest(reports, "x", manifest("x"))
    before = files_under(reports)
    printed = []

    def prints_onto_a_full_disk(todo, reports, build, *rest):
        (build / "x").mkdir()
        (build / "x" / "01-clean-figures.html").write_text("the new report")
        printed.append(build / "x" / "01-clean-figures.pdf")
        raise OSError(code, os.strerror(code), str(printed[0]))

    monkeypatch.setattr(run, "check_run_sets", lambda sets: None)
    monkeypatch.setattr(run, "_execute_all", prints_onto_a_full_disk)
    runs = runs_file(tmp_path, {"x": {"notebooks": ALL[:1]}})
    assert run.main(["--runs", str(runs), "--reports", str(reports), "--force"]) == 2
    assert capsys.readouterr().err == (
        f"error: {ran_out} ({os.strerror(code)}): cannot write {printed[0]}; the reports "
        "published before are kept: free some space there and run again\n"
    )
    assert files_under(reports) == before | {".lock": (reports / ".lock").read_bytes()}
    assert list((reports / lock.BUILD).iterdir()) == []


def test_another_os_error_is_not_taken_for_a_full_disk(tmp_path, monkeypatch):
    def fails(*args):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(run, "check_run_sets", lambda sets: None)
    monkeypatch.setattr(run, "_execute_all", fails)
    runs = runs_file(tmp_path, {"x": {"notebooks": ALL[:1]}})
    with pytest.raises(PermissionError):
        run.main(["--runs", str(runs), "--reports", str(tmp_path / "reports"), "--force"])


def test_a_full_disk_without_a_file_named_names_the_reports_folder():
    error = OSError(errno.ENOSPC, "No space left on device")
    assert run.out_of_space(error, Path("/r/reports")).startswith(
        "the disk is full (No space left on device): cannot write a file under /r/reports; "
    )
