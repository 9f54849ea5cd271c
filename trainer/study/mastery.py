"""How well a learner knows each part of a tree, for the mastery overlay on the graph.

History is kept per quiz item; an item tests one outcome (the one its scenario expects, or the
one it is about). An outcome's mastery is the mean recent accuracy of its items, and an answer
edge's is the mean over the outcomes that can be reached through it, so weak branches stand out
from the top of the tree down.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from trainer.core.graph import children_of
from trainer.core.model import Tree
from trainer.study.items import KINDS, key_outcome, outcome_key, scenario_key

if TYPE_CHECKING:  # the history (and fsrs) load only where they are used
    from trainer.study.history_store import ItemRecord


@dataclass(frozen=True)
class Mastery:
    outcomes: Mapping[str, float]  # outcome id -> 0..1, only outcomes ever tested
    edges: Mapping[tuple[str, str], float]  # (question id, next id) -> 0..1


def item_outcomes(tree: Tree) -> dict[str, str]:
    """Every item key the quiz can make for `tree`, mapped to the outcome it tests."""
    keys: dict[str, str] = {}
    for scenario in tree.scenarios:
        for kind in ("walk", "choice"):
            keys[scenario_key(tree.id, kind, scenario.prompt, scenario.expect)] = scenario.expect
    for outcome in tree.outcomes:
        for kind in KINDS:
            keys.setdefault(outcome_key(tree.id, kind, outcome.id), outcome.id)
    return keys


@dataclass(frozen=True)
class RemovedItem:
    """An answered item the tree can no longer make (its node was removed or its scenario
    rewritten): its history, and the outcome it was about where the key says so."""

    record: ItemRecord
    outcome_id: str | None  # None: a scenario item (the history keeps only a digest of its text)


def removed_items(tree: Tree, records: Iterable[ItemRecord]) -> list[RemovedItem]:
    """The records of `tree` whose keys the tree no longer makes, most recently answered first,
    so the progress view can list them rather than only count them."""
    existing = item_outcomes(tree)
    gone = [r for r in records if r.key not in existing]
    gone.sort(key=lambda r: (r.last_answered, r.key), reverse=True)
    return [RemovedItem(r, key_outcome(tree.id, r.kind, r.key)) for r in gone]


def live_due(trees: Iterable[Tree], due: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The due (tree id, item key) pairs whose item the trees can still make, in the order given:
    the history of a removed node or a rewritten scenario is kept, but it is never due."""
    made = {tree.id: item_outcomes(tree) for tree in trees}
    return [(tree_id, key) for tree_id, key in due if key in made.get(tree_id, ())]


def due_counts(trees: Iterable[Tree], due: Iterable[tuple[str, str]]) -> dict[str, int]:
    """How many live items are due per tree (trees with none due are left out)."""
    return dict(Counter(tree_id for tree_id, _ in live_due(trees, due)))


def mastery(tree: Tree, accuracy_by_item: Mapping[str, float]) -> Mastery:
    by_outcome: dict[str, list[float]] = defaultdict(list)
    for key, outcome in item_outcomes(tree).items():
        if key in accuracy_by_item:
            by_outcome[outcome].append(accuracy_by_item[key])
    outcomes = {o: sum(v) / len(v) for o, v in by_outcome.items()}
    return Mastery(outcomes, _edge_mastery(tree, outcomes))


def _edge_mastery(tree: Tree, outcomes: Mapping[str, float]) -> dict[tuple[str, str], float]:
    """Bottom-up (reverse topological order, no recursion): each node carries the tested
    outcomes below it as (sum, count), merged without double-counting shared outcomes."""
    children = children_of(tree)
    below: dict[str, set[str]] = {}
    for node in _post_order(children, tree.start):
        tested = {node} if node in outcomes else set()
        for child in children[node]:
            tested |= below.get(child, set())
        below[node] = tested
    edges: dict[tuple[str, str], float] = {}
    for node, targets in children.items():
        for child in targets:
            reached = below.get(child, set())
            if reached:
                edges[(node, child)] = sum(outcomes[o] for o in reached) / len(reached)
    return edges


def _post_order(children: Mapping[str, list[str]], start: str) -> list[str]:
    order: list[str] = []
    seen: set[str] = set()
    for root in [start, *children]:
        if root in seen or root not in children:
            continue
        seen.add(root)
        stack = [(root, iter(children[root]))]
        while stack:
            node, it = stack[-1]
            child = next(it, None)
            if child is None:
                order.append(node)
                stack.pop()
            elif child not in seen and child in children:
                seen.add(child)
                stack.append((child, iter(children[child])))
    return order
