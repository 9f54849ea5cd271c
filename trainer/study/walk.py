"""Walking a tree: where the learner is, how they got there, and moving on or back."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from trainer.core.graph import way_edges
from trainer.core.model import Answer, Node, Outcome, Question, Tree


@dataclass(frozen=True)
class Step:
    """A question answered on the way: the node and the answer chosen there."""

    node_id: str
    answer: Answer


@dataclass
class Walk:
    tree: Tree
    steps: list[Step] = field(default_factory=list)

    @property
    def current_id(self) -> str:
        return self.steps[-1].answer.next if self.steps else self.tree.start

    @property
    def current(self) -> Node:
        return self.tree.nodes[self.current_id]

    @property
    def at_outcome(self) -> bool:
        return isinstance(self.current, Outcome)

    @property
    def can_go_back(self) -> bool:
        return bool(self.steps)

    def answers(self) -> tuple[Answer, ...]:
        node = self.current
        return node.answers if isinstance(node, Question) else ()

    def choose(self, index: int) -> Answer:
        """Take the answer at `index` (0-based) of the current question."""
        answers = self.answers()
        if not 0 <= index < len(answers):
            raise IndexError(f"no answer at index {index} of '{self.current_id}' ({len(answers)} answers)")
        answer = answers[index]
        self.steps.append(Step(self.current_id, answer))
        return answer

    def back(self) -> None:
        if self.steps:
            self.steps.pop()

    def restart(self) -> None:
        self.steps.clear()

    def jump_to(self, node_id: str) -> bool:
        """Go to `node_id` along the shortest way from the start (for a click on the graph); the
        trail then shows that way. False when the node cannot be reached from the start."""
        parents: dict[str, tuple[str, Answer] | None] = {self.tree.start: None}
        queue = deque([self.tree.start])
        while queue and node_id not in parents:
            current = self.tree.nodes[queue.popleft()]
            for answer in current.answers if isinstance(current, Question) else ():
                if answer.next in self.tree.nodes and answer.next not in parents:
                    parents[answer.next] = (current.id, answer)
                    queue.append(answer.next)
        if node_id not in parents:
            return False
        steps: list[Step] = []
        link = parents[node_id]
        while link is not None:
            steps.append(Step(link[0], link[1]))
            link = parents[link[0]]
        self.steps = steps[::-1]
        return True

    def back_to(self, count: int) -> None:
        """Return to the question reached after `count` answers (0 is the start)."""
        del self.steps[max(count, 0) :]

    def trail(self) -> list[tuple[Question, Answer]]:
        """The questions asked so far with the answers given, for breadcrumbs."""
        out: list[tuple[Question, Answer]] = []
        for step in self.steps:
            node = self.tree.nodes[step.node_id]
            assert isinstance(node, Question)
            out.append((node, step.answer))
        return out

    @property
    def last_note(self) -> str:
        """The note of the answer that led here, shown after it was chosen."""
        return self.steps[-1].answer.note if self.steps else ""


def carry_over(walk: Walk, tree: Tree) -> Walk | None:
    """`walk` moved onto a new version of its tree (the file changed on disk): the same answers
    while they still lead the same way, else the shortest way from the start to the node it was
    on. None when that node is gone or can no longer be reached: the caller starts again."""
    node_id = walk.current_id
    if node_id not in tree.nodes:
        return None
    moved = Walk(tree)
    for step in walk.steps:
        node = tree.nodes.get(step.node_id)
        if moved.current_id != step.node_id or not isinstance(node, Question):
            break
        same_way = [a for a in node.answers if a.next == step.answer.next]
        answer = next((a for a in same_way if a.label == step.answer.label), same_way[0] if same_way else None)
        if answer is None:
            break
        moved.steps.append(Step(step.node_id, answer))
    else:
        return moved
    return moved if moved.jump_to(node_id) else None


# ---------------------------------------------------------------- what a walk lights and marks


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
