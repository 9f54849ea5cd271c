"""The presentation's reveal sequence: one thing per step, back undoes exactly one step."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.library import read_tree
from trainer.core.loader import load_tree_text
from trainer.core.model import Answer, Outcome, Question, Tree
from trainer.infra.paths import bundled_trees_dir
from trainer.present.presentation import (
    ANSWERS,
    CHOSEN,
    EXPLANATION,
    OUTCOME,
    QUESTION,
    TRAPS,
    Presentation,
    Slide,
)
from trainer.study.walk import Walk

TREE = """\
format: 1
id: present
title: Present
start: q
nodes:
  q:
    question: First?
    help: Think.
    answers:
      - label: "Yes"
        next: r
        note: Good start.
      - label: "No"
        next: bare
  r:
    question: Only one way on?
    answers:
      - label: On
        next: full
  full:
    outcome: Full
    explanation: Why full.
    not:
      - option: Empty
        why: It is not.
  bare:
    outcome: Bare
"""


def load(text: str = TREE) -> Tree:
    result = load_tree_text(text)
    assert result.tree is not None and not result.problems, result.problems
    return result.tree


def bundled() -> list[Path]:
    return sorted(bundled_trees_dir().glob("*.yaml"))


def all_paths(tree: Tree, limit: int = 3000) -> list[tuple[int, ...]]:
    """Every root-to-outcome path as answer indexes (a node is never entered twice on one path)."""
    out: list[tuple[int, ...]] = []
    stack: list[tuple[str, tuple[int, ...], frozenset[str]]] = [(tree.start, (), frozenset({tree.start}))]
    while stack and len(out) < limit:
        node_id, choices, seen = stack.pop()
        node = tree.nodes[node_id]
        if isinstance(node, Outcome):
            out.append(choices)
            continue
        for index, answer in enumerate(node.answers):
            if answer.next in tree.nodes and answer.next not in seen:
                stack.append((answer.next, choices + (index,), seen | {answer.next}))
    return out


def present_path(presentation: Presentation, choices: tuple[int, ...], digits: bool = True) -> list[Slide]:
    """Step forward along `choices` (digits where a choice is needed), to the outcome's last stage;
    every state passed, the first included."""
    slides = [presentation.slide]
    remaining = list(choices)
    while not presentation.at_end:
        if presentation.slide.stage == ANSWERS and digits:
            assert presentation.choose(remaining.pop(0))
        else:
            assert presentation.forward(), presentation.slide
        slides.append(presentation.slide)
        if presentation.slide.stage == CHOSEN and not digits:
            remaining.pop(0)
    assert not remaining
    return slides


def test_a_question_reveals_question_then_answers_then_the_choice_then_moves_on() -> None:
    p = Presentation(load())
    assert p.slide == Slide("q", QUESTION)
    assert not p.slide.shows_answers
    assert p.forward() and p.slide == Slide("q", ANSWERS)
    assert p.slide.shows_answers
    assert p.forward() and p.slide == Slide("q", CHOSEN, 0), "none chosen: forward takes the first answer"
    assert p.back() and p.slide == Slide("q", ANSWERS)
    assert p.choose(0) and p.slide == Slide("q", CHOSEN, 0)
    assert p.chosen_answer is not None and p.chosen_answer.note == "Good start."
    assert p.forward()
    assert p.slide.node_id == "r" and p.slide.stage == QUESTION and len(p.slide.trail) == 1


def test_an_only_answer_is_followed_without_a_digit() -> None:
    p = Presentation(load())
    p.choose(0)
    p.forward()
    p.forward()
    assert p.forward() and p.slide.stage == CHOSEN and p.slide.chosen == 0


def test_an_outcome_reveals_outcome_then_explanation_then_traps_and_stops() -> None:
    p = Presentation(load())
    for _ in range(6):
        p.choose(0) if p.slide.stage == ANSWERS else p.forward()
    assert (p.slide.node_id, p.slide.stage) == ("full", OUTCOME)
    assert p.forward() and p.slide.stage == EXPLANATION and p.slide.shows_explanation
    assert p.forward() and p.slide.stage == TRAPS and p.slide.shows_traps
    assert p.at_end and not p.tour_done and p.next_branch() == "q"  # "No" at the first question is not shown yet


def test_the_tour_shows_every_branch_with_forward_alone_and_back_undoes_each_step() -> None:
    p = Presentation(load())
    slides = [p.slide]
    while p.forward():
        slides.append(p.slide)
    seen = [(s.node_id, s.stage, s.chosen) for s in slides]
    assert seen == [
        ("q", QUESTION, None),
        ("q", ANSWERS, None),
        ("q", CHOSEN, 0),
        ("r", QUESTION, None),
        ("r", ANSWERS, None),
        ("r", CHOSEN, 0),
        ("full", OUTCOME, None),
        ("full", EXPLANATION, None),
        ("full", TRAPS, None),
        ("q", CHOSEN, 1),  # back up to the branch not yet shown: "No" chosen
        ("bare", OUTCOME, None),
    ]
    assert p.tour_done and p.next_branch() is None and not p.forward(), "the whole tree has been shown"
    backward = [p.slide]
    while p.back():
        backward.append(p.slide)
    assert backward == slides[::-1]
    p.restart()
    assert p.slide == Slide("q", QUESTION) and p.next_branch() is None
    # back undid the jump, and with it the choice it made: a new tour replays the one remembered before
    assert p.forward() and p.forward() and p.slide == Slide("q", CHOSEN, 0)


@pytest.mark.parametrize("path", bundled(), ids=lambda p: p.stem)
def test_the_tour_reaches_every_outcome_of_the_bundled_trees(path: Path) -> None:
    tree = read_tree(path).tree
    assert tree is not None
    p = Presentation(tree)
    shown, steps = {p.slide.node_id}, 0
    while p.forward():
        shown.add(p.slide.node_id)
        steps += 1
        assert steps < 5000
    reachable = {
        n
        for n in tree.nodes
        if any(n == a.next for q in tree.nodes.values() if isinstance(q, Question) for a in q.answers)
    }
    assert shown >= reachable | {tree.start}
    for _ in range(steps):
        assert p.back()
    assert p.slide == Slide(tree.start, QUESTION) and not p.back()


def test_stages_with_nothing_to_show_are_skipped() -> None:
    p = Presentation(load())
    p.choose(1)
    p.forward()
    assert p.slide.node_id == "bare" and p.at_end
    assert p.forward() and p.slide == Slide("q", CHOSEN, 0, seen=frozenset({"bare"})), (
        "the tour goes on with the answer not shown"
    )


def test_a_digit_at_the_question_reveals_and_chooses_in_one_step() -> None:
    p = Presentation(load())
    assert p.choose(1) and p.slide == Slide("q", CHOSEN, 1)
    assert p.choose(0) and p.slide == Slide("q", CHOSEN, 0), "a digit again changes the choice"
    assert not p.choose(0) and not p.choose(5) and not p.choose(-1)
    assert p.back() and p.slide == Slide("q", ANSWERS)


def test_back_at_the_start_and_home() -> None:
    p = Presentation(load())
    assert not p.back()
    p.choose(0)
    p.forward()
    p.restart()
    assert p.slide == Slide("q", QUESTION)


def test_forward_after_back_is_a_redo_and_a_rehearsed_walk_replays_with_forward_alone() -> None:
    tree = load()
    p = Presentation(tree)
    rehearsal = present_path(p, (0, 0))
    p.restart()
    clicker = [p.slide]
    while not p.at_end:
        assert p.forward()
        clicker.append(p.slide)
    assert clicker == rehearsal


def test_a_presentation_can_start_where_a_walk_is() -> None:
    tree = load()
    walk = Walk(tree)
    walk.choose(0)
    p = Presentation.at(walk)
    assert p.slide.node_id == "r" and p.slide.stage == QUESTION
    assert p.back() and p.slide == Slide("q", CHOSEN, 0)


def check_symmetry(tree: Tree, choices: tuple[int, ...]) -> None:
    p = Presentation(tree)
    forward = present_path(p, choices)
    backward = [p.slide]
    while p.back():
        backward.append(p.slide)
    assert backward == forward[::-1]
    assert len(set(forward)) == len(forward), "every step changes what is shown"


@pytest.mark.parametrize("path", bundled(), ids=lambda p: p.stem)
def test_forward_and_back_pass_the_same_states_on_every_path_of_bundled_trees(path: Path) -> None:
    tree = read_tree(path).tree
    assert tree is not None
    paths = all_paths(tree)
    assert paths
    for choices in paths:
        check_symmetry(tree, choices)


@st.composite
def trees(draw: st.DrawFn) -> Tree:
    """Random acyclic trees: node i leads only to nodes after it; the last ones are outcomes."""
    questions = draw(st.integers(1, 8))
    outcomes = draw(st.integers(1, 4))
    nodes: dict[str, Question | Outcome] = {}
    for i in range(questions):
        count = draw(st.integers(1, 4))
        targets = draw(st.lists(st.integers(i + 1, questions + outcomes - 1), min_size=count, max_size=count))
        nodes[f"n{i}"] = Question(f"n{i}", f"Q{i}?", tuple(Answer(f"a{k}", f"n{t}") for k, t in enumerate(targets)))
    for j in range(questions, questions + outcomes):
        nodes[f"n{j}"] = Outcome(f"n{j}", f"O{j}", draw(st.sampled_from(["", "why"])))
    return Tree("t", "T", "n0", nodes)


@settings(max_examples=60, deadline=None)
@given(trees(), st.data())
def test_forward_and_back_are_symmetric_on_random_trees(tree: Tree, data: st.DataObject) -> None:
    choices: list[int] = []
    node = tree.start_node
    while isinstance(node, Question):
        index = data.draw(st.integers(0, len(node.answers) - 1))
        choices.append(index)
        node = tree.nodes[node.answers[index].next]
    check_symmetry(tree, tuple(choices))


def test_a_copy_steps_on_its_own() -> None:
    p = Presentation(load())
    p.choose(0)
    ahead = p.copy()
    assert ahead.slide == p.slide and ahead.remembered == p.remembered and ahead.tree is p.tree
    assert ahead.forward() and ahead.slide.node_id == "r"
    assert p.slide == Slide("q", CHOSEN, 0), "the original has not moved"
    ahead.choose(0)
    assert "r" not in p.remembered


# --- what the room has seen: the graph beside the slide names only these outcomes ----------------


def outcomes_on_slides(tree: Tree, slides: list[Slide]) -> frozenset[str]:
    return frozenset(s.node_id for s in slides if isinstance(tree.nodes[s.node_id], Outcome))


def test_an_outcome_is_seen_from_the_step_that_reveals_it_and_stays_seen_on_the_tour() -> None:
    p = Presentation(load())
    assert p.seen == frozenset() and p.slide.seen == frozenset(), "step 1 shows a question, no outcome"
    p.choose(1)  # "No": the move to the outcome "Bare" is lit, the outcome not yet shown
    assert p.slide.stage == CHOSEN and p.seen == frozenset()
    assert p.forward() and p.slide.node_id == "bare" and p.seen == {"bare"} and p.slide.seen == {"bare"}
    assert p.forward() and p.slide == Slide("q", CHOSEN, 0, seen=frozenset({"bare"})), "the tour jumps back up"
    for _ in range(3):  # r, its answers, the choice of "On" (the move to "Full" lit)
        assert p.forward() and p.seen == {"bare"}
    assert p.forward() and p.slide.node_id == "full" and p.seen == {"bare", "full"}
    assert p.forward() and p.forward() and p.tour_done and p.seen == {"bare", "full"}


def test_back_from_the_reveal_hides_the_outcome_again_and_home_hides_them_all() -> None:
    p = Presentation(load())
    p.choose(1)
    p.forward()
    assert p.seen == {"bare"}
    assert p.back() and p.slide == Slide("q", CHOSEN, 1) and p.seen == frozenset(), "an exact undo"
    assert p.forward() and p.seen == {"bare"}
    p.forward()  # the jump back up to "Yes"
    assert p.back() and p.slide.node_id == "bare" and p.seen == {"bare"}, "undoing the jump keeps what it showed"
    p.forward()
    p.restart()
    assert p.slide == Slide("q", QUESTION) and p.seen == frozenset()


def test_an_outcome_the_presentation_opens_on_is_seen_from_the_first_step() -> None:
    tree = load()
    walk = Walk(tree)
    walk.choose(1)
    p = Presentation.at(walk)
    assert p.slide.node_id == "bare" and p.seen == {"bare"}
    assert p.back() and p.slide == Slide("q", CHOSEN, 1, seen=frozenset({"bare"})), "the room saw it at step 1"
    assert p.forward() and p.back() and p.seen == {"bare"}


def test_a_copy_keeps_what_the_room_has_seen_on_its_own() -> None:
    p = Presentation(load())
    p.choose(1)
    ahead = p.copy()
    assert ahead.forward() and ahead.seen == {"bare"} and p.seen == frozenset()


def tour(tree: Tree) -> list[Slide]:
    p = Presentation(tree)
    slides = [p.slide]
    while p.forward():
        slides.append(p.slide)
        assert len(slides) < 5000
    return slides


def check_seen_is_what_the_slides_showed(tree: Tree) -> None:
    """At every step of a tour, the outcomes seen are exactly those the slides have shown so far;
    back through the tour passes the same values in reverse."""
    slides = tour(tree)
    for index, slide in enumerate(slides):
        assert slide.seen == outcomes_on_slides(tree, slides[: index + 1]), (index, slide)
    p = Presentation(tree)
    while p.forward():
        pass
    backward = [p.slide]
    while p.back():
        backward.append(p.slide)
    assert [s.seen for s in backward] == [s.seen for s in slides[::-1]]


@pytest.mark.parametrize("path", bundled(), ids=lambda p: p.stem)
def test_on_the_bundled_trees_the_graph_may_name_only_the_outcomes_shown_so_far(path: Path) -> None:
    tree = read_tree(path).tree
    assert tree is not None
    check_seen_is_what_the_slides_showed(tree)
    first = tour(tree)[0]
    assert first.seen == frozenset() or first.node_id in first.seen


@settings(max_examples=60, deadline=None)
@given(trees())
def test_seen_is_what_the_slides_showed_on_random_trees(tree: Tree) -> None:
    check_seen_is_what_the_slides_showed(tree)
