"""Step 6 of the layout and the drawing's edges: ranks stacked in y, every edge routed through
its virtual elements' slots, pinned nodes moved and their edges drawn straight."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise

from trainer.draw.layout.elements import Elements, Route
from trainer.draw.layout.shapes import Box, EdgeRoute, Layout, LayoutInput, LayoutOptions, Point

UPPER_SHARE = 0.6  # share of layer_gap above a label rank (the fan), the rest is below it
SLOPE = 0.2  # a gap grows to this fraction of the widest horizontal run crossing it...
MAX_GAP_FACTOR = 2.5  # ...up to this many times its base share

RankSpans = tuple[list[float], list[float]]  # the top and bottom y of every rank


def stack_ranks(elements: Elements, x: list[float], options: LayoutOptions) -> RankSpans:
    """Top and bottom y of every rank: each as tall as its tallest element, the gap below a node
    layer (the fan to the labels) and below a label rank growing with the widest horizontal run
    through it, so that diagonals do not lie flat."""
    count = max(elements.rank) + 1
    height = [0.0] * count
    for rank, element_height in zip(elements.rank, elements.height, strict=True):
        if element_height > height[rank]:
            height[rank] = element_height
    run = [0.0] * count
    for u, v, virtual in elements.routes:
        for a, b in pairwise([u, *virtual, v]):
            rank = elements.rank[a]
            if elements.rank[b] == rank + 1 and abs(x[a] - x[b]) > run[rank]:
                run[rank] = abs(x[a] - x[b])
    top, bottom = [0.0] * count, [0.0] * count
    y = 0.0
    for rank in range(count):
        top[rank] = y
        y += height[rank]
        bottom[rank] = y
        base = options.layer_gap * (UPPER_SHARE if rank % 2 == 0 else 1 - UPPER_SHARE)
        y += min(max(base, run[rank] * SLOPE), base * MAX_GAP_FACTOR)
    return top, bottom


def to_drawing(left: float, y: float, width: float, height: float, flip: bool) -> Box:
    """A box from the computing frame to the drawing: transposed for direction "right"."""
    return Box(y, left, height, width) if flip else Box(left, y, width, height)


def layered_edge(
    elements: Elements, x: list[float], spans: RankSpans, names: list[str], route: Route, flip: bool
) -> EdgeRoute:
    """The source's bottom centre (dropping to its layer's bottom first when it is shorter than
    its neighbours), straight down through each virtual element's slot, to the target's top
    centre; points in the middle of a vertical run are left out. The label is centred on the
    edge in the middle of its rank. Written out flat: it runs once per edge."""
    (top, bottom), (u, v, virtual) = spans, route
    rank, height = elements.rank, elements.height
    source_rank = rank[u]
    source_x, source_y = x[u], top[source_rank] + height[u]
    points = (
        [(source_x, source_y), (source_x, bottom[source_rank])]
        if source_y < bottom[source_rank]
        else [(source_x, source_y)]
    )
    for element in virtual:
        element_x, element_rank = x[element], rank[element]
        ends = (
            ((element_x, top[element_rank]), (element_x, bottom[element_rank]))
            if bottom[element_rank] > top[element_rank]
            else ((element_x, top[element_rank]),)
        )
        for point in ends:
            if len(points) > 1 and points[-1][0] == points[-2][0] == element_x:
                points[-1] = point
            else:
                points.append(point)
    end = (x[v], top[rank[v]])
    if len(points) > 1 and points[-1][0] == points[-2][0] == end[0]:
        points.pop()
    points.append(end)
    label = None
    first = virtual[0]
    if elements.labelled[first]:
        label_rank = rank[first]
        label = to_drawing(
            x[first] - elements.width[first] / 2,
            (top[label_rank] + bottom[label_rank] - height[first]) / 2,
            elements.width[first],
            height[first],
            flip,
        )
    drawn = tuple([(py, px) for px, py in points]) if flip else tuple(points)
    return EdgeRoute(names[u], names[v], drawn, label)


def straight_edge(source: str, target: str, boxes: Mapping[str, Box], inp: LayoutInput, flip: bool) -> EdgeRoute:
    """A straight edge from the source's leaving side to the target's entering side, its label
    centred on it: for pinned nodes and back edges, which the layered routing does not cover."""
    a, b = boxes[source], boxes[target]
    start: Point
    end: Point
    if flip:
        start, end = (a.right, a.center[1]), (b.x, b.center[1])
    else:
        start, end = (a.center[0], a.bottom), (b.center[0], b.y)
    label = None
    size = inp.edge_label_sizes.get((source, target))
    if size is not None:
        cx, cy = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
        label = Box(cx - size.width / 2, cy - size.height / 2, size.width, size.height)
    return EdgeRoute(source, target, (start, end), label)


def pin(
    boxes: dict[str, Box], edges: list[EdgeRoute], pinned: Mapping[str, Point], inp: LayoutInput, flip: bool
) -> list[EdgeRoute]:
    """Move pinned nodes to their top-left corners and redraw their edges straight."""
    moved = {n for n in pinned if n in boxes}
    for n in moved:
        b = boxes[n]
        boxes[n] = Box(float(pinned[n][0]), float(pinned[n][1]), b.width, b.height)
    return [straight_edge(e.source, e.target, boxes, inp, flip) if {e.source, e.target} & moved else e for e in edges]


def finish(boxes: Mapping[str, Box], edges: list[EdgeRoute], layers: Mapping[str, int]) -> Layout:
    """The layout with its extent (every node and label box inside width x height)."""
    rights = [b.right for b in boxes.values()] + [e.label.right for e in edges if e.label]
    bottoms = [b.bottom for b in boxes.values()] + [e.label.bottom for e in edges if e.label]
    return Layout(boxes, tuple(edges), layers, max(rights, default=0.0), max(bottoms, default=0.0))
