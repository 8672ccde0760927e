"""Run every set of notebooks/runs.yaml and publish its reports in reports/<set>/.

Notebooks run in dependency order within a set and in parallel across sets. One run at a
time uses a reports folder (`lock`: a second one, or a refresh of the committed notebooks, is
refused, or waits with --wait). A set is built in the run's own reports/.build/<run id>/<set>/
and moved into place only when every notebook in it succeeded; a failure keeps the previous
report, saves the failed notebook in reports/_failed/<set>/ and makes the command exit
non-zero. A set whose inputs have not changed since its last good report is reused, unless
--force.

Where Chromium is installed, each reader's report is also printed to PDF in the build folder,
by one Chromium for the whole run (`pdf.Printer`), as soon as its notebook has run; a failed
print fails its set as a failed cell does. Where it is not, the run says so once and publishes
the HTML alone. Screenshots of the 03-targets report of the first set of each language go to
reports/screenshots/.

However the run ends (done, an error, SIGTERM, SIGINT, even SIGKILL), its workers end and kill
their kernels: on SIGTERM or SIGINT the run unwinds as on an error and stops its workers, and
each worker watches a pipe only the runner holds open, so it sees the runner die.
"""

import argparse
import contextlib
import errno
import json
import multiprocessing
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from helpers.core.files import write_files
from helpers.core.paths import DATA, NOTEBOOKS, REPORTS, ROOT
from helpers.core.processes import skip_final_collection
from helpers.report.language import LANGUAGES
from helpers.runner import browser, lock, pdf, prose, render, vintage
from helpers.runner.chromium import find_chromium
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
MANIFEST_FIELDS = {  # what the index and the reuse check read of a manifest
    "set": str,
    "description": str,
    "language": str,
    "parameters": dict,
    "notebooks": list,
    "inputs": str,
}
FAILED = "_failed"
OUT_OF_SPACE = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is used up"}
DEFAULT_SET = "default"
SCREENSHOTS = "screenshots"
SCREENSHOT_NOTEBOOK = "03-targets"  # of the first set of each language in runs.yaml
NO_CHROMIUM = (
    "pdf: no Chromium found (Debian: apt-get install chromium, or set CHROMIUM): "
    "reports published as HTML only"
)
# Workers start from a clean server process, not by forking the caller: a fork of a process
# whose libraries already run threads (BLAS, tqdm's monitor) can deadlock in the child. The
# server imports papermill and nbconvert once (seconds: nbformat's jsonschema builds IRI
# grammars on import), and every worker forked from it starts with them loaded. The workers
# need no pandas (only the kernels do), so neither of these imports it.
PRELOAD = ["helpers.runner.execute", "helpers.runner.render"]
WORKERS = multiprocessing.get_context("forkserver")
WORKERS.set_forkserver_preload(PRELOAD)


@dataclass
class Progress:
    """What is left of one set during a run."""

    run_set: RunSet
    inputs: str  # the inputs hash taken before the run: the report records what it was built from
    done: list[str] = field(default_factory=list)
    rendered: dict[str, "Rendered"] = field(default_factory=dict)
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


@dataclass(frozen=True)
class Rendered:
    """What a notebook's run gives the index: its report's title, its one-line result, the
    line that says what made it (vintage.line), or why it failed."""

    title: str = ""
    headline: str = ""
    made: str = ""
    failure: str | None = None
    seconds: float = 0.0  # in the worker, run and rendered, not waiting for one


class Stopped(BaseException):
    """SIGTERM or SIGINT: unwinds the run as an error does, so its workers and kernels end."""


