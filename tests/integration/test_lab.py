"""`make lab` works for real, on a fresh clone of the committed tree (support.clone_committed):
its own recipe starts a Jupyter server on the workspace's root (data/, docs/, notebooks/ and
reports/ in the file browser), JupyterLab in Chromium draws every figure of every notebook,
which a fresh clone does not trust (inline PNG: JupyterLab draws no SVG from an untrusted
notebook), a kernel runs notebook 01 on this environment from beside the notebook with a
changed parameter, as a researcher would, and leaves the clone's `git status` clean, and
JupyterLab takes the workspace's settings (jupyter/lab-settings.json, which `make env` puts
where this environment's JupyterLab reads overrides): no Jupyter news pop-up, no update check.

The server, its kernel and Chromium are real processes, talked to over REST, the kernel
websocket (Jupyter messaging protocol v5) and the DevTools protocol (helpers.runner.chromium);
nothing is written into the repository and nothing is left running afterwards.
"""

import asyncio
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import nbformat
import pytest
from support import alive, clone_committed, git_status, signalable
from tornado.httpclient import HTTPRequest
from tornado.websocket import WebSocketClientConnection, websocket_connect

from helpers.runner.browser import OpenedPage
from helpers.runner.chromium import Chromium

ROOT = Path(__file__).resolve().parents[2]
LAB_SETTINGS = ROOT / "jupyter" / "lab-settings.json"
INSTALLED_SETTINGS = Path(sys.prefix, "share/jupyter/lab/settings/overrides.d/ikm-workspace.json")
FIRST = "notebooks/01-clean-figures.ipynb"  # in the clone
# A parameter changed after the notebook's own parameters cell, as a researcher would try
# the README's other reading: the notebook then writes its tables, to its scratch folder
CHANGED = {"units_reading": "stock"}
PROBE = (
    "import json, os, sys, helpers\n"
    "print(json.dumps({'pid': os.getpid(), 'prefix': sys.prefix, 'cwd': os.getcwd(),"
    " 'helpers': helpers.__file__}))"
)
START_TIMEOUT = 30.0
CELL_TIMEOUT = 60.0
STOP_TIMEOUT = 15.0


@dataclass
class Server:
    """A running Jupyter server, its token and log, and the kernel pids it started."""

    process: subprocess.Popen
    port: int
    token: str
    log: Path
    kernel_pids: list[int] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"token {self.token}", "Content-Type": "application/json"}

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, Any]:
        """A REST call: the status and the decoded JSON body (None if empty)."""
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data, self.headers(), method=method)
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            with opener.open(req, timeout=10) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as error:
            with error:
                status, raw = error.code, error.read()
        return status, json.loads(raw) if raw.strip() else None

    def fail(self, message: str) -> None:
        """Fail the test with the server's log."""
        log = self.log.read_text(encoding="utf-8", errors="replace")
        pytest.fail(f"{message}\n--- jupyter server log ---\n{log}", pytrace=False)


@dataclass
class Outcome:
    """What a cell produced: the reply status, stdout, results and any error."""

    status: str | None = None
    stdout: str = ""
    results: list[str] = field(default_factory=list)
    error: str | None = None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def group_alive(pgid: int) -> bool:
    return signalable(os.killpg, pgid)


def wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def isolated_env(tmp_path: Path) -> dict[str, str]:
    """Jupyter and IPython state in tmp_path; kernelspecs from this environment first."""
    env = dict(os.environ)
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTER_DATA_DIR", "IPYTHONDIR"):
        env[name] = str(tmp_path / name.lower())
    env.pop("JUPYTER_PATH", None)  # `make lab` puts this environment's first
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("BROWSER", None)
    return env


