"""Undo commands that swap the editor's whole text: an undo restores exactly the text before."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

_MERGE_IDS: dict[str, int] = {}


def merge_id(key: str) -> int:
    """A stable QUndoCommand id per field, so typing in one field is one undo step."""
    return _MERGE_IDS.setdefault(key, len(_MERGE_IDS) + 1)


class TextEdit(QUndoCommand):
    """One edit: the text before and after it. Consecutive edits of the same field (`merge`)
    merge into one step, as text editors do with typing."""

    def __init__(self, label: str, before: str, after: str, apply: Callable[[str], None], merge: str = "") -> None:
        super().__init__(label)
        self.before, self.after, self._apply = before, after, apply
        self._id = merge_id(merge) if merge else -1

    def id(self) -> int:
        return self._id

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, TextEdit) or other.id() != self.id() or self.id() < 0:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)
