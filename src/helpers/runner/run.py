"""Run every set of notebooks/runs.yaml and publish its reports in reports/<set>/.

Notebooks run in dependency order within a set and in parallel across sets. A set is built
in reports/.build/<set>/ and moved into place only when every notebook in it succeeded; a
failure keeps the previous report, saves the failed notebook in reports/_failed/<set>/ and
makes the command exit non-zero. A set whose inputs have not changed since its last good
report is reused, unless --force.
"""

import argparse
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from helpers.core.files import write_files
from helpers.core.paths import DATA, NOTEBOOKS, REPORTS, ROOT
from helpers.runner import render
from helpers.runner.runsets import (
    RUNS,
    RunSet,
    RunSetError,
    check_run_sets,
    declared_parameters,
    inputs_hash,
    load_runs,
)

MANIFEST = "manifest.json"
BUILD, FAILED = ".build", "_failed"
DEFAULT_SET = "default"
# Workers start from a clean server process, not by forking the caller: a fork of a process
# whose libraries already run threads (BLAS, tqdm's monitor) can deadlock in the child. The
# server imports papermill and nbconvert once (seconds: nbformat's jsonschema builds IRI
# grammars on import), and every worker forked from it starts with them loaded.
WORKERS = multiprocessing.get_context("forkserver")
WORKERS.set_forkserver_preload(["helpers.runner.execute", "helpers.runner.render"])


@dataclass
class Progress:
    """What is left of one set during a run."""

    run_set: RunSet
    inputs: str  # the inputs hash taken before the run: the report records what it was built from
    done: list[str] = field(default_factory=list)
    headlines: dict[str, str] = field(default_factory=dict)
    failure: str | None = None
    running: set[str] = field(default_factory=set)

    def ready(self) -> list[str]:
        """Notebooks not yet started whose dependencies within the set have finished."""
        if self.failure:
            return []
        started = set(self.done) | self.running
        return [
            n
            for n in self.run_set.notebooks
            if n not in started and all(d in self.done for d in self.run_set.needs[n])
        ]

    @property
    def finished(self) -> bool:
        return not self.running and (self.failure is not None or not self.ready())


def run_notebook(run_set: RunSet, notebook: str, reports: Path) -> tuple[str, str | None]:
    """Execute one notebook of a set into its build folder and render it: (headline, failure)."""
    import nbformat

    from helpers.runner import execute  # imported in the workers: a no-change run needs neither

    build = reports / BUILD / run_set.name
    source = NOTEBOOKS / f"{notebook}.ipynb"
    target = build / source.name
    parameters = run_set.parameters_for(notebook, set(declared_parameters(source)))
    failure = execute.execute(source, target, parameters, cwd=build)
    if not target.is_file():
        return "", str(failure)
    paths = execute.machine_paths(build, f"reports/{run_set.name}", ROOT)
    executed = execute.stabilise(nbformat.read(target, as_version=4), paths)
    nbformat.write(executed, target)
    if failure:
        return "", str(failure)
    render.render_notebook(executed, target.with_suffix(".html"), reader=True)
    render.render_notebook(executed, target.with_suffix(".full.html"), reader=False)
    return render.headline(executed), None


def run(
    sets: list[RunSet],
    reports: Path = REPORTS,
    jobs: int | None = None,
    force: bool = False,
    listed: list[RunSet] | None = None,
) -> dict[str, str]:
    """Run the sets; return the failures by set name (empty when every set succeeded).

    The index lists `listed` (default: `sets`), so a run of a few sets keeps the others.
    Raises RunSetError, before anything runs, if a set to run has a bad parameter.
    """
    reports = reports.resolve()
    inputs = {s.name: inputs_hash(s) for s in sets}
    stale = [s for s in sets if force or not _is_current(s, inputs[s.name], reports)]
    for run_set in sets:
        if run_set not in stale:
            print(f"{run_set.name}: reused (inputs unchanged since its last good report)")
    check_run_sets(stale)
    reports.mkdir(parents=True, exist_ok=True)
    todo = [Progress(s, inputs[s.name]) for s in stale]
    failures = _execute_all(todo, reports, jobs or os.cpu_count() or 1)
    if any(s.name == DEFAULT_SET for s in sets) and DEFAULT_SET not in failures:
        refresh_processed(reports / DEFAULT_SET)
    write_index(listed or sets, reports, failures)
    return failures


def _execute_all(todo: list[Progress], reports: Path, jobs: int) -> dict[str, str]:
    failures: dict[str, str] = {}
    if not todo:
        return failures
    for progress in todo:
        build = reports / BUILD / progress.run_set.name
        shutil.rmtree(build, ignore_errors=True)
        build.mkdir(parents=True)
    total = sum(len(p.run_set.notebooks) for p in todo)
    running: dict[Future, tuple[Progress, str]] = {}
    with (
        ProcessPoolExecutor(max_workers=jobs, mp_context=WORKERS) as pool,
        tqdm(total=total, unit="notebook", disable=None) as bar,
    ):

        def submit_ready() -> None:
            for progress in todo:
                for notebook in progress.ready():
                    progress.running.add(notebook)
                    future = pool.submit(run_notebook, progress.run_set, notebook, reports)
                    running[future] = (progress, notebook)

        submit_ready()
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                progress, notebook = running.pop(future)
                progress.running.discard(notebook)
                headline, failure = _outcome(future, notebook)
                bar.update(1)
                if failure:
                    progress.failure = failure
                    tqdm.write(f"{progress.run_set.name}: FAILED {failure}", file=sys.stderr)
                else:
                    progress.done.append(notebook)
                    progress.headlines[notebook] = headline
                if progress.finished:
                    _finish(progress, reports, failures)
            submit_ready()
    return failures


