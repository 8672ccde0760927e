"""Helpers the tests share: the helpers package's source parsed, run sets over the
workspace's notebooks, process probes, a stand-in Chromium, a rebuild of the clean table into
a private data folder, target rows for the assessment, and Student's t distribution in closed
form as the reference for helpers.trends' own.

Imported by test modules as `support` (tests/ is on pytest's pythonpath); fixtures live in
the conftest.py files.
"""

import ast
import json
import math
import os
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
import yaml

from helpers import clean
from helpers.core.paths import ROOT
from helpers.targets import assessment


def student_t_above(x: float, df: int) -> float:
    """P(T > x) for Student's t with a whole number `df` of degrees of freedom, by the closed
    forms of Abramowitz and Stegun 26.7.3-4 (to about 1e-16 absolute): a reference apart from
    scipy.special's stdtr, which helpers.trends and scipy.stats.t both go through."""
    if df < 1 or df != int(df):
        raise ValueError(f"df={df}: the closed forms need a whole number of at least 1")
    theta = math.atan(x / math.sqrt(df))
    cos2 = math.cos(theta) ** 2
    terms, term = 0.0, 1.0
    if df % 2:  # A = 2/pi (theta + sin cos (1 + 2/3 cos^2 + 2*4/(3*5) cos^4 + ...))
        for j in range(1, (df - 1) // 2 + 1):
            terms, term = terms + term, term * 2 * j / (2 * j + 1) * cos2
        within = 2 / math.pi * (theta + math.sin(theta) * math.cos(theta) * terms)
    else:  # A = sin (1 + 1/2 cos^2 + 1*3/(2*4) cos^4 + ...)
        for j in range(1, df // 2 + 1):
            terms, term = terms + term, term * (2 * j - 1) / (2 * j) * cos2
        within = math.sin(theta) * terms
    return (1 - within) / 2  # A = P(-x < T < x), signed with x


def student_t_quantile(q: float, df: int) -> float:
    """The x with P(T <= x) = q, by bisection of `student_t_above` to the last bit."""
    low, high = -1.0, 1.0
    while student_t_above(low, df) < 1 - q:
        low *= 2
    while student_t_above(high, df) > 1 - q:
        high *= 2
    while low < (middle := (low + high) / 2) < high:
        low, high = (middle, high) if student_t_above(middle, df) > 1 - q else (low, middle)
    return middle


# --- the helpers package's source ----------------------------------------------------------


@cache
def source_modules() -> dict[str, ast.Module]:
    """Every module of the helpers package, by dotted name, parsed once per test worker."""
    found = {}
    root = ROOT / "src" / "helpers"
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = ast.parse(path.read_text(encoding="utf-8"))
    return found


# --- run sets over the workspace's notebooks ------------------------------------------------

ALL = [path.stem for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))]
NEEDS = {name: [] for name in ALL}  # each notebook builds its own table: none waits for another
# The shared published run: every notebook, in Indonesian and with the other reading. The
# English default run is the committed notebooks themselves, which nbval re-runs.
SETS = {
    "stock": {
        "description": "the stock reading, in Indonesian",
        "notebooks": ALL,
        "parameters": {"units_reading": "stock", "lang": "id"},
    },
}


def set_parameter(name: str, parameter: str, default: str) -> str:
    """The value a set of SETS gives a parameter, or the notebooks' default."""
    return SETS[name].get("parameters", {}).get(parameter, default)


def runs_file(folder: Path, sets: dict, needs: dict | None = None) -> Path:
    """A runs.yaml over the workspace's notebooks with the given sets (and, to test the
    runner's ordering, notebooks that read others' tables: `needs`)."""
    path = folder / "runs.yaml"
    notebooks = NEEDS | (needs or {})
    path.write_text(yaml.safe_dump({"notebooks": notebooks, "sets": sets}), encoding="utf-8")
    return path


def published_by_run(reports: Path) -> list[str]:
    """What the shared run (conftest's `published`) published, before any test added to it."""
    return (reports.parent / "done").read_text(encoding="utf-8").splitlines()


