"""The route each scenario is scored on, as the quiz's walks and the audience round follow it:
the way its facts imply (or, where they fix none, a shortest way) from the start to its
outcome, with the answers that are right at each question on it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from trainer.core.model import Scenario, Tree
from trainer.core.routes import Route
from trainer.study.tree_facts import TreeFacts


@dataclass(frozen=True)
class ScenarioRoute:
    """A scenario as a walk is scored on it: the route its facts imply (or, where they fix
    none, a shortest way) from the start to its outcome, and at each question on that way the
    answers that are right."""

    scenario: Scenario
    path: tuple[str, ...]  # node ids, start to the expected outcome
    right: Mapping[str, tuple[int, ...]]  # question id on the path -> indexes of its right answers


def scenario_routes(tree: Tree) -> tuple[list[ScenarioRoute], list[Scenario]]:
    """The routes of the scenarios a quiz can ask, in the tree's order, and the scenarios it
    skips (expected outcome missing or unreachable from the start)."""
    facts = TreeFacts(tree)
    routes: list[ScenarioRoute] = []
    skipped: list[Scenario] = []
    for scenario in tree.scenarios:
        if not facts.playable(scenario.expect):
            skipped.append(scenario)
            continue
        route = facts.routes.of(scenario)
        if route.open:
            path = facts.shortest_path(scenario.expect)
            right = {q: facts.right_answers(facts.question(q), scenario.expect) for q in path[:-1]}
            route = Route(path, right)
        routes.append(ScenarioRoute(scenario, route.path, route.right))
    return routes, skipped
