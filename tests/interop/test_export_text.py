"""Text exports in every format (Graphviz DOT, Mermaid, Markdown): the nasty tree really is nasty,
very deep and many-pathed trees export quickly, and the formats and file extensions.

Each format is read back in its own module (test_export_dot, test_export_mermaid,
test_export_markdown); `trainer export` is test_export_command."""

from __future__ import annotations

import time

import pytest

from tests.interop.nasty_tree import NASTY_CHARS, chain, diamonds
from tests.interop.test_export_markdown import check_outline
from trainer.core.model import Tree
from trainer.interop.export import FORMATS, export_text, format_from_path
from trainer.interop.text import MAX_NESTING, to_dot, to_markdown, to_mermaid


def test_the_nasty_tree_really_is_nasty(nasty: Tree) -> None:
    texts = " ".join(
        [nasty.title] + [n.text for n in nasty.nodes.values()] + [a.label for q in nasty.questions for a in q.answers]
    )
    for char in NASTY_CHARS:
        assert char in texts
    assert "\n" in nasty.nodes["first"].text and "\n" in nasty.nodes["out-c"].text


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
