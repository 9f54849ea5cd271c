"""Layered layout of a tree (a rooted DAG) as pure data: positions from measured sizes.

The UI measures each node's text with the real font and hands the sizes in; this package decides
where everything goes and knows nothing of Qt. Coordinates are in scene units with y growing
downwards; with direction "right" the drawing is transposed so the start is at the left.

The drawing is a tidy tree (Reingold-Tilford) over a spanning tree of the graph, with shared
nodes on the deepest layer that reaches them, edge labels in ranks of their own between the
layers, and edges that skip layers bent around the nodes in between. It runs in O(n log n)
without recursion, and counting crossings (`count_crossings`) is O(E log E) for a layered
drawing. The steps, one module each:

1. Layering (`layering`). A depth-first walk in answer order sets aside back edges (only an
   invalid tree has them) and numbers the nodes in pre-order; longest-path layering then puts
   every node below all of its parents, so a shared node lands on the deepest layer that reaches
   it.
2. A spanning tree (`layering`). Each node's tree parent is its first parent (in pre-order) on
   the layer directly above, so every tree edge spans exactly one layer and the tree is drawn
   tidily.
3. Ranks (`elements`). Node layer k is rank 2k; rank 2k+1, between two node layers, holds one
   virtual element per edge leaving layer k: its label (or a zero-width bend when it has none).
   An edge that skips layers (to a shared node deeper down) gets one dummy per rank it passes, a
   narrow slot that the tidy pass keeps clear, so that its polyline never crosses a node or a
   label.
4. Crossing reduction (`ordering`). The tree order fixes a left-to-right order per rank; each
   long edge's dummies either follow the "flow" between the same two subtrees (no crossing) or
   jump once, at the band where jumping crosses fewest tree edges (counted exactly from prefix
   sums).
5. Tidy x (`tidy`). A Reingold-Tilford pass over the tree of elements: subtrees are placed left
   to right as close as their contours allow, and each parent is centred over its first and last
   child. Contours are lists per subtree reused (never copied) while merging, so the pass is
   linear.
6. y and edges (`routing`). Ranks are stacked with nodes top-aligned in their layer; the gaps
   grow with the widest fan in them, so that long diagonals stay readable. Pinned nodes are moved
   last.
Everything is iterative: no recursion, whatever the depth.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from trainer.core.graph import children_of, edge_labels
from trainer.core.model import Tree
from trainer.draw.layout.crossings import count_crossings
from trainer.draw.layout.elements import Elements
from trainer.draw.layout.layering import LayeredGraph, layers_of
from trainer.draw.layout.ordering import RankOrder, thread_chains
from trainer.draw.layout.routing import finish, layered_edge, pin, stack_ranks, straight_edge, to_drawing
from trainer.draw.layout.shapes import Box, EdgeRoute, Layout, LayoutInput, LayoutOptions, Point, Size
from trainer.draw.layout.tidy import tidy_x
from trainer.infra.gcpause import gc_paused

__all__ = [
    "Box",
    "EdgeRoute",
    "Layout",
    "LayoutInput",
    "LayoutOptions",
    "Point",
    "Size",
    "compute_layout",
    "count_crossings",
    "input_from_tree",
    "layers_of",
]


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


DEFAULT_OPTIONS = LayoutOptions()


def compute_layout(
    inp: LayoutInput, options: LayoutOptions = DEFAULT_OPTIONS, pinned: Mapping[str, Point] | None = None
) -> Layout:
    """A layered tidy drawing (see the steps above): start at the top (or at the left for
    direction "right"), each node once, children in answer order, parents centred over their
    children, labels in their own rank between layers, long edges bent around nodes. `pinned`
    gives top-left corners that override the computed ones; edges to pinned nodes are straight."""
    with gc_paused():
        return _compute_layout(inp, options, pinned)


def _compute_layout(inp: LayoutInput, options: LayoutOptions, pinned: Mapping[str, Point] | None) -> Layout:
    """compute_layout, with the garbage collector paused."""
    graph = LayeredGraph(inp)
    if not graph.names:
        return Layout({}, (), {}, 0.0, 0.0)
    elements = Elements(graph, inp, options)
    thread_chains(elements, RankOrder(elements))
    x = tidy_x(elements)
    spans = stack_ranks(elements, x, options)
    top = spans[0]
    shift = -min(cx - w / 2 for cx, w in zip(x, elements.width, strict=True))
    x = [cx + shift for cx in x]
    flip = options.direction == "right"
    names = graph.names
    width, height, rank = elements.width, elements.height, elements.rank
    boxes = {
        names[u]: to_drawing(x[u] - width[u] / 2, top[rank[u]], width[u], height[u], flip) for u in range(len(names))
    }
    edges = [
        layered_edge(elements, x, spans, names, route, flip)
        if route[2]
        else straight_edge(names[route[0]], names[route[1]], boxes, inp, flip)  # a back edge closing a cycle
        for route in elements.routes
    ]
    if pinned:
        edges = pin(boxes, edges, pinned, inp, flip)
    return finish(boxes, edges, dict(zip(names, graph.layer, strict=True)))
