"""Execute one notebook with papermill, safely in parallel, and keep its output stable.

Kernels started side by side on TCP can pick the same free port and fail with "Address
already in use" (papermill issue 511). Each kernel here talks over IPC sockets named after
its own id instead, so parallel runs cannot collide.

A finished kernel is asked to shut down and given a short grace before it is terminated:
ipykernel 7 now and then leaves its control thread hanging on shutdown, and the default
grace (2.5 s, then 2.5 s more) added seconds to a run whose outputs were already saved.

The kernel process's own stderr (its log lines, such as the notice of being terminated) goes
to a file instead of the terminal of whoever runs the reports; it is shown only when the
kernel failed, where it says why.

Each kernel runs in a process group of its own (jupyter_client starts a session), kept in
KERNELS until `kill_kernels` ends it with whatever it started: after papermill shut the kernel
down, or when the worker running it is stopped or sees its runner die.

papermill reports success for a notebook it did not run to the end (a cell calling
`sys.exit()` stops it without an error), so the executed notebook is checked: every non-empty
code cell ran and none holds an error.
"""

import contextlib
import os
import signal
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import nbformat
import papermill as pm
from jupyter_client.manager import KernelManager
from jupyter_core.paths import jupyter_runtime_dir

from helpers.runner.notebook_check import cell_problems

VOLATILE_METADATA = ("papermill", "execution")
SHUTDOWN_WAIT = 1.0  # seconds: half to exit on request, half after SIGTERM, then SIGKILL
INJECTED_TAG = "injected-parameters"
# Where Jupyter (kernel connection files, IPC sockets), IPython and matplotlib keep their files,
# and the run's workers, kernels and Chromium their temporary ones (TMPDIR), below a folder
# private to the run: HOME may not be writable, and the next run removes what a killed one left.
RUNTIME_FOLDERS = {
    "JUPYTER_RUNTIME_DIR": "jupyter",
    "IPYTHONDIR": "ipython",
    "MPLCONFIGDIR": "mpl",
    "TMPDIR": "tmp",
}
KERNELS: set[int] = set()  # process groups of this process's kernels (one notebook at a time)


class IPCKernelManager(KernelManager):
    """A kernel manager whose kernel listens on IPC sockets unique to the kernel."""

    stderr_log: str | None = None  # where the kernel process writes its stderr; None: inherited

    def __init__(self, *args, **kwargs):
        kernel_id = str(uuid.uuid4())
        runtime = Path(jupyter_runtime_dir())
        runtime.mkdir(parents=True, exist_ok=True)
        connection_file = str(runtime / f"kernel-{kernel_id}.json")
        kwargs.update(transport="ipc", kernel_id=kernel_id, connection_file=connection_file)
        kwargs.setdefault("shutdown_wait_time", SHUTDOWN_WAIT)
        super().__init__(*args, **kwargs)

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        """Launch as jupyter_client does (its documented override), stderr to `stderr_log`."""
        with contextlib.ExitStack() as stack:
            if self.stderr_log is not None:
                kw["stderr"] = stack.enter_context(open(self.stderr_log, "ab"))
            await super()._async_launch_kernel(kernel_cmd, **kw)
        KERNELS.add(self.provisioner.pid)  # a session leader: its process group's id


def kill_kernels() -> None:
    """End every kernel this process started, and what they started: their process groups."""
    for group in list(KERNELS):
        KERNELS.discard(group)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(group, signal.SIGKILL)


def use_runtime(folder: Path) -> None:
    """Keep the files of Jupyter, IPython, matplotlib and every temporary file of this process
    and its children in `folder` (RUNTIME_FOLDERS)."""
    os.environ.update({name: str(folder / sub) for name, sub in RUNTIME_FOLDERS.items()})
    Path(os.environ["TMPDIR"]).mkdir(parents=True, exist_ok=True)  # else tempfile skips it
    tempfile.tempdir = None  # chosen again, from TMPDIR, on the next use


@dataclass(frozen=True)
class Failure:
    """Where and why a notebook stopped: shown to the user, kept beside the failed notebook."""

    notebook: str
    cell: int | None
    error: str

    def __str__(self) -> str:
        where = f"cell {self.cell}" if self.cell is not None else "before any cell ran"
        return f"{self.notebook}: {where} failed: {self.error}"


def execute(source: Path, target: Path, parameters: dict, cwd: Path) -> Failure | None:
    """Run `source` with `parameters` into `target` (kept even on failure); None if it passed."""
    with tempfile.TemporaryDirectory(prefix="kernel-") as folder:
        log = Path(folder) / "stderr.log"
        manager = type("LoggingKernelManager", (IPCKernelManager,), {"stderr_log": str(log)})
        try:
            pm.execute_notebook(
                str(source),
                str(target),
                parameters=parameters,
                cwd=str(cwd),
                kernel_name="python3",
                progress_bar=False,
                kernel_manager_class=manager,
            )
        except pm.PapermillExecutionError as error:
            return Failure(source.name, error.exec_count, f"{error.ename}: {error.evalue}")
        except Exception as error:  # the kernel died or did not start, or papermill refused
            return Failure(source.name, None, f"{type(error).__name__}: {error}{_tail(log)}")
        finally:
            kill_kernels()  # shut down already, but what it started may live on in its group
    problems = cell_problems(nbformat.read(target, as_version=4).cells)
    return next((Failure(source.name, cell, what) for cell, what in problems), None)


def _tail(log: Path, lines: int = 10) -> str:
    """The last lines the kernel process wrote to its stderr, if any."""
    written = log.read_text(encoding="utf-8", errors="replace").strip() if log.exists() else ""
    return "\nkernel stderr:\n" + "\n".join(written.splitlines()[-lines:]) if written else ""


def stabilise(notebook: nbformat.NotebookNode, paths: dict[str, str]) -> nbformat.NotebookNode:
    """Drop run timings, fix the injected cell's random id and replace machine paths.

    `paths` maps absolute folders (the build folder, the workspace) to the stable names
    shown instead; longer paths are replaced first so a folder inside another wins.
    """
    notebook.metadata.pop("papermill", None)
    for cell in notebook.cells:
        for key in VOLATILE_METADATA:
            cell.metadata.pop(key, None)
        if INJECTED_TAG in cell.metadata.get("tags", []):
            cell.id = INJECTED_TAG
        for output in cell.get("outputs", []):
            _replace_in_output(output, paths)
    return notebook


def _replace(text: str, paths: dict[str, str]) -> str:
    for path in sorted(paths, key=len, reverse=True):
        text = text.replace(path, paths[path])
    return text


def _replace_in_output(output: nbformat.NotebookNode, paths: dict[str, str]) -> None:
    if "text" in output:
        output.text = _replace(output.text, paths)
    if "traceback" in output:
        output.traceback = [_replace(line, paths) for line in output.traceback]
    for mime, value in output.get("data", {}).items():
        if isinstance(value, str):
            output.data[mime] = _replace(value, paths)


def machine_paths(build: Path, shown_as: str, root: Path) -> dict[str, str]:
    """The absolute paths a run can leak into outputs, and what to show instead."""
    paths = {str(build.resolve()): shown_as, str(root.resolve()): "<workspace>"}
    home = os.path.expanduser("~")
    return paths | ({home: "~"} if len(home) > 1 else {})
