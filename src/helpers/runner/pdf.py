"""Print the readers' reports to PDF with headless Chromium, the same bytes on every re-run.

One Chromium prints every report of a run (`Printer`): the runner starts it at the first
print and prints each reader's report in one tab as soon as its notebook has run, over the
DevTools protocol on a pair of pipes (--remote-debugging-pipe). Starting Chromium costs
about 1.5 s of CPU and a print in a running one about 0.5 s, so the 20 reports of `make run`
cost some 11 s instead of 40 s with one Chromium per report. The print is the one
`chromium --headless --print-to-pdf` makes (`PRINT_OPTIONS`: the same bytes); the page setup
(A4, margins, "page / pages" at the foot, nothing split across pages) is the reports' own
CSS (templates/offline), and Chromium's date and file URL are kept off the pages.

Chromium writes the time of printing into the PDF (/CreationDate, /ModDate); `stable_dates`
replaces it with a fixed time of the same length, so the cross-reference offsets stay valid.
It also numbers the tagged PDF's structure elements (/ID (node00000086)) from a counter of the
page's DOM nodes that a print now and then starts one further on; `stable_node_ids` renumbers
them in order, at the same length. So two prints of the same HTML are the same bytes
(`stable`). The PDF is written next to its HTML only once it is complete (at least one page,
a trailer), in the run's build folder, so a failed print publishes no half PDF.

Chromium runs in a process group of its own, ended whole when the printer closes (the run
ends, is stopped or fails) and when Chromium fails or a print times out; the next print starts
a new one. A runner that dies outright closes Chromium's pipe, and Chromium exits by itself.
"""

import base64
import contextlib
import fcntl
import json
import os
import re
import select
import signal
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from helpers.runner.browser import CHROMIUM_ARGS

TIMEOUT = 120.0  # seconds for one print, Chromium's start included; a report prints in 0.5 s
BROWSER_ARGS = ["--headless", "--hide-scrollbars", "--mute-audio", "--no-startup-window"]
PIPE_ARG, PIPE_FDS = "--remote-debugging-pipe", (3, 4)  # Chromium reads on fd 3, answers on 4
PRINT_OPTIONS = {  # Page.printToPDF as --print-to-pdf --no-pdf-header-footer calls it
    "printBackground": True,
    "preferCSSPageSize": True,
    "displayHeaderFooter": False,
    "generateTaggedPDF": True,
}
EXIT_WAIT = 2.0  # seconds to wait for the exit code of a Chromium that closed its pipe
FIXED_DATE = b"20000101000000"  # PDF dates are D:YYYYMMDDHHmmSS followed by the UTC offset
DATES = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})([^)]*)\)")
PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
NODE_IDS = re.compile(rb"\(node(\d+)\)")  # a structure element's id, in the tree and the IDTree


class PrintError(RuntimeError):
    """Chromium did not print a complete PDF: why, with the end of what it said."""


class Printer:
    """One headless Chromium that prints pages to PDF, started at the first print; as a
    context manager, it ends Chromium on leaving."""

    def __init__(self, chromium: str, timeout: float = TIMEOUT) -> None:
        self.chromium = chromium
        self.timeout = timeout
        self._running: Chromium | None = None

    def __enter__(self) -> "Printer":
        return self

    def __exit__(self, *exception: object) -> None:
        self.close()

    def print(self, html: Path, pdf: Path) -> int:
        """Print `html` to `pdf` (replaced only when complete): the number of pages.

        Raises PrintError if Chromium fails, times out or prints no complete PDF; nothing is
        left at `pdf` then, and after a failure of Chromium itself no Chromium process.
        """
        deadline = time.monotonic() + self.timeout
        try:
            self._running = self._running or Chromium.start(self.chromium, deadline)
            data = self._running.print_page(html.resolve().as_uri(), deadline)
        except TimeoutError:
            self.close()
            raise PrintError(
                f"Chromium did not finish printing within {self.timeout:g} s; stopped"
            ) from None
        except PrintError:
            self.close()
            raise
        pages = page_count(data)
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-64:] or pages == 0:
            raise PrintError(f"{html.name}: Chromium printed no complete PDF")
        partial = pdf.with_name(f".{pdf.name}.partial")
        partial.write_bytes(stable(data))
        os.replace(partial, pdf)
        return pages

    def close(self) -> None:
        """End Chromium, with every process it started, and remove its profile."""
        if self._running is not None:
            self._running.end()
            self._running = None


