"""The tree's graph and every graph query the app makes on it, in one place: children in answer
order, reachability, unreachable nodes, cycles, the questions ahead, ways to an outcome, routes
as node paths, and folding and neighbourhoods on the children a drawing shows.

The graph itself is a networkx DiGraph (answers as labelled edges), built once per tree and
cached while the tree lives; the queries of a walk, the editor and the views run on it. The ones
that loading, validating and opening a tree make are plain iterative walks instead, since every
start and every `trainer validate` would otherwise pay for importing networkx (it is imported by
the first query that needs it, never by importing this module). The layout walks its own integer
lists for speed (trainer.draw.layout.layering says why).
"""

from __future__ import annotations

import weakref
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from itertools import islice, pairwise
from typing import TYPE_CHECKING

from trainer.core.model import Answer, Question, Tree
from trainer.infra.gcpause import gc_paused

if TYPE_CHECKING:
    import networkx as nx

_GRAPHS: dict[int, nx.DiGraph[str]] = {}  # id(tree) -> its graph, dropped when the tree goes


def graph_of(tree: Tree) -> nx.DiGraph[str]:
    """The tree's graph, built on first use and kept while the tree lives. A Tree is frozen, so
    the graph never goes stale; it is frozen too, so no caller changes what the others read."""
    key = id(tree)
    graph = _GRAPHS.get(key)
    if graph is None:
        import networkx as nx

        graph = nx.freeze(to_digraph(tree))
        _GRAPHS[key] = graph
        weakref.finalize(tree, _GRAPHS.pop, key, None)
    return graph


def to_digraph(tree: Tree) -> nx.DiGraph[str]:
    """A new graph of `tree`: nodes in file order with their kind and text, one edge per pair of
    nodes in answer order (two answers to one node give one edge, labels joined with " / ").
    Answers to missing nodes (a broken tree) are left out."""
    import networkx as nx

    with gc_paused():  # thousands of small dicts and no cycle: the collector would only slow it
        return _filled(nx.DiGraph(id=tree.id, title=tree.title, start=tree.start), tree)


def _filled(graph: nx.DiGraph[str], tree: Tree) -> nx.DiGraph[str]:
    graph.add_nodes_from(
        (node_id, {"kind": "question" if isinstance(node, Question) else "outcome", "text": node.text})
        for node_id, node in tree.nodes.items()
    )
    labels: dict[tuple[str, str], list[str]] = {}
    for node in tree.questions:
        for answer in node.answers:
            if answer.next in tree.nodes:
                labels.setdefault((node.id, answer.next), []).append(answer.label)
    graph.add_edges_from((a, b, {"label": " / ".join(texts), "labels": texts}) for (a, b), texts in labels.items())
    return graph


# --- queries on a graph ---------------------------------------------------------------------------
def reachable_from(graph: nx.DiGraph[str], node_id: str) -> set[str]:
    import networkx as nx

    below: set[str] = nx.descendants(graph, node_id)
    return {node_id} | below


def depth(graph: nx.DiGraph[str]) -> int:
    """The most questions a learner can be asked on one walk from the start."""
    start = graph.graph["start"]
    return remaining_questions(graph)[start] if start in graph else 0


def remaining_questions(graph: nx.DiGraph[str]) -> dict[str, int]:
    """For every node, the most questions still ahead of it on any branch (0 at an outcome)."""
    import networkx as nx

    most: dict[str, int] = {}
    for node_id in reversed(list(nx.topological_sort(graph))):
        children = list(graph.successors(node_id))
        most[node_id] = 1 + max(most[c] for c in children) if children else 0
    return most


def paths_to(graph: nx.DiGraph[str], target: str, limit: int | None = None) -> Iterator[list[str]]:
    """Paths from the start to `target`, as node ids; at most `limit` of them.

    Their number can be exponential in the tree's size, so callers that show or sample them
    must pass a limit.
    """
    import networkx as nx

    start = graph.graph["start"]
    if start not in graph or target not in graph:
        return iter(())
    if start == target:
        return iter([[start]])
    return islice(nx.all_simple_paths(graph, start, target), limit)


