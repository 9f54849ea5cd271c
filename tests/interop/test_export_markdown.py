"""Markdown exports read back by rebuilding the tree from the outline's nesting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.interop.nasty_tree import NASTY, TREES, bundled
from trainer.core.library import read_tree
from trainer.core.model import Question, Tree
from trainer.interop.text import md_escape, to_markdown

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