def run_notebook(run_set: RunSet, notebook: str, build: Path) -> Rendered:
    """Execute one notebook into its set's build folder and render its reader's report and
    its full one, each ending with what made it (`vintage`) in the set's language."""
    import nbformat

    from helpers.runner import execute  # imported in the workers: a no-change run needs neither

    begun = time.monotonic()
    source = NOTEBOOKS / f"{notebook}.ipynb"
    target = build / source.name
    declared = declared_parameters(source)
    parameters = run_set.parameters_for(notebook, set(declared))
    failure = execute.execute(source, target, parameters, cwd=build)
    if not target.is_file():
        return Rendered(failure=str(failure), seconds=time.monotonic() - begun)
    paths = execute.machine_paths(build, f"reports/{run_set.name}", ROOT)
    executed = execute.stabilise(nbformat.read(target, as_version=4), paths)
    lang = str(parameters.get("lang", declared.get("lang", "en")))
    executed = prose.in_language(executed, lang)
    nbformat.write(executed, target)
    if failure:
        return Rendered(failure=str(failure), seconds=time.monotonic() - begun)
    made = vintage.line(vintage.of(run_set.parameters), lang)
    for suffix, reader in ((".html", True), (".full.html", False)):
        report = target.with_suffix(suffix)
        render.render_notebook(executed, report, reader=reader, lang=lang, made=made)
    seconds = time.monotonic() - begun
    return Rendered(render.title(executed), render.headline(executed), made, seconds=seconds)


def print_report(printer: pdf.Printer, html: Path) -> str | None:
    """Print a reader's report to the PDF next to it: None, or why it was not printed."""
    try:
        printer.print(html, html.with_suffix(".pdf"))
    except pdf.PrintError as error:
        return f"{html.with_suffix('.pdf').name}: not printed: {error}"
    return None


def run(
    sets: list[RunSet],
    reports: Path = REPORTS,
    jobs: int | None = None,
    force: bool = False,
    listed: list[RunSet] | None = None,
    wait: bool = False,
) -> dict[str, str]:
    """Run the sets; return the failures by set name (empty when every set succeeded).

    The index lists `listed` (default: `sets`), so a run of a few sets keeps the others.
    Raises RunSetError, before anything runs, if a set to run has a bad parameter, and
    lock.ReportsError if another run uses `reports` (unless `wait`) or it cannot be written.
    """
    reports = reports.resolve()
    inputs = {s.name: inputs_hash(s) for s in sets}
    chromium = find_chromium()
    check_run_sets(_stale(sets, inputs, reports, force, chromium))
    with lock.hold(reports, wait) as (build, runtime):
        # again: a run waited for may have built some
        stale = _stale(sets, inputs, reports, force, chromium)
        jobs = jobs or os.cpu_count() or 1
        notebooks = plural(sum(len(s.notebooks) for s in stale), "notebook")
        print(
            f"{plural(len(sets), 'set')}: {len(stale)} to run ({notebooks}, {jobs} at a time), "
            f"{len(sets) - len(stale)} reused"
        )
        for run_set in sets:
            if (why := why_run(run_set, inputs[run_set.name], reports, force, chromium)) is None:
                print(f"{run_set.name}: reused (inputs unchanged since its last good report)")
            else:
                notebooks = plural(len(run_set.notebooks), "notebook")
                print(f"{run_set.name}: {why}; running its {notebooks}")
        if stale and chromium is None:
            print(NO_CHROMIUM)
        todo = [Progress(s, inputs[s.name]) for s in stale]
        failures = _execute_all(todo, reports, build, runtime, jobs, chromium)
        if any(s.name == DEFAULT_SET for s in sets) and DEFAULT_SET not in failures:
            refresh_processed(reports / DEFAULT_SET)
        write_index(listed or sets, reports, failures)
        if chromium:
            rebuilt = {p.run_set.name for p in todo} - set(failures)
            take_screenshots(listed or sets, rebuilt, reports, chromium)
    return failures


def _stale(
    sets: list[RunSet],
    inputs: dict[str, str],
    reports: Path,
    force: bool,
    chromium: str | None = None,
) -> list[RunSet]:
    """The sets to run: those `why_run` gives a reason for."""
    return [s for s in sets if why_run(s, inputs[s.name], reports, force, chromium)]


