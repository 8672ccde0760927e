"""The clean table: reproducible from the raw texts, and bad input stops with a clear error
that names the file, row or parameter, leaving data/processed/ as it was."""

import os

import pytest

from helpers.core.files import write_files


def test_write_files_leaves_earlier_files_when_a_later_write_fails(tmp_path, monkeypatch):
    first, second = tmp_path / "a.bin", tmp_path / "b.bin"
    first.write_bytes(b"old")
    opened = []
    original = os.fdopen

    def failing(*args, **kwargs):
        opened.append(1)
        if len(opened) == 2:
            raise OSError("disk full")
        return original(*args, **kwargs)

    monkeypatch.setattr(os, "fdopen", failing)
    with pytest.raises(OSError, match="disk full"):
        write_files({first: b"new", second: b"new"})
    assert first.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.bin"]
