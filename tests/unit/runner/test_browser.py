"""helpers.runner.browser without a browser: the pages a reader opens, the remote loads a page
would make (scripts, styles, images; not links, not data: URIs), and the checks of opened
pages, driving a stand-in Chromium (stand_in_chromium.py): requests blocked or let through,
console and script errors, figures without a size, screenshots, and reading a page."""

import pytest
from support import gone

from helpers.runner import browser
from helpers.runner.chromium import ChromiumError

DRAWN = [[600, 400, True], [300, 200, True]]  # what FIGURE_SIZES gives: width, height, loaded


def paused(request_id: str, url: str) -> dict:
    return {
        "method": "Fetch.requestPaused",
        "params": {"requestId": request_id, "request": {"url": url}},
    }


# --- check_pages ----------------------------------------------------------------------------


def test_a_local_request_goes_through_and_a_remote_one_is_blocked_and_named(stand_in, report):
    stand_in.sends(
        [
            paused("r-1", report.resolve().as_uri()),
            paused("r-2", "data:image/png;base64,iVBOR"),
            paused("r-3", "https://cdn.example.org/x.js"),
        ]
    )
    stand_in.evaluates_to(DRAWN)
    (check,) = browser.check_pages([report], None, str(stand_in.path))
    assert check.problems == ["request leaves the machine: https://cdn.example.org/x.js"]
    assert stand_in.commands("Fetch.continueRequest") == [
        {"requestId": "r-1"},
        {"requestId": "r-2"},
    ]
    assert stand_in.commands("Fetch.failRequest") == [{"requestId": "r-3", "errorReason": "Failed"}]
    assert stand_in.commands("Fetch.enable") == [{"patterns": [{"urlPattern": "*"}]}]


def test_console_and_script_errors_are_problems_and_other_messages_are_not(stand_in, report):
    said = [
        {
            "method": "Runtime.consoleAPICalled",
            "params": {
                "type": "error",
                "args": [{"type": "string", "value": "boom"}, {"type": "number", "value": 3}],
            },
        },
        {
            "method": "Runtime.consoleAPICalled",
            "params": {"type": "warning", "args": [{"type": "string", "value": "only a warning"}]},
        },
        {"method": "Log.entryAdded", "params": {"entry": {"level": "error", "text": "Failed"}}},
        {"method": "Log.entryAdded", "params": {"entry": {"level": "info", "text": "fine"}}},
        {
            "method": "Runtime.exceptionThrown",
            "params": {
                "exceptionDetails": {
                    "text": "Uncaught",
                    "exception": {"description": "TypeError: x is null\n  at f"},
                }
            },
        },
    ]
    stand_in.sends(said)
    stand_in.evaluates_to([])
    (check,) = browser.check_pages([report], None, str(stand_in.path))
    assert check.problems == [
        "console: boom 3",
        "console: Failed",
        "script error: TypeError: x is null",
    ]


def test_a_figure_without_a_size_or_an_image_that_did_not_load_is_named(stand_in, report):
    stand_in.evaluates_to([[600, 400, True], [0, 200, True], [16, 16, False]])
    (check,) = browser.check_pages([report], None, str(stand_in.path))
    assert check.figures == 3
    assert check.problems == [
        "figure 2 is not rendered (0x200)",
        "figure 3 is not rendered (16x16)",
    ]
    [script] = stand_in.commands("Runtime.evaluate")
    assert script == {"expression": f"({browser.FIGURE_SIZES})(null)", "returnByValue": True}


def test_each_page_opens_in_a_tab_of_its_own_in_one_chromium_and_its_shot_is_the_whole_page(
    stand_in, report, tmp_path
):
    other = tmp_path / "sub" / "01-clean-figures.html"
    other.parent.mkdir()
    other.write_text("<h1>Figures</h1>", encoding="utf-8")
    stand_in.evaluates_to(DRAWN)
    shots = tmp_path / "shots"
    checks = browser.check_pages([report, other], shots, str(stand_in.path))
    assert [(c.page, c.figures, c.problems) for c in checks] == [
        (f"{report.parent.name}/03-targets.html", 2, []),
        ("sub/01-clean-figures.html", 2, []),
    ]
    assert stand_in.launches() == 1
    assert len(stand_in.commands("Target.createTarget")) == 3  # the blank one, then one a page
    assert len(stand_in.commands("Target.closeTarget")) == 2
    assert (
        stand_in.commands("Emulation.setDeviceMetricsOverride")
        == [browser.WINDOW | {"deviceScaleFactor": 1, "mobile": False}] * 2
    )
    names = [browser.screenshot_name(page) for page in (report, other)]
    assert sorted(p.name for p in shots.iterdir()) == sorted(names)
    assert (shots / names[1]).read_bytes() == b"PNG of 1200x2400"  # the content, not the window
    assert all(gone(pid) for pid in stand_in.pids())  # ended with the checks


