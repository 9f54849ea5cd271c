"""The quiz in a terminal: the same engine as the window, read from a stream and written to one.

Works with piped input (one answer per line); the end of input ends the quiz with a partial
score, like Esc in the window.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from typing import TextIO

from trainer.draw.wrapping import reflow
from trainer.study.feedback import RIGHT, TIMED_OUT, Feedback, Results
from trainer.study.quiz import QuizSession

Recorder = Callable[[Feedback, float], None]
HELP = "Type a number, h for a hint, or q to stop."


def run_text_quiz(session: QuizSession, inp: TextIO, out: TextIO, record: Recorder | None = None) -> Results:
    """Ask every item of `session`; returns the results (partial when input ends or q is typed)."""
    while not session.done:
        started = session.clock()
        feedback = _ask_item(session, inp, out)
        if feedback is None:
            break
        if record is not None:
            record(feedback, session.clock() - started)
        _show_feedback(feedback, out)
    results = session.end()
    _show_results(results, out)
    return results


def _ask_item(session: QuizSession, inp: TextIO, out: TextIO) -> Feedback | None:
    """One item, question by question for a walk; None when the learner stops."""
    shown_prompt = False
    while True:
        view = session.view()
        if not shown_prompt:
            _say(out, f"\n[{view.number}/{view.total}] {_kind_title(view.kind)}")
            _say(out, _wrap(view.prompt))
            for requirement in view.requirements:
                _say(out, f"  - {requirement}")
            shown_prompt = True
        choices = view.answers if view.kind == "walk" else view.options
        if view.kind == "walk":
            _say(out, "\n" + _wrap(view.question))
        for number, text in enumerate(choices, 1):
            struck = " (ruled out by the hint)" if number - 1 in view.ruled_out else ""
            if view.option_requirements:  # reverse items: each option is a list of requirements
                _say(out, f"  {number}.{struck}")
                for requirement in view.option_requirements[number - 1]:
                    _say(out, f"       - {requirement}")
            else:
                _say(out, f"  {number}. {text}{struck}")
        choice = _read_choice(session, inp, out, len(choices))
        if choice is None:
            return None
        if view.kind != "walk":
            return session.answer(choice)
        feedback = session.choose(choice)
        if feedback is not None:
            return feedback


def _read_choice(session: QuizSession, inp: TextIO, out: TextIO, count: int) -> int | None:
    while True:
        out.write(f"Your answer (1-{count}, h, q): ")
        out.flush()
        line = inp.readline()
        if not line:  # end of input: stop with what was answered
            out.write("\n")
            return None
        if not inp.isatty():  # piped answers: show them, so the transcript reads as a dialogue
            out.write(line if line.endswith("\n") else line + "\n")
        text = line.strip().lower()
        if text in ("q", "quit"):
            return None
        if text in ("h", "hint"):
            hint = session.use_hint()
            _say(out, _wrap("Hint: " + hint) if hint else "No hint for this one.")
            continue
        if text.isdigit() and 1 <= int(text) <= count:
            return int(text) - 1
        _say(out, HELP)


def _show_feedback(feedback: Feedback, out: TextIO) -> None:
    verdict = {RIGHT: "✓ Right", TIMED_OUT: "⏱ Too late"}.get(feedback.status, "✗ Wrong")
    points = (
        f" ({feedback.score:g} point{'s' if feedback.score != 1 else ''}{', hint used' if feedback.hinted else ''})"
    )
    _say(out, f"\n{verdict}{points}. The answer: {feedback.right_outcome_text}")
    if feedback.wrong_step is not None:
        step = feedback.wrong_step
        _say(out, _wrap(feedback.astray()))
        if step.note:
            _say(out, _wrap(step.note))
    if feedback.explanation:
        _say(out, _wrap(feedback.explanation))
    for trap in feedback.traps:
        _say(out, _wrap(f"Not {trap.option}: {' '.join(trap.why.split())}", indent="  "))


def _show_results(results: Results, out: TextIO) -> None:
    minutes, seconds = divmod(int(round(results.elapsed)), 60)
    line = f"\nScore: {results.score:g} of {results.max_score} ({results.percentage:.0f}%) in {minutes}m {seconds:02d}s"
    if results.unanswered:
        line += f"; {results.unanswered} not answered ({results.answered_percentage:.0f}% of those answered)"
    _say(out, line)


def _kind_title(kind: str) -> str:
    return {
        "walk": "Walk the tree to the right outcome",
        "choice": "Which is the right choice?",
        "path": "These requirements lead to which outcome?",
        "reverse": "Which requirements lead here?",
    }[kind]


_EMPHASIS = re.compile(r"(\*\*|__|`)")


def _wrap(text: str, indent: str = "") -> str:
    """Author Markdown as terminal text: paragraphs wrapped, emphasis marks dropped."""
    paragraphs = reflow(_EMPHASIS.sub("", text)).split("\n\n")
    return "\n".join(
        textwrap.fill(p, width=88, initial_indent=indent, subsequent_indent=indent) for p in paragraphs if p
    )


def _say(out: TextIO, text: str) -> None:
    out.write(text + "\n")
