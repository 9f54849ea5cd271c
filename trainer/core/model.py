"""The typed tree model: frozen data that every other part of the app reads.

Positions are kept on every element so that problems found after loading (a dangling `next`,
a cycle) can still point at the line the author must change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from trainer.core.problems import NOWHERE, Pos


@dataclass(frozen=True)
class Answer:
    label: str
    next: str
    note: str = ""
    pos: Pos = NOWHERE
    next_pos: Pos = NOWHERE


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    answers: tuple[Answer, ...]
    help: str = ""
    pos: Pos = NOWHERE

    def answer(self, label: str) -> Answer:
        return next(a for a in self.answers if a.label == label)

    def answers_to(self, target: str) -> tuple[int, ...]:
        """The indexes of the answers leading to `target`, in answer order: looked up, not
        scanned, so checking every scenario of a 20,000-answer question stays linear."""
        return self._by_next.get(target, ())

    @cached_property
    def _by_next(self) -> dict[str, tuple[int, ...]]:
        found: dict[str, list[int]] = {}
        for i, answer in enumerate(self.answers):
            found.setdefault(answer.next, []).append(i)
        return {target: tuple(indexes) for target, indexes in found.items()}


@dataclass(frozen=True)
class Trap:
    """A tempting wrong choice (`not:` in the file) and why it is wrong. `stands_for` (`is:` in
    the file) names another outcome of the tree that this trap is, chosen here wrongly: the quiz
    then never shows both, and never offers the trap where that outcome is the right answer."""

    option: str
    why: str
    pos: Pos = NOWHERE
    stands_for: str = ""
    stands_for_pos: Pos = NOWHERE


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    pos: Pos = NOWHERE


@dataclass(frozen=True)
class Outcome:
    """An end of the tree. `continues` (`continue:` in the file) names the tree whose decision
    comes next ("which database" -> "scaling database reads"): the walk offers to go on there."""

    id: str
    text: str
    explanation: str = ""
    traps: tuple[Trap, ...] = ()
    links: tuple[Link, ...] = ()
    pos: Pos = NOWHERE
    continues: str = ""
    continues_pos: Pos = NOWHERE


Node = Question | Outcome


@dataclass(frozen=True)
class Scenario:
    """A situation for the scoring mode. `route` (optional) is the questions its facts lead
    through, from the start, in order: where several routes reach `expect`, it says which one a
    learner's reasoning must follow."""

    prompt: str
    expect: str
    pos: Pos = NOWHERE
    expect_pos: Pos = NOWHERE
    route: tuple[str, ...] = ()
    route_pos: Pos = NOWHERE


@dataclass(frozen=True)
class Tree:
    id: str
    title: str
    start: str
    nodes: Mapping[str, Node]
    summary: str = ""
    tags: tuple[str, ...] = ()
    reviewed: str = ""
    scenarios: tuple[Scenario, ...] = ()
    path: Path | None = None
    id_pos: Pos = NOWHERE
    start_pos: Pos = NOWHERE
    # Node ids declared in the file but too malformed to model; references to them are not
    # reported again as dangling.
    broken_ids: frozenset[str] = field(default_factory=frozenset)

    @cached_property
    def sizes(self) -> tuple[int, int]:
        """How many questions and outcomes it has, counted once (a library card of a
        50,000-node tree is painted often, and counting took 30 ms each time)."""
        questions = sum(isinstance(n, Question) for n in self.nodes.values())
        return questions, len(self.nodes) - questions

    @property
    def questions(self) -> list[Question]:
        return [n for n in self.nodes.values() if isinstance(n, Question)]

    @property
    def outcomes(self) -> list[Outcome]:
        return [n for n in self.nodes.values() if isinstance(n, Outcome)]

    @property
    def start_node(self) -> Node:
        return self.nodes[self.start]
