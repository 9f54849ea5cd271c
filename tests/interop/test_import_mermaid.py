"""Importing a Mermaid flowchart as a tree file (`trainer.interop.mermaid`).

The imported YAML is always read back by the trainer's own loader and validator: it must load
with no errors (warnings about placeholders and missing scenarios are expected).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.core.library import read_tree
from trainer.core.loader import load_tree_text
from trainer.core.model import Outcome, Question, Tree
from trainer.core.validate import validate_tree
from trainer.interop.mermaid import ImportResult, import_mermaid, slugify, yaml_scalar
from trainer.interop.text import to_mermaid

TREES = sorted((Path(__file__).parents[2] / "trees").glob("*.yaml"))


def load(result: ImportResult) -> Tree:
    """The imported tree, checked to load and validate with no errors."""
    loaded = load_tree_text(result.yaml_text)
    assert loaded.tree is not None, loaded.problems
    problems = loaded.problems + validate_tree(loaded.tree)
    errors = [str(p) for p in problems if p.is_error]
    assert not errors, errors
    return loaded.tree


def answers(node: Question) -> list[tuple[str, str]]:
    return [(a.label, a.next) for a in node.answers]


def test_bundled_trees_are_found() -> None:
    assert TREES


@pytest.mark.parametrize("direction", ["down", "right"])
@pytest.mark.parametrize("path", TREES, ids=lambda p: p.stem)
def test_round_trip_of_bundled_trees(path: Path, direction: str) -> None:
    original = read_tree(path).tree
    assert original is not None
    result = import_mermaid(to_mermaid(original, direction), original.id)
    tree = load(result)
    assert tree.id == original.id
    assert tree.title == original.title
    assert tree.start == original.start
    assert list(tree.nodes) == list(original.nodes)
    for node_id, node in original.nodes.items():
        copy = tree.nodes[node_id]
        assert type(copy) is type(node), node_id
        assert copy.text == node.text
        if isinstance(node, Question):
            assert isinstance(copy, Question)
            assert answers(copy) == answers(node)
    # Only the expected note about placeholders and scenarios.
    assert len(result.problems) == 1 and "scenarios" in result.problems[0]


def test_imported_file_has_the_documented_shape() -> None:
    original = read_tree(TREES[0]).tree
    assert original is not None
    text = import_mermaid(to_mermaid(original), "x").yaml_text
    lines = text.splitlines()
    assert lines[0].startswith("# Imported from a Mermaid flowchart")
    keys = [line.split(":")[0] for line in lines if line and not line.startswith((" ", "#"))]
    assert keys == ["format", "id", "title", "start", "nodes"]
    assert "format: 1" in lines
    assert 'explanation: "TODO: explain why."' in text


HAND_WRITTEN = """\
---
title: 'Pick: a "thing"'
---
%% a comment; with A --> B inside
flowchart LR
  classDef big fill:#f9f,stroke:#333
  A[Start here: go] -->|Yes| B(Round)
  A -- No way --> C([Stadium])
  B --> D[[Sub #quot;routine#quot; #35;1 #amp; more]] --> E{Decide?}
  E -.-> F((Circle))
  E ==>|"Flag it"| G>"Flag - { * & ! }"]
  E --- H{{Hex}}
  C --> I["- item: value #35; not a comment"]
  C --x J
  F --> K["*bold* &anchor !tag key: value"]
  style A fill:#f00
  class B big
  linkStyle 0 stroke:#ff3
  click A "https://example.com" "tip"
  K --> E
"""


@pytest.fixture(scope="module")
def hand() -> tuple[ImportResult, Tree]:
    result = import_mermaid(HAND_WRITTEN, "hand")
    return result, load(result)


def test_shapes_and_texts(hand: tuple[ImportResult, Tree]) -> None:
    _, tree = hand
    texts = {node_id: node.text for node_id, node in tree.nodes.items()}
    assert texts == {
        "a": "Start here: go",
        "b": "Round",
        "c": "Stadium",
        "d": 'Sub "routine" #1 & more',
        "e": "Decide?",
        "f": "Circle",
        "g": "Flag - { * & ! }",
        "h": "Hex",
        "i": "- item: value # not a comment",
        "j": "J",
        "k": "*bold* &anchor !tag key: value",
    }
    assert tree.title == 'Pick: a "thing"'
    assert tree.id == "hand"
    assert tree.start == "a"


def test_edges_labels_and_chains(hand: tuple[ImportResult, Tree]) -> None:
    _, tree = hand
    questions = {q.id: answers(q) for q in tree.questions}
    assert questions == {
        "a": [("Yes", "b"), ("No way", "c")],
        "b": [('Sub "routine" #1 & more', "d")],  # no label: the target's text
        "c": [("- item: value # not a comment", "i")],  # the --x link is left out
        "d": [("Decide?", "e")],  # the chain B --> D --> E
        "e": [("Circle", "f"), ("Flag it", "g"), ("Hex", "h")],
        "f": [("*bold* &anchor !tag key: value", "k")],
    }
    assert {o.id for o in tree.outcomes} == {"g", "h", "i", "j", "k"}
    assert all(isinstance(o, Outcome) and o.explanation == "TODO: explain why." for o in tree.outcomes)


def test_problems_are_reported_with_lines(hand: tuple[ImportResult, Tree]) -> None:
    result, _ = hand
    problems = result.problems
    assert any(p.startswith("line 14:") and "--x" in p for p in problems), problems
    assert any(p.startswith("line 19:") and "click" in p for p in problems), problems
    assert any(p.startswith("line 20:") and "cycle" in p and "e → f → k → e" in p for p in problems), problems
    assert any("'j'" in p and "start" in p for p in problems), problems  # j has no link into it
    assert any("scenarios" in p for p in problems)
    assert not any("classDef" in p or "style" in p or "linkStyle" in p for p in problems)
    assert all("\n" not in p for p in problems)


def test_cycle_only_graph_still_imports() -> None:
    result = import_mermaid("graph TD\n  A --> B\n  B --> C\n  C --> A\n  B --> B\n")
    tree = load(result)
    assert tree.start == "a"
    assert answers(tree.nodes["a"]) == [("B", "b")]  # type: ignore[arg-type]
    assert sum("cycle" in p for p in result.problems) == 2


def test_several_roots_first_is_start() -> None:
    result = import_mermaid("flowchart TD\nX --> Y\nW --> Y\n")
    tree = load(result)
    assert tree.start == "x"
    assert any("'w'" in p for p in result.problems)


def test_ampersand_statements_semicolons_and_classes() -> None:
    result = import_mermaid("flowchart TD\n A & B --> C:::big; C-->D\n")
    tree = load(result)
    assert answers(tree.nodes["a"]) == [("C", "c")]  # type: ignore[arg-type]
    assert answers(tree.nodes["b"]) == [("C", "c")]  # type: ignore[arg-type]
    assert answers(tree.nodes["c"]) == [("D", "d")]  # type: ignore[arg-type]


def test_duplicate_labels_are_made_unique() -> None:
    result = import_mermaid('flowchart TD\n Q{Pick} -->|Go| X\n Q -->|Go| Y\n Q --> Z["Go"]\n')
    tree = load(result)
    assert [a.label for a in tree.nodes["q"].answers] == ["Go", "Go (2)", "Go (3)"]  # type: ignore[union-attr]


def test_ids_are_slugified_without_collisions() -> None:
    result = import_mermaid("flowchart TD\n My_Node --> my-node\n my-node --> MyNode2\n Éte --> null\n")
    tree = load(result)
    assert list(tree.nodes) == ["my-node", "my-node-2", "mynode2", "ete", "null"]
    assert slugify("  A b_C!! ") == "a-b-c"


def test_title_argument_and_default() -> None:
    assert load(import_mermaid("graph TD\nA-->B", title="Mine")).title == "Mine"
    assert load(import_mermaid("graph TD\nA-->B")).title == "Imported flowchart"


def test_unreadable_lines_and_other_diagrams() -> None:
    result = import_mermaid("sequenceDiagram\n  Alice->>Bob: hi\n")
    load(result)
    assert any("not a flowchart" in p for p in result.problems)
    assert any(p.startswith("line 2: cannot read") for p in result.problems)


def test_empty_input_gives_a_loadable_placeholder() -> None:
    result = import_mermaid("")
    load(result)
    assert any("no nodes" in p for p in result.problems)


@pytest.mark.parametrize(
    "text",
    [
        "Yes",
        "no",
        "null",
        "~",
        "",
        " lead",
        "trail ",
        "a: b",
        "a #b",
        "- x",
        "{x}",
        "*x",
        "&x",
        "!x",
        "'q'",
        '"q"',
        "%x",
        "@x",
        "`x`",
        "x\\y",
        "é 日本 😀",
        "\u2028\ufeff",  # U+0085 (NEL) was here: a tree may no longer hold a C1 control (issue 15)
        "10",
        "2026-11-26",
        "? x",
        "| x",
        "> x",
    ],
)
def test_yaml_scalar_reads_back_exactly(text: str) -> None:
    from trainer.core.yamldoc import read_yaml

    doc = read_yaml(f"key: {yaml_scalar(text)}\n")
    assert not doc.problems
    value = doc.root.entries["key"].value  # type: ignore[union-attr]
    assert value.text == text and not value.is_null


_PIECES = st.sampled_from(
    [
        "flowchart TD",
        "graph LR",
        "\n",
        " ",
        "A",
        "B",
        "c1",
        "-->",
        "---",
        "-.->",
        "==>",
        "--x",
        "--o",
        "<-->",
        "~~~",
        "|",
        '"',
        "[",
        "]",
        "(",
        ")",
        "{",
        "}",
        "((",
        "))",
        ">",
        "&",
        ";",
        ":::",
        "%%",
        "#quot;",
        "#35;",
        "#",
        "-- t -->",
        "click",
        "classDef",
        "style",
        "subgraph",
        "end",
        "---",
        "title: x",
        ":",
        "é",
        "\r",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=200), st.lists(_PIECES, max_size=40).map("".join)))
def test_random_text_never_raises(text: str) -> None:
    result = import_mermaid(text)
    assert isinstance(result.problems, list)
    assert all(isinstance(p, str) and "\n" not in p for p in result.problems)
    assert not any("unexpected failure" in p for p in result.problems), result.problems
    load(result)


def test_characters_no_tree_may_hold_are_replaced_and_said_where() -> None:
    result = import_mermaid("flowchart TD\n  a[Start \x1b]0;x\x07] --> b[End \x85 #65535; \ufffe]\n")
    assert [p for p in result.problems if "cannot be part of a tree" in p] == [
        "line 2, column 11: U+001B cannot be part of a tree; it was replaced by U+FFFD",
        "line 2, column 16: U+0007 cannot be part of a tree; it was replaced by U+FFFD",
        "line 2, column 29: U+0085 cannot be part of a tree; it was replaced by U+FFFD",
        "line 2, column 39: U+FFFE cannot be part of a tree; it was replaced by U+FFFD",
    ]
    loaded = load_tree_text(result.yaml_text)
    assert not [p for p in loaded.problems if p.is_error], [str(p) for p in loaded.problems]
