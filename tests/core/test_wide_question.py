"""One question with very many answers (what `trainer import` writes for a wide flowchart) is
read and checked in linear time: `children_of` once kept each question's targets in a list
and asked `in` of it for every answer (20,000 answers took 4 s, 100,000 took 186 s). The
figures are in tests/benchmarks/bench_loading.py; here, what the linear walk must still give."""

from __future__ import annotations

from trainer.core.graph import children_of
from trainer.core.loader import load_tree_text
from trainer.core.validate import validate_tree


def wide_question(answers: int, repeat_every: int = 0) -> str:
    """One question with `answers` answers, each to its own outcome (or, every `repeat_every`-th
    answer, to the first outcome again), and a scenario per outcome."""
    lines = ["format: 1", "id: wide", "title: Wide", "start: q", "nodes:", "  q:", "    question: Which one?"]
    lines.append("    answers:")
    for i in range(answers):
        target = 0 if repeat_every and i and i % repeat_every == 0 else i
        lines += [f"      - label: option {i}", f"        next: o{target}"]
    outcomes = sorted({0 if repeat_every and i and i % repeat_every == 0 else i for i in range(answers)})
    for i in outcomes:
        lines += [f"  o{i}:", f"    outcome: Outcome {i}", f"    explanation: Because of {i}."]
    lines.append("scenarios:")
    lines += [f"  - prompt: Case {i}\n    expect: o{i}" for i in outcomes]
    return "\n".join(lines) + "\n"


def test_a_20000_answer_question_loads_and_validates_cleanly():
    result = load_tree_text(wide_question(20_000))
    assert result.problems == [] and result.tree is not None
    assert validate_tree(result.tree) == []
    assert len(children_of(result.tree)["q"]) == 20_000


def test_children_keep_answer_order_and_name_each_target_once():
    result = load_tree_text(wide_question(1_000, repeat_every=7))
    assert result.tree is not None
    targets = children_of(result.tree)["q"]
    expected = [f"o{i}" for i in range(1_000) if i == 0 or i % 7]
    assert targets == expected
    assert all(children_of(result.tree)[f"o{i}"] == [] for i in (0, 1, 999))
