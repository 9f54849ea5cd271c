"""What the quiz knows about one tree's graph, worked out once in linear time: the outcomes a
learner can reach, the answers that are right at each question, and paths sampled through it.

Paths are never enumerated (a chain of diamonds has exponentially many): one is sampled by a
seeded random walk, and every pass over the graph is a loop, not recursion, so deep trees work.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from itertools import pairwise

from trainer.core.graph import children_of, edge_labels, reachable
from trainer.core.model import Outcome, Question, Tree
from trainer.core.routes import Routes


class TreeFacts:
    """One tree's graph as the quiz samples it: children in answer order, parents, the nodes
    reachable from the start and each node's reachable neighbours in either direction."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.children = children_of(tree)
        self.labels = edge_labels(tree)
        self.parents: dict[str, list[str]] = {n: [] for n in tree.nodes}
        for node_id, targets in self.children.items():
            for target in targets:
                self.parents[target].append(node_id)
        self.reachable = reachable(tree)
        self.outcomes = [o for o in tree.outcomes if o.id in self.reachable]  # tree order: deterministic
        self.outcome_ids = {o.id for o in self.outcomes}
        self.adjacent = {
            n: [c for c in self.children[n] if c in self.reachable]
            + [p for p in self.parents[n] if p in self.reachable]
            for n in self.reachable
        }
        self.routes = Routes(tree)
        self._leads_to: dict[str, set[str]] = {}

    def outcome(self, outcome_id: str) -> Outcome | None:
        node = self.tree.nodes.get(outcome_id)
        return node if isinstance(node, Outcome) else None

    def question(self, node_id: str) -> Question:
        node = self.tree.nodes[node_id]
        assert isinstance(node, Question), f"'{node_id}' is not a question"
        return node

    def leads_to(self, target: str) -> set[str]:
        """Nodes from which `target` can be reached (itself included)."""
        if target not in self._leads_to:
            self._leads_to[target] = _ancestors(self.parents, target)
        return self._leads_to[target]

    def playable(self, expect: str) -> bool:
        """A scenario can be asked when its outcome exists and can be reached from the start."""
        return expect in self.reachable and self.outcome(expect) is not None

    def right_answers(self, question: Question, expect: str, route: Sequence[str] = ()) -> tuple[int, ...]:
        """The answers of `question` a walk scored on a scenario may take: those that stay on
        the scenario's `route`, or, where its facts fix none, those from which `expect` can
        still be reached."""
        if route:
            step = route.index(question.id) if question.id in route else -1
            there = route[step + 1] if 0 <= step < len(route) - 1 else None
            return tuple(i for i, a in enumerate(question.answers) if a.next == there)
        leads = self.leads_to(expect)
        return tuple(i for i, a in enumerate(question.answers) if a.next in leads)

    def sample_path(self, target: str, rng: random.Random) -> tuple[str, ...]:
        """One start-to-target path, chosen by a random walk back from the target."""
        path = [target]
        seen = {target}
        while path[-1] != self.tree.start:
            options = [p for p in self.parents[path[-1]] if p in self.reachable and p not in seen]
            if not options:  # only possible in a tree with a cycle: take a shortest path instead
                return self.shortest_path(target)
            path.append(rng.choice(options))
            seen.add(path[-1])
        return tuple(reversed(path))

    def path_from(self, node: str, target: str, rng: random.Random) -> tuple[str, ...]:
        """A path from `node` on to `target`, by a random walk forward through nodes that lead there."""
        leads = self.leads_to(target)
        path = [node]
        seen = {node}
        while path[-1] != target:
            options = [c for c in self.children[path[-1]] if c in leads and c not in seen]
            if not options:
                break
            path.append(rng.choice(options))
            seen.add(path[-1])
        return tuple(path)

    def shortest_path(self, target: str) -> tuple[str, ...]:
        """A shortest path from the start to `target` (which must be reachable)."""
        back: dict[str, str] = {}
        queue = [self.tree.start]
        seen = {self.tree.start}
        for node in queue:  # the list grows as we go: a breadth-first search without recursion
            for child in self.children[node]:
                if child not in seen:
                    seen.add(child)
                    back[child] = node
                    queue.append(child)
        path = [target]
        while path[-1] != self.tree.start:
            path.append(back[path[-1]])
        return tuple(reversed(path))

    def requirements(self, path: Sequence[str]) -> tuple[str, ...]:
        """The answers along a path, as "Question?: answer" lines."""
        return tuple(f"{self.question(here).text}: {self.labels[(here, there)]}" for here, there in pairwise(path))


def requirements_along(tree: Tree, path: Sequence[str]) -> tuple[str, ...]:
    """The answers along `path` as "Question?: answer" lines, as path items show them."""
    return TreeFacts(tree).requirements(path)


def _ancestors(parents: Mapping[str, Sequence[str]], target: str) -> set[str]:
    """`target` and every node with a way to it, over the parents mapping the facts hold
    (trainer.core.graph has no ancestors query on a tree yet)."""
    seen = {target}
    stack = [target]
    while stack:
        for nxt in parents.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen
