"""Which trees a quiz covers, decided once for the window and the command line."""

from __future__ import annotations

from pathlib import Path

from trainer.core.library import read_tree
from trainer.core.model import Tree
from trainer.study.scope import (
    SCOPE_ALL,
    SCOPE_CHOSEN,
    SCOPE_DUE,
    SCOPE_TAG,
    SCOPE_TREE,
    QuizSettings,
    scope_trees,
    tags_of,
)

TREES = Path(__file__).resolve().parents[2] / "trees"


def library() -> list[Tree]:
    trees = [read_tree(p).tree for p in sorted(TREES.glob("*.yaml"))]
    return [t for t in trees if t is not None]


def test_each_scope_covers_its_trees_in_library_order() -> None:
    trees = library()
    current = trees[3]
    assert scope_trees(trees, QuizSettings(scope=SCOPE_ALL), current) == trees
    assert scope_trees(trees, QuizSettings(scope=SCOPE_DUE), current) == trees
    assert scope_trees(trees, QuizSettings(scope=SCOPE_TREE), current) == [current]
    assert scope_trees(trees, QuizSettings(scope=SCOPE_TREE), None) == []
    tagged = scope_trees(trees, QuizSettings(scope=SCOPE_TAG, tag="secure"))
    assert tagged and all("secure" in t.tags for t in tagged) and tagged == [t for t in trees if "secure" in t.tags]
    picked = scope_trees(trees, QuizSettings(scope=SCOPE_CHOSEN, tree_ids=(trees[5].id, trees[1].id, "gone")))
    assert picked == [trees[1], trees[5]]
    assert scope_trees(trees, QuizSettings(scope="nonsense")) == []


def test_the_tags_offered_are_every_tag_once_sorted() -> None:
    tags = tags_of(library())
    assert tags == sorted(set(tags)) and {"secure", "resilient", "high-performing", "cost-optimised"} <= set(tags)


def test_the_command_line_quizzes_the_trees_of_a_tag(capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import io

    from trainer.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["quiz", "--tag", "cost-optimised", "--no-record", "--seed", "3", "--count", "2", str(TREES)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 items, seed 3")
