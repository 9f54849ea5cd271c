"""What the presenter's console shows (no Qt): the step the room sees, what the next step will
reveal, and the presenter's notes.

Both ways of presenting are described here as a `ConsoleView` (`presentation_console_view`
for the step-by-step presentation, `audience_console_view` for the audience round), so the
console widget renders one kind of value whichever is running.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from time import monotonic

from trainer.core.markdown import escape, links_markdown, traps_markdown
from trainer.core.model import Outcome, Question, Tree
from trainer.present.audience import ASK, AudienceRound, AudienceSession, RoundView, letter
from trainer.present.presentation import ANSWERS, EXPLANATION, OUTCOME, QUESTION, TRAPS, Presentation


@dataclass(frozen=True)
class ConsoleView:
    """The console's content for one step; author text stays as written (Markdown)."""

    now: str  # the step the room sees, in a line or two ("Question 2: Is the traffic HTTP? (answers shown)")
    next: str  # what the next forward step reveals; "" when there is nothing further
    notes: tuple[tuple[str, str], ...] = ()  # (heading, Markdown) pairs: help, note, explanation, traps


# --- the step-by-step presentation, described for the console -------------------------------------
ROUND_NEXT = "The audience round on the tree's scenarios (the tour has shown every branch)"


def presentation_console_view(presentation: Presentation, round_follows: bool = False) -> ConsoleView:
    """What the console shows during a presentation: the step the room sees, what forward will
    reveal (found by stepping a copy forward, so it is always what forward then shows), and the
    notes of the current node, the explanation and traps included before the room sees them.
    `round_follows`: the tree has scenarios, so forward at the tour's end starts the audience round."""
    return ConsoleView(step_words(presentation), _next_words(presentation, round_follows), _notes(presentation))


def slide_keys(presentation: Presentation, round_follows: bool = False) -> str:
    """The keys of the slide shown, in a line: the room's hint, or the console's when it is open."""
    node, slide = presentation.node, presentation.slide
    if isinstance(node, Question) and slide.stage == ANSWERS and len(node.answers) > 1:
        return f"1–{min(len(node.answers), 9)} choose an answer · → next · ← back · B blank · G whole tree · Esc leave"
    if presentation.at_end:
        if presentation.next_branch() is not None:
            return "End of this path · → next branch · ← back · Home start again · Esc leave"
        if round_follows:
            return "The whole tree has been shown · → audience round · ← back · Home start again · Esc leave"
        return "The whole tree has been shown · ← back · Home start again · Esc leave"
    return "→ next · ← back · B blank · G whole tree · Esc leave"


def step_words(presentation: Presentation) -> str:
    """The visible step in a line: the node's text and how much of it is revealed."""
    node, slide = presentation.node, presentation.slide
    text = _one_line(node.text)
    if isinstance(node, Outcome):
        revealed = {
            OUTCOME: "",
            EXPLANATION: " — with its explanation",
            TRAPS: " — with its explanation and traps" if node.explanation.strip() else " — with its traps",
        }
        return f"Outcome: {text}{revealed[slide.stage]}"
    head = f"Question {len(slide.trail) + 1}: {text}"
    if slide.stage == QUESTION:
        return f"{head} — answers not shown yet"
    if slide.stage == ANSWERS:
        return f"{head} — answers shown: " + " · ".join(
            f"{i} {_one_line(a.label)}" for i, a in enumerate(node.answers[:9], 1)
        )
    answer = presentation.chosen_answer
    assert answer is not None and slide.chosen is not None
    return f"{head} — answer {slide.chosen + 1} chosen: {_one_line(answer.label)}"


def _next_words(presentation: Presentation, round_follows: bool = False) -> str:
    ahead = presentation.copy()
    if ahead.forward():
        return ("Next branch — " if presentation.at_end else "") + step_words(ahead)
    node = presentation.node
    if presentation.at_end:
        return ROUND_NEXT if round_follows else "Nothing: the whole tree has been shown (Home starts again)"
    if isinstance(node, Question) and presentation.slide.stage == ANSWERS:
        return "Nothing: no answer here leads to a node of the tree"
    return "Nothing: the chosen answer leads to a node that is missing from the tree"


