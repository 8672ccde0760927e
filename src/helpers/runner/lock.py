"""One run at a time on a reports folder, in build and runtime folders private to the run.

Two runs on one reports folder would build into and publish over each other. A run holds an
flock on reports/.lock while it runs; the OS releases it when the run ends, however it ends,
so a killed run never leaves a stale lock. The holder writes its pid and start time there,
for a second run to name it. Whatever a killed run left behind, its build folder
reports/.build/<run id>/ and its runtime folder /tmp/helpers-run-<run id>/ (kernel connection
files and sockets, and the temporary files of its workers, kernels and Chromium), is removed
by the next run to take the lock.
"""

import errno
import fcntl
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK, BUILD = ".lock", ".build"
RUNTIME_PREFIX = "helpers-run-"
# /tmp rather than $TMPDIR, long on macOS: a kernel's socket path must fit in 104 bytes there
RUNTIMES = Path("/tmp") if os.access("/tmp", os.W_OK) else Path(tempfile.gettempdir())
STARTED = "%Y-%m-%d %H:%M:%S"


class ReportsError(RuntimeError):
    """The reports folder cannot take this run: another run holds it, or it is not writable."""


@contextmanager
def hold(reports: Path, wait: bool = False) -> Iterator[tuple[Path, Path]]:
    """Lock `reports` for this run (or wait for the run holding it): (build, runtime) folders."""
    handle = _open_lock(reports)
    try:
        _lock(handle, reports, wait)
        os.ftruncate(handle, 0)
        os.write(handle, f"pid {os.getpid()}, started {time.strftime(STARTED)}".encode())
        _remove_stale(reports / BUILD)
        runtime = Path(tempfile.mkdtemp(prefix=RUNTIME_PREFIX, dir=RUNTIMES))
        build = reports / BUILD / runtime.name.removeprefix(RUNTIME_PREFIX)
        try:
            build.mkdir(parents=True)
            yield build, runtime
        finally:
            shutil.rmtree(build, ignore_errors=True)
            shutil.rmtree(runtime, ignore_errors=True)
    finally:
        os.close(handle)


def _open_lock(reports: Path) -> int:
    """Open reports/.lock, making the folder; ReportsError if the folder cannot be written."""
    try:
        reports.mkdir(parents=True, exist_ok=True)
        if not os.access(reports, os.W_OK | os.X_OK):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        return os.open(reports / LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as error:
        problem = f"cannot write to the reports folder {reports}: {error.strerror}"
        raise ReportsError(problem) from None


def _lock(handle: int, reports: Path, wait: bool) -> None:
    """Take the lock at once, or refuse naming its holder; with `wait`, wait for it instead."""
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(handle, 200, 0).decode(errors="replace").strip() or "pid unknown"
        if not wait:
            raise ReportsError(
                f"another run ({holder}) is using {reports}; let it finish or stop it, "
                "or pass --wait to wait for it"
            ) from None
        print(f"waiting for the run ({holder}) using {reports} to end", file=sys.stderr)
        fcntl.flock(handle, fcntl.LOCK_EX)


def _remove_stale(builds: Path) -> None:
    """Remove the build and runtime folders of runs that ended without removing them."""
    for build in builds.iterdir() if builds.is_dir() else []:
        runtime = RUNTIMES / f"{RUNTIME_PREFIX}{build.name}"
        shutil.rmtree(runtime, ignore_errors=True)
        shutil.rmtree(build, ignore_errors=True)
