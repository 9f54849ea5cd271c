"""One tree being edited (Qt-free): its text now, the file it belongs to, what that file held
when it was read, and the tree and problems the text gives. The editor window renders this and
its undo stack swaps texts; nothing here knows about widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from trainer.author.document import EditError, apply_edit
from trainer.author.fragments import apply_local
from trainer.author.saving import DiskState, save_text
from trainer.core.loader import load_tree_text
from trainer.core.model import Tree
from trainer.core.problems import Problem, has_errors
from trainer.core.validate import validate_tree
from trainer.interop.mermaid import yaml_scalar

T = TypeVar("T")

BLANK, STARTER = "blank", "starter"


@dataclass(frozen=True)
class Checked:
    """What the text gives when read as `trainer validate` reads it."""

    tree: Tree | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return self.tree is None or has_errors(self.problems)

    def nodes_in_error(self) -> set[str]:
        """The nodes an error falls in, which the editor's graph flags."""
        places = (locate(self.tree, p) for p in self.problems if p.is_error)
        return {place.node_id for place in places if place.part == "node"}


def check_text(text: str, path: Path | None = None) -> Checked:
    result = load_tree_text(text, path)
    problems = list(result.problems) + (validate_tree(result.tree) if result.tree is not None else [])
    problems.sort(key=lambda p: p.pos)
    return Checked(result.tree, problems)


class EditSession:
    """The text being edited and its file. `saved_text` is what the file holds (None for a tree
    never saved), so `modified` is exact: undoing back to the saved text is unmodified again."""

    def __init__(self, text: str, path: Path | None = None, known: DiskState | None = None) -> None:
        self.text = text
        self.path = path
        self.known = known
        self.saved_text: str | None = text if path is not None else None

    @classmethod
    def open(cls, path: Path) -> EditSession:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise EditError(f"cannot read {path.name}: {exc.strerror}") from None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise EditError(f"{path.name} is not UTF-8 text; fix its encoding first") from None
        return cls(text, path, DiskState.of(path))

    @property
    def modified(self) -> bool:
        return self.text != self.saved_text

    def check(self) -> Checked:
        return check_text(self.text, self.path)

    def preview(self, operation: Callable[..., T]) -> tuple[str, T]:
        """The text an edit would give (EditError when it cannot be made); the undo stack then
        moves between the texts before and after. An edit of one node or scenario is made on
        that entry alone (trainer.author.fragments), others on the whole file."""
        local = apply_local(self.text, operation)
        if local is not None:
            text, result = local
            return text, result
        return apply_edit(self.text, operation)

    def save(self, path: Path | None = None, backups: Path | None = None, overwrite: bool = False) -> None:
        """Write the text to its file (or to `path`, which it then belongs to). `overwrite`: the
        author chose to replace a file that changed on disk. Raises ConflictError/SaveError."""
        target = path or self.path
        if target is None:
            raise EditError("choose where to save this new tree")
        known = None if overwrite or (path is not None and path != self.path) else self.known
        self.known = save_text(target, self.text, known, backups)
        self.path, self.saved_text = target, self.text

    def lose_file(self) -> None:
        """The file no longer holds this text (deleted, or replaced by something unreadable):
        the text is unsaved from now on; `known` stays, so a save still asks before replacing."""
        self.saved_text = None

    def reload_from_disk(self) -> str:
        """The file's text as it is now (the author chose theirs over the edits here)."""
        if self.path is None:
            raise EditError("this tree has never been saved")
        fresh = EditSession.open(self.path)
        self.known, self.saved_text = fresh.known, fresh.text
        return fresh.text


def new_tree_text(kind: str, tree_id: str, title: str) -> str:
    """A new tree in the style of docs/format.md: `blank` is one outcome to start from,
    `starter` one question with two answers, each leading to an outcome."""
    head = f"format: 1\nid: {tree_id}\ntitle: {yaml_scalar(title)}\n"
    if kind == BLANK:
        return head + (
            "start: first-outcome\n\nnodes:\n\n"
            "  first-outcome:\n"
            "    outcome: The first outcome\n"
            "    explanation: |\n"
            "      Why this is the right choice.\n"
        )
    if kind == STARTER:
        return head + (
            "start: first-question\n\nnodes:\n\n"
            "  first-question:\n"
            "    question: What do you need to decide first?\n"
            "    answers:\n"
            '      - label: "Yes"\n'
            "        next: outcome-yes\n"
            '      - label: "No"\n'
            "        next: outcome-no\n\n"
            "  outcome-yes:\n"
            "    outcome: The choice when the answer is yes\n"
            "    explanation: |\n"
            "      Why this is the right choice.\n\n"
            "  outcome-no:\n"
            "    outcome: The choice when the answer is no\n"
            "    explanation: |\n"
            "      Why this is the right choice.\n"
        )
    raise EditError(f"no template called '{kind}'")


@dataclass(frozen=True)
class Place:
    """Where in the editor a problem is fixed: a node (and an answer of it), a scenario, or
    the tree's own fields."""

    part: str  # "node", "scenario" or "tree"
    node_id: str = ""
    answer: int = -1  # the answer's index, -1 for the node's own fields
    field: str = ""  # "next" when the problem is on an answer's target
    index: int = -1  # the scenario's index


def locate(tree: Tree | None, problem: Problem) -> Place:
    """The node, answer or scenario a problem's line falls in (by the positions the loader kept)."""
    line = problem.pos.line
    if tree is None:
        return Place("tree")
    starts = [s.pos.line for s in tree.scenarios]
    if starts and line >= starts[0]:
        index = max(i for i, start in enumerate(starts) if start <= line)
        return Place("scenario", index=index)
    owners = [(node.pos.line, node_id) for node_id, node in tree.nodes.items() if node.pos.line <= line]
    if not owners:
        return Place("tree")
    node_id = max(owners)[1]
    node = tree.nodes[node_id]
    for index, answer in reversed(list(enumerate(getattr(node, "answers", ())))):
        if answer.pos.line <= line:
            return Place("node", node_id, index, "next" if answer.next_pos.line == line else "")
    return Place("node", node_id)