def why_run(
    run_set: RunSet, inputs: str, reports: Path, force: bool = False, chromium: str | None = None
) -> str | None:
    """Why the set must run, or None where its last good report stands: forced, no report,
    a manifest that cannot be read, inputs changed since, or a report without the PDFs that
    `chromium` (installed since) can print."""
    if force:
        return "forced (--force)"
    recorded, problem = read_manifest(reports, run_set.name)
    if problem:
        return f"{reports.name}/{run_set.name}/{MANIFEST} cannot be read ({problem})"
    if recorded is None:
        return "no report yet"
    if recorded["inputs"] != inputs:
        return "its inputs changed since its last report (notebooks, parameters, data or code)"
    if chromium and not all(n.get("pdf") for n in recorded["notebooks"]):
        return "its report has no PDFs, and Chromium is now there to print them"
    return None


@contextlib.contextmanager
def workers(jobs: int, runtime: Path) -> Iterator[ProcessPoolExecutor]:
    """`jobs` workers with their files in `runtime`, which end with their kernels however the
    run ends: with the pool, stopped if the caller raises, or by themselves if the runner dies."""
    reader, writer = WORKERS.Pipe(duplex=False)  # only this process holds `writer` open
    pool = ProcessPoolExecutor(
        jobs, mp_context=WORKERS, initializer=_start_worker, initargs=(runtime, reader)
    )
    try:
        yield pool
    except BaseException:
        for process in list((pool._processes or {}).values()):  # public only in Python 3.14
            process.terminate()  # SIGTERM: the worker kills its kernels and exits
        raise
    finally:
        pool.shutdown(cancel_futures=True)
        reader.close()
        writer.close()


def _start_worker(runtime: Path, runner: Connection) -> None:
    """Files in `runtime` (HOME may be unwritable); end with the kernels on a signal or orphaned."""
    from helpers.runner import execute

    execute.use_runtime(runtime)  # a worker ended at once (_end_worker) leaves its files there
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda received, _: _end_worker(128 + received))
    threading.Thread(target=_end_with, args=(runner,), daemon=True).start()


def _end_with(runner: Connection) -> None:
    """Wait until the runner's end of the pipe closes (it ended, even by SIGKILL), then end."""
    with contextlib.suppress(EOFError, OSError):
        runner.recv_bytes()
    _end_worker(1)


def _end_worker(code: int) -> None:
    """Kill this worker's kernels and exit at once."""
    from helpers.runner import execute

    execute.kill_kernels()
    os._exit(code)


def _execute_all(
    todo: list[Progress],
    reports: Path,
    build: Path,
    runtime: Path,
    jobs: int,
    chromium: str | None = None,
) -> dict[str, str]:
    failures: dict[str, str] = {}
    if not todo:
        return failures
    for progress in todo:
        (build / progress.run_set.name).mkdir()
    total, done, begun = sum(len(p.run_set.notebooks) for p in todo), 0, time.monotonic()
    running: dict[Future, tuple[Progress, str]] = {}
    with (
        workers(jobs, runtime) as pool,
        pdf.Printer(chromium) if chromium else contextlib.nullcontext() as printer,
    ):

        def submit_ready() -> None:
            for progress in todo:
                for notebook in progress.ready():
                    progress.running.add(notebook)
                    folder = build / progress.run_set.name
                    future = pool.submit(run_notebook, progress.run_set, notebook, folder)
                    running[future] = (progress, notebook)

        submit_ready()
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                progress, notebook = running.pop(future)
                progress.running.discard(notebook)
                rendered = _outcome(future, notebook)
                failure = rendered.failure
                if printer and not failure and not progress.failure:  # a failed set prints none
                    report = build / progress.run_set.name / f"{notebook}.html"
                    failure = print_report(printer, report)
                done += 1
                where = f"{progress.run_set.name}/{notebook}"
                took = f"in {elapsed(rendered.seconds)}"
                so_far = f"({done} of {total}, {elapsed(time.monotonic() - begun)} so far)"
                if failure:
                    progress.failure = failure
                    print(f"  {where}: FAILED {took} {so_far}: {failure}", file=sys.stderr)
                else:
                    progress.done.append(notebook)
                    progress.rendered[notebook] = rendered
                    print(f"  {where}: done {took}{' and printed' * bool(printer)} {so_far}")
                if progress.finished:
                    _finish(progress, reports, build / progress.run_set.name, failures)
            submit_ready()
    return failures


