"""An audience round (no Qt): the room votes on a scenario, question by question, and the
presenter reveals the right way step by step.

The round follows a scenario's right path (`trainer.study.quiz.scenario_routes`: a shortest way from the
start to the expected outcome; an answer is right when the outcome can still be reached from it,
exactly as a walk is scored in the quiz). At each question on that path:

* ASK: the scenario, the question and its answers lettered A, B, C… for a show of hands; the room's
  tally per letter, once the presenter typed it, as a bar chart;
* REVEAL: the right answer(s) ticked and named "right" (never colour alone), with their notes;
* forward then moves on to the next question on the path, or to the outcome;

and at the end the outcome, then its explanation, then its traps (the presentation's outcome
stages: a stage with nothing to show is skipped). No outcome's text is in any view before the
outcome stage: answers never say where they lead.

Back undoes exactly one step, so forward to the end and back passes the same views in reverse.
Tallies belong to a question and are kept while stepping back and forth. `Countdown` is the
optional timer for a vote, read from a clock passed in, and `TallyEntry` the typing of a tally:
both are plain values so that the widget only draws them.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

from trainer.core.markdown import traps_markdown
from trainer.core.model import Outcome, Question, Tree
from trainer.present.console_view import ConsoleView
from trainer.present.presentation import EXPLANATION, OUTCOME, TRAPS, outcome_stages
from trainer.study.quiz import ScenarioRoute, scenario_routes
from trainer.study.walk import Highlight

ASK = "ask"  # the question and its lettered answers: the room votes
REVEAL = "reveal"  # ... with the right answer(s) ticked and their notes
QUESTION_STAGES = (ASK, REVEAL)
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MAX_ANSWERS = len(LETTERS)  # a question with more answers shows the first 26 (no tree comes close)
MAX_TALLY_DIGITS = 5  # a room of up to 99,999 hands

NO_SCENARIOS = "This tree has no scenarios for an audience round"
NONE_PLAYABLE = (
    "None of this tree's scenarios can be used for an audience round: "
    "their expected outcomes are missing or cannot be reached from the start"
)


def letter(index: int) -> str:
    return LETTERS[index]


def playable_routes(tree: Tree) -> list[ScenarioRoute]:
    """The scenarios a round can run, in the tree's order (broken ones are skipped)."""
    return scenario_routes(tree)[0]


def unavailable(tree: Tree) -> str:
    """Why no round can run on `tree`, for the presentation to say; "" when one can."""
    if not tree.scenarios:
        return NO_SCENARIOS
    return "" if playable_routes(tree) else NONE_PLAYABLE


@dataclass(frozen=True)
class RoundAnswer:
    """One answer as the room sees it: `right` is None until revealed, and the note is given
    only for a right answer once revealed."""

    letter: str
    label: str
    right: bool | None = None
    note: str = ""


@dataclass(frozen=True)
class Bar:
    """One bar of the tally chart."""

    letter: str
    count: int
    percent: int  # of all hands counted at this question, rounded

    @property
    def text(self) -> str:
        return f"{self.count} · {self.percent}%"


def bars(counts: tuple[int, ...]) -> tuple[Bar, ...]:
    total = sum(counts)
    return tuple(Bar(letter(i), c, round(100 * c / total) if total else 0) for i, c in enumerate(counts))


@dataclass(frozen=True)
class RoundView:
    """Everything the room sees at one step of a round, as a value tests compare."""

    node_id: str
    stage: str
    number: int  # the question's number on the path (1-based); the question count + 1 at the outcome
    count: int  # questions on the path
    scenario: int  # the scenario's number among the tree's playable ones (1-based)
    scenarios: int
    prompt: str
    question: str = ""
    answers: tuple[RoundAnswer, ...] = ()
    followed: str = ""  # at a reveal with several right answers: the letter the round goes on with
    tally: tuple[int, ...] | None = None  # votes per answer, None until typed
    trail: tuple[str, ...] = ()  # "Question → answer" for the questions already answered
    outcome: str = ""
    explanation: str = ""
    traps: str = ""  # Markdown

    @property
    def bars(self) -> tuple[Bar, ...]:
        return bars(self.tally) if self.tally is not None else ()

    def texts(self) -> tuple[str, ...]:
        """Every text of the view (what a leak check reads)."""
        out = [self.prompt, self.question, self.followed, self.outcome, self.explanation, self.traps, *self.trail]
        for answer in self.answers:
            out += [answer.letter, answer.label, answer.note]
        out += [f"{b.letter} {b.text}" for b in self.bars]
        return tuple(out)


