"""Layered layout of a tree (a rooted DAG) as pure data: positions from measured sizes.

The UI measures each node's text with the real font and hands the sizes in; this module decides
where everything goes and knows nothing of Qt. Coordinates are in scene units with y growing
downwards; with direction "right" the drawing is transposed so the start is at the left.

The drawing is a tidy tree (Reingold-Tilford) over a spanning tree of the graph, with shared
nodes on the deepest layer that reaches them, edge labels in ranks of their own between the
layers, and edges that skip layers bent around the nodes in between; the notes above
`compute_layout` explain the steps. It runs in O(n log n) without recursion, and counting
crossings (`count_crossings`) is O(E log E) for a layered drawing.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, pairwise
from operator import le, sub
from typing import Literal

from trainer.core.graph import children_of, edge_labels
from trainer.core.model import Tree
from trainer.infra.gcpause import gc_paused

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

    def overlaps(self, other: Box, margin: float = 0.0) -> bool:
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
    children = children_of(tree)
    sizes = {node_id: node_size(node_id) for node_id in tree.nodes}
    label_sizes = {}
    if label_size is not None:
        label_sizes = {edge: label_size(text) for edge, text in edge_labels(tree).items() if edge[1] in tree.nodes}
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
# Everything is iterative: no recursion, whatever the depth. Pinned nodes are moved last.
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
        n = len(graph.names)
        sizes = [_across_along(inp.node_sizes.get(name, _MISSING_SIZE), flip) for name in graph.names]
        self.w: list[float] = [w for w, _ in sizes]
        self.h: list[float] = [h for _, h in sizes]
        self.half: list[float] = [w / 2 + self.node_pad for w in self.w]
        self.rank: list[int] = [2 * layer for layer in graph.layer]
        self.parent: list[int] = [-1] * n
        self.kids: list[list[int]] = [[] for _ in range(n)]
        self.primary: list[bool] = [True] * n
        self.labelled: list[bool] = [False] * n
        self.routes: list[tuple[int, int, list[int]]] = []  # (source, target, virtual elements)
        self.chains: list[int] = []  # indexes into routes of edges that need dummies
        self._add_labels(graph, inp.edge_label_sizes, flip)
        self.roots = sorted((u for u in range(n) if self.parent[u] < 0), key=graph.pre.__getitem__)

    def _add_labels(self, graph: _Graph, label_sizes: Mapping[tuple[str, str], Size], flip: bool) -> None:
        """One label element per edge (but back edges), in answer order under its source; the
        tree edge's label is the parent of its target. Written out flat: it runs once per edge."""
        tree_parent = _tree_parents(graph)
        names, layer, back = graph.names, graph.layer, graph.back
        rank, ws, hs, half, parent, kids = self.rank, self.w, self.h, self.half, self.parent, self.kids
        routes, pad = self.routes, self.virtual_pad
        for u, ks in enumerate(graph.kids):
            source, r = names[u], 2 * layer[u] + 1
            for v in ks:
                if back and (u, v) in back:
                    routes.append((u, v, []))
                    continue
                size = label_sizes.get((source, names[v]))
                w, h = (0.0, 0.0) if size is None else _across_along(size, flip)
                label = len(rank)
                rank.append(r)
                ws.append(w)
                hs.append(h)
                half.append(w / 2 + pad)
                parent.append(u)
                self.primary.append(True)
                self.labelled.append(size is not None)
                kids[u].append(label)
                if tree_parent[v] == u:
                    kids.append([v])
                    parent[v] = label
                else:
                    kids.append([])
                    if layer[v] - layer[u] > 1:
                        self.chains.append(len(routes))
                routes.append((u, v, [label]))

    def add(self, rank: int, w: float, h: float, pad: float, parent: int, labelled: bool, primary: bool = True) -> int:
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


