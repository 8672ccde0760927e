"""Open the published reports in headless Chromium, as a reader would, and list problems.

python -m helpers.runner.browser [REPORTS]   # screenshots in REPORTS/screenshots/

Checks that every page loads with no request leaving the machine and no console error,
and that every figure the notebooks drew is rendered with a size. Each page opens in a tab
of its own, in one Chromium for all (`chromium.Chromium`), in a 1200 x 900 window.
"""

import base64
import functools
import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.core.files import write_files
from helpers.core.paths import REPORTS
from helpers.runner.chromium import Chromium, ChromiumError, find_chromium

TIMEOUT = 60.0  # seconds to open and check one page; a report takes a fraction of one
WINDOW = {"width": 1200, "height": 900}  # CSS pixels of the window a page is opened in
FIGURE_SIZES = """() => [...document.querySelectorAll(
  '.jp-OutputArea-output :is(svg, img)')].map(e => { const r = e.getBoundingClientRect();
  return [r.width, r.height, e.tagName === 'IMG' ? e.complete && e.naturalWidth > 0 : true]; })"""
REMOTE = r"""["']?(?:https?:)?//[^"' >)]+"""
LOADS = [  # what a browser fetches on opening a page; a citation link (<a href>) is not fetched
    rf"\bsrc\s*=\s*{REMOTE}",
    rf"<link\b[^>]*\bhref\s*=\s*{REMOTE}",
    rf"url\(\s*{REMOTE}",
    rf"@import\s+{REMOTE}",
]


@dataclass
class PageCheck:
    """What one page did when opened."""

    page: str
    figures: int = 0
    problems: list[str] = field(default_factory=list)
    inspected: Any = None  # what check_pages' `inspect` returned for the page


def remote_loads(html: str) -> list[str]:
    """What a page would fetch from another host on opening: scripts, styles, images, fonts."""
    return [found for pattern in LOADS for found in re.findall(pattern, html)]


def reader_pages(reports: Path) -> list[Path]:
    """The index and every reader's report (not the full ones with code)."""
    pages = sorted(p for p in reports.glob("*/*.html") if not p.name.endswith(".full.html"))
    return [reports / "index.html", *pages]


def check_pages(
    pages: list[Path],
    screenshots: Path | None,
    chromium: str,
    inspect: Callable[["OpenedPage", Path], Any] | None = None,
) -> list[PageCheck]:
    """Open each page in a tab of its own, block and record any request that is not a local
    file, save a shot in `screenshots` (None: none). `inspect(page, path)`, if given, reads
    more of each opened page, into PageCheck.inspected: one opening serves every check.

    Raises ChromiumError if Chromium fails, or a page does not open and load within TIMEOUT
    seconds; Chromium is ended in any case.
    """
    if screenshots is not None:
        screenshots.mkdir(parents=True, exist_ok=True)
    try:
        running = Chromium.start(chromium, time.monotonic() + TIMEOUT)
        try:
            return [_check_page(running, path, screenshots, inspect) for path in pages]
        finally:
            running.end()
    except TimeoutError:
        raise ChromiumError(f"Chromium did not answer within {TIMEOUT:g} s; stopped") from None


