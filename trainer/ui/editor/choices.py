"""The node pickers of the forms (where an answer leads, what a scenario expects): one list
model shared by every picker that offers the same nodes, and a combo box that finds a node by
any part of its id or text.

A picker used to be filled item by item with every node: at 10,000 nodes that was millions of
entries and minutes of building whenever the tree's nodes changed. The model holds only the
ids and reads each row's words from the tree when a view asks for them (a list shows a few
dozen rows at a time), so building and refreshing it costs a list of ids."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QCompleter, QLineEdit, QListView, QWidget

from trainer.ui.editor.fields import plain_tip, short

Index = QModelIndex | QPersistentModelIndex
Words = Callable[[str], tuple[str, str]]  # a node id -> (its row's text, its tool tip)

_DISPLAY = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole)


class NodeChoices(QAbstractListModel):
    """Rows of node ids; `words(id)` gives a row's text and tool tip, computed when first asked
    for and kept until `set_choices` is told the words may have changed. The id is the row's
    Qt.UserRole data, as QComboBox.addItem(text, data) would store it."""

    def __init__(self, words: Words, parent: Any = None) -> None:
        super().__init__(parent)
        self._words = words
        self._ids: list[str] = []
        self._rows: dict[str, int] = {}
        self._cache: dict[str, tuple[str, str]] = {}

    def set_choices(self, ids: Sequence[str], words: Words | None = None) -> None:
        """Offer `ids`, in order. The same ids keep every picker's choice (only the words are
        read again); other ids reset the model, and each picker is then set again by its form."""
        if words is not None:
            self._words = words
        self._cache.clear()
        if list(ids) == self._ids:
            if self._ids:
                self.dataChanged.emit(self.index(0), self.index(len(self._ids) - 1))
            return
        self.beginResetModel()
        self._ids = list(ids)
        self._rows = {node_id: row for row, node_id in enumerate(self._ids)}
        self.endResetModel()

    def row_of(self, node_id: str) -> int:
        """The row offering `node_id`, -1 when none does (QComboBox.findData without a scan)."""
        return self._rows.get(node_id, -1)

    def id_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's own default
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        node_id = self._ids[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return node_id
        if role in _DISPLAY or role == Qt.ItemDataRole.ToolTipRole:
            words = self._cache.get(node_id)
            if words is None:
                words = self._cache[node_id] = self._words(node_id)
            return words[0] if role in _DISPLAY else words[1]
        return None


class NodePicker(QComboBox):
    """A combo box over a shared NodeChoices: pick from its list, or type any part of a node's id
    or text and pick from the matches. `activated` is emitted only for a row picked, as for a
    plain combo box; text typed that names no row is put back when the picker is left."""

    def __init__(self, choices: NodeChoices, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setEditable(True)
        self._edit = QLineEdit(self)
        self._edit.setAccessibleName(f"{name}: type part of a node's id or text")  # the field a screen reader lands in
        self.setLineEdit(self._edit)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(20)  # long node texts are cut in the box, shown whole in its list
        self.setModel(choices)
        # Rows of one height: a list of 10,000 rows then asks one row its size, not each (under
        # the app's style sheet the list laid itself out, row by row, for every picker made).
        _uniform(self.view())
        self._edit.setPlaceholderText("Type part of a node's id or text")
        self._choices = choices

    @property
    def choices(self) -> NodeChoices:
        return self._choices

    def show_choice(self, node_id: str) -> None:
        """Show `node_id` as chosen (nothing when no row offers it), unless the author is typing here."""
        row = self._choices.row_of(node_id)
        if row != self.currentIndex():
            self.setCurrentIndex(row)
        if not self._edit.hasFocus():
            self._put_back()

    def focusInEvent(self, event: QFocusEvent) -> None:
        """The search is made when the picker is first used: a completer's list, made for each
        of a page of pickers over 10,000 rows, cost seconds under the app's style sheet."""
        if not isinstance(self.completer(), _Search):
            self.setCompleter(_Search(self._choices, self))
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._put_back()

    def _put_back(self) -> None:
        shown = self.itemText(self.currentIndex()) if self.currentIndex() >= 0 else ""
        if self._edit.text() != shown:
            self.setEditText(shown)
            self._edit.setCursorPosition(0)


class _Search(QCompleter):
    """Rows whose text holds what was typed, anywhere in it, in any case."""

    def __init__(self, choices: NodeChoices, parent: QWidget) -> None:
        super().__init__(choices, parent)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setMaxVisibleItems(12)
        _uniform(self.popup())


def _uniform(view: QAbstractItemView | None) -> None:
    if isinstance(view, QListView):
        view.setUniformItemSizes(True)
        view.setLayoutMode(QListView.LayoutMode.Batched)


def node_words(nodes: Mapping[str, Any], limit: int, kinds: bool) -> Words:
    """The words of a node's row: its id and its text cut at `limit` characters (with its kind
    when `kinds`), and its whole text as the tool tip."""

    def words(node_id: str) -> tuple[str, str]:
        node = nodes.get(node_id)
        if node is None:
            return f"⚠ {node_id} (there is no such node)", plain_tip(f"There is no node called “{node_id}”")
        if not kinds:
            return f"{node_id} ({short(node.text, limit)})", plain_tip(node.text)
        kind = "Question" if hasattr(node, "answers") else "Outcome"
        return f"{node_id} ({kind}: {short(node.text, limit)})", plain_tip(f"{kind}: {node.text}")

    return words