def _notes(presentation: Presentation) -> tuple[tuple[str, str], ...]:
    node, slide = presentation.node, presentation.slide
    notes: list[tuple[str, str]] = []
    if isinstance(node, Question):
        if node.help.strip():
            notes.append(("Help", node.help))
        chosen = presentation.chosen_answer
        if chosen is not None and chosen.note.strip():
            notes.append((f"Note on “{_one_line(chosen.label)}”", chosen.note))
        notes.append(("Answers", _answers_markdown(presentation, node)))
        return tuple(notes)
    later = " (not shown yet)"
    if node.explanation.strip():
        notes.append(("Explanation" + ("" if slide.shows_explanation else later), node.explanation))
    if node.traps:
        notes.append(("Tempting, but not the answer" + ("" if slide.shows_traps else later), traps_markdown(node)))
    links = links_markdown(node)
    if links:
        notes.append(("Links (not shown to the room)", links))
    return tuple(notes)


def _answers_markdown(presentation: Presentation, question: Question) -> str:
    """Each answer with where it leads, the chosen one marked (its note has its own heading)."""
    lines = []
    for index, answer in enumerate(question.answers[:9]):
        target = presentation.tree.nodes.get(answer.next)
        where = _one_line(target.text) if target is not None else f"{answer.next} (missing)"
        mark = "▶ " if index == presentation.slide.chosen else ""
        lines.append(f"- {mark}**{index + 1} {escape(answer.label)}** → {escape(where)}")
    return "\n".join(lines)


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- the audience round, described for the console -------------------------------------------------
def round_words(view: RoundView) -> str:
    """A step of the audience round in words, for the presenter."""
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


def audience_console_view(session: AudienceSession, private: bool = True) -> ConsoleView:
    """What the presenter's console shows while a round runs: the step, what forward reveals
    (the right letter and the outcome, for the presenter's eyes only) and the notes.

    `private=False` is for notes the room can see too (the one-screen overlay): then nothing is
    told before the room has seen it, neither the right answers nor any outcome."""
    round_ = session.round
    ahead = session.peek()
    following = round_words(ahead) if ahead is not None else ""
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
    return ConsoleView(round_words(round_.view), following, tuple(notes))


KEPT_BACK = "On the presenter's console only: it names an outcome the room has not seen yet."


def _kept_back(heading: str, text: str, tree: Tree) -> tuple[str, str]:
    """A note the room would see that names an outcome (a question's help that compares the
    storage classes to choose from) is kept for the console until the outcome is revealed."""
    if heading != "Scenario" and any(o.text in text for o in tree.outcomes):
        return heading, KEPT_BACK
    return heading, text


def _answer_line(question: Question, index: int) -> str:
    answer = question.answers[index]
    line = f"**{letter(index)}** {_one_line(answer.label)}"
    return f"{line}: {answer.note.strip()}" if answer.note.strip() else line


def _right_answers_text(round_: AudienceRound) -> str:
    node = round_.node
    assert isinstance(node, Question)
    return " and ".join(f"{letter(i)} ({_one_line(node.answers[i].label)})" for i in round_.right_answers())


# --- the presenter's clocks ------------------------------------------------------------------------
def elapsed_text(seconds: float) -> str:
    """A duration as the console shows it: 0:05, 12:34, 1:02:03 (never negative)."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def clock_text(now: datetime) -> str:
    """The time of day as hours and minutes (24-hour): what a presenter glances at."""
    return f"{now.hour:02d}:{now.minute:02d}"


class Stopwatch:
    """Time since the presentation started (or since the presenter reset it). The clock is a
    parameter so tests can move time by hand."""

    def __init__(self, clock: Callable[[], float] = monotonic) -> None:
        self._clock = clock
        self._start = clock()

    def reset(self) -> None:
        self._start = self._clock()

    def elapsed(self) -> float:
        return self._clock() - self._start


def notes_markdown(notes: tuple[tuple[str, str], ...]) -> str:
    """The notes as one Markdown text: each heading in bold (escaped: it may quote an answer's
    label), the author's Markdown below it."""
    return "\n\n".join(f"**{escape(heading)}**\n\n{text}" for heading, text in notes)