def plural(number: int, noun: str) -> str:
    """A count with its noun: "1 notebook", "4 notebooks"."""
    return f"{number} {noun}{'s' * (number != 1)}"


def elapsed(seconds: float) -> str:
    """A duration as a person reads it: "4.2 s", "1:05"."""
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


def _outcome(future: Future, notebook: str) -> Rendered:
    try:
        return future.result()
    except Exception as error:  # a crash of the worker itself
        return Rendered(failure=f"{notebook}: {type(error).__name__}: {error}")


def _finish(progress: Progress, reports: Path, build: Path, failures: dict[str, str]) -> None:
    run_set = progress.run_set
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
        "notebooks": [_notebook_entry(n, progress.rendered[n], build) for n in run_set.notebooks],
        "made": progress.rendered[run_set.notebooks[0]].made,
        "inputs": progress.inputs,
    }
    (build / MANIFEST).write_text(_json(manifest), encoding="utf-8")
    publish(build, reports / run_set.name)
    shutil.rmtree(failed, ignore_errors=True)
    print(f"{run_set.name}: published {reports.name}/{run_set.name}/")


def _notebook_entry(notebook: str, rendered: Rendered, build: Path) -> dict[str, str]:
    """A notebook's line in the manifest: its name, title, headline and its PDF, if printed."""
    pdf = f"{notebook}.pdf"
    entry = {"name": notebook, "title": rendered.title, "headline": rendered.headline}
    return entry | ({"pdf": pdf} if (build / pdf).is_file() else {})


def publish(build: Path, final: Path) -> None:
    """Move a finished build into place, replacing the previous report only at the end."""
    old = final.with_name(f".old-{final.name}")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    build.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def read_manifest(reports: Path, name: str) -> tuple[dict | None, str]:
    """A published set's manifest and "", or None and why it cannot be used ("" when the set
    has none): a manifest cut short by a full disk or edited by hand means the set must run
    again, not a traceback."""
    path = reports / name / MANIFEST
    if not path.is_file():
        return None, ""
    try:
        recorded = json.loads(path.read_bytes())
    except (OSError, ValueError) as error:
        return None, f"{type(error).__name__}: {error}"
    if not isinstance(recorded, dict):
        return None, "not a JSON object"
    wrong = [
        key for key, kind in MANIFEST_FIELDS.items() if not isinstance(recorded.get(key), kind)
    ]
    entry = {"name": str, "headline": str, "title": str | None, "pdf": str | None}
    for notebook in recorded.get("notebooks") if "notebooks" not in wrong else []:
        if not isinstance(notebook, dict) or not all(
            isinstance(notebook.get(key), kind) for key, kind in entry.items()
        ):
            wrong.append("notebooks")
            break
    if not isinstance(recorded.get("made", ""), str):
        wrong.append("made")
    if wrong:
        return None, f"missing or malformed {', '.join(wrong)}"
    return recorded, ""


def screenshot_pages(sets: list[RunSet], reports: Path) -> list[Path]:
    """The reader's report of SCREENSHOT_NOTEBOOK in the first set of each language that has
    one published (runs.yaml: default in English, bahasa-indonesia in Indonesian)."""
    first: dict[str, Path] = {}
    for run_set in sets:
        page = reports / run_set.name / f"{SCREENSHOT_NOTEBOOK}.html"
        if SCREENSHOT_NOTEBOOK in run_set.notebooks and run_set.language not in first:
            first[run_set.language] = page
    return [page for page in first.values() if page.is_file()]