@dataclass
class Chromium:
    """A running Chromium, the tab it prints in, and this end of its protocol pipes: messages
    of JSON, each ended by a NUL byte."""

    pid: int  # which leads its process group
    send: int
    receive: int
    scratch: tempfile.TemporaryDirectory  # its profile and its output
    tab: str = ""  # the tab's session id
    buffer: bytes = b""
    calls: int = 0
    events: list[str] = field(default_factory=list)  # the methods of events since the last page
    exit_code: int | None = None

    @classmethod
    def start(cls, chromium: str, deadline: float) -> "Chromium":
        """Chromium in a process group of its own, with a blank tab open."""
        scratch = tempfile.TemporaryDirectory(prefix="chromium-")
        profile, output = Path(scratch.name) / "profile", Path(scratch.name) / "output.txt"
        command = [chromium, *CHROMIUM_ARGS, *BROWSER_ARGS, PIPE_ARG, f"--user-data-dir={profile}"]
        to_chromium, send = os.pipe()
        receive, from_chromium = os.pipe()
        # moved above PIPE_FDS first, so that placing one there cannot close the other
        ends = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (to_chromium, from_chromium)]
        said = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o600)
        actions = [
            (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_DUP2, said, 1),
            (os.POSIX_SPAWN_DUP2, said, 2),
            *((os.POSIX_SPAWN_DUP2, end, fd) for end, fd in zip(ends, PIPE_FDS, strict=True)),
        ]
        # the dates' offset (fixed by stable_dates anyway); its temporary files in `scratch`,
        # which goes with it even when it was killed
        env = os.environ | {"TZ": "UTC", "TMPDIR": scratch.name}
        try:
            pid = os.posix_spawnp(chromium, command, env, file_actions=actions, setsid=True)
        except OSError as error:
            for fd in (send, receive):
                os.close(fd)
            scratch.cleanup()
            raise PrintError(f"cannot start {chromium}: {error}") from None
        finally:
            for fd in (to_chromium, from_chromium, *ends, said):
                os.close(fd)
        running = cls(pid, send, receive, scratch)
        try:
            tab = running.call(deadline, "Target.createTarget", url="about:blank")["targetId"]
            attached = running.call(deadline, "Target.attachToTarget", targetId=tab, flatten=True)
            running.tab = attached["sessionId"]
            running.call(deadline, "Page.enable")
        except BaseException:
            running.end()
            raise
        return running

    def print_page(self, url: str, deadline: float) -> bytes:
        """The PDF Chromium prints of the page at `url`, once it has loaded in the tab."""
        self.events.clear()
        opened = self.call(deadline, "Page.navigate", url=url)
        if opened.get("errorText"):
            raise PrintError(f"{Path(url).name}: not opened: {opened['errorText']}")
        while "Page.loadEventFired" not in self.events:
            self.events.append(self.message(deadline).get("method", ""))
        printed = self.call(deadline, "Page.printToPDF", **PRINT_OPTIONS)
        return base64.b64decode(printed.get("data", ""))

    def call(self, deadline: float, method: str, **params: object) -> dict:
        """Send one command (to the tab, once there is one) and return its result, noting the
        events that arrive meanwhile."""
        self.calls += 1
        command = {"id": self.calls, "method": method, "params": params}
        if self.tab:
            command["sessionId"] = self.tab
        try:
            os.write(self.send, json.dumps(command).encode() + b"\0")
        except BrokenPipeError:
            raise PrintError(self.ended()) from None
        while (reply := self.message(deadline)).get("id") != self.calls:
            self.events.append(reply.get("method", ""))
        if "error" in reply:
            raise PrintError(f"Chromium refused {method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def message(self, deadline: float) -> dict:
        """The next message from Chromium; TimeoutError once `deadline` has passed."""
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.receive], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(self.receive, 1 << 20)
            if not chunk:
                raise PrintError(self.ended())
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
        for fd in (self.send, self.receive):
            os.close(fd)
        self.scratch.cleanup()


def stable(data: bytes) -> bytes:
    """A printed PDF as every print of the same HTML gives it: `stable_dates`, `stable_node_ids`."""
    return stable_node_ids(stable_dates(data))


def stable_node_ids(data: bytes) -> bytes:
    """`data` with its structure elements' ids, (node<digits>), numbered 1, 2, ... in the order
    of their numbers, each at its own width: the ids stay unique, the IDTree's keys stay in
    order, and no byte moves (a rank is never larger than the number it replaces)."""
    numbers = sorted({int(digits) for digits in NODE_IDS.findall(data)})
    rank = {number: position for position, number in enumerate(numbers, 1)}

    def renumbered(match: re.Match) -> bytes:
        return b"(node%0*d)" % (len(match[1]), rank[int(match[1])])

    return NODE_IDS.sub(renumbered, data)


def stable_dates(data: bytes) -> bytes:
    """`data` with every /CreationDate and /ModDate set to FIXED_DATE, UTC, at the same length:
    the cross-reference table holds byte offsets, so nothing may move."""

    def fixed(match: re.Match) -> bytes:
        offset = re.sub(rb"\d", b"0", match[3]).replace(b"-", b"+")
        return match[1] + FIXED_DATE + offset + b")"

    return DATES.sub(fixed, data)


def page_count(data: bytes) -> int:
    """How many page objects a PDF holds (/Type /Page, not /Pages): Chromium writes each page
    object uncompressed."""
    return len(PAGE.findall(data))


def _tail(text: str, lines: int = 5) -> str:
    kept = [line for line in text.strip().splitlines() if line.strip()][-lines:]
    return ":\n" + "\n".join(kept) if kept else ""
