"""Print a reader's report to PDF with headless Chromium, the same bytes on every re-run.

One Chromium process per PDF (`chromium --headless --print-to-pdf`): each run worker prints the
reports of the notebooks it executed, so PDFs print in parallel with no browser to share, and
a print costs about 0.8 s (one browser printing many pages over CDP saves about 0.3 s of it,
not worth a protocol client of its own). The page setup (A4, margins, "page / pages" at the
foot, nothing split across pages) is the reports' own CSS (templates/offline), and
--no-pdf-header-footer keeps Chromium's date and file URL off the pages.

Chromium writes the time of printing into the PDF (/CreationDate, /ModDate); `stable_dates`
replaces it with a fixed time of the same length, so the cross-reference offsets stay valid.
It also numbers the tagged PDF's structure elements (/ID (node00000086)) from a counter of the
page's DOM nodes that a print now and then starts one further on; `stable_node_ids` renumbers
them in order, at the same length. So two prints of the same HTML are the same bytes
(`stable`). The PDF is written next to its HTML only once it is complete (at least one page,
a trailer), in the run's build folder, so a failed print publishes no half PDF.

Each Chromium runs in a process group of its own, kept in PRINTERS while it runs, so a timeout,
a stopped worker or a runner that died ends it with every process it started (`kill_printers`).
"""

import contextlib
import os
import re
import signal
import subprocess
import tempfile
from pathlib import Path

from helpers.runner.browser import CHROMIUM_ARGS

TIMEOUT = 120.0  # seconds for one print; a report prints in about 1 s
PRINT_ARGS = ["--headless", "--no-pdf-header-footer", "--hide-scrollbars", "--mute-audio"]
FIXED_DATE = b"20000101000000"  # PDF dates are D:YYYYMMDDHHmmSS followed by the UTC offset
DATES = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})([^)]*)\)")
PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
NODE_IDS = re.compile(rb"\(node(\d+)\)")  # a structure element's id, in the tree and the IDTree
PRINTERS: set[int] = set()  # process groups of the Chromium processes this process runs


class PrintError(RuntimeError):
    """Chromium did not print a complete PDF: why, with the end of what it said."""


def print_pdf(html: Path, pdf: Path, chromium: str, timeout: float = TIMEOUT) -> int:
    """Print `html` to `pdf` (replaced only when complete): the number of pages.

    Raises PrintError if Chromium fails, times out or writes no complete PDF; nothing is
    left at `pdf` then, and no Chromium process.
    """
    with tempfile.TemporaryDirectory(prefix="chromium-") as scratch:
        printed = Path(scratch) / "printed.pdf"
        command = [
            chromium,
            *CHROMIUM_ARGS,
            *PRINT_ARGS,
            f"--user-data-dir={Path(scratch) / 'profile'}",
            f"--print-to-pdf={printed}",
            html.resolve().as_uri(),
        ]
        said = _run(command, Path(scratch) / "output.txt", timeout)
        data = printed.read_bytes() if printed.is_file() else b""
    pages = page_count(data)
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-64:] or pages == 0:
        raise PrintError(f"{html.name}: Chromium printed no complete PDF{_tail(said)}")
    partial = pdf.with_name(f".{pdf.name}.partial")
    partial.write_bytes(stable(data))
    os.replace(partial, pdf)
    return pages


def _run(command: list[str], output: Path, timeout: float) -> str:
    """Run Chromium in its own process group, killed whole once done or at the timeout: what
    it wrote to stdout and stderr."""
    env = os.environ | {"TZ": "UTC"}  # the offset of the dates, fixed by stable_dates anyway
    with output.open("w+b") as said:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=said,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
        PRINTERS.add(process.pid)
        try:
            code = process.wait(timeout)
        except subprocess.TimeoutExpired:
            raise PrintError(
                f"Chromium did not finish printing within {timeout:g} s; stopped"
            ) from None
        finally:
            _kill(process.pid)  # its helper processes, should any outlive it
            process.wait()
        said.seek(0)
        text = said.read().decode(errors="replace")
    if code != 0:
        raise PrintError(f"Chromium exited with {code}{_tail(text)}")
    return text


def kill_printers() -> None:
    """End every Chromium this process started to print, with what they started."""
    for group in list(PRINTERS):
        _kill(group)


def _kill(group: int) -> None:
    PRINTERS.discard(group)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, signal.SIGKILL)


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
