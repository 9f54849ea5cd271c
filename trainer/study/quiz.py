"""A quiz and the session that runs it: items asked one by one, answers scored, results kept.

Qt-free so that the window and the terminal quiz drive the same rules. Outcomes stay hidden:
`QuizSession.view()` is the only thing a front end may show before an item is answered, and it
never carries outcome text for a walk nor any mark of the right option. A quiz is built by
`trainer.study.building`; its verdicts are the values of `trainer.study.feedback`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from trainer.core.model import Question, Tree
from trainer.study.feedback import (
    RIGHT,
    TIMED_OUT,
    UNANSWERED,
    WRONG,
    Feedback,
    Results,
    feedback_for,
    review_walk,
)
from trainer.study.items import Item
from trainer.study.tree_facts import TreeFacts


@dataclass(frozen=True)
class Quiz:
    """The items to ask, in order, and the trees they come from (walks and feedback need them)."""

    items: tuple[Item, ...]
    seed: int
    trees: Mapping[str, Tree] = field(default_factory=dict, compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(item.key for item in self.items)

    def start(self, clock: Callable[[], float] = time.monotonic, time_limit: float | None = None) -> QuizSession:
        return QuizSession(self, clock=clock, time_limit=time_limit)


@dataclass(frozen=True)
class ItemView:
    """All a front end may show of the current, unanswered item: no outcome text for a walk,
    and nothing that tells the right option from the others."""

    number: int  # 1-based
    total: int
    kind: str
    prompt: str
    requirements: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    option_requirements: tuple[tuple[str, ...], ...] = ()  # reverse items
    question: str = ""  # walk items: the question to answer now
    answers: tuple[str, ...] = ()
    trail: tuple[str, ...] = ()  # walk items: "Question?: answer" so far
    hint: str = ""  # shown once use_hint() was called
    ruled_out: tuple[int, ...] = ()
    time_left: float | None = None


class QuizSession:
    """Runs a quiz item by item. `clock` returns seconds; tests pass a fake one."""

    def __init__(
        self, quiz: Quiz, clock: Callable[[], float] = time.monotonic, time_limit: float | None = None
    ) -> None:
        self.quiz = quiz
        self.clock = clock
        self.time_limit = time_limit
        self.index = 0
        self.feedbacks: list[Feedback] = []
        self.ended = False
        self._facts = {tree_id: TreeFacts(tree) for tree_id, tree in quiz.trees.items()}
        self._started = clock()
        self._finished: float | None = None
        self._begin_item()

    # -- state

    @property
    def done(self) -> bool:
        return self.ended or self.index >= len(self.quiz.items)

    @property
    def current(self) -> Item | None:
        return None if self.done else self.quiz.items[self.index]

    @property
    def feedback(self) -> Feedback | None:
        """The verdict on the item answered last."""
        return self.feedbacks[-1] if self.feedbacks else None

    def time_left(self) -> float | None:
        if self.time_limit is None or self.done:
            return None
        return max(0.0, self.time_limit - (self.clock() - self._item_started))

    def _begin_item(self) -> None:
        self._item_started = self.clock()
        self._steps: list[tuple[str, int]] = []  # walk: (question id, answer index)
        self._hinted = False
        self._hint = ""
        self._ruled_out: tuple[int, ...] = ()
        if self.done and self._finished is None:
            self._finished = self.clock()

    def _item(self) -> Item:
        item = self.current
        if item is None:
            raise RuntimeError("the quiz is over: no current item")
        return item

    def _walk_node(self) -> str:
        """Where the current walk stands: the start, or where the last answer led."""
        if not self._steps:
            return self.quiz.trees[self._item().tree_id].start
        question_id, index = self._steps[-1]
        return self._facts[self._item().tree_id].question(question_id).answers[index].next

    # -- what may be shown

    def view(self) -> ItemView:
        item = self._item()
        common = ItemView(
            number=self.index + 1,
            total=len(self.quiz.items),
            kind=item.kind,
            prompt=item.prompt,
            hint=self._hint,
            ruled_out=self._ruled_out,
            time_left=self.time_left(),
        )
        if item.kind != "walk":
            return replace(
                common,
                requirements=item.requirements,
                options=tuple(o.text for o in item.options),
                option_requirements=tuple(o.requirements for o in item.options) if item.kind == "reverse" else (),
            )
        facts = self._facts[item.tree_id]
        question = facts.question(self._walk_node())
        trail = tuple(f"{facts.question(q).text}: {facts.question(q).answers[i].label}" for q, i in self._steps)
        return replace(common, question=question.text, answers=tuple(a.label for a in question.answers), trail=trail)

    def use_hint(self) -> str:
        """The hint for the current item (walk: the current question's help). Using one caps
        a right answer at half a point; a hint with nothing to say costs nothing."""
        item = self._item()
        if item.kind == "walk":
            hint, ruled_out = self._walk_hint(item)
        else:
            hint, ruled_out = item.hint, item.hint_ruled_out
        if hint:
            self._hinted = True
            self._hint, self._ruled_out = hint, ruled_out
        return hint

    def _walk_hint(self, item: Item) -> tuple[str, tuple[int, ...]]:
        facts = self._facts[item.tree_id]
        question = facts.question(self._walk_node())
        if question.help.strip():
            return question.help.strip(), ()
        right = facts.right_answers(question, item.expect, item.route)
        dead = [i for i in range(len(question.answers)) if i not in right]
        if not dead or len(dead) == len(question.answers):
            return "", ()
        return f"Not answer {dead[0] + 1}.", (dead[0],)

    # -- answering

    def answer(self, index: int) -> Feedback:
        """Pick option `index` (0-based) of a choice, path or reverse item."""
        item = self._item()
        if item.kind == "walk":
            raise ValueError("a walk item is answered question by question with choose()")
        if not 0 <= index < len(item.options):
            raise IndexError(f"no option at index {index} ({len(item.options)} options)")
        status = RIGHT if index == item.right_option else WRONG
        return self._finish(item, status, item.options[index].text)

    def choose(self, index: int) -> Feedback | None:
        """Answer the current question of a walk item; the feedback once the walk reaches an outcome."""
        item = self._item()
        if item.kind != "walk":
            raise ValueError(f"a {item.kind} item is answered with answer()")
        facts = self._facts[item.tree_id]
        node = self._walk_node()
        question = facts.question(node)
        if not 0 <= index < len(question.answers):
            raise IndexError(f"no answer at index {index} of '{node}' ({len(question.answers)} answers)")
        self._steps.append((node, index))
        reached = facts.tree.nodes.get(question.answers[index].next)
        if self._expired():
            return self._finish(item, TIMED_OUT, "")
        if isinstance(reached, Question):
            return None
        right = reached is not None and reached.id == item.expect and self._on_route(item)
        return self._finish(item, RIGHT if right else WRONG, reached.text if reached is not None else "")

    def _on_route(self, item: Item) -> bool:
        """Whether every answer of the walk so far stayed on the scenario's route (always, where
        its facts fix none): the right outcome reached by reasoning the facts rule out is wrong."""
        if not item.route:
            return True
        facts = self._facts[item.tree_id]
        return all(i in facts.right_answers(facts.question(q), item.expect, item.route) for q, i in self._steps)

    def time_out(self) -> Feedback:
        """The item's time ran out without an answer (a front end's timer calls this)."""
        return self._finish(self._item(), TIMED_OUT, "")

    def _expired(self) -> bool:
        return self.time_limit is not None and self.clock() - self._item_started > self.time_limit

    def _finish(self, item: Item, status: str, answer: str) -> Feedback:
        if status != TIMED_OUT and self._expired():
            status = TIMED_OUT
        feedback = self._record(item, status, answer)
        self.feedbacks.append(feedback)
        self.index += 1
        self._begin_item()
        return feedback

    def _record(self, item: Item, status: str, answer: str) -> Feedback:
        facts = self._facts[item.tree_id]
        outcome = facts.outcome(item.expect)
        assert outcome is not None
        if item.kind != "walk":
            return feedback_for(item, outcome, status, hinted=self._hinted, answer=answer)
        chosen, right_path, wrong = review_walk(item, facts, self._steps, self.quiz.seed)
        return feedback_for(
            item,
            outcome,
            status,
            hinted=self._hinted,
            answer=answer,
            chosen_path=chosen,
            right_path=right_path,
            wrong_step=wrong,
        )

    # -- the end

    def end(self) -> Results:
        """Stop now; items not reached count as unanswered, not wrong."""
        if not self.ended:
            self.ended = True
            if self._finished is None:
                self._finished = self.clock()
        return self.results()

    def results(self) -> Results:
        answered = list(self.feedbacks)
        unanswered = [self._unanswered(item) for item in self.quiz.items[len(answered) :]]
        finished = self._finished if self._finished is not None else self.clock()
        return Results(
            score=sum(f.score for f in answered),
            max_score=len(self.quiz.items),
            answered=len(answered),
            right=sum(f.status == RIGHT for f in answered),
            wrong=sum(f.status != RIGHT for f in answered),
            unanswered=len(unanswered),
            elapsed=finished - self._started,
            items=tuple(answered + unanswered),
        )

    def _unanswered(self, item: Item) -> Feedback:
        outcome = self._facts[item.tree_id].outcome(item.expect)
        assert outcome is not None
        return feedback_for(item, outcome, UNANSWERED)

    def missed(self, include_unanswered: bool = False) -> Quiz:
        """A quiz of the items answered wrong or too late (and, if asked, those not reached), in
        their original order and with the same seed."""
        statuses = {f.key: f.status for f in self.results().items}
        wanted = {WRONG, TIMED_OUT} | ({UNANSWERED} if include_unanswered else set())
        items = tuple(i for i in self.quiz.items if statuses[i.key] in wanted)
        return Quiz(items, self.quiz.seed, self.quiz.trees)
