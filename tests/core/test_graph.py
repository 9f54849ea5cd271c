"""The networkx view of a tree and the queries later features build on."""

from __future__ import annotations

import itertools

from trainer.core.graph import (
    answers_along,
    depth,
    outcomes_reachable,
    paths_to,
    reachable_from,
    remaining_questions,
    to_digraph,
)
from trainer.core.loader import load_tree_text

SHARED = """\
format: 1
id: shared
title: Shared nodes
start: a
nodes:
  a:
    question: A?
    answers:
      - label: "Yes"
        next: b
      - label: "No"
        next: c
  b:
    question: B?
    answers:
      - label: left
        next: d
      - label: right
        next: end
  c:
    question: C?
    answers:
      - label: one
        next: d
      - label: two
        next: d
  d:
    question: D?
    answers:
      - label: go
        next: end
  end:
    outcome: The end
    explanation: Reached.
  lonely:
    outcome: Unreachable
    explanation: Nobody gets here.
"""


def graph():  # type: ignore[no-untyped-def]
    result = load_tree_text(SHARED)
    assert result.tree is not None and result.problems == []
    return to_digraph(result.tree)


def test_nodes_carry_kind_and_text_and_answers_label_edges() -> None:
    g = graph()
    assert g.nodes["a"] == {"kind": "question", "text": "A?"}
    assert g.nodes["end"]["kind"] == "outcome"
    assert g.edges["a", "b"]["label"] == "Yes"
    assert g.graph["start"] == "a"


def test_two_answers_to_one_node_share_an_edge_with_both_labels() -> None:
    g = graph()
    assert g.edges["c", "d"]["labels"] == ["one", "two"]
    assert g.edges["c", "d"]["label"] == "one / two"


def test_reachability_and_outcomes() -> None:
    g = graph()
    assert reachable_from(g, "a") == {"a", "b", "c", "d", "end"}
    assert "lonely" not in reachable_from(g, "a")
    assert outcomes_reachable(g) == ["end"]


def test_depth_is_the_most_questions_on_one_walk() -> None:
    g = graph()
    assert depth(g) == 3  # a -> b -> d -> end, or a -> c -> d -> end
    remaining = remaining_questions(g)
    assert remaining["d"] == 1 and remaining["end"] == 0 and remaining["b"] == 2


def test_paths_to_an_outcome_with_the_answers_along_them() -> None:
    g = graph()
    paths = sorted(paths_to(g, "end"))
    assert paths == [["a", "b", "d", "end"], ["a", "b", "end"], ["a", "c", "d", "end"]]
    assert answers_along(g, ["a", "b", "end"]) == [("a", "Yes"), ("b", "right")]
    assert list(paths_to(g, "lonely")) == []


def test_paths_are_generated_lazily_and_limited() -> None:
    # 30 diamonds in a row: 2**30 paths to the end; asking for 5 must not enumerate them all.
    lines = ["format: 1", "id: diamonds", "title: Diamonds", "start: q0", "nodes:"]
    for i in range(30):
        lines += [
            f"  q{i}:",
            f"    question: Q{i}?",
            "    answers:",
            f"      - label: a\n        next: l{i}",
            f"      - label: b\n        next: r{i}",
        ]
        nxt = f"q{i + 1}" if i < 29 else "end"
        for side in ("l", "r"):
            lines += [
                f"  {side}{i}:",
                f"    question: {side}{i}?",
                "    answers:",
                f"      - label: go\n        next: {nxt}",
            ]
    lines += ["  end:", "    outcome: End", "    explanation: Done."]
    tree = load_tree_text("\n".join(lines) + "\n").tree
    assert tree is not None
    g = to_digraph(tree)
    five = list(paths_to(g, "end", limit=5))
    assert len(five) == 5 and all(p[0] == "q0" and p[-1] == "end" for p in five)
    assert len(list(itertools.islice(paths_to(g, "end"), 100))) == 100
    assert depth(g) == 60


