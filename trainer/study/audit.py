"""The quiz audit: builds many quizzes from trees and counts the items a learner could rightly
dispute. It reads each item as a learner would, from what the item shows, instead of trusting
the rules that built it, so a mistake in building is caught here.

An item is defective when the option marked right is not its outcome, a wrong option names the
right answer in whole or in part, two of its options read as one another, a path shown as wrong
leads to the right outcome after all (or the right one does not), or a scenario's item leaves
its route open where several ways reach the outcome. A quiz is defective when two of its items share an outcome
(the same scenario twice, or one item's feedback answering another).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from trainer.core.graph import edge_labels
from trainer.core.model import Outcome, Question, Tree
from trainer.core.routes import Routes
from trainer.study.building import build_quiz
from trainer.study.distractors import fair_pair
from trainer.study.items import Item, Option
from trainer.study.quiz import Quiz


@dataclass
class TreeAudit:
    """One tree's figures: items checked, those with a defect, and the first few defects."""

    tree_id: str
    items: int = 0
    defective: int = 0
    examples: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return 100.0 * self.defective / self.items if self.items else 0.0

    def add(self, item: Item, defects: Sequence[str], keep: int = 5) -> None:
        self.items += 1
        if defects:
            self.defective += 1
            if len(self.examples) < keep:
                self.examples.append(f"{item.key}: {defects[0]}")


def item_defects(item: Item, tree: Tree, routes: Routes | None = None) -> list[str]:
    """What a learner could dispute in `item`, one sentence each; empty for a fair item.
    `routes` (of `tree`) saves working them out again for each item."""
    if item.kind == "walk":
        return _route_defects(item, tree, routes or Routes(tree))
    if item.kind == "reverse":
        return _reverse_defects(item, tree)
    if item.kind == "choice":
        return _route_defects(item, tree, routes or Routes(tree)) + _option_defects(item, tree)
    return _option_defects(item, tree)


def _option_defects(item: Item, tree: Tree) -> list[str]:
    right = item.options[item.right_option]
    expected = tree.nodes[item.expect]
    if not isinstance(expected, Outcome) or right.outcome_id != item.expect or right.text != expected.text:
        return [f"the option marked right, '{right.text}', is not the outcome '{item.expect}'"]
    out: list[str] = []
    for i, option in enumerate(item.options):
        if i == item.right_option:
            continue
        if option.denotes == item.expect and not option.tree_id:
            out.append(f"offers '{option.text}' as wrong, but it stands for the right outcome")
        elif not fair_pair(option, right):
            out.append(f"offers '{option.text}' as wrong, which reads as the right answer '{right.text}'")
    out += _look_alikes([o for i, o in enumerate(item.options) if i != item.right_option])
    return out


def _look_alikes(options: Sequence[Option]) -> list[str]:
    return [
        f"options '{a.text}' and '{b.text}' read as one another"
        for i, a in enumerate(options)
        for b in options[i + 1 :]
        if not fair_pair(a, b)
    ]


def _reverse_defects(item: Item, tree: Tree) -> list[str]:
    out: list[str] = []
    texts = [o.text for o in item.options]
    if len(set(texts)) != len(texts):
        out.append("two options list the same answers")
    for i, option in enumerate(item.options):
        end = _follow(tree, option.requirements)
        if i == item.right_option and end != item.expect:
            out.append(f"the right option's answers lead to '{end}', not to '{item.expect}'")
        elif i != item.right_option and end == item.expect:
            out.append(f"the wrong option '{option.text}' leads to the right outcome")
    return out


def _follow(tree: Tree, requirements: Sequence[str]) -> str:
    """Where the answers shown as "Question?: answer" lead from the start (answers that lead
    to one node are shown together, as the graph labels their edge)."""
    labels = edge_labels(tree)
    node_id = tree.start
    for line in requirements:
        node = tree.nodes.get(node_id)
        if not isinstance(node, Question) or not line.startswith(node.text + ": "):
            return ""
        shown = line[len(node.text) + 2 :]
        node_id = next((a.next for a in node.answers if labels[(node.id, a.next)] == shown), "")
    return node_id


