"""A very wide drawing folded into strips that fit a screen's shape.

A tidy layered drawing is as wide as its widest layer: a generated 10,000-node tree is about
1,360,000 units wide and 2,600 high, so the whole of it is a line a few pixels high on any
screen, and a PNG of it cannot be made. Here such a drawing is cut, at vertical lines that cross
no node, into strips about as wide as a 16:9 picture of all of them needs, and the strips are
stacked one under the other, as a long line of text wraps. Nothing is moved within its strip, so
every subtree that lies within a strip reads as before; an edge whose ends fall in different
strips becomes one longer line between them. Drawings that already fit (every bundled tree) are
left exactly as they are.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from typing import Literal

from trainer.draw.layout.shapes import Box, EdgeRoute, Layout, Point
from trainer.infra.gcpause import gc_paused

SCREEN_SHAPE = 16 / 9  # the picture of the whole drawing aimed for: width over height
WRAP_RATIO = 8.0  # a drawing at most this many times wider than a screen's shape is left alone
STRIP_GAP = 160.0  # free space between two strips (scene units)
MIN_NODES = 300  # a smaller tree is left as it is, whatever its shape (it is read at a zoom that fits)


def wrap_wide(layout: Layout, direction: Literal["down", "right"] = "down") -> Layout:
    """`layout` with its long side folded into strips when it is more than WRAP_RATIO times too
    long for a screen's shape; otherwise `layout` itself. A wide drawing is cut at vertical lines
    and its strips stacked; a tall one (a long chain of questions, a wide tree drawn to the
    right) is cut across and its strips set side by side. `direction` is kept for callers."""
    with gc_paused():  # tens of thousands of new boxes and points: collections would dominate
        return _wrap(layout, direction)


def _wrap(layout: Layout, direction: Literal["down", "right"]) -> Layout:
    del direction  # the long side decides: a wide tree drawn downwards, a chain, a tree to the right
    across = layout.height > layout.width  # tall: cut across, strips side by side
    long_side, short_side = (layout.height, layout.width) if across else (layout.width, layout.height)
    # the picture aimed for is always a screen's shape, SCREEN_SHAPE wide for 1 high
    shape = 1 / SCREEN_SHAPE if across else SCREEN_SHAPE
    if short_side <= 0 or long_side / short_side <= WRAP_RATIO * shape or len(layout.nodes) < MIN_NODES:
        return layout
    # k = long / L strips of length L set side by side (or stacked) should have the picture's
    # shape: L / (k (short + gap)) = shape, so L = sqrt(shape * long * (short + gap))
    strip = math.sqrt(shape * long_side * (short_side + STRIP_GAP))
    cuts = _cuts(layout, strip, across)
    if not cuts:
        return layout
    starts = [0.0, *cuts]
    step = short_side + STRIP_GAP

    def place(point: Point) -> Point:
        x, y = point
        if across:
            strip_no = bisect_right(cuts, y)
            return (x + strip_no * step, y - starts[strip_no])
        strip_no = bisect_right(cuts, x)
        return (x - starts[strip_no], y + strip_no * step)

    def moved(box: Box) -> Box:
        x, y = place((box.x + box.width / 2, box.y + box.height / 2))
        return Box(x - box.width / 2, y - box.height / 2, box.width, box.height)

    # Every cut lies in a gap and every strip starts at its cut, so nothing lands left of or
    # above (0, 0): the folded drawing needs no shifting, only its new extent.
    nodes = {n: moved(b) for n, b in layout.nodes.items()}
    edges = tuple(
        EdgeRoute(e.source, e.target, tuple(map(place, e.points)), moved(e.label) if e.label else None)
        for e in layout.edges
    )
    boxes = [*nodes.values(), *(e.label for e in edges if e.label is not None)]
    right, bottom = max(b.x + b.width for b in boxes), max(b.y + b.height for b in boxes)
    return Layout(nodes, edges, layout.layers, right, bottom)


def _cuts(layout: Layout, strip: float, across: bool) -> list[float]:
    """Where to cut: for each multiple of `strip`, the middle of the free gap nearest to it (a
    gap is a stretch of the long side that no node and no label covers)."""
    spans = sorted(
        (box.y, box.bottom) if across else (box.x, box.right)
        for box in [*layout.nodes.values(), *(e.label for e in layout.edges if e.label is not None)]
    )
    gaps: list[float] = []  # the middle of each free stretch between covered ones
    reach = spans[0][1] if spans else 0.0
    for start, end in spans[1:]:
        if start > reach:
            gaps.append((reach + start) / 2)
        reach = max(reach, end)
    if not gaps:
        return []
    cuts: list[float] = []
    wanted = strip
    while wanted < reach - strip / 4:
        at = bisect_right(gaps, wanted)
        near = min(gaps[max(at - 1, 0) : at + 1], key=lambda g: abs(g - wanted))
        if not cuts or near > cuts[-1]:
            cuts.append(near)
            wanted = near + strip  # the next strip as long as this one from where this one ends
        else:
            wanted += strip  # no free gap near: look a strip further on
    return cuts