def test_neighbourhood_is_parents_and_two_answers_down() -> None:
    from trainer.core.graph import neighbourhood

    children = {"a": ["b", "c"], "b": ["d"], "c": ["d"], "d": ["e"], "e": ["f"], "f": []}
    assert neighbourhood(children, "b") == {"a", "b", "d", "e"}
    assert neighbourhood(children, "d", down=1) == {"b", "c", "d", "e"}


def test_questions_ahead_counts_the_longest_branch_below() -> None:
    from trainer.core.graph import questions_ahead

    tree = load_tree_text(SHARED).tree
    ahead = questions_ahead(tree)
    assert ahead["a"] == 3 and ahead["b"] == 2 and ahead["c"] == 2 and ahead["d"] == 1
    assert ahead["end"] == 0 and ahead["lonely"] == 0


def test_questions_ahead_on_a_long_chain() -> None:
    from trainer.core.graph import questions_ahead

    lines = ["format: 1", "id: c", "title: C", "start: q0", "nodes:"]
    for i in range(3000):
        lines += [f"  q{i}:", f"    question: Q{i}?", "    answers:", f"      - label: go\n        next: q{i + 1}"]
    lines += ["  q3000:", "    outcome: End", "    explanation: ok"]
    ahead = questions_ahead(load_tree_text("\n".join(lines) + "\n").tree)
    assert ahead["q0"] == 3000 and ahead["q2999"] == 1


def test_ways_to_an_outcome_list_the_answers_along_each() -> None:
    from trainer.core.graph import ways_to

    tree = load_tree_text(SHARED).tree
    ways = ways_to(tree, "end")
    assert sorted(ways) == sorted(
        [
            [("A?", "Yes"), ("B?", "left"), ("D?", "go")],
            [("A?", "Yes"), ("B?", "right")],
            [("A?", "No"), ("C?", "one"), ("D?", "go")],
            [("A?", "No"), ("C?", "two"), ("D?", "go")],
        ]
    )
    assert ways_to(tree, "lonely") == []
    assert len(ways_to(tree, "end", limit=2)) == 2


def test_ways_to_stop_at_the_limit_on_exponential_trees() -> None:
    from trainer.core.graph import ways_to

    lines = ["format: 1", "id: diamonds", "title: Diamonds", "start: q0", "nodes:"]
    for i in range(40):
        nxt = f"q{i + 1}" if i < 39 else "end"
        lines += [
            f"  q{i}:",
            f"    question: Q{i}?",
            "    answers:",
            f"      - label: a\n        next: {nxt}",
            f"      - label: b\n        next: {nxt}",
        ]
    lines += ["  end:", "    outcome: End", "    explanation: Done."]
    ways = ways_to(load_tree_text("\n".join(lines) + "\n").tree, "end", limit=5)  # 2**40 exist
    assert len(ways) == 5 and all(len(w) == 40 for w in ways)


def test_at_an_outcome_every_way_to_it_is_lit() -> None:
    from trainer.study.walk import Walk, walk_highlight

    walk = Walk(load_tree_text(SHARED).tree)
    walk.choose(0)  # a -> b
    walk.choose(1)  # b -> end
    lit = walk_highlight(walk)
    assert lit.current == "end"
    assert {("a", "b"), ("b", "end"), ("a", "c"), ("c", "d"), ("b", "d"), ("d", "end")} <= lit.edges
    assert {"a", "b", "c", "d", "end"} <= lit.nodes
    walk.back()
    assert walk_highlight(walk).edges == {("a", "b")}  # at a question, only the path taken


def test_a_node_is_described_for_screen_readers_without_naming_hidden_outcomes() -> None:
    from trainer.core.model import Answer, Outcome, Question, Tree
    from trainer.draw.outline import describe_node

    tree = Tree(
        "t",
        "T",
        "q",
        {
            "q": Question("q", "Is it HTTP?", (Answer("Yes", "cdn"), Answer("No", "q2"))),
            "q2": Question("q2", "UDP?", (Answer("Yes", "cdn"),)),
            "cdn": Outcome("cdn", "CloudFront"),
        },
    )
    assert (
        describe_node(tree, "q")
        == "Question: Is it HTTP?; answers: Yes, leads to the outcome “CloudFront”; No, leads to the question “UDP?”"
    )
    assert describe_node(tree, "cdn") == "Outcome: CloudFront"
    assert "CloudFront" not in describe_node(tree, "q", masked=True) + describe_node(tree, "cdn", masked=True)
    assert describe_node(tree, "nowhere") == ""


