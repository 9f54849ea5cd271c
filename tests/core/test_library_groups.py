"""The library's groups by exam domain, and the bundled library's use of them."""

from __future__ import annotations

from pathlib import Path

from trainer.core.library import TreeEntry, default_library_paths, load_library
from trainer.core.library_groups import EXAM_DOMAINS, MINE_TITLE, OTHER_TITLE, domain_of, group_entries, group_of
from trainer.core.loader import load_tree_text

TREE = """\
id: {id}
title: {id}
{tags}
start: q
nodes:
  q:
    question: Which?
    answers:
      - label: This
        next: a
      - label: That
        next: b
  a:
    outcome: A
  b:
    outcome: B
"""


def entry(tree_id: str, tags: str = "", folder: Path = Path()) -> TreeEntry:
    path = folder / f"{tree_id}.yaml"
    result = load_tree_text(TREE.format(id=tree_id, tags=tags), path)
    assert result.tree is not None, result.problems
    return TreeEntry(path, result.tree, result.problems)


def test_a_tree_goes_under_the_first_domain_its_tags_name() -> None:
    domain = domain_of(entry("both", "tags: [storage, cost-optimised, secure]"))
    assert domain is not None and domain.tag == "cost-optimised"


def test_groups_follow_the_exam_order_and_keep_the_library_order_within() -> None:
    entries = [
        entry("cheap", "tags: [cost-optimised]"),
        entry("plain"),
        entry("safe-2", "tags: [secure]"),
        entry("safe-1", "tags: [secure]"),
        TreeEntry(Path("broken.yaml"), None, []),
    ]
    groups = group_entries(entries)
    assert [g.title for g in groups] == ["Secure architectures", "Cost-optimised architectures", OTHER_TITLE]
    assert [e.path.stem for e in groups[0].entries] == ["safe-2", "safe-1"]
    assert [e.path.stem for e in groups[-1].entries] == ["plain", "broken"]
    assert sum(len(g.entries) for g in groups) == len(entries)


def test_every_bundled_tree_is_in_an_exam_domain_and_every_domain_has_trees() -> None:
    library = load_library(default_library_paths()[:1])
    groups = group_entries(library.entries)
    assert [g.title for g in groups] == [d.title for d in EXAM_DOMAINS]
    assert all(len(g.entries) >= 2 for g in groups)


def test_the_users_own_trees_are_one_group_first_whatever_their_tags() -> None:
    mine, shipped = Path("/home/me/.local/share/trainer/trees"), Path("/opt/trainer/trees")
    entries = [
        entry("safe", "tags: [secure]", shipped),
        entry("my-safe", "tags: [secure]", mine),
        entry("plain", "", shipped),
        entry("deep", "", mine / "sub"),
        TreeEntry(mine / "broken.yaml", None, []),
    ]
    groups = group_entries(entries, own=[mine])
    assert [g.title for g in groups] == [MINE_TITLE, "Secure architectures", OTHER_TITLE]
    assert [e.path.stem for e in groups[0].entries] == ["my-safe", "deep", "broken"]
    assert [e.path.stem for e in groups[1].entries] == ["safe"]
    assert group_of(entries[1], own=[mine]) == MINE_TITLE and group_of(entries[1]) == "Secure architectures"
    assert [g.title for g in group_entries(entries)] == ["Secure architectures", OTHER_TITLE]  # no folder given