def _across_along(size: Size, flip: bool) -> tuple[float, float]:
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
        _, v, virtual = els.routes[k]
        prev = virtual[0]
        prev_pos: float = index[prev]
        gaps = _chain_gaps(ranks.C, els.rank[prev], index[prev], els.rank[v], index[v])
        for r, (g, jumped) in enumerate(gaps, els.rank[prev] + 1):
            if not jumped:
                d = els.add(r, 0.0, 0.0, els.virtual_pad, prev, labelled=False)
            else:
                row = order[r]
                neighbour, side = (row[g - 1], after) if g > 0 else (row[0], before)
                d = els.add(r, 0.0, 0.0, els.virtual_pad, -1, labelled=False, primary=False)
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
    centred over its first and last primary child (a jumped dummy does not pull it aside).
    Returns the centre x of every element."""
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
        if len(ks) == 1:  # most often: a label over its node, a lane, a chain of questions
            k = ks[0]
            FL, FLo, FR, FRo = CL[k], CLo[k], CR[k], CRo[k]
            FL.append(-half[e] - FLo)
            FR.append(half[e] - FRo)
            CL[k] = CR[k] = None
            CL[e], CLo[e], CR[e], CRo[e] = FL, FLo, FR, FRo
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
    roots = _merge(els.roots, CL, CLo, CR, CRo)[0] if els.roots else []
    return _absolute(els, pre, dict(zip(els.roots, roots)), rel)


def _absolute(els: _Elements, pre: list[int], roots: Mapping[int, float], rel: list[float]) -> list[float]:
    """Absolute x from each element's offset to its parent, parents first (no recursion)."""
    x = [0.0] * len(rel)
    parent = els.parent
    for e in pre:
        x[e] = x[parent[e]] + rel[e] if parent[e] >= 0 else roots[e]
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
        for a, b in pairwise(path):
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
    with gc_paused():
        return _compute_layout(inp, options, pinned)


def _compute_layout(inp: LayoutInput, options: LayoutOptions, pinned: Mapping[str, Point] | None) -> Layout:
    """compute_layout, with the garbage collector paused."""
    graph = _Graph(inp)
    if not graph.names:
        return Layout({}, (), {}, 0.0, 0.0)
    els = _Elements(graph, inp, options)
    _thread_chains(els, _Ranks(els))
    x = _tidy_x(els)
    top, bottom = _stack_ranks(els, x, options)
    shift = -min(cx - w / 2 for cx, w in zip(x, els.w))
    x = [cx + shift for cx in x]
    flip = options.direction == "right"
    names = graph.names
    boxes = {names[u]: _box(x[u] - els.w[u] / 2, top[els.rank[u]], els.w[u], els.h[u], flip) for u in range(len(names))}
    edges = [
        _route(els, x, (top, bottom), names, (u, v, virtual), flip)
        if virtual
        else _straight(names[u], names[v], boxes, inp, flip)  # a back edge closing a cycle
        for u, v, virtual in els.routes
    ]
    if pinned:
        edges = _pin(boxes, edges, pinned, inp, flip)
    return _finish(boxes, edges, dict(zip(names, graph.layer)))


def _box(left: float, y: float, w: float, h: float, flip: bool) -> Box:
    """A box from the computing frame to the drawing: transposed for direction "right"."""
    return Box(y, left, h, w) if flip else Box(left, y, w, h)


def _route(
    els: _Elements,
    x: list[float],
    ranks: tuple[list[float], list[float]],
    names: list[str],
    route: tuple[int, int, list[int]],
    flip: bool,
) -> EdgeRoute:
    """The source's bottom centre (dropping to its layer's bottom first when it is shorter than
    its neighbours), straight down through each virtual element's slot, to the target's top
    centre; points in the middle of a vertical run are left out. The label is centred on the
    edge in the middle of its rank. Written out flat: it runs once per edge."""
    (top, bottom), (u, v, virtual) = ranks, route
    rank, h = els.rank, els.h
    ru = rank[u]
    xu, yu = x[u], top[ru] + h[u]
    pts = [(xu, yu), (xu, bottom[ru])] if yu < bottom[ru] else [(xu, yu)]
    for e in virtual:
        xe, r = x[e], rank[e]
        for p in ((xe, top[r]), (xe, bottom[r])) if bottom[r] > top[r] else ((xe, top[r]),):
            if len(pts) > 1 and pts[-1][0] == pts[-2][0] == xe:
                pts[-1] = p
            else:
                pts.append(p)
    end = (x[v], top[rank[v]])
    if len(pts) > 1 and pts[-1][0] == pts[-2][0] == end[0]:
        pts.pop()
    pts.append(end)
    label = None
    e = virtual[0]
    if els.labelled[e]:
        r = rank[e]
        label = _box(x[e] - els.w[e] / 2, (top[r] + bottom[r] - h[e]) / 2, els.w[e], h[e], flip)
    points = tuple([(py, px) for px, py in pts]) if flip else tuple(pts)
    return EdgeRoute(names[u], names[v], points, label)


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