def _outcome(future: Future, notebook: str) -> tuple[str, str | None]:
    try:
        return future.result()
    except Exception as error:  # a crash of the worker itself
        return "", f"{notebook}: {type(error).__name__}: {error}"


def _finish(progress: Progress, reports: Path, failures: dict[str, str]) -> None:
    run_set = progress.run_set
    build = reports / BUILD / run_set.name
    failed = reports / FAILED / run_set.name
    if progress.failure:
        failures[run_set.name] = progress.failure
        shutil.rmtree(failed, ignore_errors=True)
        failed.mkdir(parents=True)
        for notebook in build.glob("*.ipynb"):
            shutil.copy2(notebook, failed / notebook.name)
        shutil.rmtree(build)
        print(
            f"{run_set.name}: failed; previous report kept; notebooks in {FAILED}/{run_set.name}/"
        )
        return
    manifest = {
        "set": run_set.name,
        "description": run_set.description,
        "language": run_set.language,
        "parameters": run_set.parameters,
        "notebooks": [{"name": n, "headline": progress.headlines[n]} for n in run_set.notebooks],
        "inputs": progress.inputs,
    }
    (build / MANIFEST).write_text(_json(manifest), encoding="utf-8")
    publish(build, reports / run_set.name)
    shutil.rmtree(failed, ignore_errors=True)
    print(f"{run_set.name}: published {reports.name}/{run_set.name}/")


def publish(build: Path, final: Path) -> None:
    """Move a finished build into place, replacing the previous report only at the end."""
    old = final.with_name(f".old-{final.name}")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    build.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def _is_current(run_set: RunSet, inputs: str, reports: Path) -> bool:
    manifest = reports / run_set.name / MANIFEST
    if not manifest.is_file():
        return False
    return json.loads(manifest.read_text(encoding="utf-8")).get("inputs") == inputs


def refresh_processed(report: Path, data_dir: Path = DATA) -> None:
    """Copy the default set's tables to the committed data/processed/, all or nothing."""
    tables = sorted((report / "tables").glob("*.csv"))
    write_files({data_dir / "processed" / t.name: t.read_bytes() for t in tables})


def write_index(sets: list[RunSet], reports: Path, failures: dict[str, str]) -> None:
    """reports/index.html over every set with a good report, and the methodology page."""
    manifests = [
        json.loads((reports / s.name / MANIFEST).read_text(encoding="utf-8"))
        for s in sets
        if (reports / s.name / MANIFEST).is_file()
    ]
    methodology = ROOT / "docs" / "methodology.md"
    pages = {reports / "index.html": render.index_page(manifests, failures)}
    if methodology.is_file():
        text = methodology.read_text(encoding="utf-8")
        pages[reports / "methodology.html"] = render.methodology_page(text)
    write_files({path: content.encode() for path, content in pages.items()})


def refresh_notebooks() -> list[str]:
    """Re-execute the committed notebooks in place with their defaults (nbval's reference)."""
    import nbformat

    from helpers.runner import execute

    sources = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    paths = execute.machine_paths(NOTEBOOKS, "notebooks", ROOT)
    failures = []
    for source in sources:  # in order: later notebooks read the tables earlier ones write
        with tempfile.TemporaryDirectory() as tmp:
            executed = Path(tmp) / source.name
            failure = execute.execute(source, executed, {}, cwd=NOTEBOOKS)
            if failure:
                failures.append(str(failure))
                break
            notebook = execute.stabilise(nbformat.read(executed, as_version=4), paths)
            nbformat.write(notebook, source)
        print(f"{source.name}: re-executed in place")
    return failures


def _json(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.runner.run",
        description=__doc__.split("\n\n")[0],
        epilog="Sets are defined in notebooks/runs.yaml; make run calls this with no arguments.",
    )
    parser.add_argument("sets", nargs="*", help="run only these sets (default: all)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count(), help="parallel notebooks")
    parser.add_argument("--force", action="store_true", help="run even if inputs are unchanged")
    parser.add_argument("--runs", type=Path, default=RUNS, help="the run sets file")
    parser.add_argument("--reports", type=Path, default=REPORTS, help="where reports go")
    parser.add_argument(
        "--refresh-notebooks",
        action="store_true",
        help="re-execute the committed notebooks in place instead (make notebooks)",
    )
    args = parser.parse_args(argv)
    if args.refresh_notebooks:
        failures = refresh_notebooks()
    else:
        try:
            sets = load_runs(args.runs)
            unknown = set(args.sets) - {s.name for s in sets}
            if unknown:
                parser.error(f"unknown sets {sorted(unknown)}; known: {[s.name for s in sets]}")
            chosen = [s for s in sets if not args.sets or s.name in args.sets]
            failures = list(run(chosen, args.reports, args.jobs, args.force, sets).values())
        except RunSetError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    for failure in failures:
        print(f"failed: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