def files_under(folder: Path) -> dict[str, bytes]:
    """Every file below `folder`, by its relative path, with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


# --- a clone of the committed tree ---------------------------------------------------------


def without_git_variables() -> dict[str, str]:
    """The environment without GIT_* (set when the tests run from a git hook)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}


def clone_committed(target: Path) -> Path:
    """A `git clone` of the workspace's committed tree at `target`, as a new user gets it,
    its .venv pointing at the running environment (`make` in the clone would re-sync that
    shared environment and point its editable install at the clone)."""
    subprocess.run(
        ["git", "clone", "--quiet", str(ROOT), str(target)],
        check=True,
        capture_output=True,
        env=without_git_variables(),
    )
    (target / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    with (target / ".git" / "info" / "exclude").open("a", encoding="utf-8") as exclude:
        exclude.write("/.venv\n")  # .gitignore's `.venv/` names a folder, not this link
    return target


def git_status(folder: Path) -> list[str]:
    """What `git status` finds changed or untracked in `folder`, one line each."""
    done = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
        env=without_git_variables(),
    )
    return done.stdout.splitlines()


# --- figures in print ------------------------------------------------------------------------

SMALLEST_PRINTED = 7.0  # points: no text of a printed report is smaller


def smallest_printed_text(figure) -> float:
    """The size in points of a figure's smallest text as the printed report shows it: the
    figure saved tight (as plots.save_figure and the inline backend save it), shrunk to the
    page's text width (plots.PRINT_WIDTH) where it is wider."""
    from matplotlib.text import Text

    from helpers.report.plots import PRINT_WIDTH

    figure.canvas.draw()
    width = figure.get_tightbbox().width  # inches
    texts = [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]
    return min(t.get_fontsize() for t in texts) * min(1.0, PRINT_WIDTH / width)


# --- processes ------------------------------------------------------------------------------