def test_walk_marks_say_where_the_learner_is_and_has_been() -> None:
    from trainer.study.walk import CURRENT, VISITED, Walk, marked, walk_marks

    walk = Walk(load_tree_text(SHARED).tree)
    assert walk_marks(walk) == {"a": CURRENT}
    walk.choose(1)  # No -> c
    walk.choose(0)  # one -> d
    assert walk_marks(walk) == {"a": VISITED, "c": VISITED, "d": CURRENT}
    walk.back()
    assert walk_marks(walk) == {"a": VISITED, "c": CURRENT}
    assert walk_marks(None) == {}
    assert marked("Question: C?", CURRENT) == "▶ you are here · Question: C?"
    assert marked("Question: A?", VISITED) == "✔ visited · Question: A?"
    assert marked("Question: B?", "") == "Question: B?"


def test_find_searches_texts_and_ids_and_during_a_quiz_only_the_questions_shown() -> None:
    from trainer.draw.outline import find_nodes

    tree = load_tree_text(SHARED).tree
    order = list(tree.nodes)
    assert find_nodes(tree, "the END", order) == ["end"]
    assert find_nodes(tree, "lonely", order) == ["lonely"], "an id is found too"
    assert find_nodes(tree, "  ", order) == []
    # masked: an outcome's text or id, or a question's id, never matches; a question's text does
    assert find_nodes(tree, "the end", order, masked=True) == []
    assert find_nodes(tree, "lonely", order, masked=True) == []
    assert find_nodes(tree, "e", order, masked=True) == [], "'end' is an id and an outcome's text only"
    assert find_nodes(tree, "?", order, masked=True) == ["a", "b", "c", "d"]
    assert find_nodes(tree, "b?", order, masked=True) == ["b"]


def test_a_trees_graph_is_built_once_and_cannot_be_changed() -> None:
    import networkx as nx
    import pytest

    from trainer.core.graph import graph_of

    tree = load_tree_text(SHARED).tree
    assert tree is not None
    g = graph_of(tree)
    assert graph_of(tree) is g and nx.is_frozen(g)
    assert list(g.successors("c")) == ["d"] and g.edges["c", "d"]["label"] == "one / two"
    with pytest.raises(nx.NetworkXError):
        g.add_edge("end", "a")


def test_reachable_unreachable_and_children_in_answer_order() -> None:
    from trainer.core.graph import children_of, reachable, unreachable

    tree = load_tree_text(SHARED).tree
    assert tree is not None
    assert reachable(tree) == {"a", "b", "c", "d", "end"}
    assert unreachable(tree) == ["lonely"]
    assert children_of(tree)["a"] == ["b", "c"] and children_of(tree)["c"] == ["d"]


def test_cycles_name_the_answer_that_closes_each_loop() -> None:
    from trainer.core.graph import cycles

    looped = SHARED.replace(
        "      - label: go\n        next: end",
        "      - label: go\n        next: end\n      - label: back\n        next: b",
    )
    tree = load_tree_text(looped).tree
    assert tree is not None
    assert list(cycles(tree)) == [("d", "b", ["b", "d", "b"])]
    assert list(cycles(load_tree_text(SHARED).tree)) == []  # type: ignore[arg-type]


def test_reached_in_order_is_depth_first_in_answer_order() -> None:
    from trainer.core.graph import reached_in_order

    children = {"a": ["b", "c"], "b": ["d"], "c": ["d", "e"], "d": [], "e": [], "x": ["a"]}
    assert reached_in_order(children, "a") == ["a", "b", "d", "c", "e"]
