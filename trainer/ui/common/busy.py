"""A progress line for long work: what is being done ("Loading trees… 12 of 40"), a bar, and a
Cancel button (Esc too); and `ProgressRunner`, which runs work behind one. The library shows
one above its cards, the graph one over its view, the status bar one while a quiz is built."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from trainer.infra.progress import Progress, Snapshot
from trainer.ui.common.background import BackgroundTask

T = TypeVar("T")


class BusyBar(QFrame):
    """Shows a task's progress while it runs; `cancel_requested` when Cancel is pressed."""

    cancel_requested = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("busyBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)  # readable when it floats over the graph
        self.label = QLabel()
        self.label.setAccessibleName(name)  # screen readers hear "Library loading: Loading trees… 12 of 40"
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setAccessibleName(f"{name} progress")
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(10)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName(f"Cancel {name.lower()}")
        self.cancel_button.setToolTip("Stop (Esc)")
        self.cancel_button.clicked.connect(self.cancel_requested)
        # Esc anywhere in the window, only while the bar shows (a hidden widget's shortcut is off)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, context=Qt.ShortcutContext.WindowShortcut)
        escape.activated.connect(self.cancel_button.click)
        text = QVBoxLayout()
        text.setSpacing(4)
        text.addWidget(self.label)
        text.addWidget(self.bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(text, 1)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._subject = ""
        self.hide()

    def begin(self, text: str, subject: str = "") -> None:
        """Show the bar with `text` and a busy (indeterminate) bar until counts arrive; the
        progress then reads "`subject` · Laying out the tree…" (just the phase without one)."""
        self._subject = subject
        self.label.setText(text)
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.show()
        self.raise_()

    def show_progress(self, snapshot: Snapshot) -> None:
        if snapshot.text:
            self.label.setText(f"{self._subject} · {snapshot.text}" if self._subject else snapshot.text)
        if snapshot.total:
            self.bar.setRange(0, snapshot.total)
            self.bar.setValue(min(snapshot.done, snapshot.total))
        else:
            self.bar.setRange(0, 0)

    def end(self) -> None:
        self.hide()


class ProgressRunner(QObject):
    """One piece of long work at a time behind a `BusyBar`: `run(work, done, inline)` hands the
    result to `done` on the GUI thread, at once when `inline` (small work: a worker thread would
    only add latency), otherwise from a `BackgroundTask` while the bar shows its progress.
    Running again drops what was still running (the latest request wins)."""

    failed = Signal(str)  # a message: the work raised (logged with its traceback)
    cancelled = Signal()  # the work stopped at a check after Cancel or Esc

    def __init__(self, bar: BusyBar, what: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bar = bar
        self.what = what
        self.bar.cancel_requested.connect(self.cancel)
        self._task: BackgroundTask | None = None

    @property
    def busy(self) -> bool:
        return self._task is not None

    def run(
        self,
        work: Callable[[Progress | None], T],
        done: Callable[[T], None],
        inline: bool,
        text: str,
        subject: str = "",
    ) -> None:
        self.discard()
        if inline:
            done(work(None))
            return
        task = self._task = BackgroundTask(work, self.what, self)
        task.progressed.connect(self.bar.show_progress)
        task.succeeded.connect(lambda result: self._end(lambda: done(result)))
        task.failed.connect(lambda message: self._end(lambda: self.failed.emit(message)))
        task.cancelled.connect(lambda: self._end(self.cancelled.emit))
        self.bar.begin(text, subject)
        task.start()

    def cancel(self) -> None:
        """Ask the work to stop; what it still gives (a partial result) is delivered."""
        if self._task is not None:
            self.bar.cancel_button.setEnabled(False)
            self.bar.label.setText("Stopping…")
            self._task.cancel()

    def discard(self) -> None:
        """Stop the work and deliver nothing of it."""
        if self._task is not None:
            self._task.discard()
        self._end()

    def wait(self, timeout: float | None = None) -> bool:
        return self._task.wait(timeout) if self._task is not None else True

    def _end(self, then: Callable[[], object] | None = None) -> None:
        """The work is over: the bar goes, then `then` says how it ended."""
        self._task = None
        self.bar.end()
        if then is not None:
            then()