@dataclass
class AudienceRound:
    """One scenario's round. `index` is the position on the route's path, `stage` what of that
    node is shown."""

    tree: Tree
    route: ScenarioRoute
    scenario: int = 1  # its number among the tree's playable scenarios, and how many there are
    scenarios: int = 1
    index: int = field(init=False, default=0)
    stage: str = field(init=False, default=ASK)
    tallies: dict[str, tuple[int, ...]] = field(init=False, default_factory=dict)  # question id -> votes

    def __post_init__(self) -> None:
        self.stage = self._stages()[0]

    # --- where the round is -------------------------------------------------------------------
    @property
    def node(self) -> Question | Outcome:
        return self.tree.nodes[self.route.path[self.index]]  # type: ignore[return-value]

    @property
    def question_count(self) -> int:
        return len(self.route.path) - 1

    @property
    def outcome(self) -> Outcome:
        node = self.tree.nodes[self.route.path[-1]]
        assert isinstance(node, Outcome)
        return node

    @property
    def at_end(self) -> bool:
        return self.index == len(self.route.path) - 1 and self.stage == self._stages()[-1]

    @property
    def state(self) -> tuple[int, str]:
        return self.index, self.stage

    def _stages(self) -> tuple[str, ...]:
        node = self.node
        return outcome_stages(node) if isinstance(node, Outcome) else QUESTION_STAGES

    def highlight(self) -> Highlight:
        """The graph's lit path: the way so far, and at a reveal the move the round goes on with."""
        lit = self.route.path[: self.index + (2 if self.stage == REVEAL else 1)]
        return Highlight(self.route.path[self.index], frozenset(lit), frozenset(pairwise(lit)))

    def right_answers(self) -> tuple[int, ...]:
        """The right answers at the current question (none at the outcome)."""
        return self.route.right.get(self.route.path[self.index], ())

    def followed_answer(self) -> int | None:
        """The answer the round goes on with at the current question: the one to the path's next node."""
        node = self.node
        if not isinstance(node, Question):
            return None
        following = self.route.path[self.index + 1]
        return next(i for i, a in enumerate(node.answers) if a.next == following)

    # --- what the presenter does --------------------------------------------------------------
    def forward(self) -> bool:
        """Reveal the next step; False at the end."""
        stages = self._stages()
        position = stages.index(self.stage)
        if position + 1 < len(stages):
            self.stage = stages[position + 1]
            return True
        if self.index + 1 >= len(self.route.path):
            return False
        self.index += 1
        self.stage = self._stages()[0]
        return True

    def back(self) -> bool:
        """Undo one step; False at the first."""
        stages = self._stages()
        position = stages.index(self.stage)
        if position > 0:
            self.stage = stages[position - 1]
            return True
        if self.index == 0:
            return False
        self.index -= 1
        self.stage = self._stages()[-1]
        return True

    def restart(self) -> None:
        """Back to the first question (tallies kept)."""
        self.index = 0
        self.stage = self._stages()[0]

    def to_end(self) -> None:
        """The outcome fully revealed (where back from the next scenario arrives)."""
        self.index = len(self.route.path) - 1
        self.stage = self._stages()[-1]

    def set_tally(self, index: int, count: int) -> None:
        """The room's votes for answer `index` at the current question."""
        node = self.node
        if not isinstance(node, Question):
            raise ValueError("votes are counted at a question, not at the outcome")
        answers = min(len(node.answers), MAX_ANSWERS)
        if not 0 <= index < answers:
            raise ValueError(f"no answer {index + 1} at this question (it has {answers})")
        if count < 0:
            raise ValueError("a count of votes cannot be negative")
        votes = list(self.tallies.get(node.id, (0,) * answers))
        votes[index] = count
        self.tallies[node.id] = tuple(votes)

    def set_tallies(self, counts: list[int]) -> None:
        for index, count in enumerate(counts):
            self.set_tally(index, count)

    # --- what the room sees -------------------------------------------------------------------
    @property
    def view(self) -> RoundView:
        node = self.node
        common = {
            "node_id": node.id,
            "stage": self.stage,
            "number": self.index + 1,
            "count": self.question_count,
            "scenario": self.scenario,
            "scenarios": self.scenarios,
            "prompt": _plain(self.route.scenario.prompt),
            "trail": self._trail(),
        }
        if isinstance(node, Outcome):
            return RoundView(
                outcome=node.text,
                explanation=node.explanation if self.stage in (EXPLANATION, TRAPS) else "",
                traps=traps_markdown(node) if self.stage == TRAPS else "",
                **common,
            )
        revealed = self.stage == REVEAL
        right = self.right_answers()
        answers = tuple(
            RoundAnswer(
                letter(i),
                _plain(a.label),
                (i in right) if revealed else None,
                a.note.strip() if revealed and i in right else "",
            )
            for i, a in enumerate(node.answers[:MAX_ANSWERS])
        )
        followed = self.followed_answer()
        return RoundView(
            question=node.text,
            answers=answers,
            tally=self.tallies.get(node.id),
            followed=letter(followed) if revealed and len(right) > 1 and followed is not None else "",
            **common,
        )

    def _trail(self) -> tuple[str, ...]:
        out = []
        for position, node_id in enumerate(self.route.path[: self.index]):
            question = self.tree.nodes[node_id]
            assert isinstance(question, Question)
            following = self.route.path[position + 1]
            answer = next(a for a in question.answers if a.next == following)
            out.append(f"{_plain(question.text)} → {_plain(answer.label)}")
        return tuple(out)


