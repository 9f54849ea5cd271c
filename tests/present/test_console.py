"""What the presenter's console says (`trainer.present.console_view`, no Qt): the step the room sees, what
forward will show (always what forward then shows), the notes before the room sees them, and
the clocks."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from tests.present.test_presentation import all_paths, bundled, load
from trainer.core.library import read_tree
from trainer.core.loader import load_tree_text
from trainer.core.model import Question
from trainer.present.console_view import (
    Stopwatch,
    clock_text,
    elapsed_text,
    presentation_console_view,
)
from trainer.present.presentation import ANSWERS, CHOSEN, OUTCOME, Presentation


def walk_forward(p: Presentation, choices: tuple[int, ...]) -> None:
    """Check, at every step of a path, that the console's `next` is the `now` that follows."""
    remaining = list(choices)
    while True:
        ahead = presentation_console_view(p).next
        if p.slide.stage == ANSWERS:
            would = p.copy()
            if not would.forward() or would.slide.chosen != remaining[0]:  # the presenter picks with a digit
                assert p.choose(remaining.pop(0))
                continue
        before, was_end = p.slide, p.at_end
        moved = p.forward()
        if not moved:
            assert was_end and ahead.startswith("Nothing: the whole tree has been shown") and p.slide == before
            return
        if was_end:  # the tour goes back up to a branch not shown yet: the path is done
            assert ahead == "Next branch — " + presentation_console_view(p).now, (before, p.slide)
            return
        if p.slide.stage == CHOSEN:
            remaining.pop(0)
        assert presentation_console_view(p).now == ahead, (before, p.slide)


@pytest.mark.parametrize("path", bundled(), ids=lambda p: p.stem)
def test_next_is_what_forward_then_shows_over_every_path_of_bundled_trees(path: Path) -> None:
    tree = read_tree(path).tree
    assert tree is not None
    for choices in all_paths(tree):
        walk_forward(Presentation(tree), choices)
        rehearsed = Presentation(tree)  # a second time: forward follows the remembered answers
        walk_forward(rehearsed, choices)
        rehearsed.restart()
        walk_forward(rehearsed, choices)


def test_at_a_question_with_answers_shown_and_no_remembered_choice_forward_takes_the_first() -> None:
    p = Presentation(load())
    p.forward()
    assert p.slide.stage == ANSWERS
    view = presentation_console_view(p)
    assert view.next == "Question 1: First? — answer 1 chosen: Yes"
    assert view.now == "Question 1: First? — answers shown: 1 Yes · 2 No"
    p.choose(1)
    p.back()  # the answer is remembered now: the console says where forward goes
    assert presentation_console_view(p).next == "Question 1: First? — answer 2 chosen: No"


def test_the_presenter_sees_help_note_and_where_answers_lead() -> None:
    p = Presentation(load())
    view = presentation_console_view(p)
    assert view.now == "Question 1: First? — answers not shown yet"
    notes = dict(view.notes)
    assert notes["Help"] == "Think."
    assert notes["Answers"] == "- **1 Yes** → Only one way on?\n- **2 No** → Bare"
    p.choose(0)
    notes = dict(presentation_console_view(p).notes)
    assert notes["Note on “Yes”"] == "Good start."
    assert notes["Answers"].startswith("- ▶ **1 Yes**")


def test_the_presenter_sees_the_explanation_and_traps_before_the_room_does() -> None:
    p = Presentation(load())
    for index in (0, 0):
        p.choose(index)
        p.forward()
    assert p.slide.stage == OUTCOME
    view = presentation_console_view(p)
    assert view.now == "Outcome: Full"
    assert view.next == "Outcome: Full — with its explanation"
    assert dict(view.notes) == {
        "Explanation (not shown yet)": "Why full.",
        "Tempting, but not the answer (not shown yet)": "- **Empty**: It is not.",
    }
    p.forward()
    p.forward()
    view = presentation_console_view(p)
    assert view.next == "Next branch — Question 1: First? — answer 2 chosen: No"
    assert [h for h, _ in view.notes] == ["Explanation", "Tempting, but not the answer"]


def test_links_are_listed_for_the_presenter_and_author_text_is_escaped() -> None:
    tree = load_tree_text("""\
format: 1
id: linked
title: Linked
start: q
nodes:
  q:
    question: "Pick *one*"
    answers:
      - {label: "[A]", next: o}
  o:
    outcome: Done
    links:
      - {title: Guide, url: "https://example.org/guide"}
""").tree
    assert tree is not None
    p = Presentation(tree)
    assert dict(presentation_console_view(p).notes)["Answers"] == r"- **1 \[A\]** → Done"
    p.choose(0)
    p.forward()
    assert (
        dict(presentation_console_view(p).notes)["Links (not shown to the room)"]
        == "- [Guide](<https://example.org/guide>)"
    )


def test_the_console_never_moves_the_presentation() -> None:
    p = Presentation(load())
    p.choose(0)
    before = (p.slide, dict(p.remembered))
    presentation_console_view(p)
    assert (p.slide, dict(p.remembered)) == before
    assert isinstance(p.node, Question)


def test_elapsed_and_clock_texts() -> None:
    assert elapsed_text(0) == "0:00"
    assert elapsed_text(5.9) == "0:05"
    assert elapsed_text(754) == "12:34"
    assert elapsed_text(3723) == "1:02:03"
    assert elapsed_text(-3) == "0:00"  # a clock set back never shows a negative time
    assert clock_text(datetime(2026, 3, 4, 9, 5, 59)) == "09:05"
    assert clock_text(datetime(2026, 3, 4, 23, 59)) == "23:59"


def test_the_stopwatch_counts_from_its_start_and_from_a_reset() -> None:
    now = [100.0]
    watch = Stopwatch(lambda: now[0])
    now[0] = 160.5
    assert watch.elapsed() == pytest.approx(60.5)
    watch.reset()
    assert watch.elapsed() == 0
    now[0] = 190.0
    assert elapsed_text(watch.elapsed()) == "0:29"
