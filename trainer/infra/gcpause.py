"""Pausing Python's cyclic garbage collector while bulk-building objects.

Loading, laying out and drawing a large tree each create hundreds of thousands of small objects
that form no cycles; the collector would otherwise run over and over across the growing heap
(about 40% of the time at 50,000 nodes), making the work super-linear.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def built_to_last() -> Iterator[None]:
    """Pause the collector while a large structure meant to last is built (a library of trees,
    a large tree's layout and drawing), then take everything alive out of its reach
    (`gc.freeze()`, which costs nothing: it moves lists). Without this, the next full collection
    walks every one of the million new objects, holding the GIL for a quarter of a second, and
    every later one walks them again, freezing the window each time. Frozen objects are still
    freed when their last reference goes (trees, layouts and drawings hold no cycles); only a
    cycle that was alive or already garbage at the freeze is never collected."""
    with gc_paused():
        yield
        gc.freeze()
