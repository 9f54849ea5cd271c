"""Atomic file writes: a reader never sees half a file, and a failure leaves the old one intact.

Done by hand rather than with QSaveFile so that the Qt-free command line and domain can use it.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


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


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path`: to a temporary file first, flushed and fsynced, then renamed."""
    with replacing(path) as temp:
        with open(temp, "wb") as file:
            written = file.write(data)
            if written != len(data):
                raise OSError(f"short write to {temp}: {written} of {len(data)} bytes")
            file.flush()
            os.fsync(file.fileno())
