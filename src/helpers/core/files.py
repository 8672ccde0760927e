"""Writing output files all or nothing, so a failure never leaves a half-written set; one
writer at a time in a folder; reading an input file no further than its size limit."""

import fcntl
import os
import secrets
import shutil
import stat
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path


def write_files(files: Mapping[Path, bytes]) -> None:
    """Write every file to a temporary file beside it, then rename them all into place.

    A failure while writing leaves the earlier outputs untouched (an OSError names the file it
    was writing), and one while renaming puts back the files already replaced; no temporary
    file is left either way. Files get the mode
    of any new file (0o666 less the umask), so others can read them as usual.
    """
    aside: list[Path] = []  # temporary files and old files kept aside, all removed at the end
    staged: list[tuple[Path, Path, Path | None]] = []  # (temporary, target, the target's old file)
    replaced: list[tuple[Path, Path | None]] = []
    try:
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = _beside(path, aside)
            try:
                _write_new(tmp, content)
            except OSError as error:  # a full disk: say which file could not be written
                if error.errno is not None and error.filename is None:
                    error.filename = str(path)
                raise
            staged.append((tmp, path, _keep_old(path, aside)))
        for tmp, path, old in staged:
            os.replace(tmp, path)
            replaced.append((path, old))
    except BaseException:
        for path, old in reversed(replaced):
            if old is None:
                path.unlink()
            else:
                os.replace(old, path)
        raise
    finally:
        for name in aside:
            name.unlink(missing_ok=True)


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder` while the block reads and rewrites files in it,
    waiting for another holder: two commands that each read a file and write it back whole
    would otherwise lose one's rows. The lock is an flock on the folder itself, as the
    runner's on reports/.lock (no file added to the folder), released by the OS however the
    holder ends."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def _beside(path: Path, aside: list[Path]) -> Path:
    """A new hidden name in `path`'s folder, recorded in `aside` to be removed at the end."""
    aside.append(path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp"))
    return aside[-1]


def _write_new(path: Path, content: bytes) -> None:
    """Create `path` (it must not exist) holding `content`; the umask sets its mode."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        out = os.fdopen(handle, "wb")
    except BaseException:
        os.close(handle)
        raise
    with out:
        out.write(content)


def _keep_old(path: Path, aside: list[Path]) -> Path | None:
    """A second name for the file at `path` (None if there is none), to put it back from."""
    if not path.exists():
        return None
    old = _beside(path, aside)
    try:
        os.link(path, old)
    except OSError:  # a file system without hard links
        shutil.copy2(path, old)
    return old


class NotAFile(ValueError):
    """A path that is a directory, a device, a FIFO or a socket where a file's bytes are read."""


KINDS = {
    stat.S_ISDIR: "a directory",
    stat.S_ISCHR: "a character device",
    stat.S_ISBLK: "a block device",
    stat.S_ISFIFO: "a FIFO (named pipe)",
    stat.S_ISSOCK: "a socket",
}


def read_regular(path: Path | str, limit: int) -> tuple[bytes, int]:
    """The bytes of the regular file at `path` (links followed) and its size; no bytes when it
    holds more than `limit` (read no further: the caller refuses it by its size).

    FileNotFoundError when nothing is there; NotAFile saying what it is for anything but a
    regular file: /dev/zero never ends and a FIFO waits for a writer, so neither is read.
    """
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO: open without waiting
    try:
        found = os.fstat(handle)
        if not stat.S_ISREG(found.st_mode):
            kind = next((name for test, name in KINDS.items() if test(found.st_mode)), "")
            raise NotAFile(f"is {kind or 'something else'}, not a regular file")
        if found.st_size > limit:
            return b"", found.st_size
        with os.fdopen(os.dup(handle), "rb") as file:
            data = file.read(limit + 1)  # a file grown since its size was read: no further
    finally:
        os.close(handle)
    return (b"" if len(data) > limit else data), len(data)
