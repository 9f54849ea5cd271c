"""Layered layout of a tree (a rooted DAG) as pure data: positions from measured sizes.

The UI measures each node's text with the real font and hands the sizes in; this module decides
where everything goes and knows nothing of Qt. Coordinates are in scene units with y growing
downwards; with direction "right" the drawing is transposed so the start is at the left.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections import deque
from dataclasses import dataclass, field
from itertools import accumulate
from operator import le, sub
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


# --------------------------------------------------------------------------------------------
# How the layout works
#
# 1. Layering. A depth-first walk in answer order sets aside back edges (only an invalid tree has
#    them) and numbers the nodes in pre-order; longest-path layering then puts every node below
#    all of its parents, so a shared node lands on the deepest layer that reaches it.
# 2. A spanning tree. Each node's tree parent is its first parent (in pre-order) on the layer
#    directly above, so every tree edge spans exactly one layer and the tree is drawn tidily.
# 3. Ranks. Node layer k is rank 2k; rank 2k+1, between two node layers, holds one virtual
#    element per edge leaving layer k: its label (or a zero-width bend when it has none). An edge
#    that skips layers (to a shared node deeper down) gets one dummy per rank it passes, a narrow
#    slot that the tidy pass keeps clear, so that its polyline never crosses a node or a label.
# 4. Crossing reduction. The tree order fixes a left-to-right order per rank; each long edge's
#    dummies either follow the "flow" between the same two subtrees (no crossing) or jump once,
#    at the band where jumping crosses fewest tree edges (counted exactly from prefix sums).
# 5. Tidy x. A Reingold-Tilford pass over the tree of elements: subtrees are placed left to right
#    as close as their contours allow, and each parent is centred over its first and last child.
#    Contours are lists per subtree reused (never copied) while merging, so the pass is linear.
# 6. y. Ranks are stacked with nodes top-aligned in their layer; the gaps grow with the widest
#    fan in them, so that long diagonals stay readable.
# Everything is iterative: no recursion, whatever the depth.
# --------------------------------------------------------------------------------------------

_MISSING_SIZE = Size(60.0, 30.0)
_UPPER_SHARE = 0.6  # share of layer_gap above a label rank (the fan), the rest is below it
_SLOPE = 0.2  # a gap grows to this fraction of the widest horizontal run crossing it...
_MAX_GAP_FACTOR = 2.5  # ...up to this many times its base share


class _Graph:
    """The input as integer-indexed lists (every later pass runs over plain lists, for speed),
    with back edges set aside and a longest-path layering."""

    def __init__(self, inp: LayoutInput) -> None:
        index: dict[str, int] = {}
        names: list[str] = []
        for name in (*inp.children, *(t for ts in inp.children.values() for t in ts), *inp.node_sizes):
            if name not in index:
                index[name] = len(names)
                names.append(name)
        kids: list[list[int]] = [[] for _ in names]
        for name, targets in inp.children.items():
            row = kids[index[name]]
            for t in dict.fromkeys(targets):
                row.append(index[t])
        self.names, self.index, self.kids = names, index, kids
        self.start = index.get(inp.start, -1)
        self.pre, self.back = _depth_first(kids, _root_order(kids, self.start))
        self.dag = kids if not self.back else [[v for v in ks if (u, v) not in self.back] for u, ks in enumerate(kids)]
        self.layer = _longest_path(self.dag)


def _root_order(kids: list[list[int]], start: int) -> list[int]:
    """Start first, then the other sources, then everything else (only cycles are left): so a
    part unreachable from the start is walked from its own top, not from its middle."""
    indegree = [0] * len(kids)
    for ks in kids:
        for v in ks:
            indegree[v] += 1
    sources = [u for u, d in enumerate(indegree) if d == 0 and u != start]
    return ([start] if start >= 0 else []) + sources + list(range(len(kids)))


def _depth_first(kids: list[list[int]], roots: list[int]) -> tuple[list[int], set[tuple[int, int]]]:
    """Pre-order numbers in answer order, and the back edges that close cycles (iterative)."""
    state = [0] * len(kids)  # 0 unseen, 1 on the path, 2 finished
    pre = [0] * len(kids)
    back: set[tuple[int, int]] = set()
    count = 0
    for root in roots:
        if state[root]:
            continue
        state[root], pre[root], count = 1, count, count + 1
        nodes, cursor = [root], [0]
        while nodes:
            u, i = nodes[-1], cursor[-1]
            if i < len(kids[u]):
                cursor[-1] = i + 1
                v = kids[u][i]
                if state[v] == 0:
                    state[v], pre[v], count = 1, count, count + 1
                    nodes.append(v)
                    cursor.append(0)
                elif state[v] == 1:
                    back.add((u, v))
            else:
                state[u] = 2
                nodes.pop()
                cursor.pop()
    return pre, back


def _longest_path(dag: list[list[int]]) -> list[int]:
    """Layer of each node: one more than its deepest parent (Kahn's order, so no recursion)."""
    indegree = [0] * len(dag)
    for ks in dag:
        for v in ks:
            indegree[v] += 1
    layer = [0] * len(dag)
    queue = deque(u for u, d in enumerate(indegree) if d == 0)
    while queue:
        u = queue.popleft()
        below = layer[u] + 1
        for v in dag[u]:
            if layer[v] < below:
                layer[v] = below
            indegree[v] -= 1
            if indegree[v] == 0:
                queue.append(v)
    return layer


def layers_of(inp: LayoutInput) -> dict[str, int]:
    """Longest-path layering: every node sits below all of its parents, so a shared node lands on
    the deepest layer that reaches it. Nodes unreachable from the start become extra roots; an
    edge that closes a cycle is ignored (so an invalid tree still gets layers)."""
    graph = _Graph(inp)
    return dict(zip(graph.names, graph.layer))


def _tree_parents(graph: _Graph) -> list[int]:
    """Each node's first parent in pre-order on the layer directly above (-1 for a root): the
    tidy tree then only has edges one layer long, and a shared node hangs under the parent that
    meets it first in answer order."""
    layer, pre = graph.layer, graph.pre
    parent = [-1] * len(layer)
    for u, ks in enumerate(graph.dag):
        below = layer[u] + 1
        for v in ks:
            if layer[v] == below and (parent[v] < 0 or pre[u] < pre[parent[v]]):
                parent[v] = u
    return parent


class _Elements:
    """Everything that takes a slot in a rank: nodes, edge labels (or bends) and dummies, with
    the tree the tidy pass works on. Sizes are in the computing frame, where layers always grow
    downwards (for direction "right" width and height are swapped and the result transposed)."""

    def __init__(self, graph: _Graph, inp: LayoutInput, options: LayoutOptions) -> None:
        flip = options.direction == "right"
        self.node_pad, self.virtual_pad = options.node_gap / 2, options.node_gap / 4
        self.w: list[float] = []
        self.h: list[float] = []
        self.half: list[float] = []
        self.rank: list[int] = []
        self.parent: list[int] = []
        self.kids: list[list[int]] = []
        self.primary: list[bool] = []
        self.labelled: list[bool] = []
        for name, layer in zip(graph.names, graph.layer):
            size = inp.node_sizes.get(name, _MISSING_SIZE)
            self._add(2 * layer, *_frame(size, flip), self.node_pad, -1, labelled=False)
        self.routes: list[tuple[int, int, list[int]]] = []  # (source, target, virtual elements)
        self.chains: list[int] = []  # indexes into routes of edges that need dummies
        tree_parent = _tree_parents(graph)
        names, layer, back = graph.names, graph.layer, graph.back
        for u, ks in enumerate(graph.kids):
            for v in ks:
                if back and (u, v) in back:
                    self.routes.append((u, v, []))
                    continue
                size = inp.edge_label_sizes.get((names[u], names[v]))
                w, h = _frame(size, flip) if size is not None else (0.0, 0.0)
                label = self._add(2 * layer[u] + 1, w, h, self.virtual_pad, u, labelled=size is not None)
                if tree_parent[v] == u:
                    self.kids[label].append(v)
                    self.parent[v] = label
                elif layer[v] - layer[u] > 1:
                    self.chains.append(len(self.routes))
                self.routes.append((u, v, [label]))
        self.roots = sorted((u for u in range(len(graph.names)) if self.parent[u] < 0), key=graph.pre.__getitem__)

    def _add(self, rank: int, w: float, h: float, pad: float, parent: int, labelled: bool, primary: bool = True) -> int:
        """Append one element; returns its number."""
        self.rank.append(rank)
        self.w.append(w)
        self.h.append(h)
        self.half.append(w / 2 + pad)
        self.parent.append(parent)
        self.kids.append([])
        self.primary.append(primary)
        self.labelled.append(labelled)
        if parent >= 0:
            self.kids[parent].append(len(self.rank) - 1)
        return len(self.rank) - 1

    def preorder(self) -> list[int]:
        """Every element of the tree of elements, parents before children, roots left to right."""
        out: list[int] = []
        stack = self.roots[::-1]
        kids = self.kids
        while stack:
            e = stack.pop()
            out.append(e)
            stack.extend(reversed(kids[e]))
        return out


def _frame(size: Size, flip: bool) -> tuple[float, float]:
    """A size in the computing frame: across the layer, then along the layer axis."""
    return (size.height, size.width) if flip else (size.width, size.height)


class _Ranks:
    """The tree's left-to-right order in each rank and, per rank, the prefix counts of tree edges
    to the next rank: C[r][g] = edges leaving the first g elements of rank r. Because tree edges
    never cross, a segment from gap g of rank r to gap t of rank r+1 crosses |C[r][g] - t| of them."""

    def __init__(self, els: _Elements) -> None:
        count = max(els.rank) + 1
        self.order: list[list[int]] = [[] for _ in range(count)]
        self.index = [0] * len(els.rank)
        for e in els.preorder():
            row = self.order[els.rank[e]]
            self.index[e] = len(row)
            row.append(e)
        kids = els.kids
        self.C = [[0, *accumulate(len(kids[e]) for e in row)] for row in self.order]


def _chain_gaps(C: list[list[int]], ra: int, il: int, rb: int, iv: int) -> list[tuple[int, bool]]:
    """Where one long edge passes each rank ra+1..rb-1: (gap, jumped). From its label (index il in
    rank ra) it follows the flow between the same two subtrees, and leaves it once, at the band
    where that crosses fewest tree edges (the latest such band on a tie), towards the ranks from
    which the flow leads straight to the target (index iv in rank rb)."""
    last = C[rb - 1]
    lo, hi = bisect_left(last, iv), bisect_right(last, iv + 1) - 1
    targets = {rb - 1: (lo, hi)}
    for r in range(rb - 2, ra, -1):
        lo, hi = bisect_left(C[r], lo), bisect_right(C[r], hi) - 1
        if lo > hi:
            break
        targets[r] = (lo, hi)
    flow = [il]
    for r in range(ra, rb - 1):
        flow.append(C[r][flow[-1]])
    s = last[flow[-1]]
    best_cost, best_band, best_gap = max(0, iv - s, s - iv - 1), rb - 1, -1
    for r in range(rb - 2, ra - 1, -1):
        span = targets.get(r + 1)
        if span is None:
            continue
        natural = flow[r + 1 - ra]
        t = min(max(natural, span[0]), span[1])
        if abs(natural - t) < best_cost:
            best_cost, best_band, best_gap = abs(natural - t), r, t
    gaps = [(g, False) for g in flow[1 : best_band + 1 - ra]]
    if best_band < rb - 1:
        gaps.append((best_gap, True))
        for r in range(best_band + 1, rb - 1):
            gaps.append((C[r][gaps[-1][0]], False))
    return gaps


def _thread_chains(els: _Elements, ranks: _Ranks) -> None:
    """Give every long edge its dummies and hang them in the tree of elements: a dummy that
    follows the flow is the only child of the one above it (a straight lane); one that jumps is
    spliced in beside its new neighbour, under that neighbour's parent, and does not pull that
    parent off-centre."""
    before: dict[int, list[tuple[float, int]]] = {}
    after: dict[int, list[tuple[float, int]]] = {}
    order, index = ranks.order, ranks.index
    for k in els.chains:
        u, v, virtual = els.routes[k]
        prev = virtual[0]
        prev_pos: float = index[prev]
        for r, (g, jumped) in enumerate(_chain_gaps(ranks.C, els.rank[prev], index[prev], els.rank[v], index[v]), els.rank[prev] + 1):
            if not jumped:
                d = els._add(r, 0.0, 0.0, els.virtual_pad, prev, labelled=False)
            else:
                row = order[r]
                neighbour, side = (row[g - 1], after) if g > 0 else (row[0], before)
                d = els._add(r, 0.0, 0.0, els.virtual_pad, -1, labelled=False, primary=False)
                els.parent[d] = els.parent[neighbour]
                side.setdefault(neighbour, []).append((prev_pos, d))
            virtual.append(d)
            prev, prev_pos = d, g - 0.5
    hosts = dict.fromkeys(els.parent[n] for n in (*before, *after))
    for host in hosts:
        row = []
        for c in els.kids[host]:
            row.extend(d for _, d in sorted(before.get(c, ())))
            row.append(c)
            row.extend(d for _, d in sorted(after.get(c, ())))
        els.kids[host] = row


def _merge(ks: list[int], CL: list, CLo: list, CR: list, CRo: list) -> tuple[list[float], list, float, list, float]:
    """Place sibling subtrees left to right, each as far left as the contours allow. Contours are
    bottom-up lists (last item = the subtree's top rank) plus an offset, so shifting a subtree is
    O(1) and merging costs the height of the shallower side, reusing the deeper side's list."""
    c = ks[0]
    FL, FLo, FR, FRo = CL[c], CLo[c], CR[c], CRo[c]
    pos = [0.0]
    for c in ks[1:]:
        cl, clo, cr, cro = CL[c], CLo[c], CR[c], CRo[c]
        CL[c] = CR[c] = None
        nf, nc = len(FR), len(cl)
        if nf <= nc:
            s = max(map(sub, FR, cl[nc - nf :])) + FRo - clo
        else:
            s = max(map(sub, FR[nf - nc :], cl)) + FRo - clo
        pos.append(s)
        if nc >= nf:
            FR, FRo = cr, cro + s
        else:
            d = cro + s - FRo
            FR[nf - nc :] = [x + d for x in cr]
        if nf < nc:
            d = FLo - clo - s
            cl[nc - nf :] = [x + d for x in FL]
            FL, FLo = cl, clo + s
    return pos, FL, FLo, FR, FRo


def _tidy_x(els: _Elements) -> list[float]:
    """Reingold-Tilford over the tree of elements, bottom-up without recursion: each parent is
    centred over its first and last primary child. Returns the centre x of every element."""
    count = len(els.rank)
    CL: list = [None] * count
    CR: list = [None] * count
    CLo = [0.0] * count
    CRo = [0.0] * count
    rel = [0.0] * count
    kids, half, primary = els.kids, els.half, els.primary
    pre = els.preorder()
    for e in reversed(pre):
        ks = kids[e]
        if not ks:
            CL[e], CR[e] = [-half[e]], [half[e]]
            continue
        pos, FL, FLo, FR, FRo = _merge(ks, CL, CLo, CR, CRo)
        main = [i for i, k in enumerate(ks) if primary[k]] or [0, len(ks) - 1]
        px = (pos[main[0]] + pos[main[-1]]) / 2
        for k, p in zip(ks, pos):
            rel[k] = p - px
        FLo -= px
        FRo -= px
        FL.append(-half[e] - FLo)
        FR.append(half[e] - FRo)
        CL[ks[0]] = CR[ks[0]] = None
        CL[e], CLo[e], CR[e], CRo[e] = FL, FLo, FR, FRo
    x = [0.0] * count
    if els.roots:
        pos = _merge(els.roots, CL, CLo, CR, CRo)[0]
        for r, p in zip(els.roots, pos):
            x[r] = p
    parent = els.parent
    for e in pre:
        if parent[e] >= 0:
            x[e] = x[parent[e]] + rel[e]
    return x


def _stack_ranks(els: _Elements, x: list[float], options: LayoutOptions) -> tuple[list[float], list[float]]:
    """Top and bottom y of every rank: each as tall as its tallest element, the gap below a node
    layer (the fan to the labels) and below a label rank growing with the widest horizontal run
    through it, so that diagonals do not lie flat."""
    count = max(els.rank) + 1
    height = [0.0] * count
    for r, h in zip(els.rank, els.h):
        if h > height[r]:
            height[r] = h
    run = [0.0] * count
    for u, v, virtual in els.routes:
        path = [u, *virtual, v]
        for a, b in zip(path, path[1:]):
            r = els.rank[a]
            if els.rank[b] == r + 1 and abs(x[a] - x[b]) > run[r]:
                run[r] = abs(x[a] - x[b])
    top, bottom = [0.0] * count, [0.0] * count
    y = 0.0
    for r in range(count):
        top[r] = y
        y += height[r]
        bottom[r] = y
        base = options.layer_gap * (_UPPER_SHARE if r % 2 == 0 else 1 - _UPPER_SHARE)
        y += min(max(base, run[r] * _SLOPE), base * _MAX_GAP_FACTOR)
    return top, bottom


def compute_layout(
    inp: LayoutInput, options: LayoutOptions = LayoutOptions(), pinned: Mapping[str, Point] | None = None
) -> Layout:
    """A layered tidy drawing (see the notes above): start at the top (or at the left for
    direction "right"), each node once, children in answer order, parents centred over their
    children, labels in their own rank between layers, long edges bent around nodes. `pinned`
    gives top-left corners that override the computed ones; edges to pinned nodes are straight."""
    graph = _Graph(inp)
    if not graph.names:
        return Layout({}, (), {}, 0.0, 0.0)
    els = _Elements(graph, inp, options)
    _thread_chains(els, _Ranks(els))
    x = _tidy_x(els)
    top, bottom = _stack_ranks(els, x, options)
    flip = options.direction == "right"
    shift = -min(cx - w / 2 for cx, w in zip(x, els.w))

    def point(px: float, py: float) -> Point:
        return (py, px + shift) if flip else (px + shift, py)

    def box(cx: float, y: float, w: float, h: float) -> Box:
        return Box(y, cx - w / 2 + shift, h, w) if flip else Box(cx - w / 2 + shift, y, w, h)

    names = graph.names
    boxes = {names[u]: box(x[u], top[els.rank[u]], els.w[u], els.h[u]) for u in range(len(names))}
    edges = []
    for u, v, virtual in els.routes:
        if not virtual:  # a back edge closing a cycle
            edges.append(_straight(names[u], names[v], boxes, inp, flip))
            continue
        label = virtual[0]
        points = tuple(point(px, py) for px, py in _polyline(els, x, top, bottom, u, v, virtual))
        label_box = None
        if els.labelled[label]:
            r = els.rank[label]
            label_box = box(x[label], (top[r] + bottom[r] - els.h[label]) / 2, els.w[label], els.h[label])
        edges.append(EdgeRoute(names[u], names[v], points, label_box))
    if pinned:
        edges = _pin(boxes, edges, pinned, inp, flip)
    layers = dict(zip(names, graph.layer))
    return _finish(boxes, edges, layers)


def _polyline(els: _Elements, x: list[float], top: list[float], bottom: list[float], u: int, v: int, virtual: list[int]) -> list[Point]:
    """Source's bottom centre (dropping to its layer's bottom first when it is shorter than its
    neighbours), straight through each virtual element's slot, to the target's top centre.
    Points in the middle of a vertical run are dropped."""
    ru = els.rank[u]
    pts = [(x[u], top[ru] + els.h[u])]
    if pts[0][1] < bottom[ru]:
        pts.append((x[u], bottom[ru]))
    for e in virtual:
        r = els.rank[e]
        pts.append((x[e], top[r]))
        if bottom[r] > top[r]:
            pts.append((x[e], bottom[r]))
    pts.append((x[v], top[els.rank[v]]))
    out = [pts[0]]
    for i in range(1, len(pts) - 1):
        if not (pts[i - 1][0] == pts[i][0] == pts[i + 1][0]):
            out.append(pts[i])
    out.append(pts[-1])
    return out


def _straight(source: str, target: str, boxes: Mapping[str, Box], inp: LayoutInput, flip: bool) -> EdgeRoute:
    """A straight edge from the source's leaving side to the target's entering side, its label
    centred on it: for pinned nodes and back edges, which the layered routing does not cover."""
    a, b = boxes[source], boxes[target]
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


def _pin(boxes: dict[str, Box], edges: list[EdgeRoute], pinned: Mapping[str, Point], inp: LayoutInput, flip: bool) -> list[EdgeRoute]:
    """Move pinned nodes to their top-left corners and redraw their edges straight."""
    moved = {n for n in pinned if n in boxes}
    for n in moved:
        b = boxes[n]
        boxes[n] = Box(float(pinned[n][0]), float(pinned[n][1]), b.width, b.height)
    return [_straight(e.source, e.target, boxes, inp, flip) if {e.source, e.target} & moved else e for e in edges]


def _finish(boxes: Mapping[str, Box], edges: list[EdgeRoute], layers: Mapping[str, int]) -> Layout:
    """The layout with its extent (every node and label box inside width x height)."""
    rights = [b.right for b in boxes.values()] + [e.label.right for e in edges if e.label]
    bottoms = [b.bottom for b in boxes.values()] + [e.label.bottom for e in edges if e.label]
    return Layout(boxes, tuple(edges), layers, max(rights, default=0.0), max(bottoms, default=0.0))


# --------------------------------------------------------------------------------------------
# Crossings
# --------------------------------------------------------------------------------------------


def count_crossings(layout: Layout) -> int:
    """Pairs of edge segments that properly cross; segments of edges that share an end node
    (or of the same edge) never count. Instead of testing every pair, the plane is cut into
    horizontal slabs at every segment end: inside a slab each segment is a straight run from
    its x at the top to its x at the bottom, and two runs cross inside it exactly when their
    order flips, so each slab costs a sort and an inversion count (O(E log E) for a layered
    drawing, where most segments span one slab)."""
    segs: list[tuple[float, float, float, float, str, str]] = []
    flat: list[tuple[float, float, float, str, str]] = []
    for e in layout.edges:
        for (x0, y0), (x1, y1) in zip(e.points, e.points[1:]):
            if y0 == y1:
                if x0 != x1:
                    flat.append((y0, min(x0, x1), max(x0, x1), e.source, e.target))
            elif y0 < y1:
                segs.append((y0, x0, y1, x1, e.source, e.target))
            else:
                segs.append((y1, x1, y0, x0, e.source, e.target))
    ys = sorted({s[0] for s in segs} | {s[2] for s in segs})
    row = {y: i for i, y in enumerate(ys)}
    slabs: list[list[tuple[float, float, int]]] = [[] for _ in ys]
    through: dict[tuple[int, float], list[int]] = {}
    for n, (y0, x0, y1, x1, _, _) in enumerate(segs):
        i0, i1 = row[y0], row[y1]
        if i1 == i0 + 1:
            slabs[i0].append((x0, x1, n))
            continue
        xs = [x0] + [x0 + (ys[k] - y0) * (x1 - x0) / (y1 - y0) for k in range(i0 + 1, i1)] + [x1]
        for k in range(i0, i1):
            slabs[k].append((xs[k - i0], xs[k - i0 + 1], n))
        for k in range(i0 + 1, i1):
            through.setdefault((k, xs[k - i0]), []).append(n)
    total = sum(_slab_crossings(slab, segs) for slab in slabs if len(slab) > 1)
    total += sum(_meeting_crossings(group, segs) for group in through.values() if len(group) > 1)
    total += sum(_flat_crossings(f, segs) for f in flat)
    return total


def _inversions(runs: list[tuple[float, float, int]]) -> int:
    """Pairs whose top order is strictly opposite to their bottom order (ties are touches)."""
    runs = sorted(runs)
    bottoms = [r[1] for r in runs]
    if all(map(le, bottoms, bottoms[1:])):
        return 0
    seen: list[float] = []
    count, i = 0, 0
    while i < len(runs):
        j = i
        while j < len(runs) and runs[j][0] == runs[i][0]:
            count += len(seen) - bisect_right(seen, runs[j][1])
            j += 1
        for k in range(i, j):
            insort(seen, runs[k][1])
        i = j
    return count


def _slab_crossings(slab: list[tuple[float, float, int]], segs: list) -> int:
    """Inversions in one slab, minus those between segments of edges sharing a node
    (inclusion-exclusion: once per shared node, added back when they share both)."""
    count = _inversions(slab)
    if count == 0:
        return 0
    by_node: dict[str, list] = {}
    by_pair: dict[frozenset, list] = {}
    for run in slab:
        s, t = segs[run[2]][4], segs[run[2]][5]
        by_node.setdefault(s, []).append(run)
        if t != s:
            by_node.setdefault(t, []).append(run)
            by_pair.setdefault(frozenset((s, t)), []).append(run)
    count -= sum(_inversions(g) for g in by_node.values() if len(g) > 1)
    count += sum(_inversions(g) for g in by_pair.values() if len(g) > 1)
    return count


def _meeting_crossings(group: list[int], segs: list) -> int:
    """Segments passing through one point strictly inside all of them (rare): each pair that is
    not collinear crosses there."""
    count = 0
    for i, a in enumerate(group):
        sa = segs[a]
        for b in group[i + 1 :]:
            sb = segs[b]
            if {sa[4], sa[5]} & {sb[4], sb[5]}:
                continue
            if (sa[3] - sa[1]) * (sb[2] - sb[0]) != (sb[3] - sb[1]) * (sa[2] - sa[0]):
                count += 1
    return count


def _flat_crossings(flat: tuple[float, float, float, str, str], segs: list) -> int:
    """A horizontal segment against every other segment (only pinned or odd drawings have them)."""
    y, xa, xb, s, t = flat
    count = 0
    for y0, x0, y1, x1, s2, t2 in segs:
        if y0 < y < y1 and not {s, t} & {s2, t2}:
            cx = x0 + (y - y0) * (x1 - x0) / (y1 - y0)
            if xa < cx < xb:
                count += 1
    return count