def answers_along(graph: nx.DiGraph[str], path: list[str]) -> list[tuple[str, str]]:
    """(question id, answer label) for each step of `path`."""
    return [(a, graph.edges[a, b]["label"]) for a, b in pairwise(path)]


def outcomes_reachable(graph: nx.DiGraph[str]) -> list[str]:
    start = graph.graph["start"]
    if start not in graph:
        return []
    return [n for n in reachable_from(graph, start) if graph.nodes[n]["kind"] == "outcome"]


# --- queries that loading, validating and opening a tree make -----------------------------------
# Plain iterative walks: every start of the window (which opens a tree) and every `trainer
# validate` or text export runs them, and none of those may pay for importing networkx
# (tests/interop/test_export_text.py holds the command line to that; bench_loading.py times the
# start, bench_queries.py these queries).
def children_of(tree: Tree) -> dict[str, list[str]]:
    """Each node's targets in answer order, each once (a new dict: callers may change it)."""
    out: dict[str, list[str]] = {}
    for node_id, node in tree.nodes.items():
        if isinstance(node, Question):  # a dict keeps answer order and drops repeats in linear time
            nodes = tree.nodes
            out[node_id] = list(dict.fromkeys(a.next for a in node.answers if a.next in nodes))
        else:
            out[node_id] = []
    return out


def edge_labels(tree: Tree) -> dict[tuple[str, str], str]:
    """Every answer's label per (question, target), joined with " / " where two answers lead to
    one node; answers to missing nodes included (the editor shows them)."""
    labels: dict[tuple[str, str], list[str]] = {}
    for node in tree.questions:
        for answer in node.answers:
            labels.setdefault((node.id, answer.next), []).append(answer.label)
    return {edge: " / ".join(texts) for edge, texts in labels.items()}


def reachable(tree: Tree) -> set[str]:
    """The nodes a walk from the start can reach (none when the start names no node)."""
    if tree.start not in tree.nodes:
        return set()
    return set(tree.nodes) - hidden_by_collapse(children_of(tree), [tree.start], set())


def unreachable(tree: Tree) -> list[str]:
    """The nodes no walk from the start reaches, in file order (none when there is no start)."""
    if tree.start not in tree.nodes:
        return []
    seen = reachable(tree)
    return [node_id for node_id in tree.nodes if node_id not in seen]


def cycles(tree: Tree) -> Iterator[tuple[str, str, list[str]]]:
    """Each answer that leads back to a question on the way to it, as (question, target, loop):
    the back edges of one depth-first search in file and answer order, `loop` running from the
    target round to it again. Only an invalid tree has any."""
    children = children_of(tree)
    finished: set[str] = set()
    for root in tree.nodes:
        if root in finished:
            continue
        path, on_path, stack = [root], {root}, [iter(children[root])]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                finished.add(path[-1])
                on_path.discard(path.pop())
                stack.pop()
            elif child in on_path:
                yield path[-1], child, path[path.index(child) :] + [child]
            elif child not in finished:
                path.append(child)
                on_path.add(child)
                stack.append(iter(children[child]))


def questions_ahead(tree: Tree) -> dict[str, int]:
    """For every node, the most questions still to answer on any branch below it (0 at an
    outcome): the progress rail's "at most N more", worked out when a tree opens. Iterative
    post-order, so long chains work; an answer closing a cycle (an invalid tree) is cut."""
    children = children_of(tree)
    ahead: dict[str, int] = {}
    for root in tree.nodes:
        if root in ahead:
            continue
        stack = [(root, iter(children[root]))]
        on_stack = {root}
        while stack:
            node, it = stack[-1]
            child = next(it, None)
            if child is None:
                stack.pop()
                on_stack.discard(node)
                below = [ahead[c] for c in children[node] if c in ahead]
                ahead[node] = 1 + max(below, default=0) if isinstance(tree.nodes[node], Question) else 0
            elif child not in ahead and child not in on_stack:
                on_stack.add(child)
                stack.append((child, iter(children[child])))
    return ahead


