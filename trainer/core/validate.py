"""Semantic checks on a loaded tree: references, cycles, reachability, coverage, and the
quiz-ready content (routes, prompts that echo labels, traps, look-alike outcomes).

The graph questions (what the start reaches, which answers close a cycle) are asked of the
tree's graph in trainer.core.graph; its walks are iterative, so a 10,000-step chain is fine.
"""

from __future__ import annotations

from collections.abc import Iterator

from trainer.core import graph
from trainer.core.model import Outcome, Question, Scenario, Tree
from trainer.core.problems import Pos, Problem, error, warning
from trainer.core.routes import Routes, route_problems
from trainer.core.wording import TextIndex, copied_phrases, reads_as

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
    problems += _routes(tree)
    problems += _traps(tree)
    problems += _look_alike_outcomes(tree)
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
    for outcome in tree.outcomes:
        if outcome.continues and outcome.continues == tree.id:
            yield error(
                tree.path,
                outcome.continues_pos,
                f"outcome '{outcome.id}' continues in its own tree '{tree.id}'; 'continue' names another tree",
            )
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
    """One error per answer that leads back to an earlier question, naming the loop."""
    for source, target, loop in graph.cycles(tree):
        yield error(
            tree.path,
            _answer_pos(tree, source, target),
            f"cycle: {' -> '.join(loop)}; a decision tree must not lead back to an earlier question",
        )


def _answer_pos(tree: Tree, source: str, target: str) -> Pos:
    node = tree.nodes[source]
    assert isinstance(node, Question)
    return next(a.next_pos for a in node.answers if a.next == target)


def _unreachable(tree: Tree) -> Iterator[Problem]:
    for node_id in graph.unreachable(tree):
        yield warning(
            tree.path,
            tree.nodes[node_id].pos,
            f"node '{node_id}' cannot be reached from the start '{tree.start}'; lead an answer to it or remove it",
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


# ---------------------------------------------------------------- quiz-ready content


def _routes(tree: Tree) -> Iterator[Problem]:
    """Each scenario's route holds, exists where its outcome has several, and its prompt is a
    stem, not an echo: no run of words copied from the labels on its route or its outcome."""
    if not _cycle_free_start(tree):
        return
    routes = Routes(tree)
    for scenario in tree.scenarios:
        outcome = tree.nodes.get(scenario.expect)
        if not isinstance(outcome, Outcome):
            continue
        if scenario.route:
            yield from route_problems(tree, scenario)
        elif routes.count(scenario.expect) > 1:
            yield warning(
                tree.path,
                scenario.expect_pos,
                f"outcome '{scenario.expect}' can be reached by more than one route; say which one this scenario's "
                f"facts imply with 'route:', the questions from '{tree.start}' in order",
            )
        yield from _echoes(tree, scenario, routes.of(scenario).path, outcome)


def _cycle_free_start(tree: Tree) -> bool:
    return tree.start in tree.nodes and Routes(tree).acyclic


def _echoes(tree: Tree, scenario: Scenario, path: tuple[str, ...], outcome: Outcome) -> Iterator[Problem]:
    labels = [label for q in path[:-1] for label in _labels_into(_question(tree, q), path)]
    for source, texts in (("the answer labels on its route", labels), ("its outcome", [outcome.text])):
        copied = copied_phrases(scenario.prompt, texts)
        if copied:
            shown = ", ".join(f"'{c}'" for c in copied[:3])
            yield warning(
                tree.path,
                scenario.pos,
                f"the scenario's prompt copies {shown} from {source}; state the situation's facts in other words, "
                "so a learner weighs requirements instead of matching words",
            )


def _labels_into(question: Question, path: tuple[str, ...]) -> list[str]:
    """The labels of `question`'s answers that lead onto `path`, in answer order, by whichever
    is shorter: its answers or the path (one question may have 20,000 answers, a chain's path
    3,000 steps)."""
    if len(question.answers) <= len(path):
        on_path = set(path)
        return [a.label for a in question.answers if a.next in on_path]
    indexes = sorted(i for target in set(path) for i in question.answers_to(target))
    return [question.answers[i].label for i in indexes]


def _question(tree: Tree, node_id: str) -> Question:
    node = tree.nodes[node_id]
    assert isinstance(node, Question)
    return node


def _traps(tree: Tree) -> Iterator[Problem]:
    """A trap is wrong for its own outcome and only there: it must not read as that outcome,
    and one that reads as another outcome's answer says so with `is:` (or says what makes it
    wrong here instead)."""
    outcomes = tree.outcomes
    index = TextIndex([o.text for o in outcomes])
    for outcome in outcomes:
        for trap in outcome.traps:
            if trap.stands_for:
                yield from _stands_for(tree, outcome, trap.stands_for, trap.stands_for_pos)
            if reads_as(trap.option, outcome.text):
                yield warning(
                    tree.path,
                    trap.pos,
                    f"the trap '{trap.option}' reads as the answer of its own outcome '{outcome.id}'; "
                    "a quiz would mark the right answer wrong: say what makes it wrong here",
                )
            others = [
                outcomes[i] for i in index.similar(trap.option) if outcomes[i].id not in (outcome.id, trap.stands_for)
            ]
            if others:
                yield warning(
                    tree.path,
                    trap.pos,
                    f"the trap '{trap.option}' reads as the answer of outcome '{others[0].id}' ({others[0].text}); "
                    f"say what makes it wrong here, or mark it 'is: {others[0].id}'",
                )


def _stands_for(tree: Tree, outcome: Outcome, target: str, pos: Pos) -> Iterator[Problem]:
    """`is:` names another outcome of the tree (a warning otherwise: the trap still works as a
    plain trap)."""
    node = tree.nodes.get(target)
    if target == outcome.id:
        yield warning(
            tree.path,
            pos,
            f"the trap is marked 'is: {target}', its own outcome; a trap is wrong for the outcome it sits on",
        )
    elif node is None:
        yield warning(tree.path, pos, f"'is: {target}' names no node; nodes are: {node_list(tree)}")
    elif not isinstance(node, Outcome):
        yield warning(tree.path, pos, f"'is: {target}' names a question; 'is' names the outcome a trap stands for")


def _look_alike_outcomes(tree: Tree) -> Iterator[Problem]:
    """Two outcomes, one of whose texts contains the other's: a quiz could not offer one as the
    wrong answer beside the other."""
    outcomes = tree.outcomes
    index = TextIndex([o.text for o in outcomes])
    for i, outcome in enumerate(outcomes):
        first = index.first_similar(outcome.text, below=i, near=False)
        if first is not None:
            earlier = outcomes[first]
            yield warning(
                tree.path,
                outcome.pos,
                f"outcome '{outcome.id}' and outcome '{earlier.id}' ({earlier.text}) name the same thing, one "
                "within the other; make the texts differ in what they recommend",
            )
