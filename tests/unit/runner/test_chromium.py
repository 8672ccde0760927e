"""helpers.runner.chromium without a browser: finding Chromium, and the protocol client driving
a stand-in Chromium (stand_in_chromium.py): tabs, events as they arrive, commands posted
without waiting, refusals named, and a Chromium that is not there. A Chromium that hangs is
tested where its callers turn the timeout into their own error (test_pdf, test_browser)."""

import time

import pytest

from helpers.runner import chromium
from helpers.runner.chromium import Chromium, ChromiumError

# --- find_chromium --------------------------------------------------------------------------


def test_find_chromium_takes_chromium_from_the_environment_first(monkeypatch):
    monkeypatch.setenv("CHROMIUM", "/opt/chrome/chrome")
    monkeypatch.setattr(chromium.shutil, "which", lambda name: f"/usr/bin/{name}")
    assert chromium.find_chromium() == "/opt/chrome/chrome"


def test_find_chromium_falls_back_to_the_path_in_its_order_of_names(monkeypatch):
    monkeypatch.setenv("CHROMIUM", "")  # set but empty: ignored
    asked = []
    found = {"chromium-browser": "/usr/bin/chromium-browser", "google-chrome": "/usr/bin/gc"}

    def which(name):
        asked.append(name)
        return found.get(name)

    monkeypatch.setattr(chromium.shutil, "which", which)
    assert chromium.find_chromium() == "/usr/bin/chromium-browser"
    assert asked == ["chromium", "chromium-browser"]


def test_find_chromium_prefers_chromium_on_the_path(monkeypatch):
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setattr(chromium.shutil, "which", lambda name: f"/usr/bin/{name}")
    assert chromium.find_chromium() == "/usr/bin/chromium"


def test_find_chromium_is_none_when_there_is_none(monkeypatch):
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setattr(chromium.shutil, "which", lambda name: None)
    assert chromium.find_chromium() is None


# --- the protocol client ------------------------------------------------------------------


def soon() -> float:
    return time.monotonic() + 30


@pytest.fixture
def running(stand_in):
    started = Chromium.start(str(stand_in.path), soon())
    yield started
    started.end()


def test_a_started_chromium_has_a_blank_tab_whose_page_events_are_on(stand_in, running):
    assert stand_in.commands("Target.createTarget") == [{"url": "about:blank"}]
    assert stand_in.commands("Target.attachToTarget") == [{"targetId": "tab-1", "flatten": True}]
    assert running.tab == "session-1"
    tab_commands = [e for e in stand_in.noted() if e.get("sessionId") == "session-1"]
    assert [e["method"] for e in tab_commands] == ["Page.enable"]


def test_opening_a_tab_closes_the_one_before(stand_in, running):
    running.open_tab(soon())
    assert stand_in.commands("Target.closeTarget") == [{"targetId": "tab-1"}]
    assert len(stand_in.commands("Target.createTarget")) == 2
    closing = next(e for e in stand_in.noted() if e.get("method") == "Target.closeTarget")
    assert "sessionId" not in closing  # a command of the browser, not of the tab it closes


def opened_page(stand_in) -> tuple[Chromium, list[dict]]:
    """A Chromium, ended, that opened a page, and the events `on_event` was given."""
    running = Chromium.start(str(stand_in.path), soon())
    seen = []
    running.on_event = seen.append
    try:
        running.open_page("file:///r/03-targets.html", soon())
    finally:
        running.end()
    return running, seen


def test_a_page_opens_once_loaded_and_its_events_arrive_in_order_as_they_come(stand_in):
    sent = [{"method": "Runtime.consoleAPICalled", "params": {"n": n}} for n in range(3)]
    stand_in.sends(sent)
    running, seen = opened_page(stand_in)
    assert [e["method"] for e in seen] == [*(e["method"] for e in sent), "Page.loadEventFired"]
    assert [e["params"].get("n") for e in running.events][:3] == [0, 1, 2]
    assert stand_in.commands("Page.navigate") == [{"url": "file:///r/03-targets.html"}]


def test_events_of_another_tab_are_not_the_pages(stand_in):
    said = {"method": "Runtime.consoleAPICalled", "params": {"type": "error", "args": []}}
    stand_in.sends([said | {"sessionId": "an-earlier-tab"}, said])
    running, seen = opened_page(stand_in)
    assert [e["sessionId"] for e in seen] == ["session-1", "session-1"]  # its console, its load
    assert [e["method"] for e in running.events] == [said["method"], "Page.loadEventFired"]


def test_a_posted_command_is_not_waited_for_and_its_answer_is_no_event(stand_in, running):
    first = running.post("Fetch.continueRequest", requestId="r-1")
    assert running.call(soon(), "Runtime.enable") == {}
    assert running.calls == first + 1
    assert stand_in.commands("Fetch.continueRequest") == [{"requestId": "r-1"}]
    assert running.events == []


def test_a_refused_command_is_named(stand_in):
    stand_in.mode("refuse")
    running = Chromium.start(str(stand_in.path), soon())
    try:
        with pytest.raises(
            ChromiumError, match="Chromium refused Page.printToPDF: Printing failed"
        ):
            running.call(soon(), "Page.printToPDF")
    finally:
        running.end()


def test_a_page_that_cannot_be_opened_is_named(stand_in):
    stand_in.mode("missing")
    running = Chromium.start(str(stand_in.path), soon())
    try:
        with pytest.raises(ChromiumError, match="03-targets.html: not opened: net::ERR_FILE_NOT"):
            running.open_page("file:///r/03-targets.html", soon())
    finally:
        running.end()


def test_a_chromium_that_is_not_there_is_named_and_leaves_no_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(chromium.tempfile, "tempdir", str(tmp_path))  # its scratch folder
    with pytest.raises(ChromiumError, match="cannot start /nowhere/chromium: "):
        Chromium.start("/nowhere/chromium", soon())
    assert list(tmp_path.iterdir()) == []
