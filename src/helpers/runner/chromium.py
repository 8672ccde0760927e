"""Headless Chromium, driven over the DevTools protocol on a pair of pipes.

`Chromium.start` launches it with --remote-debugging-pipe: it reads commands on fd 3 and
answers on fd 4, JSON messages each ended by a NUL byte. The client is this module and the
standard library: no driver process, no second browser, about 0.6 s of CPU (all of
Chromium's processes) to start with a blank tab and end. The printer (`pdf`) and the page
checks (`browser`) both use it.

Chromium runs in a process group of its own, killed whole by `Chromium.end`; its profile
and temporary files are in a scratch folder removed with it. A caller that dies outright
closes Chromium's pipe, and Chromium exits by itself.
"""

import contextlib
import fcntl
import json
import os
import select
import shutil
import signal
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
# Without these, Chromium phones home at start, which the closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BROWSER_ARGS = ["--headless", "--hide-scrollbars", "--mute-audio", "--no-startup-window"]
PIPE_ARG, PIPE_FDS = "--remote-debugging-pipe", (3, 4)  # Chromium reads on fd 3, answers on 4
EXIT_WAIT = 2.0  # seconds to wait for the exit code of a Chromium that closed its pipe


class ChromiumError(RuntimeError):
    """Chromium failed, refused a command or could not open a page: why, with the end of
    what it said where it exited."""


def find_chromium() -> str | None:
    """The system Chromium, from $CHROMIUM or the PATH (Debian's package: /usr/bin/chromium)."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    return next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)


@dataclass
class Chromium:
    """A running Chromium, the tab it works in, and this end of its protocol pipes."""

    pid: int  # which leads its process group
    to_chromium: int
    from_chromium: int
    scratch: tempfile.TemporaryDirectory  # its profile and what it said
    target: str = ""  # the tab commands go to
    tab: str = ""  # its session id
    buffer: bytes = b""
    calls: int = 0
    events: list[dict] = field(default_factory=list)  # the tab's events since the last page
    on_event: Callable[[dict], None] | None = None  # called with each event as it arrives
    exit_code: int | None = None

    @classmethod
    def start(cls, chromium: str, deadline: float) -> "Chromium":
        """Chromium in a process group of its own, with a blank tab open."""
        scratch = tempfile.TemporaryDirectory(prefix="chromium-")
        profile, output = Path(scratch.name) / "profile", Path(scratch.name) / "output.txt"
        command = [chromium, *CHROMIUM_ARGS, *BROWSER_ARGS, PIPE_ARG, f"--user-data-dir={profile}"]
        reads, to_chromium = os.pipe()
        from_chromium, writes = os.pipe()
        # moved above PIPE_FDS first, so that placing one there cannot close the other
        ends = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (reads, writes)]
        said = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o600)
        actions = [
            (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_DUP2, said, 1),
            (os.POSIX_SPAWN_DUP2, said, 2),
            *((os.POSIX_SPAWN_DUP2, end, fd) for end, fd in zip(ends, PIPE_FDS, strict=True)),
        ]
        # UTC: the dates a PDF holds; its temporary files in `scratch`, which goes with it
        # even when it was killed
        env = os.environ | {"TZ": "UTC", "TMPDIR": scratch.name}
        try:
            pid = os.posix_spawnp(chromium, command, env, file_actions=actions, setsid=True)
        except OSError as error:
            for fd in (to_chromium, from_chromium):
                os.close(fd)
            scratch.cleanup()
            raise ChromiumError(f"cannot start {chromium}: {error}") from None
        finally:
            for fd in (reads, writes, *ends, said):
                os.close(fd)
        running = cls(pid, to_chromium, from_chromium, scratch)
        try:
            running.open_tab(deadline)
        except BaseException:
            running.end()
            raise
        return running

    def open_tab(self, deadline: float) -> None:
        """Open a blank tab, closing the one before: the commands that follow go to it."""
        if self.target:
            self.close_tab(deadline)
        self.target = self.call(deadline, "Target.createTarget", url="about:blank")["targetId"]
        attached = self.call(deadline, "Target.attachToTarget", targetId=self.target, flatten=True)
        self.tab = attached["sessionId"]
        self.call(deadline, "Page.enable")

    def close_tab(self, deadline: float) -> None:
        """Close the tab commands go to."""
        target, self.target, self.tab = self.target, "", ""
        self.call(deadline, "Target.closeTarget", targetId=target)

    def open_page(self, url: str, deadline: float) -> None:
        """Open `url` in the tab and wait until it has loaded (its load event)."""
        self.events.clear()
        opened = self.call(deadline, "Page.navigate", url=url)
        if opened.get("errorText"):
            raise ChromiumError(f"{Path(url).name}: not opened: {opened['errorText']}")
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            self._take(self.message(deadline))

    def call(self, deadline: float, method: str, **params: object) -> dict:
        """Send one command (to the tab, once there is one) and return its result; the events
        that arrive meanwhile are noted."""
        awaited = self.post(method, **params)
        while (reply := self.message(deadline)).get("id") != awaited:
            self._take(reply)
        if "error" in reply:
            raise ChromiumError(f"Chromium refused {method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def post(self, method: str, **params: object) -> int:
        """Send one command to the tab without waiting for its answer: the command's id."""
        self.calls += 1
        command = {"id": self.calls, "method": method, "params": params}
        if self.tab:
            command["sessionId"] = self.tab
        try:
            os.write(self.to_chromium, json.dumps(command).encode() + b"\0")
        except BrokenPipeError:
            raise ChromiumError(self.ended()) from None
        return self.calls

    def message(self, deadline: float) -> dict:
        """The next message from Chromium; TimeoutError once `deadline` has passed."""
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.from_chromium], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(self.from_chromium, 1 << 20)
            if not chunk:
                raise ChromiumError(self.ended())
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def ended(self) -> str:
        """Why Chromium closed its pipe: how it exited, with the end of what it said."""
        waited = time.monotonic() + EXIT_WAIT
        while self.exit_code is None and time.monotonic() < waited:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.exit_code = os.waitstatus_to_exitcode(status)
            else:
                time.sleep(0.02)
        said = (Path(self.scratch.name) / "output.txt").read_text(errors="replace")
        how = "closed its pipe" if self.exit_code is None else f"exited with {self.exit_code}"
        return f"Chromium {how}{_tail(said)}"

    def end(self) -> None:
        """Kill Chromium's process group, reap it, close the pipes, remove the scratch folder."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)
        if self.exit_code is None:
            self.exit_code = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
        for fd in (self.to_chromium, self.from_chromium):
            os.close(fd)
        self.scratch.cleanup()

    def _take(self, message: dict) -> None:
        """Note an event of the tab; answers to posted commands, and events of the browser or
        of a tab closed before (a late console message), are dropped."""
        if "method" in message and message.get("sessionId") == self.tab:
            self.events.append(message)
            if self.on_event is not None:
                self.on_event(message)


def _tail(text: str, lines: int = 5) -> str:
    kept = [line for line in text.strip().splitlines() if line.strip()][-lines:]
    return ":\n" + "\n".join(kept) if kept else ""
