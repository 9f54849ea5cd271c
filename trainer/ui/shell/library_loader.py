"""Reading the library without freezing the window.

A small library (the bundled trees, a folder of ordinary trees: up to `INLINE_BYTES` of tree
files, read in a few hundredths of a second) is read at once, as it always was, so the window
opens on it. A larger one is read in a worker thread while a line above the cards says
"Loading trees… 12 of 40" with a bar and Cancel; the window is shown and usable meanwhile.
Cancelling keeps the files read so far (`Library.unread` lists the rest): `done` gets what was
read, and the window decides whether to show it or keep the library it showed before.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from trainer.core.library import Library, load_library, tree_files, user_library_ids
from trainer.core.tree_cache import TreeCache
from trainer.infra.paths import tree_cache_dir
from trainer.ui.common.busy import ProgressRunner

INLINE_BYTES = 256_000  # libraries up to this many bytes of tree files are read at once, on the GUI thread


def library_bytes(paths: list[Path]) -> int:
    """How many bytes of tree files `paths` hold (unreadable files count as none)."""
    total = 0
    for path in tree_files(paths):
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return total


def load(runner: ProgressRunner, paths: list[Path], done: Callable[[Library], None]) -> None:
    """Read the library of `paths` and hand it to `done`: now when it is small, later (on the
    GUI thread) when it is read in the background. A load still running is dropped."""
    cache = TreeCache(tree_cache_dir())
    runner.run(
        lambda progress: load_library(paths, cache, progress, known=user_library_ids),
        done,
        inline=library_bytes(paths) <= INLINE_BYTES,
        text="Loading trees…",
    )
