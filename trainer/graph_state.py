"""What the graph and its outline show, decided without Qt: which nodes a collapse hides,
which path a walk lit, which nodes a search finds, and the outline's rows."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Mapping, Sequence

from trainer.model import Answer, Question, Tree
from trainer.walk import Walk


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


@dataclass(frozen=True)
class Highlight:
    current: str | None
    nodes: frozenset[str]  # on the path taken, current included
    edges: frozenset[tuple[str, str]]


NO_HIGHLIGHT = Highlight(None, frozenset(), frozenset())


def walk_highlight(walk: Walk | None) -> Highlight:
    """The path taken, lit; at an outcome, also the other ways that lead to it."""
    if walk is None:
        return NO_HIGHLIGHT
    edges = {(s.node_id, s.answer.next) for s in walk.steps}
    if walk.at_outcome:
        edges |= way_edges(walk.tree, walk.current_id)
    nodes = {walk.tree.start, walk.current_id} | {n for edge in edges for n in edge}
    return Highlight(walk.current_id, frozenset(nodes), frozenset(edges))


CURRENT, VISITED = "you are here", "visited"
MARK_GLYPHS = {CURRENT: "▶", VISITED: "✔"}


def walk_marks(walk: Walk | None) -> dict[str, str]:
    """The word each node of a walk is marked with (CURRENT or VISITED), so the outline and
    the graph say in words, not only in colour, where the learner is and has been."""
    if walk is None:
        return {}
    marks = {step.node_id: VISITED for step in walk.steps}
    marks[walk.current_id] = CURRENT
    return marks


def marked(text: str, mark: str) -> str:
    """A row's text with its mark in front ("▶ you are here · Question: …")."""
    return f"{MARK_GLYPHS[mark]} {mark} · {text}" if mark else text


def find_nodes(tree: Tree, query: str, order: Sequence[str], masked: bool = False) -> list[str]:
    """Nodes whose text or id contains `query` (case-insensitive), in `order` (the outline's).
    `masked`: a quiz hides the outcomes, so only what is shown is searched, the questions' texts
    (an outcome's text or id, even a question's id, could tell which box is which answer)."""
    needle = query.casefold().strip()
    if not needle:
        return []
    if masked:
        return [n for n in order if isinstance(tree.nodes[n], Question) and needle in tree.nodes[n].text.casefold()]
    return [n for n in order if needle in tree.nodes[n].text.casefold() or needle in n.casefold()]


@dataclass(frozen=True)
class OutlineRow:
    node_id: str
    depth: int
    parent_row: int | None  # index of the row this one hangs under
    via: str  # the answer label(s) that lead here from the parent row ("" for roots)
    reference: bool  # a shared node already listed above: shown as a pointer, not again


def outline_rows(tree: Tree) -> list[OutlineRow]:
    """The tree as an indented list in walk order. Each node is expanded once; later arrivals
    at a shared node are references, so the list grows linearly, never exponentially."""
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
    return "Outcome: hidden during the quiz" if masked else f"Outcome: {node.text}"
