"""The verdict on each answered item and the quiz's results: the score, the right outcome with
its explanation and traps, and for a walk where the learner's reasoning left the route."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from trainer.core.model import Outcome
from trainer.study.items import Item
from trainer.study.tree_facts import TreeFacts

RIGHT, WRONG, TIMED_OUT, UNANSWERED = "right", "wrong", "timed out", "unanswered"
HINTED_SCORE = 0.5  # a right answer after a hint: using one caps it at half a point


@dataclass(frozen=True)
class TrapInfo:
    option: str
    why: str


@dataclass(frozen=True)
class WrongStep:
    """Where a walk's reasoning went astray: the first answer that left the scenario's route
    (or, where its facts fix none, every way to the right outcome), and the answers its facts
    pointed to there."""

    question_id: str
    question: str
    answer: str
    note: str
    right_answers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Feedback:
    """The verdict on one item, and its review record at the end of the quiz."""

    key: str
    kind: str
    tree_id: str
    prompt: str
    status: str  # RIGHT, WRONG, TIMED_OUT or UNANSWERED
    score: float
    hinted: bool
    answer: str  # what the learner chose: option text, or the outcome their walk reached
    chosen_path: tuple[str, ...]  # walk items: node ids visited
    right_outcome_id: str
    right_outcome_text: str
    explanation: str
    traps: tuple[TrapInfo, ...]
    right_path: tuple[str, ...]
    requirements: tuple[str, ...] = ()
    wrong_step: WrongStep | None = None

    @property
    def right(self) -> bool:
        return self.status == RIGHT

    @property
    def told(self) -> frozenset[str]:
        """The nodes this feedback names in words: the right outcome and, for a walk, where the
        learner's walk ended ("Your answer: …"). A masked graph may name these from now on."""
        return frozenset({self.right_outcome_id, *self.chosen_path[-1:]})

    def astray(self) -> str:
        """Where a wrong walk's reasoning left the scenario's route, in a sentence ("" when it
        did not): the question, the answer given and the ones the facts point to. A walk that
        reached the right outcome all the same is told so, since that is what it must unlearn."""
        step = self.wrong_step
        if step is None:
            return ""
        wanted = " or ".join(f"“{label}”" for label in step.right_answers)
        pointed = f"; the scenario's facts point to {wanted}" if wanted else ""
        if self.chosen_path and self.chosen_path[-1] == self.right_outcome_id:
            return (
                f"You reached the right outcome by a route the scenario rules out: at “{step.question}” "
                f"you answered “{step.answer}”{pointed}."
            )
        return f"Your path left the right one at “{step.question}”: you answered “{step.answer}”{pointed}."


@dataclass(frozen=True)
class Results:
    score: float
    max_score: int  # every item of the quiz, answered or not
    answered: int
    right: int
    wrong: int  # timed-out items included
    unanswered: int
    elapsed: float  # seconds, by the session's clock
    items: tuple[Feedback, ...]  # in quiz order; unanswered ones have status UNANSWERED

    @property
    def percentage(self) -> float:
        return 100.0 * self.score / self.max_score if self.max_score else 0.0

    @property
    def answered_percentage(self) -> float:
        """The score over the items actually answered: fair to a quiz ended early."""
        return 100.0 * self.score / self.answered if self.answered else 0.0


def score(status: str, hinted: bool) -> float:
    """A right answer scores 1, or less after a hint; anything else 0."""
    return (HINTED_SCORE if hinted else 1.0) if status == RIGHT else 0.0


def feedback_for(
    item: Item,
    outcome: Outcome,
    status: str,
    *,
    hinted: bool = False,
    answer: str = "",
    chosen_path: tuple[str, ...] = (),
    right_path: tuple[str, ...] | None = None,
    wrong_step: WrongStep | None = None,
) -> Feedback:
    """The verdict on `item`, whose right outcome is `outcome`; the right path is the item's
    own unless a walk's review found one nearer the learner's."""
    return Feedback(
        key=item.key,
        kind=item.kind,
        tree_id=item.tree_id,
        prompt=item.prompt,
        status=status,
        score=score(status, hinted),
        hinted=hinted,
        answer=answer,
        chosen_path=chosen_path,
        right_outcome_id=outcome.id,
        right_outcome_text=outcome.text,
        explanation=outcome.explanation,
        traps=tuple(TrapInfo(t.option, t.why) for t in outcome.traps),
        right_path=item.right_path if right_path is None else right_path,
        requirements=item.requirements,
        wrong_step=wrong_step,
    )


def review_walk(
    item: Item, facts: TreeFacts, steps: Sequence[tuple[str, int]], seed: int
) -> tuple[tuple[str, ...], tuple[str, ...], WrongStep | None]:
    """A walk's `steps` ((question id, answer index) each) reviewed: the learner's path, the right
    path (the scenario's route; where its facts fix none, the way nearest theirs: their answers up
    to the first wrong one, then on to the outcome), and that first wrong step."""
    chosen = [facts.tree.start]
    wrong: WrongStep | None = None
    good = len(steps)  # how many of the learner's answers stayed right
    for step, (question_id, index) in enumerate(steps):
        question = facts.question(question_id)
        answer = question.answers[index]
        allowed = facts.right_answers(question, item.expect, item.route)
        if wrong is None and index not in allowed:
            labels = tuple(question.answers[i].label for i in allowed)
            wrong = WrongStep(question_id, question.text, answer.label, answer.note.strip(), labels)
            good = step
        chosen.append(answer.next)
    if item.route:
        return tuple(chosen), item.route, wrong
    rng = random.Random(f"{seed}:{item.key}:review")
    right = tuple(chosen[:good]) + facts.path_from(chosen[good], item.expect, rng)
    if right[-1] != item.expect:  # a timed-out walk stopped short: keep the sampled path
        right = item.right_path
    return tuple(chosen), right, wrong