def _pin(
    boxes: dict[str, Box], edges: list[EdgeRoute], pinned: Mapping[str, Point], inp: LayoutInput, flip: bool
) -> list[EdgeRoute]:
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
    horizontal slabs at the ends of the slanted segments: inside a slab each slanted segment runs
    straight from its x at the top to its x at the bottom, so two of them cross inside it exactly
    when their order flips (an inversion count), and a vertical segment crosses the runs that
    straddle its x (two binary searches). A layered drawing has few slabs and its segments span
    one or two, so this is O(E log E)."""
    with gc_paused():
        return _count_crossings(layout)


def _count_crossings(layout: Layout) -> int:
    """count_crossings, with the garbage collector paused."""
    segs = _Segments(layout)
    total = sum(_slab_crossings(slab, segs.slanted) for slab in segs.slabs if len(slab) > 1)
    total += sum(_meeting_crossings(group, segs.slanted) for group in segs.through.values() if len(group) > 1)
    total += _vertical_crossings(segs)
    total += sum(_flat_crossings(f, segs) for f in segs.flat)
    return total


class _Segments:
    """A layout's segments sorted into slanted, vertical and horizontal ones, with the slanted
    ones cut into per-slab runs (x at the slab's top, x at its bottom, segment number)."""

    def __init__(self, layout: Layout) -> None:
        self.slanted: list[tuple[float, float, float, float, str, str]] = []
        self.vertical: list[tuple[float, float, float, str, str]] = []
        self.flat: list[tuple[float, float, float, str, str]] = []
        for e in layout.edges:
            for (x0, y0), (x1, y1) in zip(e.points, e.points[1:]):
                if y0 == y1:
                    if x0 != x1:
                        self.flat.append((y0, min(x0, x1), max(x0, x1), e.source, e.target))
                elif x0 == x1:
                    self.vertical.append((x0, min(y0, y1), max(y0, y1), e.source, e.target))
                elif y0 < y1:
                    self.slanted.append((y0, x0, y1, x1, e.source, e.target))
                else:
                    self.slanted.append((y1, x1, y0, x0, e.source, e.target))
        self.ys = ys = sorted({s[0] for s in self.slanted} | {s[2] for s in self.slanted})
        row = {y: i for i, y in enumerate(ys)}
        self.first: list[int] = []  # the slab each slanted segment starts in
        self.xs: list[list[float]] = []  # its x at each slab boundary it spans
        self.slabs: list[list[tuple[float, float, int]]] = [[] for _ in ys]
        self.through: dict[tuple[int, float], list[int]] = {}  # passing a boundary strictly inside
        for n, (y0, x0, y1, x1, _, _) in enumerate(self.slanted):
            i0, i1 = row[y0], row[y1]
            xs = [x0] + [x0 + (ys[k] - y0) * (x1 - x0) / (y1 - y0) for k in range(i0 + 1, i1)] + [x1]
            self.first.append(i0)
            self.xs.append(xs)
            for k in range(i0, i1):
                self.slabs[k].append((xs[k - i0], xs[k - i0 + 1], n))
            for k in range(i0 + 1, i1):
                self.through.setdefault((k, xs[k - i0]), []).append(n)

    def run(self, n: int, k: int) -> tuple[float, float]:
        """Slanted segment n's x at the top and bottom of slab k."""
        xs, i = self.xs[n], k - self.first[n]
        return xs[i], xs[i + 1]


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


def _slab_crossings(slab: list[tuple[float, float, int]], slanted: list) -> int:
    """Inversions in one slab, minus those between segments of edges sharing a node
    (inclusion-exclusion: once per shared node, added back when they share both)."""
    count = _inversions(slab)
    if count == 0:
        return 0
    by_node: dict[str, list] = {}
    by_pair: dict[frozenset, list] = {}
    for run in slab:
        s, t = slanted[run[2]][4], slanted[run[2]][5]
        by_node.setdefault(s, []).append(run)
        if t != s:
            by_node.setdefault(t, []).append(run)
            by_pair.setdefault(frozenset((s, t)), []).append(run)
    count -= sum(_inversions(g) for g in by_node.values() if len(g) > 1)
    count += sum(_inversions(g) for g in by_pair.values() if len(g) > 1)
    return count


def _meeting_crossings(group: list[int], slanted: list) -> int:
    """Slanted segments passing through one point strictly inside all of them (rare): each pair
    that is not collinear crosses there."""
    count = 0
    for i, a in enumerate(group):
        sa = slanted[a]
        for b in group[i + 1 :]:
            sb = slanted[b]
            if {sa[4], sa[5]} & {sb[4], sb[5]}:
                continue
            if (sa[3] - sa[1]) * (sb[2] - sb[0]) != (sb[3] - sb[1]) * (sa[2] - sa[0]):
                count += 1
    return count


def _vertical_crossings(segs: _Segments) -> int:
    """Vertical segments against slanted runs, slab by slab (two binary searches where the
    vertical spans the whole slab), less the pairs that share a node, plus crossings exactly on a
    slab boundary."""
    ys, slabs = segs.ys, segs.slabs
    ends: dict[int, tuple[list[float], list[float]]] = {}
    touching: dict[str, list[int]] = {}
    for n, s in enumerate(segs.slanted):
        for node in dict.fromkeys(s[4:]):
            touching.setdefault(node, []).append(n)
    count = 0
    for c, y0, y1, s, t in segs.vertical:
        for k in range(max(0, bisect_right(ys, y0) - 1), min(len(ys) - 1, bisect_left(ys, y1))):
            if not slabs[k]:
                continue
            if y0 <= ys[k] and ys[k + 1] <= y1:
                if k not in ends:
                    ends[k] = (sorted(min(a, b) for a, b, _ in slabs[k]), sorted(max(a, b) for a, b, _ in slabs[k]))
                lows, highs = ends[k]
                count += bisect_left(lows, c) - bisect_right(highs, c)
            else:
                count += sum(_hits(ys, k, a, b, c, y0, y1) for a, b, _ in slabs[k])
        for n in dict.fromkeys(touching.get(s, []) + touching.get(t, [])):
            count -= _same_node_hits(segs, n, c, y0, y1)
    return count + _vertical_meetings(segs)


def _same_node_hits(segs: _Segments, n: int, c: float, y0: float, y1: float) -> int:
    """How often slanted segment n was counted against the vertical (c, y0, y1), by the very same
    test, so that taking it back out is exact."""
    ys, first = segs.ys, segs.first[n]
    slabs = range(first, first + len(segs.xs[n]) - 1)
    return sum(_hits(ys, k, *segs.run(n, k), c, y0, y1) for k in slabs if ys[k] < y1 and ys[k + 1] > y0)


def _vertical_meetings(segs: _Segments) -> int:
    """A slanted segment and a vertical one crossing exactly on a slab boundary that lies
    strictly inside both (the slabs on either side each see only a touch)."""
    at_x: dict[float, list[int]] = {}
    for i, v in enumerate(segs.vertical):
        at_x.setdefault(v[0], []).append(i)
    count = 0
    for (k, x), group in segs.through.items():
        for i in at_x.get(x, ()):
            _, y0, y1, s, t = segs.vertical[i]
            if y0 < segs.ys[k] < y1:
                count += sum(1 for n in group if not {s, t} & set(segs.slanted[n][4:]))
    return count


def _hits(ys: list[float], k: int, a: float, b: float, c: float, y0: float, y1: float) -> bool:
    """Whether the run (a at the top of slab k, b at its bottom) crosses x = c strictly inside
    both itself and the vertical segment's part [y0, y1] of the slab."""
    top, bottom = ys[k], ys[k + 1]
    if top < y0 or y1 < bottom:
        lo, hi = max(top, y0), min(bottom, y1)
        a, b = a + (lo - top) * (b - a) / (bottom - top), a + (hi - top) * (b - a) / (bottom - top)
    return min(a, b) < c < max(a, b)


def _flat_crossings(flat: tuple[float, float, float, str, str], segs: _Segments) -> int:
    """A horizontal segment against every other one (only pinned or odd drawings have them)."""
    y, xa, xb, s, t = flat
    count = 0
    for y0, x0, y1, x1, s2, t2 in segs.slanted:
        if y0 < y < y1 and not {s, t} & {s2, t2} and xa < x0 + (y - y0) * (x1 - x0) / (y1 - y0) < xb:
            count += 1
    for c, y0, y1, s2, t2 in segs.vertical:
        if y0 < y < y1 and xa < c < xb and not {s, t} & {s2, t2}:
            count += 1
    return count