def _plain(text: str) -> str:
    """Author text on one line: a folded YAML scalar's line breaks are not the room's."""
    return " ".join(text.split())


@dataclass
class AudienceSession:
    """The rounds of a tree's playable scenarios, one after another. Forward at the end of a
    scenario starts the next at its first question, and back at a scenario's first step returns
    to the end of the one before, so a clicker alone runs them all and back always undoes one
    step. Q and the digits switch scenarios; each keeps its place and tallies."""

    tree: Tree
    routes: list[ScenarioRoute] = field(init=False)
    current: int = field(init=False, default=0)  # index into routes
    rounds: dict[int, AudienceRound] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.routes = playable_routes(self.tree)
        if not self.routes:
            raise ValueError(unavailable(self.tree))

    @property
    def round(self) -> AudienceRound:
        return self.round_at(self.current)

    def round_at(self, index: int) -> AudienceRound:
        if index not in self.rounds:
            self.rounds[index] = AudienceRound(self.tree, self.routes[index], index + 1, len(self.routes))
        return self.rounds[index]

    @property
    def at_end(self) -> bool:
        return self.round.at_end and self.current + 1 >= len(self.routes)

    @property
    def state(self) -> tuple[int, int, str]:
        return (self.current, *self.round.state)

    def forward(self) -> bool:
        if self.round.forward():
            return True
        if self.current + 1 >= len(self.routes):
            return False
        self.current += 1
        self.round.restart()
        return True

    def back(self) -> bool:
        if self.round.back():
            return True
        if self.current == 0:
            return False
        self.current -= 1
        self.round.to_end()
        return True

    def choose(self, index: int) -> bool:
        """Scenario `index` (0-based), where it was left; False when there is none or it is shown."""
        if not 0 <= index < len(self.routes) or index == self.current:
            return False
        self.current = index
        return True

    def next_scenario(self) -> bool:
        """Q: the next scenario, from the last back to the first."""
        return self.choose((self.current + 1) % len(self.routes))

    def peek(self) -> RoundView | None:
        """What forward would show, without stepping (for the presenter's console)."""
        round_ = self.round
        ahead = AudienceRound(round_.tree, round_.route, round_.scenario, round_.scenarios)
        ahead.index, ahead.stage, ahead.tallies = round_.index, round_.stage, round_.tallies
        if ahead.forward():
            return ahead.view
        if self.current + 1 >= len(self.routes):
            return None
        following = self.round_at(self.current + 1)
        ahead = AudienceRound(following.tree, following.route, following.scenario, following.scenarios)
        ahead.tallies = following.tallies
        return ahead.view


# --- the presenter's console ------------------------------------------------------------------
def describe(view: RoundView) -> str:
    """A step in words, for the presenter."""
    where = f"Audience round, scenario {view.scenario} of {view.scenarios}"
    if view.stage == OUTCOME:
        return f"{where}: the outcome shown: {view.outcome}"
    if view.stage == EXPLANATION:
        return f"{where}: the outcome's explanation shown"
    if view.stage == TRAPS:
        return f"{where}: the traps shown"
    if view.number == 1 and view.stage == ASK:
        where = f"{where} ({view.prompt}), question 1 of {view.count}"
    else:
        where = f"{where}, question {view.number} of {view.count}"
    if view.stage == ASK:
        return f"{where}: {view.question} (answers shown{', tally shown' if view.tally is not None else ''})"
    right = ", ".join(a.letter for a in view.answers if a.right)
    return f"{where}: right answer {right} revealed"


