"""Pausing Python's cyclic garbage collector while bulk-building objects.

Loading, laying out and drawing a large tree each create hundreds of thousands of small objects
that form no cycles; the collector would otherwise run over and over across the growing heap
(about 40% of the time at 50,000 nodes), making the work super-linear.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
