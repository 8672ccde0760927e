"""helpers.core.files: write_files writes a set of files all or nothing, creating folders,
putting back what it replaced if a rename fails, giving files the mode the umask allows and
leaving no temporary file or descriptor behind; read_regular reads a regular file alone, no
further than its limit."""

import errno
import fcntl
import os
import re

import pytest

from helpers.core.files import NotAFile, locked, read_regular, write_files


def test_write_files_leaves_earlier_files_when_a_later_write_fails(tmp_path, monkeypatch):
    first, second = tmp_path / "a.bin", tmp_path / "b.bin"
    first.write_bytes(b"old")
    opened = []
    original = os.fdopen

    def failing(*args, **kwargs):
        opened.append(1)
        if len(opened) == 2:
            raise OSError(errno.ENOSPC, "disk full")
        return original(*args, **kwargs)

    monkeypatch.setattr(os, "fdopen", failing)
    with pytest.raises(OSError, match="disk full") as failed:
        write_files({first: b"new", second: b"new"})
    assert failed.value.filename == str(second)  # what could not be written, for the message
    assert first.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.bin"]


def test_write_files_writes_every_file_with_its_bytes(tmp_path):
    files = {tmp_path / "a.csv": b"x,y\n1,2\n", tmp_path / "b.bin": bytes(range(256))}
    write_files(files)
    assert {path: path.read_bytes() for path in files} == files


def test_write_files_creates_missing_folders(tmp_path):
    deep = tmp_path / "reports" / "baseline" / "figures" / "plot.svg"
    write_files({deep: b"<svg/>", tmp_path / "top.txt": b"top"})
    assert deep.read_bytes() == b"<svg/>"
    assert (tmp_path / "top.txt").read_bytes() == b"top"


def test_write_files_replaces_existing_files_and_leaves_no_temporary_file(tmp_path):
    (tmp_path / "sub").mkdir()
    old = tmp_path / "sub" / "table.csv"
    old.write_bytes(b"old content that is longer than the new one")
    write_files({old: b"new", tmp_path / "other.csv": b""})
    assert old.read_bytes() == b"new"
    assert (tmp_path / "other.csv").read_bytes() == b""
    everything = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert everything == ["other.csv", "sub", "sub/table.csv"]


def test_write_files_with_nothing_to_write_writes_nothing(tmp_path):
    write_files({})
    assert list(tmp_path.iterdir()) == []


# --- modes, descriptors and renames ---------------------------------------------------------


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640)])
def test_write_files_gives_new_and_replaced_files_the_mode_the_umask_allows(tmp_path, umask, mode):
    (tmp_path / "old.csv").write_bytes(b"old")
    (tmp_path / "old.csv").chmod(0o600)
    previous = os.umask(umask)
    try:
        write_files({tmp_path / "new.csv": b"new", tmp_path / "old.csv": b"new"})
    finally:
        os.umask(previous)
    assert {p.name: p.stat().st_mode & 0o777 for p in tmp_path.iterdir()} == {
        "new.csv": mode,
        "old.csv": mode,
    }


def test_write_files_closes_the_descriptor_when_fdopen_fails(tmp_path, monkeypatch):
    handles = []

    def failing(handle, *args, **kwargs):
        handles.append(handle)
        raise MemoryError("no buffer")

    monkeypatch.setattr(os, "fdopen", failing)
    with pytest.raises(MemoryError):
        write_files({tmp_path / "a.bin": b"new"})
    with pytest.raises(OSError):
        os.fstat(handles[0])
    assert list(tmp_path.iterdir()) == []


def test_write_files_puts_back_the_replaced_files_when_a_rename_fails(tmp_path, monkeypatch):
    (tmp_path / "a.csv").write_bytes(b"old a")
    (tmp_path / "c.csv").write_bytes(b"old c")
    renames = []
    original = os.replace

    def failing_third(*args, **kwargs):
        renames.append(args)
        if len(renames) == 3:
            raise OSError(5, "Input/output error")
        return original(*args, **kwargs)

    monkeypatch.setattr(os, "replace", failing_third)
    files = {tmp_path / name: b"new" for name in ("a.csv", "b.csv", "c.csv", "d.csv")}
    with pytest.raises(OSError, match="Input/output error"):
        write_files(files)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {
        "a.csv": b"old a",
        "c.csv": b"old c",
    }


# --- read_regular ---------------------------------------------------------------------------


def test_read_regular_reads_a_file_through_a_link_up_to_its_limit(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"12345")
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")
    assert read_regular(tmp_path / "link.txt", 5) == (b"12345", 5)
    assert read_regular(tmp_path / "a.txt", 4) == (b"", 5)  # over: nothing read


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda path: path.symlink_to("/dev/zero"), "a character device"),
        (lambda path: os.mkfifo(path), "a FIFO (named pipe)"),
        (lambda path: path.mkdir(), "a directory"),
    ],
    ids=["dev-zero", "fifo", "directory"],
)
def test_read_regular_refuses_what_is_not_a_regular_file_without_reading_or_waiting(
    tmp_path, make, kind
):
    make(tmp_path / "raw.txt")
    with pytest.raises(NotAFile, match=f"^{re.escape(f'is {kind}, not a regular file')}$"):
        read_regular(tmp_path / "raw.txt", 100)


@pytest.mark.skipif(not os.path.isfile("/proc/self/status"), reason="needs /proc")
def test_read_regular_reads_no_further_than_the_limit_whatever_the_size_says():
    """/proc files say they are empty: the read itself stops one byte past the limit."""
    assert read_regular("/proc/self/status", 10) == (b"", 11)
    data, size = read_regular("/proc/self/status", 1_000_000)
    assert data.startswith(b"Name:") and size == len(data)


def test_locked_holds_the_folder_against_another_holder_until_the_block_ends(tmp_path):
    def taken() -> bool:
        other = os.open(tmp_path, os.O_RDONLY)
        try:
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(other)
        return False

    with locked(tmp_path):
        assert taken()
    assert not taken()
    assert list(tmp_path.iterdir()) == []  # no lock file left in the folder
