"""Text exports (Graphviz DOT, Mermaid, Markdown) and `trainer export`.

Every format gets a tree whose texts hold everything an author could write that might break it:
quotes, backslashes, braces, brackets, pipes, HTML, entities, backticks, newlines, non-ASCII.
DOT is read back by Graphviz itself (`dot` must be installed: CI installs graphviz), Mermaid by a
small grammar of the lines we write, Markdown by rebuilding the tree from the outline's nesting.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from trainer.cli import main
from trainer.core.library import read_tree
from trainer.core.model import Answer, Outcome, Question, Tree
from trainer.interop.export import FORMATS, export_text, format_from_path
from trainer.interop.text import MAX_NESTING, md_escape, to_dot, to_markdown, to_mermaid

TREES = sorted((Path(__file__).parents[2] / "trees").glob("*.yaml"))

NASTY = r"""
format: 1
id: nasty
title: 'The "nasty" tree: \back <b>bold</b> & {x} [y] |z| #hash; `tick` é 日本'
summary: |
  A summary with <script>alert(1)</script>, **bold**, `code <b>` and
  a [link](https://example.com) and <https://example.com/auto>.
start: first
nodes:
  first:
    question: |
      Is it "quoted", \backslash\, {braces}, [brackets],
      |pipes|, <b>html</b>, <script>alert(1)</script>, #hash;, `backticks`, é 日本?
    help: Help is not exported.
    answers:
      - label: '"yes" [a] |b| <i>'
        next: second
      - label: 'no \ {c} #35; `d`'
        next: out-a
      - label: also <no> & more
        next: out-a
  second:
    question: 'Second: *stars* _under_ ~tilde~ &lt;not a tag&gt; \N \n \\ -> end\'
    answers:
      - label: 1. first
        next: out-a
      - label: '- dash'
        next: out-b
      - label: '# hash <!-- comment -->'
        next: out-c
  out-a:
    outcome: 'Outcome "A" <script>x</script> |p| [q] {r}'
    explanation: |
      Explanation with <img src=x onerror=alert(1)> and **bold** text,
      on two lines.

      ```html
      <b>kept in code</b>
      ```
    not:
      - option: '<b>trap</b> [x] *y*'
        why: Because <i>reasons</i>, `code`.
    links:
      - title: 'Docs [1] <x> "q"'
        url: https://example.com/a?b=<c>
  out-b:
    outcome: "日本 é \\ end \\"
  out-c:
    outcome: |
      A block scalar
      outcome with "quotes"
      and a trailing backslash \
scenarios:
  - prompt: '# heading? <script>x</script> 1. - [a]'
    expect: out-a
  - prompt: Plain.
    expect: out-b
  - prompt: The comment one.
    expect: out-c
"""

NASTY_CHARS = ('"', "\\", "{", "}", "[", "]", "|", "<", ">", "#", "`", "é", "日本", "&")


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def nasty(write_tree) -> Tree:
    entry = read_tree(write_tree(NASTY, "nasty.yaml"))
    assert entry.usable, "\n".join(str(p) for p in entry.problems)
    assert entry.tree is not None
    return entry.tree


def bundled(path: Path) -> Tree:
    entry = read_tree(path)
    assert entry.usable and entry.tree is not None
    return entry.tree


def expected_edges(tree: Tree) -> dict[tuple[str, str], str]:
    """(question, target) -> the edge label: answers to one node are joined with " / "."""
    found: dict[tuple[str, str], list[str]] = {}
    for q in tree.questions:
        for a in q.answers:
            found.setdefault((q.id, a.next), []).append(words(a.label))
    return {k: " / ".join(v) for k, v in found.items()}


def test_the_nasty_tree_really_is_nasty(nasty: Tree) -> None:
    texts = " ".join(
        [nasty.title] + [n.text for n in nasty.nodes.values()] + [a.label for q in nasty.questions for a in q.answers]
    )
    for char in NASTY_CHARS:
        assert char in texts
    assert "\n" in nasty.nodes["first"].text and "\n" in nasty.nodes["out-c"].text


# --- chains and diamonds, built directly ------------------------------------------------------
def chain(steps: int) -> Tree:
    """q0 -> q1 -> … with an outcome off each question: as deep as a tree gets."""
    nodes: dict[str, Question | Outcome] = {}
    for i in range(steps):
        nxt = f"q{i + 1}" if i + 1 < steps else "end"
        nodes[f"q{i}"] = Question(f"q{i}", f"Step {i}?", (Answer("Yes", nxt), Answer("No", f"o{i}")))
        nodes[f"o{i}"] = Outcome(f"o{i}", f"Stop at {i}")
    nodes["end"] = Outcome("end", "The end")
    return Tree("chain", "A long chain", "q0", nodes)


def diamonds(count: int) -> Tree:
    """d0 -> (a0 | b0) -> d1 -> …: 2**count paths through 3 * count + 1 nodes."""
    nodes: dict[str, Question | Outcome] = {}
    for i in range(count):
        nxt = f"d{i + 1}" if i + 1 < count else "end"
        nodes[f"d{i}"] = Question(f"d{i}", f"Diamond {i}?", (Answer("Left", f"a{i}"), Answer("Right", f"b{i}")))
        nodes[f"a{i}"] = Question(f"a{i}", f"Left {i}?", (Answer("On", nxt), Answer("Off", f"x{i}")))
        nodes[f"b{i}"] = Question(f"b{i}", f"Right {i}?", (Answer("On", nxt), Answer("Also on", nxt)))
        nodes[f"x{i}"] = Outcome(f"x{i}", f"Out at {i}")
    nodes["end"] = Outcome("end", "Through every diamond")
    return Tree("diamonds", "Diamonds", "d0", nodes)


# --- DOT, read back by Graphviz --------------------------------------------------------------
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


# --- Mermaid, read back by the grammar of what we write --------------------------------------
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


# --- Markdown, read back by rebuilding the tree from the outline ------------------------------
ITEM = re.compile(r"^( *)- (.+?) → (.+)$")
EXPANDED = re.compile(r"^\*\*Q(\d+):\*\* (.*?)( \(continued under \*\*Q\1\*\* below\))?$")
SEE_QUESTION = re.compile(r"^see \*\*Q(\d+)\*\* \((.*)\)$")
SEE_OUTCOME = re.compile(r"^see \*\*(.*)\*\*$")
OUTCOME = re.compile(r"^\*\*(.*)\*\*$")
LABELS = re.compile(r"\*((?:\\.|[^*\\])*)\*")


def check_outline(tree: Tree, text: str) -> int:
    """Rebuild the tree from the outline: every answer of every reachable question appears once,
    under its question and in answer order, each node is written out once (later mentions refer
    back to it), and nesting follows the indentation. Returns the deepest nesting seen."""
    by_text: dict[str, str] = {}
    for node_id, node in tree.nodes.items():
        assert md_escape(node.text) not in by_text, "test trees need distinct texts"
        by_text[md_escape(node.text)] = node_id
    body = text.split("\n## Decision tree\n", 1)[1].split("\n## Scenarios\n", 1)[0].split("\n")
    number: dict[str, str] = {}  # "3" -> node id
    written: list[str] = []
    deferred: list[str] = []
    children: dict[str, list[tuple[str, str]]] = {}  # question -> [(labels, target)] in order
    stack: list[tuple[int, str]] = []
    deepest = 0
    expect_root = True
    for line in body:
        if not line.strip():
            continue
        if line.startswith("### Q"):
            node_id = number[line[5:]]
            assert node_id == deferred.pop(0), "continued questions come in the order they were met"
            expect_root = True
            continue
        if expect_root:
            head = EXPANDED.match(line)
            assert head, line
            node_id = by_text[head.group(2)]
            number.setdefault(head.group(1), node_id)
            assert number[head.group(1)] == node_id
            if not written:
                assert node_id == tree.start
                written.append(node_id)
            stack = [(-2, node_id)]
            expect_root = False
            continue
        item = ITEM.match(line)
        if not item:
            assert stack and line.startswith(" " * (stack[-1][0] + 2)) or not line.startswith(("-", "*")), line
            continue
        indent = len(item.group(1))
        while stack and stack[-1][0] >= indent:
            stack.pop()
        assert stack and indent == stack[-1][0] + 2, f"nesting jumps at: {line}"
        deepest = max(deepest, indent // 2 + 1)
        parent = stack[-1][1]
        labels = " / ".join(LABELS.findall(item.group(2)))
        target_text = item.group(3)
        if m := EXPANDED.match(target_text):
            target = by_text[m.group(2)]
            assert target not in written
            number[m.group(1)] = target
            written.append(target)
            if m.group(3):
                deferred.append(target)
            else:
                stack.append((indent, target))
        elif m := SEE_QUESTION.match(target_text):
            target = number[m.group(1)]
            assert target in written and by_text[m.group(2)] == target
        elif m := SEE_OUTCOME.match(target_text):
            target = by_text[m.group(1)]
            assert target in written
        else:
            m = OUTCOME.match(target_text)
            assert m, target_text
            target = by_text[m.group(1)]
            assert target not in written
            written.append(target)
        children.setdefault(parent, []).append((labels, target))
    assert not deferred
    reachable = {tree.start}
    todo = [tree.start]
    while todo:
        node = tree.nodes[todo.pop()]
        if isinstance(node, Question):
            for a in node.answers:
                if a.next not in reachable:
                    reachable.add(a.next)
                    todo.append(a.next)
    assert sorted(written) == sorted(reachable), "each reachable node written out exactly once"
    for node_id in reachable:
        node = tree.nodes[node_id]
        if isinstance(node, Question):
            grouped: dict[str, list[str]] = {}
            for a in node.answers:
                grouped.setdefault(a.next, []).append(md_escape(a.label))
            assert children.get(node_id) == [(" / ".join(v), k) for k, v in grouped.items()], node_id
    return deepest


def outside_code(markdown: str) -> str:
    """The Markdown with fenced code blocks (which show `<` as written) taken out."""
    return re.sub(r"^( *)```.*?^\1```$", "", markdown, flags=re.MULTILINE | re.DOTALL)


def test_markdown_of_the_nasty_tree_rebuilds_the_tree(nasty: Tree) -> None:
    text = to_markdown(nasty)
    check_outline(nasty, text)
    assert text.startswith(
        '# The "nasty" tree: \\\\back \\<b\\>bold\\</b\\> \\& \\{x\\} \\[y\\] \\|z\\| \\#hash; \\`tick\\` é 日本\n'
    )


def test_markdown_escapes_text_it_puts_in_its_structure(nasty: Tree) -> None:
    text = to_markdown(nasty)
    question = (
        '**Q1:** Is it "quoted", \\\\backslash\\\\, \\{braces\\}, \\[brackets\\], \\|pipes\\|, '
        "\\<b\\>html\\</b\\>, \\<script\\>alert(1)\\</script\\>, \\#hash;, \\`backticks\\`, é 日本?"
    )
    assert question in text.splitlines()
    items = [line for line in text.splitlines() if " → " in line and line.lstrip().startswith("- ")]
    assert items[:3] == [
        (
            '- *"yes" \\[a\\] \\|b\\| \\<i\\>* → **Q2:** Second: \\*stars\\* \\_under\\_ \\~tilde\\~ '
            "\\&lt;not a tag\\&gt; \\\\N \\\\n \\\\\\\\ -\\> end\\\\"
        ),
        '  - *1\\. first* → **Outcome "A" \\<script\\>x\\</script\\> \\|p\\| \\[q\\] \\{r\\}**',
        "  - *\\- dash* → **日本 é \\\\ end \\\\**",
    ]
    assert (
        '  - *\\# hash \\<!-- comment --\\>* → **A block scalar outcome with "quotes" and a trailing backslash \\\\**'
        in items
    )
    assert (
        items[-1] == "- *no \\\\ \\{c\\} \\#35; \\`d\\`* / *also \\<no\\> \\& more* → "
        'see **Outcome "A" \\<script\\>x\\</script\\> \\|p\\| \\[q\\] \\{r\\}**'
    )
    scenarios = text.split("## Scenarios\n", 1)[1]
    assert "1. \\# heading? \\<script\\>x\\</script\\> 1. - \\[a\\] → **Outcome" in scenarios


def test_markdown_shows_raw_html_of_author_markdown_as_text(nasty: Tree) -> None:
    text = to_markdown(nasty)
    rest = re.sub(r"\\<|&lt;|\(<https?://[^\s<>]*>\)|<https?://[^\s<>]*>", "", outside_code(text))
    assert "<" not in rest, "raw HTML outside code"
    assert "&lt;script>alert(1)&lt;/script>" in text  # the summary: shown as text
    assert "&lt;img src=x onerror=alert(1)>" in text
    assert "<https://example.com/auto>" in text  # an autolink stays a link
    assert "    <b>kept in code</b>" in text  # fenced code is left as written, indented under its item
    assert "- **\\<b\\>trap\\</b\\> \\[x\\] \\*y\\***: Because &lt;i>reasons&lt;/i>, `code`." in text
    assert '[Docs \\[1\\] \\<x\\> "q"](<https://example.com/a?b=%3Cc%3E>)' in text
    assert "Help is not exported" not in text


def test_markdown_explanations_are_indented_under_their_item(nasty: Tree) -> None:
    lines = to_markdown(nasty).splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("  - *1\\. first* → **Outcome"))
    body = []
    for line in lines[at + 1 :]:
        if line.strip() and not line.startswith("    "):
            break
        body.append(line)
    assert "    Explanation with &lt;img src=x onerror=alert(1)> and **bold** text," in body
    assert "    on two lines." in body
    assert "    ```html" in body and "    ```" in body
    assert "    *Tempting, but not the answer:*" in body and "    *Learn more:*" in body


def with_summary(write_tree, summary: str) -> Tree:  # type: ignore[no-untyped-def]
    block = "".join(f"  {line}\n" for line in summary.split("\n"))
    entry = read_tree(write_tree(NASTY.replace("summary: |\n", "summary: |\n" + block, 1), "summary.yaml"))
    assert entry.usable and entry.tree is not None
    return entry.tree


def test_an_unclosed_fence_in_author_markdown_is_closed(write_tree) -> None:
    out = to_markdown(with_summary(write_tree, "```\n<b>code</b>"))
    summary = out.split("## Decision tree")[0]
    assert summary.count("```") == 2 and "\n<b>code</b>\n" in summary
    assert "\n## Decision tree\n" in out


def test_a_fence_inside_author_list_items_makes_every_html_tag_text(write_tree) -> None:
    # CommonMark reads a fence opened and closed inside a list item, then raw HTML; where the
    # fences cannot be placed for certain, nothing is treated as code.
    out = to_markdown(with_summary(write_tree, "- ```\n  x\n  ```\n<script>alert(1)</script>"))
    assert "<script>" not in out and "&lt;script>" in out


def test_a_closing_fence_must_be_one_for_commonmark_too(write_tree) -> None:
    # A no-break space after the backticks does not close a fence in CommonMark: the next
    # fence does, and what follows it is Markdown again, so its HTML must be escaped.
    out = to_markdown(with_summary(write_tree, "```\n<x>\n```\u00a0\n```\n<script>alert(1)</script>"))
    assert "\n<x>\n" in out and "<script>" not in out


@pytest.mark.parametrize("path", TREES, ids=lambda p: p.stem)
def test_markdown_of_the_bundled_trees_rebuilds_them(path: Path) -> None:
    tree = bundled(path)
    text = to_markdown(tree)
    check_outline(tree, text)
    assert text.startswith(f"# {md_escape(tree.title)}\n")
    assert text.count("\n## Scenarios\n") == (1 if tree.scenarios else 0)


def test_a_3000_step_chain_exports_quickly_in_every_format() -> None:
    tree = chain(3000)
    began = time.perf_counter()
    dot, mermaid, md = to_dot(tree), to_mermaid(tree), to_markdown(tree)
    assert time.perf_counter() - began < 3.0
    assert dot.count(" -> ") == 6000 and mermaid.count(" -->") == 6000
    deepest = check_outline(tree, md)
    assert deepest == MAX_NESTING, "deep questions continue in sections of their own"
    assert max(len(line) - len(line.lstrip(" ")) for line in md.splitlines()) < 2 * MAX_NESTING + 4
    assert len(md) < 400_000


def test_a_tree_with_2_to_the_30_paths_exports_without_blowing_up() -> None:
    tree = diamonds(30)
    began = time.perf_counter()
    md = to_markdown(tree)
    dot, mermaid = to_dot(tree), to_mermaid(tree)
    assert time.perf_counter() - began < 1.0
    check_outline(tree, md)
    assert len(md) < 20_000 and md.count("see **Q") >= 29
    assert dot.count(" -> ") == 30 * 5 and mermaid.count(" -->") == 30 * 5
    assert 'label="On / Also on"' in dot and '|"On / Also on"|' in mermaid


def test_dot_of_a_long_chain_reads_back() -> None:
    check_dot(chain(150))


# --- formats and extensions -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.svg", "svg"),
        ("a.PNG", "png"),
        ("a.pdf", "pdf"),
        ("a.dot", "dot"),
        ("a.gv", "dot"),
        ("a.mmd", "mermaid"),
        ("a.mermaid", "mermaid"),
        ("a.md", "md"),
        ("dir.x/a.txt", None),
        ("a", None),
        ("-", None),
    ],
)
def test_format_from_path(name: str, fmt: str | None) -> None:
    assert format_from_path(name) == fmt


def test_export_text_is_the_three_text_formats(nasty: Tree) -> None:
    assert FORMATS == ("svg", "png", "pdf", "dot", "mermaid", "md", "html", "anki")
    assert export_text(nasty, "dot", "right") == to_dot(nasty, "right")
    assert export_text(nasty, "mermaid") == to_mermaid(nasty)
    assert export_text(nasty, "md") == to_markdown(nasty)
    with pytest.raises(ValueError):
        export_text(nasty, "svg")
    with pytest.raises(ValueError):
        to_dot(nasty, "sideways")


# --- trainer export ---------------------------------------------------------------------------
@pytest.fixture
def nasty_file(write_tree) -> Path:
    return write_tree(NASTY, "nasty.yaml")


@pytest.mark.parametrize(("fmt", "ext"), [("dot", ".dot"), ("dot", ".gv"), ("mermaid", ".mmd"), ("md", ".md")])
def test_export_to_a_file_takes_the_format_from_its_extension(
    capsys, nasty_file: Path, tmp_path: Path, fmt: str, ext: str
) -> None:
    out = tmp_path / f"out{ext}"
    assert main(["export", str(nasty_file), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == export_text(read_tree(nasty_file).tree, fmt)
    assert capsys.readouterr().out == ""
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [], "no temporary file left behind"


@pytest.mark.parametrize("fmt", ["dot", "mermaid", "md"])
def test_export_to_stdout(capsys, nasty_file: Path, fmt: str) -> None:
    assert main(["export", str(nasty_file), "-f", fmt, "-o", "-", "--direction", "right"]) == 0
    assert capsys.readouterr().out == export_text(read_tree(nasty_file).tree, fmt, "right")


def test_format_option_wins_over_the_extension(nasty_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    assert main(["export", str(nasty_file), "-f", "mermaid", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("---\ntitle:")


def test_export_overwrites_an_existing_file_keeping_its_permissions(nasty_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.dot"
    out.write_text("old")
    out.chmod(0o640)
    assert main(["export", str(nasty_file), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("digraph")
    assert out.stat().st_mode & 0o777 == 0o640


def test_a_new_file_gets_the_usual_permissions(nasty_file: Path, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        out = tmp_path / "out.dot"
        assert main(["export", str(nasty_file), "-o", str(out)]) == 0
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644  # not the 0600 of a temporary file


def test_bad_format_is_bad_usage(capsys, nasty_file: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["export", str(nasty_file), "-f", "jpeg", "-o", str(tmp_path / "out.jpeg")])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.parametrize("out", ["out.txt", "out", "-"])
def test_no_format_from_either_side_is_bad_usage(capsys, nasty_file: Path, tmp_path: Path, out: str) -> None:
    target = out if out == "-" else str(tmp_path / out)
    assert main(["export", str(nasty_file), "-o", target]) == 2
    err = capsys.readouterr().err
    assert err.startswith("trainer export: give the format with -f") and err.count("\n") == 1
    assert not (tmp_path / out).exists()


def test_missing_output_option_is_bad_usage(nasty_file: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["export", str(nasty_file), "-f", "dot"])
    assert exc.value.code == 2


def test_images_cannot_go_to_stdout(capsys, nasty_file: Path) -> None:
    assert main(["export", str(nasty_file), "-f", "png", "-o", "-"]) == 2
    assert "standard output" in capsys.readouterr().err


def test_missing_tree_is_bad_usage(capsys, tmp_path: Path) -> None:
    assert main(["export", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "out.dot")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_exporting_over_the_tree_itself_is_refused(capsys, nasty_file: Path) -> None:
    before = nasty_file.read_bytes()
    assert main(["export", str(nasty_file), "-f", "md", "-o", str(nasty_file)]) == 2
    assert nasty_file.read_bytes() == before


def test_a_broken_tree_prints_its_problems_and_writes_nothing(capsys, write_tree, clean_tree, tmp_path: Path) -> None:
    broken = write_tree(clean_tree.replace("next: bad", "next: nowhere"), "broken.yaml")
    out = tmp_path / "out.dot"
    assert main(["export", str(broken), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{broken}:13:15: error: 'next: nowhere' names no node" in captured.err
    assert captured.err.splitlines()[-1] == f"trainer export: {broken} has errors; nothing was written"
    assert not out.exists()


def test_a_missing_folder_is_one_line(capsys, nasty_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "out.md"
    assert main(["export", str(nasty_file), "-o", str(out)]) == 1
    assert capsys.readouterr().err == f"trainer export: cannot write {out}: No such file or directory\n"


def test_a_file_in_place_of_the_folder_is_one_line(capsys, nasty_file: Path, tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("")
    out = tmp_path / "plain" / "out.md"
    assert main(["export", str(nasty_file), "-o", str(out)]) == 1
    assert capsys.readouterr().err == f"trainer export: cannot write {out}: Not a directory\n"


def test_a_folder_as_output_is_one_line(capsys, nasty_file: Path, tmp_path: Path) -> None:
    (tmp_path / "out.md").mkdir()
    assert main(["export", str(nasty_file), "-o", str(tmp_path / "out.md")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"trainer export: cannot write {tmp_path / 'out.md'}: ") and err.count("\n") == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_permission_denied_is_one_line(capsys, monkeypatch, nasty_file: Path, tmp_path: Path) -> None:
    # A read-only folder cannot stand in for this: CI runs as root, which writes anyway.
    import tempfile

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    out = tmp_path / "out.md"
    assert main(["export", str(nasty_file), "-o", str(out)]) == 1
    assert capsys.readouterr().err == f"trainer export: cannot write {out}: Permission denied\n"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    capsys, monkeypatch, nasty_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.dot"
    out.write_text("old")

    def fail(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    assert main(["export", str(nasty_file), "-o", str(out)]) == 1
    assert out.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nasty.yaml", "out.dot"]
    assert capsys.readouterr().err == f"trainer export: cannot write {out}: No space left on device\n"


def test_image_formats_say_so_when_the_renderer_is_missing(
    capsys, monkeypatch, nasty_file: Path, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "trainer.ui.export.render", None)
    assert main(["export", str(nasty_file), "-o", str(tmp_path / "out.svg")]) == 2
    assert capsys.readouterr().err == "trainer export: svg export is not available yet\n"


def test_image_formats_go_to_the_renderer(monkeypatch, nasty_file: Path, tmp_path: Path) -> None:
    import types

    calls = []
    fake = types.ModuleType("trainer.ui.export.render")
    fake.export_image = lambda tree, fmt, out, scale, direction, on_step=None: calls.append(
        (tree.id, fmt, out, scale, direction)
    )  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "trainer.ui.export.render", fake)
    out = tmp_path / "out.png"
    assert main(["export", str(nasty_file), "-o", str(out), "--scale", "2.5", "--direction", "right"]) == 0
    assert calls == [("nasty", "png", out, 2.5, "right")]


@pytest.mark.parametrize("scale", ["0", "-1", "x", "1000"])
def test_a_bad_scale_is_bad_usage(nasty_file: Path, tmp_path: Path, scale: str) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["export", str(nasty_file), "-o", str(tmp_path / "out.png"), "--scale", scale])
    assert exc.value.code == 2


def test_main_help_mentions_export(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "export TREE -o OUT" in capsys.readouterr().out


def test_text_export_loads_neither_qt_nor_networkx(nasty_file: Path) -> None:
    code = (
        "import sys, json, contextlib, io\nfrom trainer.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['export', {str(nasty_file)!r}, '-f', 'md', '-o', '-']) == 0\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    modules = set(json.loads(done.stdout.splitlines()[-1]))
    assert "trainer.interop.text" in modules
    assert not {m for m in modules if m.startswith(("PySide6", "shiboken6", "networkx"))}


def test_python_m_trainer_export_pipes_utf8(nasty_file: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C"}
    done = subprocess.run(
        [sys.executable, "-m", "trainer", "export", str(nasty_file), "-f", "mermaid", "-o", "-"],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "日本".encode() in done.stdout and b"Traceback" not in done.stderr
