"""A networkx view of a tree, with the graph queries later features need.

Nodes carry `kind` ("question" or "outcome") and `text`; each answer is an edge labelled with the
answer's text. Imported lazily: networkx costs a noticeable part of start-up.
"""

from __future__ import annotations

from itertools import islice
from typing import Iterator

import networkx as nx

from trainer.model import Question, Tree


def to_digraph(tree: Tree) -> nx.DiGraph:
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
    return {node_id} | nx.descendants(graph, node_id)


def depth(graph: nx.DiGraph) -> int:
    """The most questions a learner can be asked on one walk from the start."""
    start = graph.graph["start"]
    return remaining_questions(graph)[start] if start in graph else 0


def remaining_questions(graph: nx.DiGraph) -> dict[str, int]:
    """For every node, the most questions still ahead of it on any branch (0 at an outcome)."""
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
