"""Faulty writes for trainer.infra.fileio's `write` and `sync` seams: what write(2) and fsync(2) do
when a disk fills up or fails. Each writes through the real os.write until its fault."""

from __future__ import annotations

import errno
import os
import random

from trainer.infra.fileio import Syncer, Writer


def _error(code: int) -> OSError:
    return OSError(code, os.strerror(code))


def fills_up_at(room: int, rng: random.Random | None = None) -> Writer:
    """A disk with `room` bytes free: a write that straddles the end writes what fits (a short
    write), the next fails with ENOSPC, as write(2) does. With `rng`, every write is also cut
    short at a random length first (pipes, signals, network file systems)."""
    taken = 0

    def write(fd: int, data: memoryview) -> int:
        nonlocal taken
        if taken >= room:
            raise _error(errno.ENOSPC)
        length = min(len(data), room - taken)
        if rng is not None:
            length = rng.randint(1, length)
        written = os.write(fd, data[:length])
        taken += written
        return written

    return write


def stalls_at(room: int) -> Writer:
    """A writer that stops making progress after `room` bytes: write returns 0."""
    taken = 0

    def write(fd: int, data: memoryview) -> int:
        nonlocal taken
        if taken >= room:
            return 0
        written = os.write(fd, data[: room - taken])
        taken += written
        return written

    return write


def sync_fails(code: int = errno.EIO) -> Syncer:
    """fsync reporting that the data did not reach the disk (EIO, or ENOSPC on delayed allocation)."""

    def sync(fd: int) -> None:
        raise _error(code)

    return sync
