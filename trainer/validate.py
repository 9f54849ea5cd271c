"""Semantic checks on a loaded tree: references, cycles, reachability, coverage.

Plain Python on purpose (no networkx): the library validates every tree at start-up, and the
window must appear in well under a second. Iterative walks only, so a 10,000-step chain is fine.
"""

from __future__ import annotations

from typing import Iterator

from trainer.graph_state import children_of, hidden_by_collapse
from trainer.model import Question, Tree
from trainer.problems import Pos, Problem, error, warning

_MAX_LISTED = 12


def node_list(tree: Tree) -> str:
    ids = sorted(tree.nodes)
    shown = ", ".join(ids[:_MAX_LISTED])
    return shown + (f", … ({len(ids)} in all)" if len(ids) > _MAX_LISTED else "")


def validate_tree(tree: Tree) -> list[Problem]:
    """Every semantic problem of `tree`; never raises for an author's mistake."""
    problems: list[Problem] = []
    problems += _references(tree)
    problems += _cycles(tree)
    problems += _unreachable(tree)
    problems += _coverage(tree)
    return problems


def _known(tree: Tree, node_id: str) -> bool:
    return node_id in tree.nodes or node_id in tree.broken_ids


def _dangling(tree: Tree, pos: Pos, what: str, target: str) -> Problem:
    return error(tree.path, pos, f"'{what}: {target}' names no node; nodes are: {node_list(tree)}")


def _references(tree: Tree) -> Iterator[Problem]:
    if tree.start and not _known(tree, tree.start):
        yield _dangling(tree, tree.start_pos, "start", tree.start)
    for node in tree.questions:
        for answer in node.answers:
            if answer.next and not _known(tree, answer.next):
                yield _dangling(tree, answer.next_pos, "next", answer.next)
    for scenario in tree.scenarios:
        if not scenario.expect:
            continue
        target = tree.nodes.get(scenario.expect)
        if not _known(tree, scenario.expect):
            yield _dangling(tree, scenario.expect_pos, "expect", scenario.expect)
        elif isinstance(target, Question):
            yield error(
                tree.path,
                scenario.expect_pos,
                f"scenario expects '{scenario.expect}', which is a question; 'expect' must name an outcome",
            )


def _cycles(tree: Tree) -> Iterator[Problem]:
    """One error per back edge found by an iterative depth-first search, naming the loop."""
    WHITE, GREY, BLACK = 0, 1, 2
    children = children_of(tree)
    colour = dict.fromkeys(tree.nodes, WHITE)
    for root in tree.nodes:
        if colour[root] != WHITE:
            continue
        path = [root]
        stack = [iter(children[root])]
        colour[root] = GREY
        while stack:
            child = next(stack[-1], None)
            if child is None:
                colour[path.pop()] = BLACK
                stack.pop()
            elif colour[child] == GREY:
                loop = path[path.index(child):] + [child]
                yield error(
                    tree.path,
                    _answer_pos(tree, path[-1], child),
                    f"cycle: {' -> '.join(loop)}; a decision tree must not lead back to an earlier question",
                )
            elif colour[child] == WHITE:
                colour[child] = GREY
                path.append(child)
                stack.append(iter(children[child]))


def _answer_pos(tree: Tree, source: str, target: str) -> Pos:
    node = tree.nodes[source]
    assert isinstance(node, Question)
    return next(a.next_pos for a in node.answers if a.next == target)


def reachable(tree: Tree) -> set[str]:
    if tree.start not in tree.nodes:
        return set()
    return set(tree.nodes) - hidden_by_collapse(children_of(tree), [tree.start], set())


def _unreachable(tree: Tree) -> Iterator[Problem]:
    if tree.start not in tree.nodes:
        return
    seen = reachable(tree)
    for node_id, node in tree.nodes.items():
        if node_id not in seen:
            yield warning(
                tree.path,
                node.pos,
                f"node '{node_id}' cannot be reached from the start '{tree.start}'; "
                "lead an answer to it or remove it",
            )


def _coverage(tree: Tree) -> Iterator[Problem]:
    expected = {s.expect for s in tree.scenarios}
    outcomes = tree.outcomes
    if outcomes and not tree.scenarios:
        yield warning(
            tree.path,
            tree.id_pos,
            "the tree has no scenarios; add one for each outcome so the scoring mode can test them",
        )
    for outcome in outcomes:
        if tree.scenarios and outcome.id not in expected:
            yield warning(
                tree.path,
                outcome.pos,
                f"no scenario expects outcome '{outcome.id}'; add one so learners are tested on it",
            )
        if not outcome.explanation.strip():
            yield warning(
                tree.path,
                outcome.pos,
                f"outcome '{outcome.id}' has no explanation; say in a few sentences why it is right",
            )

