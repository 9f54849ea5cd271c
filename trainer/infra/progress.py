"""Progress and cancellation of long work, without Qt.

Long work (loading a library, preparing a large tree's drawing, building a big quiz) runs in a
worker thread while the window stays responsive. The work and the window share one `Progress`:
the work says what it is doing (`start`, `advance`) and calls `check()` at natural points; the
window reads `snapshot()` on a timer to show "Loading trees… 12 of 40" and calls `cancel()` when
the user asks. `check()` then raises `Cancelled` in the worker, which unwinds the work cleanly.

Domain functions take `progress: Progress | None = None` and work exactly as before without one;
`checkpoint` and `advance` below make that one line at each call site.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass


class Cancelled(BaseException):
    """The user cancelled the work; raised by `Progress.check()` in the worker.

    A BaseException, as asyncio's CancelledError is: the many `except Exception` that turn an
    author's broken file into a located problem must not turn a cancel into one too."""


@dataclass(frozen=True)
class Snapshot:
    """What the work is doing, as the window shows it: a phase, and done of total (0: unknown)."""

    phase: str
    done: int
    total: int

    @property
    def text(self) -> str:
        if self.total:
            return f"{self.phase}… {min(self.done, self.total)} of {self.total}"
        return f"{self.phase}…" if self.phase else ""


class Progress:
    """Counters and a cancel flag shared between a worker thread and the window (thread-safe:
    every read and write holds one lock, and a snapshot is taken as a whole)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._phase = ""
        self._done = 0
        self._total = 0
        self._cancelled = threading.Event()

    def start(self, phase: str, total: int = 0) -> None:
        """A new phase of `total` steps (0 when the count is not known)."""
        with self._lock:
            self._phase, self._done, self._total = phase, 0, total
        self.check()

    def advance(self, steps: int = 1) -> None:
        with self._lock:
            self._done += steps
        self.check()

    def snapshot(self) -> Snapshot:
        with self._lock:
            return Snapshot(self._phase, self._done, self._total)

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        """Raise `Cancelled` if the user asked to stop."""
        if self._cancelled.is_set():
            raise Cancelled()


def checkpoint(progress: Progress | None) -> None:
    """`progress.check()` when there is a progress to check."""
    if progress is not None:
        progress.check()


def advance(progress: Progress | None, steps: int = 1) -> None:
    """`progress.advance(steps)` when there is a progress to advance."""
    if progress is not None:
        progress.advance(steps)


def start(progress: Progress | None, phase: str, total: int = 0) -> None:
    """`progress.start(phase, total)` when there is a progress to report to."""
    if progress is not None:
        progress.start(phase, total)
