"""Checking a large tree's text after an edit, and preparing what its views show, off the GUI
thread: at 10,000 nodes reading and validating the text takes seconds, laying out its graph
as long again, and the editor froze for all of it after every edit.

A small text (up to `INLINE_CHARS`) is checked at once, on the GUI thread, as it always was:
an edit shows in every view before the call returns. A larger one is checked in a worker
(`prepare`: the loader and validation as `trainer validate` runs them, the outline's rows, the
graph's drawing), and the window shows the result when it arrives; a newer text drops the
work on an older one (the latest edit wins, a stale result is never shown)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QObject, Signal

from trainer.author.session import Checked, check_text
from trainer.core.tree_cache import TreeCache
from trainer.draw.outline import OutlineRow, outline_rows
from trainer.draw.pins import load_pins
from trainer.infra.paths import tree_cache_dir
from trainer.infra.progress import Progress, start
from trainer.ui.canvas.drawing import Drawing, prepare_drawing
from trainer.ui.canvas.style import GraphStyle
from trainer.ui.common.background import BackgroundTask, Slices

INLINE_CHARS = 150_000  # texts up to this size (about 500 nodes) are checked on the GUI thread


@dataclass(frozen=True)
class Prepared:
    """A text checked, and its views' rows and drawing worked out (when it gives a tree)."""

    text: str
    checked: Checked
    rows: list[OutlineRow] | None = None
    drawing: Drawing | None = None


def prepare(
    text: str,
    path: Path | None,
    style: GraphStyle,
    direction: Literal["down", "right"],
    progress: Progress | None = None,
) -> Prepared:
    """Qt-widget-free: safe in a worker thread. A text the library has checked before (the file
    as opened, or undone back to) is read from its cache of checked trees, not parsed again."""
    start(progress, "Checking the tree")
    cached = TreeCache(tree_cache_dir()).get(text.encode("utf-8"), path) if path is not None else None
    checked = Checked(*cached) if cached is not None else check_text(text, path)
    tree = checked.tree
    if tree is None:
        return Prepared(text, checked)
    start(progress, "Listing the outline")
    rows = outline_rows(tree)
    pins = load_pins(tree.path, direction) if tree.path is not None else {}
    drawing = prepare_drawing(tree, style, direction, pins, progress=progress)
    return Prepared(text, checked, rows, drawing)


class Refresher(QObject):
    """Checks the window's text and has `show(prepared)` (a generator of steps, run a slice at a
    time on the GUI thread for a large tree) put it in the views; `failed(message)`."""

    failed = Signal(str)

    def __init__(self, current: Callable[[], str], show: Callable[[Prepared], Iterator[None]], parent: QObject) -> None:
        super().__init__(parent)
        self._current, self._show = current, show
        self._task: BackgroundTask | None = None
        self._slices: Slices | None = None

    @staticmethod
    def inline(text: str) -> bool:
        """Small enough to check on the GUI thread."""
        return len(text) <= INLINE_CHARS

    @property
    def busy(self) -> bool:
        """A text is being checked, or its views filled: they show an older text."""
        return self._task is not None or self._slices is not None

    def refresh(self, path: Path | None, style: GraphStyle, direction: Literal["down", "right"]) -> None:
        """Show the current text: at once when small, else checked in a worker first."""
        self.discard()
        text = self._current()
        if self.inline(text):
            for _step in self._show(Prepared(text, check_text(text, path))):
                pass
            return
        task = self._task = BackgroundTask(
            lambda progress: prepare(text, path, style, direction, progress), "checking the edited tree", self
        )
        task.succeeded.connect(lambda prepared, task=task: self._deliver(task, prepared))
        task.failed.connect(lambda message, task=task: self._fail(task, message))
        task.start()

    def discard(self) -> None:
        """Drop the work on an older text (a newer one is coming, or the window closes)."""
        if self._task is not None:
            self._task.discard()
        if self._slices is not None:
            self._slices.stop()
        self._task = self._slices = None

    def _deliver(self, task: BackgroundTask, prepared: Prepared) -> None:
        if task is not self._task:
            return
        self._task = None
        if prepared.text != self._current():  # an edit came after it: that one is on its way
            return
        slices = self._slices = Slices(self._show(prepared), "showing the edited tree", self)
        slices.finished.connect(lambda: self._done(slices))
        slices.failed.connect(lambda message: self._done(slices, message))
        slices.start()

    def _done(self, slices: Slices, failure: str = "") -> None:
        if slices is self._slices:
            self._slices = None
        if failure:
            self.failed.emit(failure)

    def _fail(self, task: BackgroundTask, message: str) -> None:
        if task is self._task:
            self._task = None
            self.failed.emit(message)