def _route_defects(item: Item, tree: Tree, routes: Routes) -> list[str]:
    """A scenario's item is graded on, and lights, the route its facts imply: one that is left
    open where several ways reach the outcome would accept reasoning the facts rule out."""
    if not item.route:
        if routes.count(item.expect) > 1:
            return ["the scenario leaves its route open where several ways reach its outcome"]
        return []
    if item.route[0] != tree.start or item.route[-1] != item.expect:
        return [f"the route {' -> '.join(item.route)} does not run from the start to the outcome"]
    for here, there in pairwise(item.route):
        node = tree.nodes.get(here)
        if not isinstance(node, Question) or all(a.next != there for a in node.answers):
            return [f"the route goes from '{here}' to '{there}', which no answer does"]
    return []


def quiz_defects(quiz: Quiz) -> list[str]:
    """What spoils a whole quiz: two items of one outcome, or the same scenario twice."""
    out: list[str] = []
    seen: dict[tuple[str, str], str] = {}
    for item in quiz.items:
        where = (item.tree_id, item.expect)
        if where in seen:
            out.append(f"{item.key} and {seen[where]} are both about outcome '{item.expect}'")
        seen.setdefault(where, item.key)
    return out


@dataclass
class Audit:
    trees: list[TreeAudit]
    quizzes: int = 0
    quiz_problems: list[str] = field(default_factory=list)

    @property
    def items(self) -> int:
        return sum(t.items for t in self.trees)

    @property
    def defective(self) -> int:
        return sum(t.defective for t in self.trees)

    @property
    def clean(self) -> bool:
        return self.defective == 0 and not self.quiz_problems


def audit(trees: Iterable[Tree], seeds: int = 300) -> Audit:
    """Every item of each tree alone, and the quiz a learner gets over all of them together
    (distractors may come from trees with a tag in common), for seeds 0 to `seeds` - 1."""
    trees = list(trees)
    by_id = {t.id: t for t in trees}
    routes = {t.id: Routes(t) for t in trees}
    figures = {t.id: TreeAudit(t.id) for t in trees}
    result = Audit(list(figures.values()))
    for seed in range(seeds):
        quizzes = [build_quiz([t], 1_000_000, seed, distinct=False) for t in trees]
        together = build_quiz(trees, 1_000_000, seed)
        result.quizzes += 1
        result.quiz_problems += quiz_defects(together)[:1]
        for quiz in [*quizzes, together]:
            for item in quiz.items:
                figures[item.tree_id].add(item, item_defects(item, by_id[item.tree_id], routes[item.tree_id]))
    return result


def audit_report(result: Audit, seeds: int) -> str:
    """The audit as a table a terminal shows: items, defective items and the rate per tree."""
    width = max([len("tree")] + [len(t.tree_id) for t in result.trees])
    lines = [
        f"quiz audit over {seeds} seed{'s' if seeds != 1 else ''}: every item of each tree, and a quiz of all of them",
        f"{'tree':<{width}}  {'items':>7}  {'defective':>9}  {'rate':>7}",
    ]
    for t in result.trees:
        lines.append(f"{t.tree_id:<{width}}  {t.items:>7}  {t.defective:>9}  {t.rate:>6.2f}%")
    total = 100.0 * result.defective / result.items if result.items else 0.0
    lines.append(f"{'all':<{width}}  {result.items:>7}  {result.defective:>9}  {total:>6.2f}%")
    for t in result.trees:
        lines += [f"  {t.tree_id}: {example}" for example in t.examples]
    lines += [f"  quiz: {problem}" for problem in result.quiz_problems[:5]]
    lines.append(
        "no defective items" if result.clean else "defective items found: the quiz would mark right answers wrong"
    )
    return "\n".join(lines)
