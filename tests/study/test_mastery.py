"""Mastery per outcome and per answer edge, from per-item accuracy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from trainer.core.loader import load_tree_text
from trainer.study.history import open_history
from trainer.study.items import key_outcome, outcome_key, scenario_key
from trainer.study.mastery import RemovedItem, due_counts, item_outcomes, live_due, mastery, removed_items

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


def test_removed_items_are_listed_with_what_the_history_knows(tmp_path: Path) -> None:
    """History recorded against an older version of the tree (an outcome and a scenario since
    removed), read back from a real SQLite file."""
    t0 = datetime(2024, 5, 1, 9, tzinfo=UTC)
    old_outcome = outcome_key("t", "reverse", "retired")
    old_scenario = scenario_key("t", "walk", "A prompt since rewritten", "weak")
    kept = scenario_key("t", "walk", "P weak", "weak")
    with open_history(tmp_path / "history.sqlite3") as history:
        history.record("t", old_outcome, "reverse", True, 1.0, now=t0)
        history.record("t", old_outcome, "reverse", False, 0.0, now=t0 + timedelta(days=1))
        history.record("t", old_scenario, "walk", True, 1.0, now=t0 + timedelta(days=2))
        history.record("t", kept, "walk", True, 1.0, now=t0)
        records = history.item_records("t")
    gone = removed_items(tree(), records)
    assert [(g.record.key, g.outcome_id) for g in gone] == [(old_scenario, None), (old_outcome, "retired")]
    assert gone[1] == RemovedItem(next(r for r in records if r.key == old_outcome), "retired")
    assert gone[1].record.attempts == 2 and gone[1].record.correct == 1
    assert removed_items(tree(), [r for r in records if r.key == kept]) == []


def test_only_items_the_tree_still_makes_are_due() -> None:
    tree_ = tree()
    live = outcome_key(tree_.id, "path", tree_.outcomes[0].id)
    gone = outcome_key(tree_.id, "path", "no-such-outcome")
    other = outcome_key("another-tree", "path", tree_.outcomes[0].id)
    due = [(tree_.id, gone), (tree_.id, live), ("another-tree", other)]
    assert live_due([tree_], due) == [(tree_.id, live)]
    assert due_counts([tree_], due) == {tree_.id: 1}
    assert due_counts([tree_], [(tree_.id, gone)]) == {}


def test_key_outcome_reads_outcome_keys_only() -> None:
    assert key_outcome("t", "path", outcome_key("t", "path", "weak")) == "weak"
    assert key_outcome("t", "walk", scenario_key("t", "walk", "P", "weak")) is None
    assert key_outcome("t", "path", "other:path:weak") is None
