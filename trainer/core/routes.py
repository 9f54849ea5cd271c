"""The route a scenario's facts imply: the one way from the start to its outcome a learner's
reasoning must follow, so that reaching the right outcome by a wrong route is marked wrong.

An outcome reachable one way only has that route. Where several ways reach it, the scenario
names its route (`route:` in the file, the questions from the start in order); without one the
route is open (validate warns) and any way to the outcome counts. No recursion: deep trees
work too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from trainer.core.graph import children_of
from trainer.core.model import Question, Scenario, Tree
from trainer.core.problems import Problem, warning


@dataclass(frozen=True)
class Route:
    """A scenario's way through its tree. `path` runs from the start to the expected outcome
    (empty when the route is open); `right` gives, for each question on it, the answers that
    stay on it (several when two answers lead to the same next node)."""

    path: tuple[str, ...]
    right: Mapping[str, tuple[int, ...]]

    @property
    def open(self) -> bool:
        return not self.path


OPEN = Route((), {})


class Routes:
    """The ways through one tree, worked out once in linear time so that every scenario of a
    10,000-node tree can ask for its route."""

    CAP = 2  # ways are counted up to this: only "one" or "several" matters

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.children = children_of(tree) if tree.start in tree.nodes else {}
        order = _topological(self.children, tree.start) if self.children else []
        self.acyclic = order is not None
        self.ways: dict[str, int] = dict.fromkeys(order or (), 0)
        self.parents: dict[str, list[str]] = {}
        if order:
            self.ways[tree.start] = 1
            for node in order:
                for child in self.children[node]:
                    self.ways[child] = min(self.CAP, self.ways[child] + self.ways[node])
                    self.parents.setdefault(child, []).append(node)

    def count(self, target: str) -> int:
        """How many distinct ways lead from the start to `target`, up to CAP (a chain of
        diamonds has exponentially many); 0 when it cannot be reached. In a tree with a cycle
        (validate reports it) every reachable node counts as having several, so none is assumed."""
        if not self.acyclic:
            return self.CAP if target in self.children else 0
        return self.ways.get(target, 0)

    def of(self, scenario: Scenario) -> Route:
        """The route `scenario` is graded on: the one it names, the only one there is, or OPEN
        (several ways and none named, or a named route that does not hold: validate says why)."""
        if scenario.route:
            if any(True for _ in route_problems(self.tree, scenario)):
                return OPEN
            return _route(self.tree, scenario.route + (scenario.expect,))
        if self.count(scenario.expect) != 1:
            return OPEN
        return _route(self.tree, self._only_way(scenario.expect))

    def _only_way(self, target: str) -> tuple[str, ...]:
        path = [target]
        while path[-1] != self.tree.start:
            path.append(self.parents[path[-1]][0])
        return tuple(reversed(path))


def _topological(children: Mapping[str, Sequence[str]], start: str) -> list[str] | None:
    """The nodes reachable from `start` in an order where every node comes before its
    children; None when they hold a cycle. Kahn's order on the children lists: networkx's
    reachability plus topological_sort take about twice as long (tests/benchmarks/bench_queries.py)."""
    indegree: dict[str, int] = {start: 0}
    stack = [start]
    while stack:
        for child in children[stack.pop()]:
            if child not in indegree:
                indegree[child] = 0
                stack.append(child)
            indegree[child] += 1
    if indegree[start]:  # an answer leads back to the start: a cycle through it
        return None
    order: list[str] = []
    ready = [start]
    while ready:
        node = ready.pop()
        order.append(node)
        for child in children[node]:
            indegree[child] -= 1
            if indegree[child] == 0:
                ready.append(child)
    return order if len(order) == len(indegree) else None


def _route(tree: Tree, path: tuple[str, ...]) -> Route:
    right: dict[str, tuple[int, ...]] = {}
    for here, there in pairwise(path):
        question = tree.nodes[here]
        assert isinstance(question, Question)
        right[here] = question.answers_to(there)
    return Route(path, right)


def route_problems(tree: Tree, scenario: Scenario) -> Iterator[Problem]:
    """What is wrong with a scenario's `route`: it must start at the start and go question to
    question by answers, its last question leading to the expected outcome. Warnings, not
    errors: a route an edit has broken only leaves the scenario's route open until it is fixed."""
    route, pos = scenario.route, scenario.route_pos
    if not route or scenario.expect not in tree.nodes:
        return
    if route[0] != tree.start:
        yield warning(
            tree.path, pos, f"the route starts at '{route[0]}'; a route starts at the tree's start, '{tree.start}'"
        )
        return
    for node_id in route:
        node = tree.nodes.get(node_id)
        if not isinstance(node, Question):
            what = "names no node" if node is None else "is an outcome"
            yield warning(
                tree.path,
                pos,
                f"route step '{node_id}' {what}; a route lists the questions from the start to the outcome",
            )
            return
    for here, there in zip(route, route[1:] + (scenario.expect,), strict=True):
        question = tree.nodes[here]
        assert isinstance(question, Question)
        if not question.answers_to(there):
            yield warning(
                tree.path, pos, f"the route goes from '{here}' to '{there}', but no answer of '{here}' leads there"
            )
            return
