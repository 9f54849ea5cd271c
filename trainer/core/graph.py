"""The tree's graph: answers as labelled edges, and the graph queries the app makes (children
in answer order, hidden-by-folding, ways to an outcome, questions ahead, neighbourhoods), with
a networkx view of the tree.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from itertools import islice
from typing import TYPE_CHECKING

from trainer.core.model import Answer, Question, Tree

if TYPE_CHECKING:  # networkx takes ~0.15 s to import: loaded only by the queries that use it
    import networkx as nx


def to_digraph(tree: Tree) -> nx.DiGraph:
    import networkx as nx

    graph = nx.DiGraph(id=tree.id, title=tree.title, start=tree.start)
    for node_id, node in tree.nodes.items():
        kind = "question" if isinstance(node, Question) else "outcome"
        graph.add_node(node_id, kind=kind, text=node.text)
    for node in tree.questions:
        for answer in node.answers:
            if answer.next not in tree.nodes:
                continue
            if graph.has_edge(node.id, answer.next):  # two answers to one node: one edge
                edge = graph.edges[node.id, answer.next]
                edge["labels"].append(answer.label)
                edge["label"] = " / ".join(edge["labels"])
            else:
                graph.add_edge(node.id, answer.next, label=answer.label, labels=[answer.label])
    return graph


def reachable_from(graph: nx.DiGraph, node_id: str) -> set[str]:
    import networkx as nx

    return {node_id} | nx.descendants(graph, node_id)


def depth(graph: nx.DiGraph) -> int:
    """The most questions a learner can be asked on one walk from the start."""
    start = graph.graph["start"]
    return remaining_questions(graph)[start] if start in graph else 0


def remaining_questions(graph: nx.DiGraph) -> dict[str, int]:
    """For every node, the most questions still ahead of it on any branch (0 at an outcome)."""
    import networkx as nx

    most: dict[str, int] = {}
    for node_id in reversed(list(nx.topological_sort(graph))):
        children = list(graph.successors(node_id))
        most[node_id] = 1 + max(most[c] for c in children) if children else 0
    return most


def paths_to(graph: nx.DiGraph, target: str, limit: int | None = None) -> Iterator[list[str]]:
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


def answers_along(graph: nx.DiGraph, path: list[str]) -> list[tuple[str, str]]:
    """(question id, answer label) for each step of `path`."""
    return [(a, graph.edges[a, b]["label"]) for a, b in zip(path, path[1:])]


def outcomes_reachable(graph: nx.DiGraph) -> list[str]:
    start = graph.graph["start"]
    if start not in graph:
        return []
    return [n for n in reachable_from(graph, start) if graph.nodes[n]["kind"] == "outcome"]


def children_of(tree: Tree) -> dict[str, list[str]]:
    """Each node's targets in answer order, each once."""
    out: dict[str, list[str]] = {}
    for node_id, node in tree.nodes.items():
        targets: list[str] = []
        if isinstance(node, Question):
            for answer in node.answers:
                if answer.next in tree.nodes and answer.next not in targets:
                    targets.append(answer.next)
        out[node_id] = targets
    return out


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


def edge_labels(tree: Tree) -> dict[tuple[str, str], str]:
    labels: dict[tuple[str, str], list[str]] = {}
    for node in tree.questions:
        for answer in node.answers:
            labels.setdefault((node.id, answer.next), []).append(answer.label)
    return {edge: " / ".join(texts) for edge, texts in labels.items()}


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


def questions_ahead(tree: Tree) -> dict[str, int]:
    """For every node, the most questions still to answer on any branch below it (0 at an
    outcome): the progress rail's "at most N more". Iterative post-order, so long chains work."""
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
            elif child not in ahead and child not in on_stack:  # a cycle (invalid tree) is cut
                on_stack.add(child)
                stack.append((child, iter(children[child])))
    return ahead


def ways_to(tree: Tree, outcome: str, limit: int = 6) -> list[list[tuple[str, str]]]:
    """Up to `limit` ways from the start to `outcome`, each as (question text, answer label)
    pairs: "when would I choose this?"."""
    return [[(tree.nodes[q].text, a.label) for q, a in way] for way in _ways(tree, outcome, limit)]


def way_edges(tree: Tree, outcome: str, limit: int = 6) -> set[tuple[str, str]]:
    """The answer edges along the same ways, to light them on the graph."""
    return {(q, a.next) for way in _ways(tree, outcome, limit) for q, a in way}


def _ways(tree: Tree, outcome: str, limit: int) -> list[list[tuple[str, Answer]]]:
    """The search only enters nodes that lead to the outcome, so every branch it takes ends in
    a way, and it stops at `limit`: never exponential, however many ways there are."""
    children = children_of(tree)
    parents: dict[str, set[str]] = {}
    for node, targets in children.items():
        for t in targets:
            parents.setdefault(t, set()).add(node)
    leads = {outcome}
    frontier = [outcome]
    while frontier:
        for parent in parents.get(frontier.pop(), ()):
            if parent not in leads:
                leads.add(parent)
                frontier.append(parent)
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
                stack.append((answer.next, so_far + [(node_id, answer)]))
    return ways
