"""Mastery per outcome and per answer edge, from per-item accuracy."""

from __future__ import annotations

from trainer.loader import load_tree_text
from trainer.mastery import item_outcomes, mastery
from trainer.quiz import outcome_key, scenario_key

TREE = """\
format: 1
id: t
title: T
start: a
nodes:
  a:
    question: A?
    answers:
      - label: "Yes"
        next: b
      - label: "No"
        next: good
  b:
    question: B?
    answers:
      - label: left
        next: weak
      - label: right
        next: good
  weak:
    outcome: Weak one
    explanation: x
  good:
    outcome: Good one
    explanation: y
scenarios:
  - prompt: P weak
    expect: weak
  - prompt: P good
    expect: good
"""


def tree():  # type: ignore[no-untyped-def]
    result = load_tree_text(TREE)
    assert result.tree is not None
    return result.tree


def test_items_map_to_the_outcome_they_test() -> None:
    keys = item_outcomes(tree())
    assert keys[scenario_key("t", "walk", "P weak", "weak")] == "weak"
    assert keys[outcome_key("t", "reverse", "good")] == "good"


def test_outcome_and_edge_mastery() -> None:
    accuracy = {
        scenario_key("t", "walk", "P weak", "weak"): 0.0,
        outcome_key("t", "path", "weak"): 0.5,
        scenario_key("t", "choice", "P good", "good"): 1.0,
    }
    m = mastery(tree(), accuracy)
    assert m.outcomes == {"weak": 0.25, "good": 1.0}
    assert m.edges[("b", "weak")] == 0.25 and m.edges[("b", "good")] == 1.0
    assert m.edges[("a", "b")] == (0.25 + 1.0) / 2  # both outcomes lie below b
    assert m.edges[("a", "good")] == 1.0


def test_untested_parts_have_no_mastery() -> None:
    m = mastery(tree(), {})
    assert m.outcomes == {} and m.edges == {}
