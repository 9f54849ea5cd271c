"""Layered layout of a tree (a rooted DAG) as pure data: positions from measured sizes.

The UI measures each node's text with the real font and hands the sizes in; this module decides
where everything goes and knows nothing of Qt. Coordinates are in scene units with y growing
downwards; with direction "right" the drawing is transposed so the start is at the left.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Literal, Mapping, Sequence

from trainer.model import Question, Tree

Point = tuple[float, float]


@dataclass(frozen=True)
class Size:
    width: float
    height: float


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle: top-left corner and size."""

    x: float
    y: float
    width: float
    height: float

    @property
    def center(self) -> Point:
        return (self.x + self.width / 2, self.y + self.height / 2)

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def overlaps(self, other: "Box", margin: float = 0.0) -> bool:
        return not (
            self.right + margin <= other.x
            or other.right + margin <= self.x
            or self.bottom + margin <= other.y
            or other.bottom + margin <= self.y
        )


@dataclass(frozen=True)
class LayoutInput:
    """What the layout needs to know: the graph's shape in answer order, and measured sizes."""

    start: str
    children: Mapping[str, Sequence[str]]  # node -> targets in answer order, each once
    node_sizes: Mapping[str, Size]
    edge_label_sizes: Mapping[tuple[str, str], Size] = field(default_factory=dict)


@dataclass(frozen=True)
class LayoutOptions:
    direction: Literal["down", "right"] = "down"
    layer_gap: float = 48.0  # free space between layers, besides room for edge labels
    node_gap: float = 28.0  # free space between neighbours in a layer


@dataclass(frozen=True)
class EdgeRoute:
    source: str
    target: str
    points: tuple[Point, ...]  # polyline from the source's border to the target's border
    label: Box | None = None


@dataclass(frozen=True)
class Layout:
    nodes: Mapping[str, Box]
    edges: tuple[EdgeRoute, ...]
    layers: Mapping[str, int]
    width: float
    height: float


def input_from_tree(
    tree: Tree,
    node_size: Callable[[str], Size],
    label_size: Callable[[str], Size] | None = None,
) -> LayoutInput:
    """Children in answer order (two answers to one node give one edge, labels joined)."""
    children: dict[str, list[str]] = {}
    labels: dict[tuple[str, str], list[str]] = {}
    for node_id, node in tree.nodes.items():
        targets: list[str] = []
        if isinstance(node, Question):
            for answer in node.answers:
                if answer.next not in tree.nodes:
                    continue
                if answer.next not in targets:
                    targets.append(answer.next)
                labels.setdefault((node_id, answer.next), []).append(answer.label)
        children[node_id] = targets
    sizes = {node_id: node_size(node_id) for node_id in tree.nodes}
    label_sizes = {}
    if label_size is not None:
        label_sizes = {edge: label_size(" / ".join(texts)) for edge, texts in labels.items()}
    return LayoutInput(tree.start, children, sizes, label_sizes)


def layers_of(inp: LayoutInput) -> dict[str, int]:
    """Longest-path layering: every node sits below all of its parents, so a shared node lands on
    the deepest layer that reaches it. Nodes unreachable from the start become extra roots."""
    indegree = {n: 0 for n in inp.children}
    for targets in inp.children.values():
        for t in targets:
            indegree[t] = indegree.get(t, 0) + 1
    layer = {n: 0 for n in inp.children}
    queue = deque(n for n, d in indegree.items() if d == 0)
    remaining = dict(indegree)
    while queue:
        node = queue.popleft()
        for child in inp.children.get(node, ()):
            layer[child] = max(layer.get(child, 0), layer[node] + 1)
            remaining[child] -= 1
            if remaining[child] == 0:
                queue.append(child)
    return layer


def compute_layout(inp: LayoutInput, options: LayoutOptions = LayoutOptions()) -> Layout:
    """A first, simple layered layout: layers by longest path, nodes ordered by the order a
    depth-first walk in answer order meets them, packed left to right and centred per layer."""
    layer = layers_of(inp)
    order = _dfs_order(inp)
    by_layer: dict[int, list[str]] = {}
    for node in order:
        by_layer.setdefault(layer[node], []).append(node)
    transposed = options.direction == "right"

    def size(n: str) -> Size:
        s = inp.node_sizes[n]
        return Size(s.height, s.width) if transposed else s

    label_room = max((s.height if not transposed else s.width for s in inp.edge_label_sizes.values()), default=0.0)
    widths = {
        k: sum(size(n).width for n in nodes) + options.node_gap * (len(nodes) - 1) for k, nodes in by_layer.items()
    }
    total_width = max(widths.values(), default=0.0)
    boxes: dict[str, Box] = {}
    y = 0.0
    for k in sorted(by_layer):
        nodes = by_layer[k]
        x = (total_width - widths[k]) / 2
        height = max(size(n).height for n in nodes)
        for n in nodes:
            s = size(n)
            boxes[n] = Box(x, y + (height - s.height) / 2, s.width, s.height)
            x += s.width + options.node_gap
        y += height + options.layer_gap + label_room
    if transposed:
        boxes = {n: Box(b.y, b.x, b.height, b.width) for n, b in boxes.items()}
    edges = tuple(_route(inp, boxes, s, t, transposed) for s, ts in inp.children.items() for t in ts)
    width = max((b.right for b in boxes.values()), default=0.0)
    height = max((b.bottom for b in boxes.values()), default=0.0)
    return Layout(boxes, edges, layer, width, height)


def _dfs_order(inp: LayoutInput) -> list[str]:
    seen: set[str] = set()
    order: list[str] = []
    roots = [inp.start] + [n for n in inp.children if n != inp.start]
    for root in roots:
        if root in seen or root not in inp.children:
            continue
        stack = [root]
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            order.append(node)
            stack.extend(reversed(inp.children.get(node, ())))
    return order


def _route(inp: LayoutInput, boxes: Mapping[str, Box], s: str, t: str, transposed: bool) -> EdgeRoute:
    a, b = boxes[s], boxes[t]
    if transposed:
        start, end = (a.right, a.center[1]), (b.x, b.center[1])
    else:
        start, end = (a.center[0], a.bottom), (b.center[0], b.y)
    label = None
    size = inp.edge_label_sizes.get((s, t))
    if size is not None:
        cx, cy = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
        label = Box(cx - size.width / 2, cy - size.height / 2, size.width, size.height)
    return EdgeRoute(s, t, (start, end), label)


def count_crossings(layout: Layout) -> int:
    """Pairs of edge segments that cross (sharing an end point does not count)."""
    segments = [(e.points[i], e.points[i + 1], e) for e in layout.edges for i in range(len(e.points) - 1)]
    crossings = 0
    for i, (p1, p2, e1) in enumerate(segments):
        for p3, p4, e2 in segments[i + 1:]:
            if e1 is e2 or {e1.source, e1.target} & {e2.source, e2.target}:
                continue
            if _segments_cross(p1, p2, p3, p4):
                crossings += 1
    return crossings


def _segments_cross(p1: Point, p2: Point, p3: Point, p4: Point) -> bool:
    def orient(a: Point, b: Point, c: Point) -> float:
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    d1, d2 = orient(p3, p4, p1), orient(p3, p4, p2)
    d3, d4 = orient(p1, p2, p3), orient(p1, p2, p4)
    return d1 * d2 < 0 and d3 * d4 < 0
