"""Which trees a quiz covers: one decision, made the same way for the window's Quiz > Start
Quiz and for `trainer quiz`."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from trainer.core.model import Tree

SCOPE_TREE, SCOPE_ALL, SCOPE_TAG, SCOPE_DUE, SCOPE_CHOSEN = "tree", "all", "tag", "due", "chosen"


@dataclass(frozen=True)
class QuizSettings:
    """What the learner asked for: the scope (and its tag or chosen trees), how many items of
    which kind, exam mode, a time limit per item and the seed."""

    scope: str = SCOPE_TREE  # SCOPE_TREE, SCOPE_ALL, SCOPE_TAG, SCOPE_CHOSEN or SCOPE_DUE
    tag: str = ""
    tree_ids: tuple[str, ...] = ()  # SCOPE_CHOSEN: the ids of the checked trees
    count: int = 10
    kind: str | None = None  # None: mixed
    exam: bool = False  # True: feedback only at the end
    time_limit: int = 0  # seconds per item; 0 = none
    seed: int = 1

    @property
    def kinds(self) -> tuple[str, ...] | None:
        return (self.kind,) if self.kind else None


def scope_trees(trees: Iterable[Tree], settings: QuizSettings, current: Tree | None = None) -> list[Tree]:
    """The trees of `trees` (the usable ones of the library, in its order) that a quiz with
    `settings` covers; `current` is the tree on screen, for SCOPE_TREE. SCOPE_DUE covers every
    tree (the due items decide). An unknown scope covers none."""
    trees = list(trees)
    if settings.scope in (SCOPE_ALL, SCOPE_DUE):
        return trees
    if settings.scope == SCOPE_TAG:
        return [t for t in trees if settings.tag in t.tags]
    if settings.scope == SCOPE_CHOSEN:
        return chosen_trees(trees, settings.tree_ids)
    if settings.scope == SCOPE_TREE:
        return [current] if current is not None else []
    return []


def tags_of(trees: Sequence[Tree]) -> list[str]:
    """Every tag of `trees`, sorted: the scopes the setup dialog offers."""
    return sorted({tag for t in trees for tag in t.tags})


def chosen_trees(trees: Iterable[Tree], tree_ids: Collection[str]) -> list[Tree]:
    """The trees whose ids the learner picked, in library order and each once. An id that no
    longer names a tree (the library was reloaded since) is skipped: the rest still make a quiz."""
    wanted = set(tree_ids)
    seen: set[str] = set()
    picked: list[Tree] = []
    for tree in trees:
        if tree.id in wanted and tree.id not in seen:
            seen.add(tree.id)
            picked.append(tree)
    return picked
