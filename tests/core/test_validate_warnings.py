"""Warnings (they do not stop use) and the absence of problems in good trees."""

from __future__ import annotations

import pytest

from trainer.core.library import read_tree
from trainer.core.problems import Pos, Severity

WARNING = Severity.WARNING


def test_clean_tree_has_no_problems(check, clean_tree):
    assert check(clean_tree) == []


def test_shared_node_reached_by_two_answers_is_fine(check):
    problems = check(
        """
        format: 1
        id: t
        title: T
        start: q
        nodes:
          q:
            question: Q?
            answers:
              - label: A
                next: r
              - label: B
                next: r
          r:
            question: R?
            answers:
              - label: C
                next: o
              - label: D
                next: o
          o:
            outcome: O
            explanation: Why.
        scenarios:
          - prompt: P
            expect: o
        """
    )
    assert problems == []


def test_unreachable_node_is_a_warning_at_the_node(check, find, clean_tree, write_tree):
    text = clean_tree.replace("scenarios:", "  orphan:\n    outcome: Lost\n    explanation: Nobody comes.\nscenarios:")
    p = find(check(text), "cannot be reached")
    assert (p.severity, p.pos) == (WARNING, Pos(21, 5))
    assert "node 'orphan'" in p.message and "from the start 'q'" in p.message
    assert "lead an answer to it or remove it" in p.message
    assert read_tree(write_tree(text)).usable


def test_unreachable_question_is_a_warning(check, find, clean_tree):
    text = clean_tree.replace(
        "scenarios:",
        "  lonely:\n    question: Ever asked?\n    answers:\n      - {label: 'Yes', next: good}\nscenarios:",
    )
    p = find(check(text), "node 'lonely' cannot be reached")
    assert (p.severity, p.pos) == (WARNING, Pos(21, 5))


def test_outcome_no_scenario_expects(check, find, clean_tree):
    text = clean_tree.replace("  - prompt: Something dirty.\n    expect: bad\n", "")
    problems = check(text)
    p = find(problems, "no scenario expects outcome 'bad'")
    assert (p.severity, p.pos) == (WARNING, Pos(18, 5))
    assert "add one so learners are tested on it" in p.message
    assert len(problems) == 1


def test_tree_without_scenarios_gets_one_warning(check, find, clean_tree):
    text = clean_tree.split("scenarios:")[0]
    problems = check(text)
    assert len(problems) == 1
    p = find(problems, "the tree has no scenarios")
    assert (p.severity, p.pos) == (WARNING, Pos(2, 5))


@pytest.mark.parametrize(
    "replacement",
    ["", '    explanation: ""\n', "    explanation: '   '\n", "    explanation:\n"],
    ids=["missing", "empty", "blank", "null"],
)
def test_empty_explanation_is_a_warning(check, find, clean_tree, replacement):
    text = clean_tree.replace("    explanation: Because it is clean.\n", replacement)
    problems = check(text)
    p = find(problems, "outcome 'good' has no explanation")
    assert (p.severity, p.pos) == (WARNING, Pos(15, 5))
    assert "say in a few sentences why it is right" in p.message
    assert len(problems) == 1


def test_warnings_are_sorted_with_errors_by_position(check, clean_tree):
    text = clean_tree.replace("format: 1", "format: 3").replace("    explanation: Because it is not.\n", "")
    problems = check(text)
    assert [(p.pos, p.severity) for p in problems] == [(Pos(1, 9), Severity.ERROR), (Pos(18, 5), WARNING)]
