"""Steps 1 and 2 of the layout: the input as integer-indexed lists, the back edges set aside,
a longest-path layering, and the spanning tree the tidy drawing is made of.

These walks run on plain lists of integers rather than on the tree's networkx graph
(trainer.core.graph): a layout is made on every open and every fold, and networkx's walks over
its dict views take several times as long on a 50,000-node tree (tests/benchmarks/bench_queries.py
prints both).
"""

from __future__ import annotations

from collections import deque

from trainer.draw.layout.shapes import LayoutInput


class LayeredGraph:
    """The input as integer-indexed lists (every later pass runs over plain lists, for speed),
    with back edges set aside and a longest-path layering."""

    def __init__(self, inp: LayoutInput) -> None:
        index: dict[str, int] = {}
        names: list[str] = []
        for name in (*inp.children, *(t for ts in inp.children.values() for t in ts), *inp.node_sizes):
            if name not in index:
                index[name] = len(names)
                names.append(name)
        children: list[list[int]] = [[] for _ in names]
        for name, targets in inp.children.items():
            row = children[index[name]]
            for target in dict.fromkeys(targets):
                row.append(index[target])
        self.names, self.index, self.children = names, index, children
        self.start = index.get(inp.start, -1)
        self.preorder, self.back_edges = depth_first(children, root_order(children, self.start))
        reached = reachable(children, self.start)
        orphans = self.start >= 0 and not all(reached)
        if orphans:  # an edge from a node no answer reaches into the tree is drawn straight
            self.back_edges |= {(u, v) for u, ts in enumerate(children) if not reached[u] for v in ts if reached[v]}
        self.dag_children = (
            children
            if not self.back_edges
            else [[v for v in targets if (u, v) not in self.back_edges] for u, targets in enumerate(children)]
        )
        self.layer = longest_path_layers(self.dag_children)
        if orphans:
            below = 1 + max(layer for layer, seen in zip(self.layer, reached, strict=True) if seen)
            self.layer = [layer if seen else layer + below for layer, seen in zip(self.layer, reached, strict=True)]


def reachable(children: list[list[int]], start: int) -> list[bool]:
    """Which nodes some path of answers reaches from the start (iterative)."""
    seen = [False] * len(children)
    if start < 0:
        return seen
    seen[start] = True
    stack = [start]
    while stack:
        for v in children[stack.pop()]:
            if not seen[v]:
                seen[v] = True
                stack.append(v)
    return seen


def root_order(children: list[list[int]], start: int) -> list[int]:
    """Start first, then the other sources, then everything else (only cycles are left): so a
    part unreachable from the start is walked from its own top, not from its middle."""
    indegree = [0] * len(children)
    for targets in children:
        for v in targets:
            indegree[v] += 1
    sources = [u for u, d in enumerate(indegree) if d == 0 and u != start]
    return ([start] if start >= 0 else []) + sources + list(range(len(children)))


def depth_first(children: list[list[int]], roots: list[int]) -> tuple[list[int], set[tuple[int, int]]]:
    """Pre-order numbers in answer order, and the back edges that close cycles (iterative)."""
    state = [0] * len(children)  # 0 unseen, 1 on the path, 2 finished
    preorder = [0] * len(children)
    back_edges: set[tuple[int, int]] = set()
    count = 0
    for root in roots:
        if state[root]:
            continue
        state[root], preorder[root], count = 1, count, count + 1
        path, cursor = [root], [0]
        while path:
            u, i = path[-1], cursor[-1]
            if i < len(children[u]):
                cursor[-1] = i + 1
                v = children[u][i]
                if state[v] == 0:
                    state[v], preorder[v], count = 1, count, count + 1
                    path.append(v)
                    cursor.append(0)
                elif state[v] == 1:
                    back_edges.add((u, v))
            else:
                state[u] = 2
                path.pop()
                cursor.pop()
    return preorder, back_edges


def longest_path_layers(dag_children: list[list[int]]) -> list[int]:
    """Layer of each node: one more than its deepest parent (Kahn's order, so no recursion)."""
    indegree = [0] * len(dag_children)
    for targets in dag_children:
        for v in targets:
            indegree[v] += 1
    layer = [0] * len(dag_children)
    queue = deque(u for u, d in enumerate(indegree) if d == 0)
    while queue:
        u = queue.popleft()
        below = layer[u] + 1
        for v in dag_children[u]:
            if layer[v] < below:
                layer[v] = below
            indegree[v] -= 1
            if indegree[v] == 0:
                queue.append(v)
    return layer


def layers_of(inp: LayoutInput) -> dict[str, int]:
    """Longest-path layering: every node sits below all of its parents, so a shared node lands on
    the deepest layer that reaches it. Nodes unreachable from the start become extra roots on
    layers of their own below the tree (never beside the start), their edges into the tree set
    aside; an edge that closes a cycle is ignored (so an invalid tree still gets layers)."""
    graph = LayeredGraph(inp)
    return dict(zip(graph.names, graph.layer, strict=True))


def tree_parents(graph: LayeredGraph) -> list[int]:
    """Each node's first parent in pre-order on the layer directly above (-1 for a root): the
    tidy tree then only has edges one layer long, and a shared node hangs under the parent that
    meets it first in answer order."""
    layer, preorder = graph.layer, graph.preorder
    parent = [-1] * len(layer)
    for u, targets in enumerate(graph.dag_children):
        below = layer[u] + 1
        for v in targets:
            if layer[v] == below and (parent[v] < 0 or preorder[u] < preorder[parent[v]]):
                parent[v] = u
    return parent
