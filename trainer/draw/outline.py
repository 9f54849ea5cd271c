"""What the outline and screen readers show of a tree, decided without Qt: the outline's rows
(shared nodes listed once), which nodes a search finds, and what a node reads as."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from trainer.core.graph import children_of, edge_labels, roots_of
from trainer.core.model import Outcome, Question, Tree


def find_nodes(tree: Tree, query: str, order: Sequence[str], masked: bool = False) -> list[str]:
    """Nodes whose text or id contains `query` (case-insensitive), in `order` (the outline's).
    `masked`: a quiz hides the outcomes, so only what is shown is searched, the questions' texts
    (an outcome's text or id, even a question's id, could tell which box is which answer)."""
    return SearchIndex(tree, order, masked).find(query)


class SearchIndex:
    """`find_nodes` for one tree, order and masking, with every node's text and id folded to
    lower case once: a 10,000-node tree is searched at every key typed in the find bar, and
    folding each text again per key was most of that key's time."""

    def __init__(self, tree: Tree, order: Sequence[str], masked: bool = False) -> None:
        self.tree, self.order, self.masked = tree, order, masked
        nodes = tree.nodes
        if masked:
            self._haystacks = [(n, nodes[n].text.casefold()) for n in order if isinstance(nodes[n], Question)]
        else:  # the id after a newline: a query never spans text and id (it is stripped)
            self._haystacks = [(n, f"{nodes[n].text.casefold()}\n{n.casefold()}") for n in order]

    def fits(self, tree: Tree, order: Sequence[str], masked: bool) -> bool:
        """Made for this very tree and order (the same objects: comparing 10,000 nodes per key
        would cost what the index saves) and this masking."""
        return tree is self.tree and order is self.order and masked == self.masked

    def find(self, query: str) -> list[str]:
        needle = query.casefold().strip()
        if not needle:
            return []
        return [n for n, haystack in self._haystacks if needle in haystack]


@dataclass(frozen=True)
class OutlineRow:
    node_id: str
    depth: int
    parent_row: int | None  # index of the row this one hangs under
    via: str  # the answer label(s) that lead here from the parent row ("" for roots)
    reference: bool  # a shared node already listed above: shown as a pointer, not again


def outline_rows(tree: Tree) -> list[OutlineRow]:
    """The tree as an indented list in walk order. Each node is expanded once; later arrivals
    at a shared node are references, so the list grows linearly, never exponentially. A plain
    walk over `children_of`: it runs on every open, which trainer.core.graph keeps networkx off."""
    children = children_of(tree)
    labels = edge_labels(tree)
    rows: list[OutlineRow] = []
    listed: set[str] = set()
    for root in roots_of(tree, children):
        stack: list[tuple[str, int, int | None, str]] = [(root, 0, None, "")]
        while stack:
            node, depth, parent, via = stack.pop()
            reference = node in listed
            rows.append(OutlineRow(node, depth, parent, via, reference))
            if reference:
                continue
            listed.add(node)
            index = len(rows) - 1
            for child in reversed(children[node]):
                stack.append((child, depth + 1, index, labels[(node, child)]))
    return rows


def describe_node(tree: Tree, node_id: str, masked: bool = False) -> str:
    """What a screen reader says for a node of the graph: "Question: …; answers: Yes, leads to
    …; No, leads to …" or "Outcome: …". `masked`: a quiz runs, outcomes are never named."""
    node = tree.nodes.get(node_id)
    if node is None:
        return ""

    def named(target: str) -> str:
        other = tree.nodes.get(target)
        if other is None:
            return f"'{target}' (missing)"
        if isinstance(other, Question):
            return f"the question “{other.text}”"
        return "an outcome" if masked else f"the outcome “{other.text}”"

    if isinstance(node, Question):
        answers = "; ".join(f"{a.label}, leads to {named(a.next)}" for a in node.answers)
        return f"Question: {node.text}; answers: {answers}"
    if masked:
        return "Outcome: hidden during the quiz"
    goes_on = f"; continues in the tree {node.continues}" if isinstance(node, Outcome) and node.continues else ""
    return f"Outcome: {node.text}{goes_on}"