def console_view(session: AudienceSession, private: bool = True) -> ConsoleView:
    """What the presenter's console shows while a round runs: the step, what forward reveals
    (the right letter and the outcome, for the presenter's eyes only) and the notes.

    `private=False` is for notes the room can see too (the one-screen overlay): then nothing is
    told before the room has seen it, neither the right answers nor any outcome."""
    round_ = session.round
    ahead = session.peek()
    following = describe(ahead) if ahead is not None else ""
    if round_.stage == ASK:
        following = f"Reveal: {_right_answers_text(round_)}" if private else "Reveal the right answer"
    elif not private and ahead is not None and ahead.stage == OUTCOME:
        following = "Reveal the outcome"
    outcome = round_.outcome
    node = round_.node
    revealed = private or round_.stage != ASK
    notes: list[tuple[str, str]] = [("Scenario", round_.route.scenario.prompt.strip())]
    if isinstance(node, Question):
        if revealed:
            notes.append(("Right answers", "\n\n".join(_answer_line(node, i) for i in round_.right_answers())))
        if node.help.strip():
            notes.append(("Help", node.help.strip()))
    if private or isinstance(node, Outcome):
        notes.append(("Outcome", outcome.text))
    if outcome.explanation.strip() and (private or round_.stage in (EXPLANATION, TRAPS)):
        notes.append(("Explanation", outcome.explanation.strip()))
    if outcome.traps and (private or round_.stage == TRAPS):
        notes.append(("Traps", traps_markdown(outcome)))
    if not private and isinstance(node, Question):
        notes = [_kept_back(heading, text, session.tree) for heading, text in notes]
    return ConsoleView(describe(round_.view), following, tuple(notes))


KEPT_BACK = "On the presenter's console only: it names an outcome the room has not seen yet."


def _kept_back(heading: str, text: str, tree: Tree) -> tuple[str, str]:
    """A note the room would see that names an outcome (a question's help that compares the
    storage classes to choose from) is kept for the console until the outcome is revealed."""
    if heading != "Scenario" and any(o.text in text for o in tree.outcomes):
        return heading, KEPT_BACK
    return heading, text


def _answer_line(question: Question, index: int) -> str:
    answer = question.answers[index]
    line = f"**{letter(index)}** {_plain(answer.label)}"
    return f"{line}: {answer.note.strip()}" if answer.note.strip() else line


def _right_answers_text(round_: AudienceRound) -> str:
    node = round_.node
    assert isinstance(node, Question)
    return " and ".join(f"{letter(i)} ({_plain(node.answers[i].label)})" for i in round_.right_answers())


# --- a countdown for the vote -----------------------------------------------------------------
@dataclass
class Countdown:
    """A vote's countdown, paused and resumed by the presenter; it never moves the round on.
    `clock` returns seconds (tests pass a fake one)."""

    seconds: float = 30.0
    clock: Callable[[], float] = time.monotonic
    _started: float | None = field(init=False, default=None)  # when it last started running
    _used: float = field(init=False, default=0.0)  # time run before the last pause

    @property
    def running(self) -> bool:
        return self._started is not None and not self.expired

    @property
    def shown(self) -> bool:
        """Started at least once since the last reset."""
        return self._started is not None or self._used > 0

    def elapsed(self) -> float:
        return self._used + (self.clock() - self._started if self._started is not None else 0.0)

    def remaining(self) -> float:
        return max(0.0, self.seconds - self.elapsed())

    @property
    def expired(self) -> bool:
        return self.shown and self.remaining() <= 0

    def toggle(self) -> None:
        """Start, pause, resume; once the time is up, start again from the full time."""
        if self.expired:
            self.reset()
        if self._started is None:
            self._started = self.clock()
        else:
            self._used = self.elapsed()
            self._started = None

    def reset(self) -> None:
        self._started, self._used = None, 0.0

    @property
    def text(self) -> str:
        if self.expired:
            return "Time's up"
        left = math.ceil(self.remaining() - 1e-9)
        return f"{left // 60}:{left % 60:02d}"


# --- typing the tally -------------------------------------------------------------------------
@dataclass
class TallyEntry:
    """The presenter typing the room's votes, one letter after another (digits, Backspace,
    Tab or Enter to move on). Kept apart from the round until committed, so Esc can cancel."""

    typed: list[str]
    current: int = 0

    @classmethod
    def start(cls, answers: int, counts: tuple[int, ...] | None) -> TallyEntry:
        return cls([str(c) for c in counts] if counts is not None else [""] * answers)

    def type(self, digit: str) -> None:
        text = self.typed[self.current]
        if digit.isdigit() and len(digit) == 1 and len(text.lstrip("0")) < MAX_TALLY_DIGITS:
            self.typed[self.current] = (text + digit).lstrip("0") or "0"

    def backspace(self) -> None:
        self.typed[self.current] = self.typed[self.current][:-1]

    def next(self) -> bool:
        """Move to the next letter; False at the last one (where Enter commits)."""
        if self.current + 1 >= len(self.typed):
            return False
        self.current += 1
        return True

    def cycle(self) -> None:
        """Tab: the next letter, from the last back to the first."""
        self.current = (self.current + 1) % len(self.typed)

    def counts(self) -> list[int]:
        return [int(t) if t else 0 for t in self.typed]
