"""The outline twin: the tree as an indented, keyboard-navigable list screen readers can read,
kept in step with the graph's selection. Each node is listed once; later arrivals at a shared
node are pointers to it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from trainer.graph_state import outline_rows
from trainer.model import Outcome, Tree

NODE_ROLE = Qt.ItemDataRole.UserRole + 1


class OutlineView(QTreeWidget):
    node_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outline")
        self.setAccessibleName("Tree outline")
        self.setHeaderHidden(True)
        self.setWordWrap(True)  # rows wrap rather than cut the text off
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self._first_row: dict[str, QTreeWidgetItem] = {}
        self.order: list[str] = []
        self.currentItemChanged.connect(self._on_current_item_changed)

    def set_tree(self, tree: Tree | None) -> None:
        self.blockSignals(True)
        self.clear()
        self._first_row = {}
        self.order = []
        if tree is not None:
            self._fill(tree)
        self.blockSignals(False)

    def _fill(self, tree: Tree) -> None:
        items: list[QTreeWidgetItem] = []
        for row in outline_rows(tree):
            node = tree.nodes[row.node_id]
            kind = "Outcome" if isinstance(node, Outcome) else "Question"
            via = f"{row.via} → " if row.via else ""
            text = f"{via}{'see ' if row.reference else ''}{kind}: {node.text}"
            item = QTreeWidgetItem([text])
            item.setData(0, NODE_ROLE, row.node_id)
            item.setToolTip(0, f"<p>{_escape(text)}</p>")
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, text + (" (listed above)" if row.reference else ""))
            if row.parent_row is None:
                self.addTopLevelItem(item)
            else:
                items[row.parent_row].addChild(item)
            items.append(item)
            if not row.reference:
                self._first_row[row.node_id] = item
                self.order.append(row.node_id)
        self.expandAll()

    def select_node(self, node_id: str) -> None:
        item = self._first_row.get(node_id)
        if item is not None and self.currentItem() is not item:
            self.blockSignals(True)
            self.setCurrentItem(item)
            self.scrollToItem(item)
            self.blockSignals(False)

    def _on_current_item_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is not None:
            self.node_selected.emit(current.data(0, NODE_ROLE))


def _escape(text: str) -> str:
    import html

    return html.escape(text)
