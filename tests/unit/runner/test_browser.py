"""helpers.runner.browser without a browser: finding Chromium, the pages a reader opens, and
the remote loads a page would make (scripts, styles, images; not links, not data: URIs)."""

import pytest

from helpers.runner import browser

# --- find_chromium --------------------------------------------------------------------------


def test_find_chromium_takes_chromium_from_the_environment_first(monkeypatch):
    monkeypatch.setenv("CHROMIUM", "/opt/chrome/chrome")
    monkeypatch.setattr(browser.shutil, "which", lambda name: f"/usr/bin/{name}")
    assert browser.find_chromium() == "/opt/chrome/chrome"


def test_find_chromium_falls_back_to_the_path_in_its_order_of_names(monkeypatch):
    monkeypatch.setenv("CHROMIUM", "")  # set but empty: ignored
    asked = []
    found = {"chromium-browser": "/usr/bin/chromium-browser", "google-chrome": "/usr/bin/gc"}

    def which(name):
        asked.append(name)
        return found.get(name)

    monkeypatch.setattr(browser.shutil, "which", which)
    assert browser.find_chromium() == "/usr/bin/chromium-browser"
    assert asked == ["chromium", "chromium-browser"]


def test_find_chromium_prefers_chromium_on_the_path(monkeypatch):
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setattr(browser.shutil, "which", lambda name: f"/usr/bin/{name}")
    assert browser.find_chromium() == "/usr/bin/chromium"


def test_find_chromium_is_none_when_there_is_none(monkeypatch):
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setattr(browser.shutil, "which", lambda name: None)
    assert browser.find_chromium() is None


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
