"""Presenting a tree to a room: what is revealed, one step at a time (no Qt).

A presentation walks a tree (`trainer.study.walk.Walk`) and, at each node, reveals one thing per step:

* at a question: the question (with its help), then its answers; choosing an answer (a digit)
  highlights it (with its note); the next step moves to the node it leads to;
* at an outcome: the outcome, then its explanation, then its traps (`not`) with their reasons.
  Stages with nothing to show (no explanation, no traps) are skipped, so no step reveals nothing.

Decisions (README, "Presenting"):

* Forward at a question whose answers are shown and none is chosen follows the answer chosen at
  that question last time (a rehearsal, or a step back: back then forward is always a redo); with
  no such answer it takes the first answer not yet followed from there. A digit chooses any
  answer instead. So a clicker alone (PageDown/PageUp) replays a rehearsed walk, or tours the tree.
* The tour: forward at an outcome's last stage goes back up to the nearest question on the way
  there that has an answer not yet followed, and chooses it; so PageDown alone shows every branch
  of the tree in turn, depth first. When every answer has been followed, forward does nothing
  ("the whole tree has been shown"). Home starts a new tour.
* A digit at the question stage reveals the answers and chooses at once (one step: back from
  there shows the answers unchosen); a digit at the chosen stage changes the choice in place.
* Back undoes exactly one step, so forward through a path and back again passes the same states
  in reverse order. Home restarts at the tree's start (the remembered choices are kept).
* What the room has seen: an outcome is `seen` from the step that revealed it on the slide (its
  name may then be drawn on the graph beside it; before, the graph masks it, or a map of the tree
  would give every answer away at step 1). It stays seen while the tour goes on to other branches;
  back from the step that revealed it hides it again (back is an exact undo), and Home, a new
  tour, hides them all. An outcome the presentation opens on is seen from its first step.

`Slide` is the whole visible state as a frozen value that tests compare.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from trainer.core.model import Answer, Outcome, Question, Tree
from trainer.study.walk import Step, Walk

QUESTION = "question"  # the question (and its help)
ANSWERS = "answers"  # ... and its answers
CHOSEN = "chosen"  # ... with one answer highlighted (and its note)
OUTCOME = "outcome"  # the outcome
EXPLANATION = "explanation"  # ... and its explanation
TRAPS = "traps"  # ... and the traps with their reasons

QUESTION_STAGES = (QUESTION, ANSWERS, CHOSEN)
_State = tuple[tuple[Step, ...], str, "int | None"]  # the walk's steps, the stage, the answer chosen


@dataclass(frozen=True)
class _Jump:
    """The tour going back up to `question`: the states either side, and the answer remembered
    there before (back restores it, so a rehearsed walk still replays after an undone jump)."""

    before: _State
    after: _State
    question: str
    remembered: int | None


OUTCOME_STAGES = (OUTCOME, EXPLANATION, TRAPS)


@dataclass(frozen=True)
class Slide:
    """What the room sees: the node, how much of it is revealed, the answer chosen there (an
    index into its answers, at the CHOSEN stage only) and the way taken to reach it."""

    node_id: str
    stage: str
    chosen: int | None = None
    trail: tuple[Step, ...] = ()
    seen: frozenset[str] = frozenset()  # the outcomes the room has been shown (see Presentation.seen)

    @property
    def shows_answers(self) -> bool:
        return self.stage in (ANSWERS, CHOSEN)

    @property
    def shows_explanation(self) -> bool:
        return self.stage in (EXPLANATION, TRAPS)

    @property
    def shows_traps(self) -> bool:
        return self.stage == TRAPS


def outcome_stages(outcome: Outcome) -> tuple[str, ...]:
    """The stages of an outcome that reveal something."""
    stages = [OUTCOME]
    if outcome.explanation.strip():
        stages.append(EXPLANATION)
    if outcome.traps:
        stages.append(TRAPS)
    return tuple(stages)


@dataclass
class Presentation:
    tree: Tree
    walk: Walk = field(init=False)
    stage: str = field(init=False, default=QUESTION)
    chosen: int | None = field(init=False, default=None)
    # the answer last chosen at each question: what forward follows when none is chosen
    remembered: dict[str, int] = field(init=False, default_factory=dict)
    # the answers followed from each question since the tour began (Home starts a new one)
    followed: dict[str, set[int]] = field(init=False, default_factory=dict)
    # the tour's jumps back up, so back undoes exactly one
    jumps: list[_Jump] = field(init=False, default_factory=list)
    # the outcomes revealed to the room, in order, each with the state whose step revealed it
    # (None: shown from the presentation's first step), so back from that state hides it again
    reveals: list[tuple[str, _State | None]] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        self.walk = Walk(self.tree)
        self.stage = self._first_stage()
        self._reveal(None)

    @classmethod
    def at(cls, walk: Walk) -> Presentation:
        """A presentation starting where `walk` is (the same answers), at its first stage."""
        presentation = cls(walk.tree)
        for step in walk.steps:
            node = presentation.tree.nodes[step.node_id]
            assert isinstance(node, Question)
            index = _index_of(node, step.answer)
            presentation.remembered[step.node_id] = index
            presentation.followed.setdefault(step.node_id, set()).add(index)
            presentation.walk.steps.append(Step(step.node_id, node.answers[index]))
        presentation.stage = presentation._first_stage()
        presentation._reveal(None)  # opening on an outcome shows it
        return presentation

    # --- what the room sees ------------------------------------------------------------------
    @property
    def slide(self) -> Slide:
        return Slide(self.walk.current_id, self.stage, self.chosen, tuple(self.walk.steps), self.seen)

    @property
    def seen(self) -> frozenset[str]:
        """The outcomes the room has been shown on the slide since the tour began: the graph
        beside the slide names these and masks every other outcome."""
        return frozenset(outcome for outcome, _state in self.reveals)

    @property
    def node(self) -> Question | Outcome:
        return self.walk.current

    @property
    def chosen_answer(self) -> Answer | None:
        node = self.node
        return node.answers[self.chosen] if isinstance(node, Question) and self.chosen is not None else None

    @property
    def at_end(self) -> bool:
        """An outcome fully revealed: forward has nothing left to show."""
        node = self.node
        return isinstance(node, Outcome) and self.stage == outcome_stages(node)[-1]

    @property
    def tour_done(self) -> bool:
        """An outcome fully revealed and no branch left unshown: forward has nowhere to go (the
        window then offers the audience round)."""
        return self.at_end and self.next_branch() is None

    def copy(self) -> Presentation:
        """An independent presentation in the same state (the tree shared): the console steps a
        copy forward to tell the presenter what the next step will show, leaving the room's alone."""
        other = Presentation(self.tree)
        other.walk.steps = list(self.walk.steps)
        other.stage, other.chosen = self.stage, self.chosen
        other.remembered = dict(self.remembered)
        other.followed = {question: set(indexes) for question, indexes in self.followed.items()}
        other.jumps = list(self.jumps)
        other.reveals = list(self.reveals)
        return other

    def _first_stage(self) -> str:
        return QUESTION if isinstance(self.walk.current, Question) else OUTCOME

    def _reveal(self, state: _State | None) -> None:
        """The slide now shows an outcome (when it is at one): the room has seen it."""
        if isinstance(self.walk.current, Outcome):
            self.reveals.append((self.walk.current_id, state))

    def _stages(self) -> tuple[str, ...]:
        node = self.node
        return outcome_stages(node) if isinstance(node, Outcome) else QUESTION_STAGES

    # --- what the presenter does -------------------------------------------------------------
    def forward(self) -> bool:
        """Reveal the next step; False when nothing changed."""
        node = self.node
        if isinstance(node, Outcome):
            stages = outcome_stages(node)
            position = stages.index(self.stage)
            if position + 1 >= len(stages):
                return self._next_branch()
            self.stage = stages[position + 1]
            return True
        if self.stage == QUESTION:
            self.stage = ANSWERS
            return True
        if self.stage == ANSWERS:
            index = self._default_answer(node)
            return index is not None and self.choose(index)
        assert self.chosen is not None
        if node.answers[self.chosen].next not in self.tree.nodes:  # a broken link: stay
            return False
        self.followed.setdefault(node.id, set()).add(self.chosen)
        self.walk.choose(self.chosen)
        self.chosen = None
        self.stage = self._first_stage()
        self._reveal(self._state())
        return True

    def _default_answer(self, question: Question) -> int | None:
        remembered = self.remembered.get(question.id)
        if remembered is not None and remembered < len(question.answers):
            return remembered
        return next(iter(self._not_followed(question)), None)

    def _not_followed(self, question: Question) -> list[int]:
        """The answers of `question` the tour has not followed yet (broken links left out)."""
        done = self.followed.get(question.id, set())
        return [i for i, a in enumerate(question.answers) if i not in done and a.next in self.tree.nodes]

    def next_branch(self) -> str | None:
        """The question the tour goes back up to from here (None: the whole tree was shown)."""
        for step in reversed(self.walk.steps):
            question = self.tree.nodes[step.node_id]
            if isinstance(question, Question) and self._not_followed(question):
                return question.id
        return None

    def _next_branch(self) -> bool:
        target = self.next_branch()
        if target is None:
            return False
        before, remembered = self._state(), self.remembered.get(target)
        while self.walk.current_id != target:
            self.walk.back()
        question = self.node
        assert isinstance(question, Question)
        self.choose(self._not_followed(question)[0])
        self.jumps.append(_Jump(before, self._state(), target, remembered))
        return True

    def _state(self) -> _State:
        return tuple(self.walk.steps), self.stage, self.chosen

    def _restore(self, state: _State) -> None:
        steps, self.stage, self.chosen = state
        self.walk.steps = list(steps)

    def choose(self, index: int) -> bool:
        """Choose the answer at `index` (0-based) of the current question: it is highlighted
        (answers revealed first if they were not). False when there is no such answer."""
        node = self.node
        if not isinstance(node, Question) or not 0 <= index < len(node.answers):
            return False
        if self.stage == CHOSEN and self.chosen == index:
            return False
        self.stage = CHOSEN
        self.chosen = index
        self.remembered[node.id] = index
        return True

    def back(self) -> bool:
        """Undo one step; False at the very first step of the walk."""
        if self.reveals and self.reveals[-1][1] == self._state():  # the step that revealed an outcome
            self.reveals.pop()
        if self.jumps and self._state() == self.jumps[-1].after:  # undo the tour's jump back up
            jump = self.jumps.pop()
            self._restore(jump.before)
            if jump.remembered is None:
                self.remembered.pop(jump.question, None)
            else:
                self.remembered[jump.question] = jump.remembered
            return True
        stages = self._stages()
        index = stages.index(self.stage)
        if index > 0:
            self.stage = stages[index - 1]
            self.chosen = None
            return True
        if not self.walk.steps:
            return False
        step = self.walk.steps[-1]
        self.walk.back()
        question = self.node
        assert isinstance(question, Question)
        self.stage = CHOSEN
        self.chosen = _index_of(question, step.answer)
        return True

    def restart(self) -> None:
        """Back to the start, and a new tour (the remembered answers are kept; the outcomes
        shown are masked again)."""
        self.followed.clear()
        self.jumps.clear()
        self.reveals.clear()
        self.walk.restart()
        self.chosen = None
        self.stage = self._first_stage()
        self._reveal(None)


def _index_of(question: Question, answer: Answer) -> int:
    for index, candidate in enumerate(question.answers):
        if candidate is answer:
            return index
    return question.answers.index(answer)


def answer_indexes(walk: Walk) -> list[int]:
    """The answers a walk took, as indexes at their questions (to replay it with `choose`)."""
    out = []
    for step in walk.steps:
        question = walk.tree.nodes[step.node_id]
        assert isinstance(question, Question)
        out.append(_index_of(question, step.answer))
    return out
