"""Step 3 of the layout: everything that takes a slot in a rank (nodes, edge labels or bends,
and the dummies of long edges), with the tree of elements the tidy pass places.

Node layer k is rank 2k; rank 2k+1, between two node layers, holds one element per edge leaving
layer k: its label (or a zero-width bend when it has none).
"""

from __future__ import annotations

from collections.abc import Mapping

from trainer.draw.layout.layering import LayeredGraph, tree_parents
from trainer.draw.layout.shapes import LayoutInput, LayoutOptions, Size

MISSING_SIZE = Size(60.0, 30.0)

Route = tuple[int, int, list[int]]  # (source node, target node, its virtual elements in rank order)


class Elements:
    """Every element's rank, size and place in the tree of elements. Sizes are in the computing
    frame, where layers always grow downwards (for direction "right" width and height are
    swapped and the result transposed)."""

    def __init__(self, graph: LayeredGraph, inp: LayoutInput, options: LayoutOptions) -> None:
        flip = options.direction == "right"
        self.node_pad, self.virtual_pad = options.node_gap / 2, options.node_gap / 4
        count = len(graph.names)
        sizes = [across_along(inp.node_sizes.get(name, MISSING_SIZE), flip) for name in graph.names]
        self.width: list[float] = [w for w, _ in sizes]
        self.height: list[float] = [h for _, h in sizes]
        self.half_slot: list[float] = [w / 2 + self.node_pad for w in self.width]  # half width plus padding
        self.rank: list[int] = [2 * layer for layer in graph.layer]
        self.parent: list[int] = [-1] * count
        self.children: list[list[int]] = [[] for _ in range(count)]
        self.primary: list[bool] = [True] * count  # False: a jumped dummy, which does not centre its parent
        self.labelled: list[bool] = [False] * count
        self.routes: list[Route] = []
        self.chains: list[int] = []  # indexes into routes of edges that need dummies
        self._add_labels(graph, inp.edge_label_sizes, flip)
        self.roots = sorted((u for u in range(count) if self.parent[u] < 0), key=graph.preorder.__getitem__)

    def _add_labels(self, graph: LayeredGraph, label_sizes: Mapping[tuple[str, str], Size], flip: bool) -> None:
        """One label element per edge (but back edges), in answer order under its source; the
        tree edge's label is the parent of its target. Written out flat: it runs once per edge."""
        tree_parent = tree_parents(graph)
        names, layer, back_edges = graph.names, graph.layer, graph.back_edges
        rank, widths, heights, half_slot = self.rank, self.width, self.height, self.half_slot
        parent, children, routes, pad = self.parent, self.children, self.routes, self.virtual_pad
        for u, targets in enumerate(graph.children):
            source, label_rank = names[u], 2 * layer[u] + 1
            for v in targets:
                if back_edges and (u, v) in back_edges:
                    routes.append((u, v, []))
                    continue
                size = label_sizes.get((source, names[v]))
                width, height = (0.0, 0.0) if size is None else across_along(size, flip)
                label = len(rank)
                rank.append(label_rank)
                widths.append(width)
                heights.append(height)
                half_slot.append(width / 2 + pad)
                parent.append(u)
                self.primary.append(True)
                self.labelled.append(size is not None)
                children[u].append(label)
                if tree_parent[v] == u:
                    children.append([v])
                    parent[v] = label
                else:
                    children.append([])
                    if layer[v] - layer[u] > 1:
                        self.chains.append(len(routes))
                routes.append((u, v, [label]))

    def add(
        self, rank: int, width: float, height: float, pad: float, parent: int, labelled: bool, primary: bool = True
    ) -> int:
        """Append one element; returns its number."""
        self.rank.append(rank)
        self.width.append(width)
        self.height.append(height)
        self.half_slot.append(width / 2 + pad)
        self.parent.append(parent)
        self.children.append([])
        self.primary.append(primary)
        self.labelled.append(labelled)
        if parent >= 0:
            self.children[parent].append(len(self.rank) - 1)
        return len(self.rank) - 1

    def preorder(self) -> list[int]:
        """Every element of the tree of elements, parents before children, roots left to right."""
        out: list[int] = []
        stack = self.roots[::-1]
        children = self.children
        while stack:
            element = stack.pop()
            out.append(element)
            stack.extend(reversed(children[element]))
        return out


def across_along(size: Size, flip: bool) -> tuple[float, float]:
    """A size in the computing frame: across the layer, then along the layer axis."""
    return (size.height, size.width) if flip else (size.width, size.height)
