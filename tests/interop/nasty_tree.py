"""A tree whose texts hold everything an author could write that might break an export (quotes,
backslashes, braces, brackets, pipes, HTML, entities, backticks, newlines, non-ASCII), and trees
built directly to be as deep or as many-pathed as a tree gets."""

from __future__ import annotations

from pathlib import Path

from trainer.core.library import read_tree
from trainer.core.model import Answer, Outcome, Question, Tree

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