@dataclass
class OpenedPage:
    """A page open in Chromium's tab, to read with scripts, as a reader's browser shows it."""

    chromium: Chromium
    deadline: float

    def evaluate(self, function: str, argument: object = None) -> Any:
        """What the JavaScript `function` returns, called with `argument` (as JSON) on the page."""
        call = f"({function})({json.dumps(argument)})"
        done = self.chromium.call(
            self.deadline, "Runtime.evaluate", expression=call, returnByValue=True
        )
        if "exceptionDetails" in done:
            raise ChromiumError(f"script failed: {_error_text(done['exceptionDetails'])}")
        return done["result"].get("value")

    def set_viewport_size(self, size: dict[str, int]) -> None:
        """Show the page in a window of size {"width": ..., "height": ...} CSS pixels."""
        self.chromium.call(
            self.deadline,
            "Emulation.setDeviceMetricsOverride",
            **size,
            deviceScaleFactor=1,
            mobile=False,
        )

    def screenshot(self, path: Path) -> None:
        """A PNG of the whole page, not only the window, written whole to `path`."""
        size = self.chromium.call(self.deadline, "Page.getLayoutMetrics")["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
        shot = self.chromium.call(
            self.deadline,
            "Page.captureScreenshot",
            format="png",
            clip=clip,
            captureBeyondViewport=True,
        )
        write_files({path: base64.b64decode(shot["data"])})


def page_name(path: Path) -> str:
    """How a page is named in the results: <set>/<report>.html, or index.html."""
    return f"{path.parent.name}/{path.name}" if path.name != "index.html" else path.name


def screenshot_name(path: Path) -> str:
    """The page's screenshot file: <set>--<report>.png, or index.png; the same every run."""
    return page_name(path).replace("/", "--").removesuffix(".html") + ".png"


def _check_page(
    running: Chromium,
    path: Path,
    screenshots: Path | None,
    inspect: Callable[[OpenedPage, Path], Any] | None,
) -> PageCheck:
    check = PageCheck(page_name(path))
    page = OpenedPage(running, time.monotonic() + TIMEOUT)
    running.open_tab(page.deadline)
    running.on_event = functools.partial(_note_event, running, check)
    try:
        for domain in ("Runtime", "Log"):
            running.call(page.deadline, f"{domain}.enable")
        running.call(page.deadline, "Fetch.enable", patterns=[{"urlPattern": "*"}])
        page.set_viewport_size(WINDOW)
        running.open_page(path.resolve().as_uri(), page.deadline)
        sizes = page.evaluate(FIGURE_SIZES)
        check.figures = len(sizes)
        for i, (width, height, loaded) in enumerate(sizes):
            if width <= 0 or height <= 0 or not loaded:
                check.problems.append(f"figure {i + 1} is not rendered ({width}x{height})")
        if screenshots is not None:
            page.screenshot(screenshots / screenshot_name(path))
        if inspect is not None:
            check.inspected = inspect(page, path)
    finally:
        running.on_event = None
    return check


def _note_event(running: Chromium, check: PageCheck, event: dict) -> None:
    """Let a local request through and block any other, noting it; note console errors and
    uncaught script errors."""
    method, params = event["method"], event.get("params", {})
    if method == "Fetch.requestPaused":
        url = params["request"]["url"]
        if url.startswith(("file://", "data:")):
            running.post("Fetch.continueRequest", requestId=params["requestId"])
        else:
            check.problems.append(f"request leaves the machine: {url}")
            running.post("Fetch.failRequest", requestId=params["requestId"], errorReason="Failed")
    elif method == "Runtime.consoleAPICalled" and params["type"] == "error":
        said = " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"])
        check.problems.append(f"console: {said}")
    elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
        check.problems.append(f"console: {params['entry']['text']}")
    elif method == "Runtime.exceptionThrown":
        check.problems.append(f"script error: {_error_text(params['exceptionDetails'])}")


def _error_text(details: dict) -> str:
    """The first line of a script error as the protocol reports it."""
    described = details.get("exception", {}).get("description") or details.get("text", "")
    return described.splitlines()[0] if described else "unknown error"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    reports = Path(args[0]) if args else REPORTS
    chromium = find_chromium()
    if chromium is None:
        print("no chromium found (apt-get install chromium, or set CHROMIUM)", file=sys.stderr)
        return 2
    results = check_pages(reader_pages(reports), reports / "screenshots", chromium)
    for result in results:
        status = "ok" if not result.problems else "; ".join(result.problems)
        print(f"{result.page}: {result.figures} figures, {status}")
    return 1 if any(r.problems for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
