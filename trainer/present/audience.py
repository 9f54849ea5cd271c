"""An audience round (no Qt): the room votes on a scenario, question by question, and the
presenter reveals the right way step by step.

The round follows the route a scenario is scored on (`trainer.study.scenario_routes`: the way its
facts imply or, where they fix none, a shortest way from the start to the expected outcome, with
the answers that are right at each question, exactly as a walk is scored in the quiz). At each
question on that path:

* ASK: the scenario, the question and its answers lettered A, B, C… for a show of hands; the room's
  tally per letter, once the presenter typed it, as a bar chart;
* REVEAL: the right answer(s) ticked and named "right" (never colour alone), with their notes;
* forward then moves on to the next question on the path, or to the outcome;

and at the end the outcome, then its explanation, then its traps (the presentation's outcome
stages: a stage with nothing to show is skipped). No outcome's text is in any view before the
outcome stage: answers never say where they lead.

Back undoes exactly one step, so forward to the end and back passes the same views in reverse.
Tallies belong to a question and are kept while stepping back and forth; the vote's countdown
and the typing of a tally are in `trainer.present.vote`, what the presenter's console says in
`trainer.present.console_view`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import pairwise

from trainer.core.markdown import traps_markdown
from trainer.core.model import Outcome, Question, Tree
from trainer.present.presentation import EXPLANATION, TRAPS, outcome_stages
from trainer.study.scenario_routes import ScenarioRoute, scenario_routes
from trainer.study.walk import Highlight

ASK = "ask"  # the question and its lettered answers: the room votes
REVEAL = "reveal"  # ... with the right answer(s) ticked and their notes
QUESTION_STAGES = (ASK, REVEAL)
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MAX_ANSWERS = len(LETTERS)  # a question with more answers shows the first 26 (no tree comes close)

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
        return self.tree.nodes[self.route.path[self.index]]

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
        common = RoundView(
            node_id=node.id,
            stage=self.stage,
            number=self.index + 1,
            count=self.question_count,
            scenario=self.scenario,
            scenarios=self.scenarios,
            prompt=_plain(self.route.scenario.prompt),
            trail=self._trail(),
        )
        if isinstance(node, Outcome):
            return replace(
                common,
                outcome=node.text,
                explanation=node.explanation if self.stage in (EXPLANATION, TRAPS) else "",
                traps=traps_markdown(node) if self.stage == TRAPS else "",
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
        return replace(
            common,
            question=node.text,
            answers=answers,
            tally=self.tallies.get(node.id),
            followed=letter(followed) if revealed and len(right) > 1 and followed is not None else "",
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
