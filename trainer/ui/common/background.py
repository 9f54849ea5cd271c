"""Long work off the GUI thread, and GUI work in slices, so the window never freezes.

`BackgroundTask` runs a Qt-free function `work(progress)` in a worker thread. The worker never
touches a Qt object: it leaves its outcome in the task, and a timer of the task (on the GUI
thread) collects it, reads the progress for the window, and emits `succeeded`, `failed` or
`cancelled` there. So a window closed while the worker runs can never be reached from the worker
(no cross-thread signal into a deleted object), and a result always arrives on the GUI thread.

An exception in the work is logged with its traceback and arrives as `failed(message)`: never
lost, never the crash handler's business. `cancel()` asks the work to stop (it calls
`progress.check()` at natural points); `discard()` also drops whatever it would still deliver,
for work a newer request has made stale ("the latest choice wins").

`Slices` runs a generator on the GUI thread a few milliseconds at a time (for what must stay
there: creating widgets and graphics items), yielding to the event loop between slices.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from trainer.infra.gcpause import built_to_last
from trainer.infra.progress import Cancelled, Progress, Snapshot

log = logging.getLogger("trainer.background")

POLL_MS = 15  # how often the GUI looks for the outcome and the progress of a running task
SLICE_MS = 15  # GUI work done in one turn of the event loop, at most (about)


# How long a thread may keep the GIL while another waits for it (Python's default is 5 ms). The
# GUI thread needs the GIL again for every Python override Qt calls while it lays out and paints
# (a delegate's sizeHint, an item's paint): with a busy worker each of those waited up to 5 ms,
# and a single layout pass of the library froze the window visibly (py-spy: the GUI thread in
# Shiboken::GilState::acquire under QListView::doItemsLayout). With nothing waiting, it costs nothing.
SWITCH_INTERVAL_S = 0.0005


class BackgroundTask(QObject):
    """`work(progress)` in a worker thread; its outcome delivered on the GUI thread.

    `what` names the work for messages ("preparing the drawing of big.yaml")."""

    progressed = Signal(object)  # a Snapshot, when it changed
    succeeded = Signal(object)  # what the work returned
    failed = Signal(str)  # a message for the user (the traceback is in the log)
    cancelled = Signal()  # the work stopped at a check after cancel()

    def __init__(self, work: Callable[[Progress], Any], what: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.progress = Progress()
        self.what = what
        self._work: Callable[[Progress], Any] | None = work
        self._outcome: tuple[str, Any] | None = None  # written once by the worker
        self._thread: threading.Thread | None = None
        self._discarded = False
        self._done = False
        self._last: Snapshot | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    @property
    def running(self) -> bool:
        """Started and not yet delivered (nor discarded)."""
        return self._thread is not None and not self._done and not self._discarded

    def start(self) -> None:
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL_S))
        self._thread = threading.Thread(target=self._run, name=f"trainer: {self.what}", daemon=True)
        self._thread.start()
        self._timer.start()

    def cancel(self) -> None:
        """Ask the work to stop at its next check; what it then gives is still delivered."""
        self.progress.cancel()

    def discard(self) -> None:
        """Stop the work and deliver nothing more from it (nothing to do once delivered)."""
        if self._done or self._discarded:
            return
        self._discarded = True
        self.progress.cancel()
        self._timer.stop()
        self.deleteLater()  # the worker only writes a Python attribute: safe while it ends

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the worker thread ended (tests, closing the window); False on timeout."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    # --- worker thread: no Qt here --------------------------------------------------------------
    def _run(self) -> None:
        try:
            with built_to_last():  # what long work builds is kept: see trainer.infra.gcpause
                assert self._work is not None, "a task runs once"
                result = self._work(self.progress)
            outcome: tuple[str, Any] = ("succeeded", result)
        except Cancelled:
            outcome = ("cancelled", None)
        except Exception as exc:
            log.exception("unexpected error while %s", self.what)
            outcome = (
                "failed",
                f"Unexpected error while {self.what} ({type(exc).__name__}: {exc}). The details are in the log.",
            )
        self._work = None  # what the work held (a whole tree, its drawing) goes with it
        self._outcome = outcome  # one assignment: the GUI thread sees all of it or none

    # --- GUI thread -------------------------------------------------------------------------------
    def _poll(self) -> None:
        if self._discarded:
            self._timer.stop()
            return
        snapshot = self.progress.snapshot()
        if snapshot != self._last:
            self._last = snapshot
            self.progressed.emit(snapshot)
        outcome = self._outcome
        if outcome is None:
            return
        self._timer.stop()
        self._done = True
        self._outcome = None
        self.deleteLater()  # delivered: the task (its result and its timer) is let go
        kind, value = outcome
        if kind == "succeeded":
            self.succeeded.emit(value)
        elif kind == "failed":
            self.failed.emit(value)
        else:
            self.cancelled.emit()


class Slices(QObject):
    """Runs `steps` (a generator) on the GUI thread in slices of about `SLICE_MS`, letting the
    event loop turn between them; `finished` when it is exhausted, `failed(message)` if a step
    raised (logged with its traceback). `stop()` abandons the rest."""

    finished = Signal()
    failed = Signal(str)

    def __init__(
        self, steps: Iterator[object], what: str, parent: QObject | None = None, budget_ms: float = SLICE_MS
    ) -> None:
        super().__init__(parent)
        self.what = what
        self._steps = steps
        self._budget = budget_ms / 1000
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        """Abandon the remaining steps (the generator is closed: its `finally` blocks run)."""
        self._timer.stop()
        close = getattr(self._steps, "close", None)
        if close is not None:
            close()
        self._let_go()

    def _let_go(self) -> None:
        """Finished, failed or stopped: the steps (and all they hold) and this object go."""
        self._steps = iter(())
        self.deleteLater()

    def run_now(self) -> None:
        """All the steps at once (small work, where slicing would only add latency)."""
        self._timer.stop()
        self._advance(float("inf"))

    def _slice(self) -> None:
        self._advance(self._budget)

    def _advance(self, budget: float) -> None:
        deadline = time.perf_counter() + budget
        try:
            while True:  # at least one step a slice, however small the budget
                next(self._steps)
                if time.perf_counter() >= deadline:
                    return
        except StopIteration:
            pass
        except Exception as exc:
            self._timer.stop()
            self._let_go()
            log.exception("unexpected error while %s", self.what)
            self.failed.emit(
                f"Unexpected error while {self.what} ({type(exc).__name__}: {exc}). The details are in the log."
            )
            return
        self._timer.stop()
        self._let_go()
        self.finished.emit()
