"""Atomic file writes: a reader never sees half a file, and a failure leaves the old one intact.

Done by hand rather than with QSaveFile so that the Qt-free command line and domain can use it.
"""

from __future__ import annotations

import errno
import glob
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

STALE_AFTER_S = 3600  # a temporary file this old is a leftover: no save takes an hour
_RANDOM_PART = 8  # the length of tempfile.mkstemp's random name part


def _clear_leftovers(path: Path) -> None:
    """Remove temporary files of `path` that a save killed mid-write left behind (hidden, and
    ignored by the library, but they would pile up). Fresh ones may be another running copy's
    save in progress and are left alone."""
    prefix = f".{path.name}."
    try:
        candidates = list(path.parent.glob(f"{glob.escape(prefix)}*.tmp"))  # "a[1].yaml" too
    except OSError:
        return
    cutoff = time.time() - STALE_AFTER_S
    for candidate in candidates:
        middle = candidate.name[len(prefix) : -len(".tmp")]
        try:
            if len(middle) == _RANDOM_PART and candidate.stat().st_mtime < cutoff:
                candidate.unlink()
        except OSError:
            pass


def _mode_for(path: Path) -> int:
    """An existing file keeps its permissions; a new one gets the ordinary ones (umask)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` to write to; on success it is renamed over `path`, on any
    failure it is removed and `path` is left as it was."""
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    temp = Path(temp_name)
    try:
        yield temp
        if temp.stat().st_size == 0:
            raise OSError(f"nothing was written to {path}")
        os.chmod(temp, _mode_for(path))
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    _clear_leftovers(path)


Writer = Callable[[int, memoryview], int]
Syncer = Callable[[int], None]


def write_atomically(path: Path, data: bytes, write: Writer = os.write, sync: Syncer = os.fsync) -> None:
    """Write `data` to `path`: to a temporary file first, every write's length checked (a write
    that makes no progress fails; a partial one is continued), fsynced, then renamed, and the
    folder fsynced so the rename survives a power cut. `write` and `sync` are os.write and
    os.fsync: the fault-injection tests pass others (a disk that fills up, short writes, EIO)."""
    with replacing(path) as temp:
        fd = os.open(temp, os.O_WRONLY | os.O_TRUNC)
        try:
            view = memoryview(data)
            while view:
                written = write(fd, view)
                if not written or written < 0:
                    raise OSError(
                        errno.EIO,
                        f"short write: the disk took {len(data) - len(view)} of {len(data)} bytes "
                        f"of {temp.name} and then no more",
                    )
                view = view[written:]
            sync(fd)
        finally:
            os.close(fd)
    _sync_folder(path.parent)


def explain(exc: OSError) -> str:
    """An OSError from writing a file, in the user's words."""
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "your disk quota is used up",
        errno.EROFS: "the disk is read-only",
        errno.EACCES: "you may not write in that folder",
        errno.EPERM: "you may not write in that folder",
        errno.ENOENT: "the folder no longer exists",
        errno.EFBIG: "the file is larger than this system allows",
        errno.EIO: "the disk reported an error while writing",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # not possible on every platform (Windows): the rename is still atomic
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def damaged_name(path: Path, stamp: str) -> Path:
    """A free name beside `path` for a file set aside as unusable: NAME.damaged-STAMP, with -2,
    -3 … when a file of that name is there already (so an earlier one is never overwritten)."""
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    return target
