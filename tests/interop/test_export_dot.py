"""DOT exports read back by Graphviz itself (`dot` must be installed: CI installs graphviz)."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.interop.nasty_tree import TREES, bundled, chain, expected_edges, words
from trainer.core.model import Answer, Outcome, Question, Tree
from trainer.interop.text import to_dot


def dot_binary() -> str:
    found = shutil.which("dot")
    if not found:
        pytest.fail("Graphviz `dot` is not installed: install the graphviz package (CI does)")
    return found


def plain_records(output: str) -> list[list[str]]:
    """Split `dot -Tplain` output into lines of tokens. Quoted strings lose their quotes and
    their `\\"` escapes only (the label's other escapes are kept as Graphviz stores them), and
    long strings are continued on the next line after a backslash, which is dropped."""
    records: list[list[str]] = []
    tokens: list[str] = []
    i, n = 0, len(output)
    while i < n:
        c = output[i]
        if c == "\n":
            if tokens:
                records.append(tokens)
            tokens = []
            i += 1
        elif c in " \t":
            i += 1
        elif c == '"':
            i += 1
            chars: list[str] = []
            while output[i] != '"':
                if output[i] == "\\":
                    nxt = output[i + 1]
                    if nxt == "\n":
                        pass  # a continuation line
                    elif nxt == '"':
                        chars.append('"')
                    else:
                        chars.append("\\" + nxt)
                    i += 2
                else:
                    chars.append(output[i])
                    i += 1
            tokens.append("".join(chars))
            i += 1
        else:
            j = i
            while j < n and output[j] not in " \t\n":
                j += 1
            tokens.append(output[i:j])
            i = j
    if tokens:
        records.append(tokens)
    return records


def shown_lines(escstring: str) -> list[str]:
    """The lines Graphviz draws for a label: `\\n`, `\\l`, `\\r` break lines, `\\\\` is a backslash."""
    lines, current, i = [], [], 0
    while i < len(escstring):
        c = escstring[i]
        if c == "\\" and i + 1 < len(escstring):
            nxt = escstring[i + 1]
            if nxt in "nlr":
                lines.append("".join(current))
                current = []
            else:
                current.append(nxt)
            i += 2
        else:
            current.append(c)
            i += 1
    if current:
        lines.append("".join(current))
    return lines


def run_dot(source: str, fmt: str) -> str:
    done = subprocess.run(
        [dot_binary(), f"-T{fmt}"], input=source, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr and "Error" not in done.stderr, done.stderr
    return done.stdout


def check_dot(tree: Tree, direction: str = "down") -> None:
    source = to_dot(tree, direction)
    nodes: dict[str, list[str]] = {}
    styles: dict[str, tuple[str, str]] = {}
    edges: dict[tuple[str, str], list[str]] = {}
    for tokens in plain_records(run_dot(source, "plain")):
        if tokens[0] == "node":
            name, label, style, shape = tokens[1], tokens[6], tokens[7], tokens[8]
            assert name not in nodes
            nodes[name] = shown_lines(label)
            styles[name] = (style, shape)
        elif tokens[0] == "edge":
            tail, head, n = tokens[1], tokens[2], int(tokens[3])
            rest = tokens[4 + 2 * n :]
            assert len(rest) in (2, 5), tokens  # [label x y] style color
            assert (tail, head) not in edges
            edges[tail, head] = shown_lines(rest[0]) if len(rest) == 5 else []
    assert set(nodes) == set(tree.nodes)
    for node_id, node in tree.nodes.items():
        shown = nodes[node_id]
        assert words(" ".join(shown)) == words(node.text), node_id
        assert all(len(line) <= 30 or " " not in line for line in shown), shown  # wrapped at spaces
        if isinstance(node, Question):
            assert styles[node_id] == ("rounded", "box")
        else:
            assert styles[node_id] == ("rounded,filled,bold", "box")
    assert {k: words(" ".join(v)) for k, v in edges.items()} == expected_edges(tree)
    # The title is the graph's label; the SVG (well-formed XML) shows it as written.
    svg = ET.fromstring(run_dot(source, "svg"))
    ns = "{http://www.w3.org/2000/svg}"
    graph = next(g for g in svg.iter(f"{ns}g") if g.get("class") == "graph")
    title = words(" ".join(t.text or "" for t in graph.findall(f"{ns}text")))
    assert title == words(tree.title)
    assert f"rankdir={'TB' if direction == 'down' else 'LR'}" in source


def test_dot_draws_answers_in_their_order_whatever_the_node_order(tmp_path: Path) -> None:
    first, second = Outcome("zulu", "Zulu"), Outcome("alpha", "Alpha")
    tree = Tree(
        "order",
        "Order",
        "q",
        {"alpha": second, "zulu": first, "q": Question("q", "Which?", (Answer("Yes", "zulu"), Answer("No", "alpha")))},
    )
    plain = run_dot(to_dot(tree), "plain")
    x = {
        fields[1].strip('"'): float(fields[2])
        for fields in (line.split() for line in plain.splitlines())
        if fields[0] == "node"
    }
    assert x["zulu"] < x["alpha"]  # "Yes" is the first answer: drawn on the left


def test_dot_of_the_nasty_tree_reads_back_through_graphviz(nasty: Tree) -> None:
    check_dot(nasty)
    check_dot(nasty, "right")


def test_dot_outcomes_have_a_second_cue_besides_colour(nasty: Tree) -> None:
    source = to_dot(nasty)
    outcome_lines = [line for line in source.splitlines() if line.startswith('  "out-')]
    assert len(outcome_lines) == 3
    assert all("peripheries=2" in line and "fillcolor=" in line for line in outcome_lines)
    assert "peripheries" not in next(line for line in source.splitlines() if line.startswith('  "first"'))


def test_dot_never_uses_html_labels(nasty: Tree) -> None:
    assert "label=<" not in to_dot(nasty).replace(" ", "")


def test_dot_joins_two_answers_to_one_node(nasty: Tree) -> None:
    source = to_dot(nasty)
    assert len(re.findall(r'^  "first" -> "out-a"', source, re.MULTILINE)) == 1
    assert expected_edges(nasty)["first", "out-a"] == "no \\ {c} #35; `d` / also <no> & more"


@pytest.mark.parametrize("path", TREES, ids=lambda p: p.stem)
def test_dot_of_the_bundled_trees_reads_back(path: Path) -> None:
    check_dot(bundled(path))


def test_dot_of_a_long_chain_reads_back() -> None:
    check_dot(chain(150))
