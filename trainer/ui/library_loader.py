"""Reading the library without freezing the window.

A small library (the bundled trees, a folder of ordinary trees: up to `INLINE_BYTES` of tree
files, read in a few hundredths of a second) is read at once, as it always was, so the window
opens on it. A larger one is read in a worker thread while a line above the cards says
"Loading trees… 12 of 40" with a bar and Cancel; the window is shown and usable meanwhile.
Cancelling keeps the files read so far (`Library.unread` lists the rest), or, when a library was
already shown, that library: the caller decides, `done` gets what was read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Signal

from trainer.library import Library, load_library, tree_files
from trainer.paths import tree_cache_dir
from trainer.treecache import TreeCache
from trainer.ui.background import BackgroundTask
from trainer.ui.busy import BusyBar

INLINE_BYTES = 256_000  # libraries up to this many bytes of tree files are read at once (~50 ms here)


def library_bytes(paths: list[Path]) -> int:
    """How many bytes of tree files `paths` hold (unreadable files count as none)."""
    total = 0
    for path in tree_files(paths):
        try:
            total += path.stat().st_size
        except OSError:
            pass
    return total


class LibraryLoader(QObject):
    """Reads libraries for the main window; `bar` shows the progress of a large one."""

    failed = Signal(str)  # a message: reading the library failed unexpectedly (the previous one stays)

    def __init__(self, bar: BusyBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bar = bar
        self.bar.cancel_requested.connect(self.cancel)
        self._task: BackgroundTask | None = None

    @property
    def busy(self) -> bool:
        return self._task is not None

    def load(self, paths: list[Path], done: Callable[[Library], None]) -> None:
        """Read the library of `paths` and hand it to `done`: now when it is small, later
        (on the GUI thread) when it is read in the background. A load still running is dropped."""
        self.discard()
        cache = TreeCache(tree_cache_dir())
        if library_bytes(paths) <= INLINE_BYTES:
            done(load_library(paths, cache))
            return
        task = self._task = BackgroundTask(lambda progress: load_library(paths, cache, progress), "reading the library", self)
        task.progressed.connect(self.bar.show_progress)
        task.succeeded.connect(lambda library: self._finish(done, library))
        task.failed.connect(self._on_failed)
        self.bar.begin("Loading trees…")
        task.start()

    def cancel(self) -> None:
        """Stop reading: `done` still gets the trees read so far (`Library.unread` the rest)."""
        if self._task is not None:
            self.bar.cancel_button.setEnabled(False)
            self.bar.label.setText("Stopping…")
            self._task.cancel()

    def discard(self) -> None:
        if self._task is not None:
            self._task.discard()
            self._task = None
        self.bar.end()

    def wait(self, timeout: float | None = None) -> bool:
        return self._task.wait(timeout) if self._task is not None else True

    def _finish(self, done: Callable[[Library], None], library: Library) -> None:
        self._task = None
        self.bar.end()
        done(library)

    def _on_failed(self, message: str) -> None:
        self._task = None
        self.bar.end()
        self.failed.emit(f"The library could not be read. {message}")