def test_inspect_reads_the_opened_page_with_scripts_and_another_window(stand_in, report):
    stand_in.evaluates_to([])  # what every script gives, the figures' sizes included

    def inspect(page: browser.OpenedPage, path):
        page.set_viewport_size({"width": 390, "height": 844})
        return path.name, page.evaluate("lang => [lang]", "en")

    (check,) = browser.check_pages([report], None, str(stand_in.path), inspect=inspect)
    assert check.inspected == ("03-targets.html", [])
    assert stand_in.commands("Runtime.evaluate")[-1]["expression"] == '(lang => [lang])("en")'
    window = stand_in.commands("Emulation.setDeviceMetricsOverride")[-1]
    assert (window["width"], window["height"]) == (390, 844)


def test_a_script_that_throws_is_a_chromium_error_with_its_message(stand_in, report):
    stand_in.evaluates_to([])

    def inspect(page, path):
        return page.evaluate("() => { throw new Error('thrown'); }")

    with pytest.raises(ChromiumError, match="^script failed: Error: thrown$"):
        browser.check_pages([report], None, str(stand_in.path), inspect=inspect)


def test_a_failing_inspection_still_ends_chromium(stand_in, report):
    stand_in.evaluates_to([])

    def inspect(page, path):
        raise ValueError("planted")

    with pytest.raises(ValueError, match="planted"):
        browser.check_pages([report], None, str(stand_in.path), inspect=inspect)
    assert all(gone(pid) for pid in stand_in.pids())


def test_a_page_that_cannot_be_opened_raises_and_ends_chromium(stand_in, report):
    stand_in.mode("missing")
    with pytest.raises(ChromiumError, match="03-targets.html: not opened"):
        browser.check_pages([report], None, str(stand_in.path))
    assert all(gone(pid) for pid in stand_in.pids())


def test_a_page_that_never_loads_is_a_chromium_error_after_the_timeout(
    stand_in, report, monkeypatch
):
    stand_in.mode("hang")
    monkeypatch.setattr(browser, "TIMEOUT", 0.25)
    with pytest.raises(ChromiumError, match="did not answer within 0.25 s; stopped"):
        browser.check_pages([report], None, str(stand_in.path))
    assert all(gone(pid) for pid in stand_in.pids())


# --- reader_pages ---------------------------------------------------------------------------


def test_reader_pages_are_the_index_then_each_readers_report(tmp_path):
    for page in (
        "index.html",
        "methodology.html",
        "b/02-trend.html",
        "b/02-trend.full.html",
        "a/01-clean.html",
        "a/01-clean.full.html",
        "a/01-clean.ipynb",
        "a/figures/f.html",
    ):
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text("<p></p>")
    assert browser.reader_pages(tmp_path) == [
        tmp_path / "index.html",
        tmp_path / "a" / "01-clean.html",
        tmp_path / "b" / "02-trend.html",
    ]


def test_reader_pages_name_the_index_even_before_it_is_written(tmp_path):
    assert browser.reader_pages(tmp_path) == [tmp_path / "index.html"]


# --- remote_loads ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ('<script src="https://cdn.example/x.js">', ['src="https://cdn.example/x.js']),
        ("<img src=http://i.example/c.png>", ["src=http://i.example/c.png"]),
        ("<iframe src = '//v.example/p'>", ["src = '//v.example/p"]),
        (
            '<link rel="stylesheet" href="//cdn.example/x.css">',
            ['<link rel="stylesheet" href="//cdn.example/x.css'],
        ),
        ('@import "https://f.example/a.css";', ['@import "https://f.example/a.css']),
        ("b { background: url(https://i.example/b.png) }", ["url(https://i.example/b.png"]),
        ("@font-face { src: url('//f.example/f.woff2') }", ["url('//f.example/f.woff2"]),
    ],
    ids=["script", "image", "iframe", "stylesheet", "import", "url", "font"],
)
def test_remote_loads_finds_what_a_browser_would_fetch(html, found):
    assert browser.remote_loads(html) == found


@pytest.mark.parametrize(
    "html",
    [
        '<a href="https://otexts.com/fpp3/">FPP3</a>',
        '<img src="data:image/png;base64,iVBORw0K">',
        "b { background: url(data:image/svg+xml;utf8,<svg/>) }",
        '<script src="figures/x.js"></script><link href="style.css" rel="stylesheet">',
        '<img src="/local/figure.svg">',
        "<p>see https://example.org/page for details</p>",
    ],
    ids=["link", "data-src", "data-url", "relative", "absolute-local", "plain-text"],
)
def test_remote_loads_ignores_links_data_uris_and_local_files(html):
    assert browser.remote_loads(html) == []


def test_remote_loads_lists_every_load_grouped_by_kind():
    page = (
        '<img src="https://a.example/1.png"><style>@import "//b.example/s.css";</style>'
        '<img src="https://a.example/2.png"><a href="https://c.example/">c</a>'
    )
    assert browser.remote_loads(page) == [
        'src="https://a.example/1.png',
        'src="https://a.example/2.png',
        '@import "//b.example/s.css',
    ]
