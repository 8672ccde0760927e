"""`make lab` works for real: a Jupyter server on this environment lists the notebooks, its
kernel runs notebook 01's first cells and imports `helpers` from src/ with no path tricks, and
JupyterLab takes the workspace's settings (jupyter/lab-settings.json, which `make env` puts
where this environment's JupyterLab reads overrides): no Jupyter news pop-up, no update check.

The server and its kernel are real processes, talked to over REST and the kernel websocket
(Jupyter messaging protocol v5); nothing is written into the repository and nothing is left
running afterwards.
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

import pytest
from support import alive, signalable
from tornado.httpclient import HTTPRequest
from tornado.websocket import WebSocketClientConnection, websocket_connect

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
LAB_SETTINGS = ROOT / "jupyter" / "lab-settings.json"
INSTALLED_SETTINGS = Path(sys.prefix, "share/jupyter/lab/settings/overrides.d/ikm-workspace.json")
FIRST = NOTEBOOKS / "01-clean-figures.ipynb"
# Cells run after the notebook's own parameters, as papermill would inject them: a guard in
# case a later edit makes the first cells write tables
INJECTED = {"write_outputs": False}
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
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("BROWSER", None)
    return env


def start_server(tmp_path: Path, token: str) -> Server:
    port = free_port()
    log = tmp_path / "server.log"
    command = [
        str(Path(sys.executable).parent / "jupyter"),
        "lab",
        "--no-browser",
        "--allow-root",  # containers and CI often run as root; a no-op otherwise
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={NOTEBOOKS}",
        f"--IdentityProvider.token={token}",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=tmp_path,
            env=isolated_env(tmp_path),
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


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = start_server(tmp_path, secrets.token_hex(16))
    try:
        wait_ready(running)
        yield running
    finally:
        stop(running)


def first_cells(notebook: Path) -> list[str]:
    """The `parameters` cell and the code cell after it: they read data and write nothing."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    code = [cell for cell in cells if cell["cell_type"] == "code"]
    assert "parameters" in code[0]["metadata"].get("tags", []), "first code cell: parameters"
    return ["".join(cell["source"]) for cell in code[:2]]


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


def test_lab_lists_notebooks_and_runs_notebook_01_on_this_environment(server: Server) -> None:
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
    listed = {item["name"] for item in root["content"] if item["type"] == "notebook"}
    expected = {path.name for path in NOTEBOOKS.glob("*.ipynb")}
    assert expected and listed == expected

    status, kernel = server.request("POST", "/api/kernels", {"path": FIRST.name})
    assert status == 201, f"POST /api/kernels answered {status}: {kernel}"
    injected = "\n".join(f"{name} = {value!r}" for name, value in INJECTED.items())
    parameters, imports = first_cells(FIRST)
    cells = [parameters, injected, imports, PROBE]
    outcomes = asyncio.run(run_cells(server, kernel["id"], cells))
    for code, outcome in zip(cells, outcomes, strict=False):
        assert outcome.status == "ok" and outcome.error is None, (
            f"cell failed ({outcome.status}):\n{code}\n---\n{outcome.error}"
        )
    assert len(outcomes) == len(cells)
    probe = json.loads(outcomes[-1].stdout)
    server.kernel_pids.append(probe["pid"])
    assert Path(probe["prefix"]) == Path(sys.prefix), "the kernel is not this environment's"
    assert Path(probe["helpers"]).parent == ROOT / "src" / "helpers"
    assert Path(probe["cwd"]) == NOTEBOOKS, "the kernel does not start beside the notebook"

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
