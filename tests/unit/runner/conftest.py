"""Fixtures of the runner's unit tests: a stand-in Chromium and a report to open."""

from pathlib import Path

import pytest
from support import StandIn


@pytest.fixture
def stand_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> StandIn:
    folder = tmp_path / "stand-in"
    folder.mkdir()
    return StandIn(folder, monkeypatch)


@pytest.fixture
def report(tmp_path: Path) -> Path:
    page = tmp_path / "03-targets.html"
    page.write_text("<h1>Targets</h1>", encoding="utf-8")
    return page
