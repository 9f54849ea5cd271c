"""Walking a tree: choose, back, restart, the trail of breadcrumbs, notes, the outcome."""

from __future__ import annotations

from itertools import pairwise

import pytest

from trainer.core.loader import load_tree_text
from trainer.core.model import Outcome, Question
from trainer.study.walk import Walk

TREE = """\
format: 1
id: walk
title: Walk
start: q
nodes:
  q:
    question: First?
    answers:
      - label: "Yes"
        next: r
        note: Good start.
      - label: "No"
        next: bad
  r:
    question: Second?
    answers:
      - label: A
        next: good
        note: Well chosen.
      - label: B
        next: bad
  good:
    outcome: Good
    explanation: Why good.
  bad:
    outcome: Bad
    explanation: Why bad.
"""


@pytest.fixture
def walk() -> Walk:
    result = load_tree_text(TREE)
    assert result.tree is not None and not any(p.is_error for p in result.problems)
    return Walk(result.tree)


def test_a_walk_starts_at_the_start(walk):
    assert walk.current_id == "q" and isinstance(walk.current, Question)
    assert not walk.at_outcome and not walk.can_go_back
    assert [a.label for a in walk.answers()] == ["Yes", "No"]
    assert walk.trail() == [] and walk.last_note == ""


def test_choose_moves_to_the_next_node_and_shows_its_note(walk):
    answer = walk.choose(0)
    assert answer.label == "Yes"
    assert walk.current_id == "r" and walk.can_go_back
    assert walk.last_note == "Good start."


def test_walking_to_an_outcome(walk):
    walk.choose(0)
    walk.choose(0)
    assert walk.at_outcome and isinstance(walk.current, Outcome)
    assert walk.current.text == "Good" and walk.answers() == ()
    assert walk.last_note == "Well chosen."


def test_trail_lists_questions_with_the_answers_given(walk):
    walk.choose(0)
    walk.choose(1)
    assert [(q.id, a.label) for q, a in walk.trail()] == [("q", "Yes"), ("r", "B")]
    assert walk.current_id == "bad" and walk.last_note == ""


def test_back_undoes_one_step(walk):
    walk.choose(0)
    walk.choose(0)
    walk.back()
    assert walk.current_id == "r" and not walk.at_outcome
    assert [(q.id, a.label) for q, a in walk.trail()] == [("q", "Yes")]


def test_back_at_the_start_stays_there(walk):
    walk.back()
    assert walk.current_id == "q" and walk.trail() == []


def test_restart_returns_to_the_start(walk):
    walk.choose(0)
    walk.choose(0)
    walk.restart()
    assert walk.current_id == "q" and walk.trail() == [] and not walk.can_go_back


@pytest.mark.parametrize("index", [2, -1, 99])
def test_choose_a_missing_answer_raises_index_error(walk, index):
    with pytest.raises(IndexError, match=f"no answer at index {index} of 'q'"):
        walk.choose(index)
    assert walk.current_id == "q" and walk.trail() == []


def test_choose_at_an_outcome_raises_index_error(walk):
    walk.choose(1)
    with pytest.raises(IndexError):
        walk.choose(0)
    assert walk.current_id == "bad"


def test_jump_to_takes_the_shortest_way_from_the_start(walk):
    start = walk.tree.start
    targets = [n for n in walk.tree.nodes if n != start]
    far = targets[-1]
    assert walk.jump_to(far)
    assert walk.current_id == far
    assert walk.steps[0].node_id == start
    for before, after in pairwise(walk.steps):
        assert before.answer.next == after.node_id
    assert walk.jump_to(start) and walk.steps == []


def test_jump_to_an_unreachable_node_is_refused():
    tree = load_tree_text(
        "format: 1\nid: u\ntitle: U\nstart: q\nnodes:\n  q:\n    question: Q?\n    answers:\n"
        "      - label: a\n        next: o\n  o:\n    outcome: O\n    explanation: x\n"
        "  lost:\n    outcome: Lost\n    explanation: y\n"
    ).tree
    walk = Walk(tree)
    walk.choose(0)
    assert not walk.jump_to("lost")
    assert walk.current_id == "o"  # unchanged