def take_screenshots(sets: list[RunSet], rebuilt: set[str], reports: Path, chromium: str) -> None:
    """Screenshots of `screenshot_pages` in reports/screenshots/<set>--<notebook>.png, taken
    (browser.check_pages, which also reports what went wrong on the page) where the set was
    rebuilt or the screenshot is missing. A problem is reported, not failed: the report is
    published already."""
    shots = reports / SCREENSHOTS
    pages = [
        page
        for page in screenshot_pages(sets, reports)
        if page.parent.name in rebuilt or not (shots / browser.screenshot_name(page)).is_file()
    ]
    if not pages:
        return
    try:
        results = browser.check_pages(pages, shots, chromium)
    except Exception as error:  # whatever failed in the browser, the reports stand, published
        print(f"screenshots: not taken: {type(error).__name__}: {error}", file=sys.stderr)
        return
    for result in results:
        problems = "; ".join(result.problems)
        print(f"screenshots: {result.page}" + (f": {problems}" if problems else ""))


def refresh_processed(report: Path, data_dir: Path = DATA) -> None:
    """Copy the default set's tables to the committed data/processed/, all or nothing."""
    tables = sorted((report / "tables").glob("*.csv"))
    write_files({data_dir / "processed" / t.name: t.read_bytes() for t in tables})


def write_index(sets: list[RunSet], reports: Path, failures: dict[str, str]) -> None:
    """reports/index.html over every set with a good report, and the methodology page in each
    language (docs/methodology.md, docs/methodology.<lang>.md) where it is written."""
    manifests = [m for s in sets if (m := read_manifest(reports, s.name)[0]) is not None]
    pages = {reports / "index.html": render.index_page(manifests, failures)}
    for lang in LANGUAGES:
        page = reports / render.methodology_file(lang)
        methodology = ROOT / "docs" / page.with_suffix(".md").name
        if methodology.is_file():
            text = methodology.read_text(encoding="utf-8")
            pages[page] = render.methodology_page(text, lang)
    write_files({path: content.encode() for path, content in pages.items()})


def refresh_notebooks(
    notebooks: Path = NOTEBOOKS, data_dir: Path = DATA, reports: Path = REPORTS, wait: bool = False
) -> list[str]:
    """Re-execute the committed notebooks with their defaults (nbval's reference), all or nothing.

    They run in order in a folder laid out as the workspace, so their default tables_dir,
    "../reports/lab/tables" (where a researcher's own runs in JupyterLab write, never a
    committed folder), is a temporary folder and their outputs read as before. Only when
    every notebook succeeded do the notebooks and data_dir/processed/*.csv replace the
    committed ones, together. The refresh holds the
    reports' lock as a run does: the default set also writes data_dir/processed/, and the
    next run removes what a killed refresh left in its runtime folder.
    """
    import nbformat

    from helpers.runner import execute

    with lock.hold(reports, wait) as (_, runtime), workers(1, runtime) as pool:
        copy = runtime.resolve() / "workspace"  # laid out as it: notebooks/, reports/lab/
        work, tables = copy / "notebooks", copy / "reports" / "lab" / "tables"
        for folder in (work, tables):
            folder.mkdir(parents=True)
        paths = execute.machine_paths(work, "notebooks", ROOT) | {str(copy): "<workspace>"}
        written: dict[Path, bytes] = {}
        for source in sorted(notebooks.glob("[0-9][0-9]-*.ipynb")):
            target = work / source.name
            failure = pool.submit(execute.execute, source, target, {}, work).result()
            if failure:
                return [f"{failure}; nothing replaced"]
            notebook = execute.stabilise(nbformat.read(target, as_version=4), paths)
            written[source] = (nbformat.writes(notebook) + "\n").encode()
            print(f"{source.name}: executed")
        written |= {data_dir / "processed" / t.name: t.read_bytes() for t in tables.glob("*.csv")}
        write_files(written)
    print(f"replaced the notebooks and the tables in {data_dir.name}/processed/")
    return []


