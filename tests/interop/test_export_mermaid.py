"""Mermaid exports read back by a small grammar of the lines we write."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.interop.nasty_tree import TREES, bundled, expected_edges, words
from trainer.core.model import Question, Tree
from trainer.interop.text import to_mermaid

LABEL = r'(?:[^"<>|\[\]{}`#&\\\n]|#quot;|#\d+;)*'
MERMAID_LINES = {
    "comment": re.compile(r"  %% (n\d+): (\S+)"),
    "question": re.compile(rf'  (n\d+)\("({LABEL})"\):::question'),
    "outcome": re.compile(rf'  (n\d+)\[\["({LABEL})"\]\]:::outcome'),
    "edge": re.compile(rf'  (n\d+) -->\|"({LABEL})"\| (n\d+)'),
    "classDef": re.compile(r"  classDef (question|outcome) [^\s;]+"),
}


def mermaid_decode(label: str) -> str:
    return re.sub(r"#(quot|\d+);", lambda m: '"' if m.group(1) == "quot" else chr(int(m.group(1))), label)


def check_mermaid(tree: Tree, direction: str = "down") -> None:
    lines = to_mermaid(tree, direction).splitlines()
    assert lines[0] == "---" and lines[2] == "---"
    key, _, value = lines[1].partition(": ")
    assert key == "title" and json.loads(value) == words(tree.title)
    assert lines[3] == f"flowchart {'TD' if direction == 'down' else 'LR'}"
    ids: dict[str, str] = {}
    texts: dict[str, tuple[str, str]] = {}
    edges: dict[tuple[str, str], str] = {}
    pending = None
    for line in lines[4:]:
        kind, match = next(((k, m) for k, p in MERMAID_LINES.items() if (m := p.fullmatch(line))), (None, None))
        assert match is not None, f"not a line we write: {line!r}"
        if kind == "comment":
            pending = match.group(1)
            ids[match.group(1)] = match.group(2)
        elif kind in ("question", "outcome"):
            assert match.group(1) == pending, "each node follows the comment that names it"
            texts[ids[match.group(1)]] = (kind, mermaid_decode(match.group(2)))
        elif kind == "edge":
            edges[ids[match.group(1)], ids[match.group(3)]] = mermaid_decode(match.group(2))
    assert list(ids.values()) == list(tree.nodes), "n0, n1… follow the file's order"
    for node_id, node in tree.nodes.items():
        kind = "question" if isinstance(node, Question) else "outcome"
        assert texts[node_id] == (kind, words(node.text))
    assert edges == expected_edges(tree)


def test_mermaid_of_the_nasty_tree_keeps_to_the_grammar(nasty: Tree) -> None:
    check_mermaid(nasty)
    check_mermaid(nasty, "right")


def test_mermaid_encodes_what_would_break_a_label(nasty: Tree) -> None:
    text = to_mermaid(nasty)
    assert "#quot;quoted#quot;" in text
    assert "#60;script#62;alert(1)#60;/script#62;" in text
    assert "#35;hash;" in text  # the author's #hash; is not taken for an entity
    assert "#38;lt;not a tag#38;gt;" in text
    assert "#124;pipes#124;" in text and "#91;brackets#93;" in text and "#123;braces#125;" in text
    assert "#96;backticks#96;" in text and "é 日本" in text
    assert "<br" not in text


@pytest.mark.parametrize("path", TREES, ids=lambda p: p.stem)
def test_mermaid_of_the_bundled_trees_keeps_to_the_grammar(path: Path) -> None:
    check_mermaid(bundled(path))
