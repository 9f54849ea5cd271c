"""Counting the ways to a node and finding a scenario's route, in linear time, cycles included."""

from __future__ import annotations

from trainer.core.loader import load_tree_text
from trainer.core.model import Scenario, Tree
from trainer.core.routes import Routes


def load(text: str) -> Tree:
    tree = load_tree_text(text).tree
    assert tree is not None
    return tree


def diamonds(n: int) -> Tree:
    lines = ["format: 1", "id: d", "title: D", "start: q0", "nodes:"]
    for i in range(n):
        lines += [
            f"  q{i}:",
            "    question: Q?",
            "    answers:",
            f"      - {{label: A, next: a{i}}}",
            f"      - {{label: B, next: b{i}}}",
        ]
        for side in "ab":
            lines += [f"  {side}{i}:", "    question: S?", "    answers:", f"      - {{label: Go, next: q{i + 1}}}"]
    lines += [f"  q{n}:", "    outcome: End", "  lonely:", "    outcome: Nobody comes"]
    return load("\n".join(lines) + "\n")


def test_ways_are_counted_up_to_two_without_enumerating_them() -> None:
    routes = Routes(diamonds(3000))  # 2**3000 ways to the end
    assert routes.count("q3000") == 2
    assert routes.count("q0") == 1 and routes.count("a0") == 1 and routes.count("q1") == 2
    assert routes.count("lonely") == 0 and routes.count("no-such-node") == 0


def test_the_only_way_is_the_route_and_several_leave_it_open() -> None:
    tree = diamonds(2)
    routes = Routes(tree)
    assert routes.of(Scenario("p", "a0")).path == ("q0", "a0")
    assert routes.of(Scenario("p", "q2")).open
    named = routes.of(Scenario("p", "q2", route=("q0", "b0", "q1", "a1")))
    assert named.path == ("q0", "b0", "q1", "a1", "q2") and named.right == {
        "q0": (1,),
        "b0": (0,),
        "q1": (0,),
        "a1": (0,),
    }
    assert routes.of(Scenario("p", "q2", route=("q0", "q1"))).open  # a route that does not hold counts as none


def test_a_cycle_through_the_start_assumes_no_route() -> None:
    tree = load("""\
format: 1
id: c
title: C
start: s
nodes:
  s:
    question: S?
    answers:
      - {label: Again, next: s}
      - {label: On, next: o}
  o: {outcome: O}
""")
    routes = Routes(tree)
    assert not routes.acyclic and routes.count("o") == 2 and routes.of(Scenario("p", "o")).open
