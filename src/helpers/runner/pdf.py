"""Print the readers' reports to PDF with headless Chromium, the same bytes on every re-run.

One Chromium prints every report of a run (`Printer`): the runner starts it at the first
print and prints each reader's report in one tab as soon as its notebook has run, over the
DevTools protocol (`chromium.Chromium`). Starting Chromium and printing a first report cost
about 1.2 s of CPU (all of Chromium's processes), each further print in a running one about
0.35 s, so the 20 reports of `make run` cost some 8 s instead of 24 s with one Chromium per
report. The print is the one
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

Chromium is ended, with every process it started, when the printer closes (the run ends, is
stopped or fails) and when Chromium fails or a print times out; the next print starts a new
one. A runner that dies outright closes Chromium's pipe, and Chromium exits by itself.
"""

import base64
import os
import re
import time
from pathlib import Path

from helpers.runner.chromium import Chromium, ChromiumError

TIMEOUT = 120.0  # seconds for one print, Chromium's start included; a report prints in 0.5 s
PRINT_OPTIONS = {  # Page.printToPDF as --print-to-pdf --no-pdf-header-footer calls it
    "printBackground": True,
    "preferCSSPageSize": True,
    "displayHeaderFooter": False,
    "generateTaggedPDF": True,
}
FIXED_DATE = b"20000101000000"  # PDF dates are D:YYYYMMDDHHmmSS followed by the UTC offset
DATES = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})([^)]*)\)")
PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
NODE_IDS = re.compile(rb"\(node(\d+)\)")  # a structure element's id, in the tree and the IDTree


class PrintError(ChromiumError):
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

        Raises PrintError if Chromium fails, times out or prints no complete PDF, and OSError
        naming `pdf` if it cannot be written (a full disk); nothing is left at `pdf` then, and
        after a failure of Chromium itself no Chromium process.
        """
        deadline = time.monotonic() + self.timeout
        try:
            self._running = self._running or Chromium.start(self.chromium, deadline)
            self._running.open_page(html.resolve().as_uri(), deadline)
            printed = self._running.call(deadline, "Page.printToPDF", **PRINT_OPTIONS)
        except TimeoutError:
            self.close()
            raise PrintError(
                f"Chromium did not finish printing within {self.timeout:g} s; stopped"
            ) from None
        except ChromiumError as error:
            self.close()
            raise PrintError(str(error)) from None
        data = base64.b64decode(printed.get("data", ""))
        pages = page_count(data)
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-64:] or pages == 0:
            raise PrintError(f"{html.name}: Chromium printed no complete PDF")
        partial = pdf.with_name(f".{pdf.name}.partial")
        try:
            partial.write_bytes(stable(data))
        except OSError as error:  # a full disk: the error names the PDF, none is left half
            partial.unlink(missing_ok=True)
            raise OSError(error.errno, error.strerror, str(pdf)) from None
        os.replace(partial, pdf)
        return pages

    def close(self) -> None:
        """End Chromium, with every process it started, and remove its profile."""
        if self._running is not None:
            self._running.end()
            self._running = None


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