# --- queries on a tree, on its networkx graph --------------------------------------------------------
def ways_to(tree: Tree, outcome: str, limit: int = 6) -> list[list[tuple[str, str]]]:
    """Up to `limit` ways from the start to `outcome`, each as (question text, answer label)
    pairs: "when would I choose this?"."""
    return [[(tree.nodes[q].text, a.label) for q, a in way] for way in _ways(tree, outcome, limit)]


def way_edges(tree: Tree, outcome: str, limit: int = 6) -> set[tuple[str, str]]:
    """The answer edges along the same ways, to light them on the graph."""
    return {(q, a.next) for way in _ways(tree, outcome, limit) for q, a in way}


def _ways(tree: Tree, outcome: str, limit: int) -> list[list[tuple[str, Answer]]]:
    """The search only enters nodes that lead to the outcome (its ancestors), so every branch it
    takes ends in a way, and it stops at `limit`: never exponential, however many ways there
    are. Each way keeps its answers (two answers to one node are two ways), which
    nx.all_simple_paths, on node pairs, cannot tell apart."""
    import networkx as nx

    graph = graph_of(tree)
    if outcome not in graph or tree.start not in graph:
        return []
    leads = nx.ancestors(graph, outcome) | {outcome}
    if tree.start not in leads:
        return []
    ways: list[list[tuple[str, Answer]]] = []
    stack: list[tuple[str, list[tuple[str, Answer]]]] = [(tree.start, [])]
    while stack and len(ways) < limit:
        node_id, so_far = stack.pop()
        if node_id == outcome:
            ways.append(so_far)
            continue
        node = tree.nodes[node_id]
        if not isinstance(node, Question):
            continue
        for answer in reversed(node.answers):
            if answer.next in leads and len(so_far) < len(tree.nodes):
                stack.append((answer.next, [*so_far, (node_id, answer)]))
    return ways


# --- on a document being edited ----------------------------------------------------------------------
def reached_in_order(children: Mapping[str, Sequence[str]], start: str) -> list[str]:
    """`start` and every node below it, depth first in answer order (parents before children)."""
    import networkx as nx

    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(children)
    graph.add_edges_from((node, target) for node, targets in children.items() for target in targets)
    return list(nx.dfs_preorder_nodes(graph, start))


# --- queries on the children a drawing shows ------------------------------------------------------
# Folding and framing work on the children mapping a drawing holds (the visible part of the tree,
# which no cached graph holds); building a DiGraph from it on each click would cost more than the
# walk itself (tests/benchmarks/bench_queries.py prints both).
def roots_of(tree: Tree, children: Mapping[str, Sequence[str]]) -> list[str]:
    """The start, then nodes nothing leads to (unreachable ones an author is still wiring up)."""
    has_parent = {t for targets in children.values() for t in targets}
    return ([tree.start] if tree.start in tree.nodes else []) + [
        n for n in tree.nodes if n != tree.start and n not in has_parent
    ]


def hidden_by_collapse(children: Mapping[str, Sequence[str]], roots: Sequence[str], collapsed: set[str]) -> set[str]:
    """Nodes that can no longer be reached from a root without passing through a collapsed node.
    A shared node stays visible while any uncollapsed path still leads to it."""
    seen = set(roots)
    queue = deque(roots)
    while queue:
        node = queue.popleft()
        if node in collapsed:
            continue
        for child in children.get(node, ()):
            if child not in seen:
                seen.add(child)
                queue.append(child)
    return set(children) - seen


def neighbourhood(children: Mapping[str, Sequence[str]], node: str, down: int = 2) -> set[str]:
    """`node`, its parents, and what lies up to `down` answers below it: what "fit" frames when
    the whole tree would be too small to read (the minimap still shows all of it)."""
    around = {node}
    around.update(p for p, targets in children.items() if node in targets)
    frontier = [node]
    for _ in range(down):
        frontier = [c for n in frontier for c in children.get(n, ())]
        around.update(frontier)
    return around