def signalable(send, target: int) -> bool:
    """Whether signal 0 reaches `target` by `send` (os.kill, os.killpg): it exists."""
    try:
        send(target, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie."""
    if not signalable(os.kill, pid):
        return False
    status = Path(f"/proc/{pid}/stat")
    try:
        return status.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, IndexError):
        return not status.parent.parent.is_dir()  # no /proc (macOS): trust os.kill


def eventually(condition: Callable[[], object], timeout: float = 60.0) -> bool:
    """Whether `condition` holds within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def gone(pid: int, timeout: float = 5.0) -> bool:
    """Whether the process ends within `timeout` (a SIGKILLed orphan is reaped a moment later)."""
    return eventually(lambda: not alive(pid), timeout)


# --- a stand-in Chromium --------------------------------------------------------------------

HANGS = (  # a Chromium that hangs before reading anything: the shell, quick to start, stands in
    '#!/bin/sh\nif [ "$STAND_IN_MODE" = hang ]; then\n'
    '  sleep 60 & echo $$ $! > "$STAND_IN_PIDS"; exec sleep 60\nfi\n'
)


class StandIn:
    """unit/runner/stand_in_chromium.py as Chromium (see there for its modes), with what it
    noted; set up by the `stand_in` fixture."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folder, self.monkeypatch = folder, monkeypatch
        self.path = folder / "chromium"
        script = Path(__file__).parent / "unit" / "runner" / "stand_in_chromium.py"
        # -S: the stand-in needs only the standard library, and starts in 20 ms, not 32
        self.path.write_text(HANGS + f'exec {sys.executable} -S {script} "$@"\n')
        self.path.chmod(self.path.stat().st_mode | stat.S_IXUSR)
        self.printed(b"")
        for name, value in {"LOG": "log.jsonl", "PIDS": "pids", "PDF": "printed.pdf"}.items():
            monkeypatch.setenv(f"STAND_IN_{name}", str(folder / value))
        self.mode("print")

    def mode(self, mode: str) -> None:
        self.monkeypatch.setenv("STAND_IN_MODE", mode)

    def printed(self, data: bytes) -> None:
        """What a print gives."""
        (self.folder / "printed.pdf").write_bytes(data)

    def sends(self, events: list[dict]) -> None:
        """The events that follow the answer to each navigation, before its load event."""
        self.monkeypatch.setenv("STAND_IN_EVENTS", json.dumps(events))

    def evaluates_to(self, value: object) -> None:
        """What every script gives."""
        self.monkeypatch.setenv("STAND_IN_VALUE", json.dumps(value))

    def noted(self) -> list[dict]:
        lines = (self.folder / "log.jsonl").read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines]

    def commands(self, method: str) -> list[dict]:
        return [entry["params"] for entry in self.noted() if entry.get("method") == method]

    def launches(self) -> int:
        return len([entry for entry in self.noted() if "argv" in entry])

    def pids(self) -> list[int]:
        """The stand-in's pid and its child's, once it has written their line whole."""
        written = self.folder / "pids"
        whole = eventually(lambda: written.is_file() and written.read_text().endswith("\n"), 10)
        assert whole, "the stand-in did not start"
        return [int(pid) for pid in written.read_text().split()]


# --- the clean table in a private data folder -----------------------------------------------

OUTPUTS = ["figures.csv", "coverage.csv", "checks.csv", "conflicts.csv"]


def snapshot(data_dir: Path) -> dict[str, bytes]:
    """Every file of data_dir/processed/, by name."""
    return {p.name: p.read_bytes() for p in sorted((data_dir / "processed").iterdir())}


def rebuild(data_dir: Path, **parameters) -> list[str]:
    """Build the clean table from data_dir and write it to data_dir/processed/."""
    return clean.write(clean.build(data_dir, **parameters), data_dir / "processed", data_dir)


def fails_leaving_outputs(data_dir: Path, match: str, **parameters) -> None:
    """A rebuild fails with a message matching `match` and changes no output."""
    before = snapshot(data_dir)
    with pytest.raises((ValueError, FileNotFoundError), match=match):
        rebuild(data_dir, **parameters)
    assert snapshot(data_dir) == before


def edit_csv(data_dir: Path, name: str, line: int, **changes: str) -> None:
    """Change fields of the row on `line` of data_dir/<name> (the header is line 1)."""
    path = data_dir / name
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column, value in changes.items():
        table.loc[line - 2, column] = value
    table.to_csv(path, index=False)


def edit_register(data_dir: Path, line: int, **changes: str) -> None:
    """Change fields of the register row on `line` (the header is line 1)."""
    edit_csv(data_dir, "register.csv", line, **changes)


# --- targets and series for the assessment --------------------------------------------------

MODELS = ["naive", "drift", "linear", "loglinear"]
LEVEL = 0.8

VA_YEARS = [2014, 2015, 2016]
VA = [373e12, 439e12, 520e12]

INC_2015 = 165983 / 0.045
INC_2016 = INC_2015 + 165983
INC_TARGET = INC_2016 + 182000
STOCK_2015 = 165983 / 1.045
STOCK_2016 = 165983.0
STOCK_TARGET = 182000.0

SERIES = {
    "value_added": (VA_YEARS, VA),
    "units_increase": ([2015, 2016], [INC_2015, INC_2016]),
    "units_stock": ([2015, 2016], [STOCK_2015, STOCK_2016]),
    "falling": ([2014, 2015, 2016], [100.0, 90.0, 80.0]),
    "above": ([2015, 2016], [100.0, 110.0]),
    "one_point": ([2016], [5.0]),
}


def target_row(label, indicator, year, value, measure="level", qualifier="=", reason="", **fields):
    """One row of targets to assess (schemas.TARGETS_TO_ASSESS); `fields` sets the others
    (`lower` and `upper` of a range, `stated_indicator`, `source_id`)."""
    return (
        dict(
            target=label,
            stated_indicator=indicator,
            indicator=indicator,
            measure=measure,
            year=year,
            value=value,
            stated=value,
            resolution=1.0,
            lower=value,
            upper=value,
            qualifier=qualifier,
            source_id="s",
            note=f"note {label}",
            reason=reason,
        )
        | fields
    )


def assess(*rows, models=MODELS, level=LEVEL, series=SERIES, sources=None):
    """The assessment of the given target rows on `series`."""
    found = assessment.assessed_rows(
        pd.DataFrame(list(rows)), series, models, level, sources=sources
    )
    return assessment.assessment_table(found)