def out_of_space(error: OSError, reports: Path) -> str:
    """What ran out and where, for a write that failed on a full disk or quota: a set is
    published only whole, so the reports published before stand as they were."""
    where = error.filename or f"a file under {reports}"
    return (
        f"{OUT_OF_SPACE[error.errno]} ({error.strerror}): cannot write {where}; the reports "
        "published before are kept: free some space there and run again"
    )


def _json(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _positive(text: str) -> int:
    """--jobs: a whole number of at least 1 (argparse reports anything else as a usage error)."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


@contextlib.contextmanager
def _signals_stop_the_run() -> Iterator[None]:
    """SIGTERM and SIGINT raise Stopped while the run lasts, so it unwinds and ends its workers."""

    def stop(signum: int, frame: object) -> None:
        raise Stopped(signum)

    previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _run_sets(parser: argparse.ArgumentParser, args: argparse.Namespace) -> list[str]:
    """Run the sets the command line names (all by default): the failures."""
    sets = load_runs(args.runs)
    unknown = set(args.sets) - {s.name for s in sets}
    if unknown:
        parser.error(f"unknown sets {sorted(unknown)}; known: {[s.name for s in sets]}")
    chosen = [s for s in sets if not args.sets or s.name in args.sets]
    return list(run(chosen, args.reports, args.jobs, args.force, sets, args.wait).values())


def where_to_look(reports: Path) -> str:
    """The index's path to open, from the current folder where it is below it."""
    index = reports.resolve() / "index.html"
    with contextlib.suppress(ValueError):
        return index.relative_to(Path.cwd()).as_posix()
    return str(index)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.runner.run",
        description=__doc__.split("\n\n")[0],
        epilog="Sets are defined in notebooks/runs.yaml; make run calls this with no arguments.",
    )
    parser.add_argument("sets", nargs="*", help="run only these sets (default: all)")
    parser.add_argument("--jobs", type=_positive, default=os.cpu_count(), help="parallel notebooks")
    parser.add_argument("--force", action="store_true", help="run even if inputs are unchanged")
    parser.add_argument("--runs", type=Path, default=RUNS, help="the run sets file")
    parser.add_argument("--reports", type=Path, default=REPORTS, help="where reports go")
    parser.add_argument(
        "--wait",
        action="store_true",
        help="wait for a run using the same reports folder to end, instead of refusing",
    )
    parser.add_argument(
        "--refresh-notebooks",
        action="store_true",
        help="re-execute the committed notebooks instead, all or nothing (make notebooks)",
    )
    args = parser.parse_args(argv)
    skip_final_collection()
    begun = time.monotonic()
    try:
        with _signals_stop_the_run():
            if args.refresh_notebooks:
                failures = refresh_notebooks(reports=args.reports, wait=args.wait)
            else:
                failures = _run_sets(parser, args)
    except (RunSetError, lock.ReportsError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        if error.errno not in OUT_OF_SPACE:
            raise
        print(f"error: {out_of_space(error, args.reports)}", file=sys.stderr)
        return 2
    except Stopped as stopped:
        name = signal.Signals(stopped.args[0]).name
        print(f"error: stopped by {name}; its workers and kernels ended", file=sys.stderr)
        return 128 + stopped.args[0]
    for failure in failures:
        print(f"failed: {failure}", file=sys.stderr)
    if not args.refresh_notebooks:
        said = f"{plural(len(failures), 'set')} failed" if failures else "done"
        print(f"{said} in {elapsed(time.monotonic() - begun)}; open {where_to_look(args.reports)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
