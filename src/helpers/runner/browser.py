"""Open the published reports in headless Chromium, as a reader would, and list problems.

python -m helpers.runner.browser [REPORTS]   # screenshots in REPORTS/screenshots/

Checks that every page loads with no request leaving the machine and no console error,
and that every figure the notebooks drew is rendered with a size.
"""

import os
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.core.paths import REPORTS

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
FIGURES = "svg, img"
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


def find_chromium() -> str | None:
    """The system Chromium, from $CHROMIUM or the PATH (Debian's package: /usr/bin/chromium)."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    return next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)


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
    inspect: Callable[[Any, Path], Any] | None = None,
) -> list[PageCheck]:
    """Open each page, block and record any request that is not a local file, save a shot
    in `screenshots` (None: none). `inspect(page, path)`, if given, reads more of each
    opened playwright page, into PageCheck.inspected: one opening serves every check."""
    from playwright.sync_api import sync_playwright

    if screenshots is not None:
        screenshots.mkdir(parents=True, exist_ok=True)
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for path in pages:
                results.append(_check_page(browser, path, screenshots, inspect))
        finally:
            browser.close()
    return results


def page_name(path: Path) -> str:
    """How a page is named in the results: <set>/<report>.html, or index.html."""
    return f"{path.parent.name}/{path.name}" if path.name != "index.html" else path.name


def screenshot_name(path: Path) -> str:
    """The page's screenshot file: <set>--<report>.png, or index.png; the same every run."""
    return page_name(path).replace("/", "--").removesuffix(".html") + ".png"


def _check_page(
    browser, path: Path, screenshots: Path | None, inspect: Callable[[Any, Path], Any] | None
) -> PageCheck:
    check = PageCheck(page_name(path))
    page = browser.new_page(viewport={"width": 1200, "height": 900})

    def route(route_, request) -> None:
        if request.url.startswith("file://") or request.url.startswith("data:"):
            route_.continue_()
        else:
            check.problems.append(f"request leaves the machine: {request.url}")
            route_.abort()

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and check.problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: check.problems.append(f"script error: {e}"))
    page.goto(path.resolve().as_uri(), wait_until="load")
    sizes = page.eval_on_selector_all(
        f".jp-OutputArea-output :is({FIGURES})",
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height,"
        " e.tagName === 'IMG' ? e.complete && e.naturalWidth > 0 : true]; })",
    )
    check.figures = len(sizes)
    for i, (width, height, loaded) in enumerate(sizes):
        if width <= 0 or height <= 0 or not loaded:
            check.problems.append(f"figure {i + 1} is not rendered ({width}x{height})")
    if screenshots is not None:
        page.screenshot(path=str(screenshots / screenshot_name(path)), full_page=True)
    if inspect is not None:
        check.inspected = inspect(page, path)
    page.close()
    return check


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