def lab_recipe(workspace: Path, options: list[str]) -> str:
    """The shell command `make lab LAB_ARGS=...` runs in `workspace` (make -n: nothing runs),
    without the environment's update that comes before it."""
    printed = subprocess.run(
        ["make", "--no-print-directory", "-s", "-n", "-C", str(workspace), "lab"]
        + [f"LAB_ARGS={' '.join(options)}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return printed[printed.index("JUPYTER_PATH=") :]


def start_server(tmp_path: Path, token: str, workspace: Path) -> Server:
    """`make lab`'s own recipe in `workspace`, headless, on a free port, its Jupyter state in
    tmp_path (nothing trusted), `workspace`'s sources imported as its own environment would."""
    port = free_port()
    log = tmp_path / "server.log"
    options = [
        "--no-browser",
        "--allow-root",  # containers and CI often run as root; a no-op otherwise
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        "--LabApp.expose_app_in_browser=True",  # window.jupyterapp, to open notebooks
    ]
    env = isolated_env(tmp_path) | {"PYTHONPATH": str(workspace / "src")}
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["bash", "-c", lab_recipe(workspace, options)],
            cwd=workspace,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Server(process, port, token, log)


def wait_ready(server: Server) -> None:
    """Poll /api/status until the server answers; fail with its log if it does not."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            server.fail(f"jupyter server exited with {server.process.returncode}")
        try:
            status, _ = server.request("GET", "/api/status")
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
            continue
        if status != 200:
            server.fail(f"GET /api/status answered {status}")
        return
    server.fail(f"jupyter server did not answer within {START_TIMEOUT:.0f} s")


def stop(server: Server) -> None:
    """Last resort: terminate the server's process group and any kernel still running."""
    for pid in server.kernel_pids:  # a kernel leads its own process group
        if group_alive(pid):
            os.killpg(pid, signal.SIGKILL)
    if server.process.poll() is None:
        os.killpg(server.process.pid, signal.SIGTERM)
        try:
            server.process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait()
    if group_alive(server.process.pid):
        os.killpg(server.process.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh clone of the committed tree: its notebooks as a new user gets them."""
    return clone_committed(tmp_path_factory.mktemp("lab") / "clone")


@pytest.fixture(scope="module")
def server(clone: Path) -> Iterator[Server]:
    """`make lab` on the clone, shared by the tests here; the last one shuts it down."""
    running = start_server(clone.parent, secrets.token_hex(16), clone)
    try:
        wait_ready(running)
        yield running
    finally:
        stop(running)


def code_cells(notebook: Path) -> list[str]:
    """The notebook's code cells, the `parameters` cell first."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    code = [cell for cell in cells if cell["cell_type"] == "code"]
    assert "parameters" in code[0]["metadata"].get("tags", []), "first code cell: parameters"
    return ["".join(cell["source"]) for cell in code]


def execute_request(code: str, session: str) -> dict[str, Any]:
    """A v5 execute_request on the shell channel, as the websocket carries it."""
    header = {
        "msg_id": uuid.uuid4().hex,
        "msg_type": "execute_request",
        "session": session,
        "username": "test",
        "date": datetime.now(UTC).isoformat(),
        "version": "5.3",
    }
    content = {
        "code": code,
        "silent": False,
        "store_history": True,
        "user_expressions": {},
        "allow_stdin": False,
        "stop_on_error": True,
    }
    return {
        "header": header,
        "parent_header": {},
        "metadata": {},
        "content": content,
        "channel": "shell",
        "buffers": [],
    }


def record(outcome: Outcome, message: dict[str, Any]) -> bool:
    """Add one reply message to the outcome; True once the kernel went idle or replied."""
    kind, content = message["msg_type"], message["content"]
    if kind == "stream" and content["name"] == "stdout":
        outcome.stdout += content["text"]
    elif kind == "execute_result":
        outcome.results.append(content["data"].get("text/plain", ""))
    elif kind == "error":
        outcome.error = f"{content['ename']}: {content['evalue']}\n" + "\n".join(
            content["traceback"]
        )
    elif kind == "execute_reply":
        outcome.status = content["status"]
        return True
    return kind == "status" and content["execution_state"] == "idle"


async def execute(conn: WebSocketClientConnection, code: str, session: str) -> Outcome:
    """Run code in the kernel; collect iopub output until idle and the shell execute_reply."""
    request = execute_request(code, session)
    await conn.write_message(json.dumps(request))
    outcome, done = Outcome(), set()
    async with asyncio.timeout(CELL_TIMEOUT):
        while done != {"iopub", "shell"}:
            raw = await conn.read_message()
            assert raw is not None, "the kernel websocket closed during execution"
            message = json.loads(raw)
            if message["parent_header"].get("msg_id") != request["header"]["msg_id"]:
                continue
            if record(outcome, message):
                done.add(message["channel"])
    return outcome


async def run_cells(server: Server, kernel_id: str, cells: list[str]) -> list[Outcome]:
    """Run cells in order over /api/kernels/<id>/channels, stopping at the first failure."""
    session = uuid.uuid4().hex
    url = f"ws://127.0.0.1:{server.port}/api/kernels/{kernel_id}/channels?session_id={session}"
    conn = await websocket_connect(HTTPRequest(url, headers=server.headers()))
    outcomes = []
    try:
        for code in cells:
            outcomes.append(await execute(conn, code, session))
            if outcomes[-1].status != "ok":
                break
    finally:
        conn.close()
        while await conn.read_message() is not None:  # let the close handshake finish
            pass
    return outcomes


def lab_defaults(server: Server, plugin: str) -> dict[str, Any]:
    """The defaults JupyterLab gives a plugin's settings, overrides applied (its settings API)."""
    status, answer = server.request("GET", f"/lab/api/settings/{plugin}")
    assert status == 200, f"GET /lab/api/settings/{plugin} answered {status}: {answer}"
    return {name: spec.get("default") for name, spec in answer["schema"]["properties"].items()}


WINDOW = {"width": 1200, "height": 900}
OPEN = "path => { window.jupyterapp.commands.execute('docmanager:open', {path}); }"
# The notebook's panel once JupyterLab shows every output its model holds and every image has
# loaded (null before): the images drawn, and the outputs showing a figure's text instead
SHOWN = """path => {
  const panel = window.jupyterapp.shell.currentWidget;
  if (!panel?.context?.isReady || panel.context.path !== path) return null;
  const cells = panel.content.model.cells;
  let outputs = 0;
  for (let i = 0; i < cells.length; i++) outputs += cells.get(i).outputs?.length ?? 0;
  const images = [...panel.node.querySelectorAll('.jp-OutputArea-output img')];
  if (panel.node.querySelectorAll('.jp-OutputArea-child').length < outputs
      || images.some(image => !image.complete)) return null;
  return {
    trusted: [...Array(cells.length).keys()].some(i => cells.get(i).trusted),
    drawn: images.filter(image => image.naturalWidth > 0).length,
    undrawn: [...panel.node.querySelectorAll('.jp-OutputArea-output')]
      .filter(output => output.textContent.trim().startsWith('<Figure size')).length,
  };
}"""
FILES = "() => [...document.querySelectorAll('.jp-DirListing-itemName')].map(e => e.innerText)"


def figures(notebook: Path) -> int:
    """How many figures the notebook's outputs hold."""
    cells = nbformat.read(notebook, as_version=4).cells
    return sum(
        {"image/png", "image/svg+xml"} & set(output.get("data", {})) != set()
        for cell in cells
        for output in cell.get("outputs", [])
    )


def until(page: OpenedPage, script: str, argument: object = None) -> Any:
    """What `script` gives on the page once it gives something (not null) before the deadline."""
    while (found := page.evaluate(script, argument)) is None:
        assert time.monotonic() < page.deadline, f"the page never showed it: {script[:60]}"
        time.sleep(0.1)
    return found


def test_jupyterlab_draws_every_figure_of_a_fresh_clone(server, clone, chromium, tmp_path):
    """Each notebook opened in JupyterLab, as a new user opens it: untrusted, so a figure is
    drawn only from its PNG; a figure shown as its text ("<Figure size 800x450 with 1
    Axes>") or not drawn fails. The file browser opens on the workspace's root."""
    notebooks = sorted((clone / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    running = Chromium.start(chromium, time.monotonic() + CELL_TIMEOUT)
    try:
        page = OpenedPage(running, time.monotonic() + CELL_TIMEOUT)
        page.set_viewport_size(WINDOW)
        running.open_page(f"{server.url}/lab?reset&token={server.token}", page.deadline)
        listed = until(page, f"() => {{ const f = ({FILES})(); return f.length ? f : null; }}")
        assert {"data", "docs", "notebooks"} <= set(listed), f"not the workspace's root: {listed}"
        shown = {}
        for notebook in notebooks:
            path = notebook.relative_to(clone).as_posix()
            page.evaluate(OPEN, path)
            shown[notebook.name] = until(page, SHOWN, path)
        page.screenshot(tmp_path / "lab.png")  # the last notebook, for a failure's record
    finally:
        running.end()
    drawn = {name: (found["drawn"], found["undrawn"]) for name, found in shown.items()}
    assert drawn == {n.name: (figures(n), 0) for n in notebooks}, "figures (drawn, as text)"
    assert sum(found for found, _ in drawn.values()) >= 8  # 2 in 02, 1 in 03, 5 in 04
    assert not any(found["trusted"] for found in shown.values()), "a fresh clone trusts nothing"


def test_a_changed_parameter_run_in_jupyterlab_leaves_the_clone_clean(server, clone):
    """Notebook 01 run whole by the server's kernel on this environment, with the other
    reading, as the README invites: its tables go to the scratch folder reports/lab/, which
    git ignores, never to a committed file. Then the server and the kernel end cleanly."""
    # the settings first: the server shuts down at the end of this test
    assert INSTALLED_SETTINGS.is_file(), "make env did not install jupyter/lab-settings.json"
    assert INSTALLED_SETTINGS.read_bytes() == LAB_SETTINGS.read_bytes(), "make env: stale copy"
    for plugin, settings in json.loads(LAB_SETTINGS.read_text(encoding="utf-8")).items():
        defaults = lab_defaults(server, plugin)
        assert {name: defaults.get(name) for name in settings} == settings, plugin
    notification = lab_defaults(server, "@jupyterlab/apputils-extension:notification")
    assert notification["fetchNews"] == "false" and notification["checkForUpdates"] is False

    status, root = server.request("GET", "/api/contents")
    assert status == 200, f"GET /api/contents answered {status}: {root}"
    assert {"data", "docs", "notebooks"} <= {i["name"] for i in root["content"]}
    status, folder = server.request("GET", "/api/contents/notebooks")
    listed = {item["name"] for item in folder["content"] if item["type"] == "notebook"}
    expected = {path.name for path in (clone / "notebooks").glob("*.ipynb")}
    assert expected and listed == expected

    status, kernel = server.request("POST", "/api/kernels", {"path": FIRST})
    assert status == 201, f"POST /api/kernels answered {status}: {kernel}"
    changed = "\n".join(f"{name} = {value!r}" for name, value in CHANGED.items())
    parameters, *rest = code_cells(clone / FIRST)
    cells = [parameters, changed, *rest, PROBE]
    outcomes = asyncio.run(run_cells(server, kernel["id"], cells))
    for code, outcome in zip(cells, outcomes, strict=False):
        assert outcome.status == "ok" and outcome.error is None, (
            f"cell failed ({outcome.status}):\n{code}\n---\n{outcome.error}"
        )
    assert len(outcomes) == len(cells)
    probe = json.loads(outcomes[-1].stdout)
    server.kernel_pids.append(probe["pid"])
    assert Path(probe["prefix"]) == Path(sys.prefix), "the kernel is not this environment's"
    assert Path(probe["helpers"]).parent == clone / "src" / "helpers"
    assert Path(probe["cwd"]) == clone / "notebooks", "the kernel does not start beside it"
    assert git_status(clone) == [], "the run changed or added a file git sees"
    scratch = clone / "reports" / "lab" / "tables" / "figures.csv"
    assert (
        scratch.is_file()
        and scratch.read_bytes() != (clone / "data/processed/figures.csv").read_bytes()
    )

    status, _ = server.request("DELETE", f"/api/kernels/{kernel['id']}")
    assert status == 204, f"DELETE /api/kernels answered {status}"
    assert wait_until(lambda: not alive(probe["pid"]), STOP_TIMEOUT), "the kernel outlived DELETE"
    status, _ = server.request("POST", "/api/shutdown")
    assert status == 200, f"POST /api/shutdown answered {status}"
    try:
        server.process.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        server.fail("jupyter server still running after /api/shutdown")
    assert not group_alive(server.process.pid), "a process of the server's group is left"
    assert not group_alive(probe["pid"]), "a process of the kernel's group is left"
