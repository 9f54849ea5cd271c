"""The outline twin: the tree as an indented, keyboard-navigable list screen readers can read,
kept in step with the graph's selection. Each node is listed once; later arrivals at a shared
node are pointers to it."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from trainer.core.model import Outcome, Tree
from trainer.draw.outline import OutlineRow, outline_rows
from trainer.study.walk import marked
from trainer.ui.common.plain import plain_tooltip

NODE_ROLE = Qt.ItemDataRole.UserRole + 1
ROWS_PER_STEP = 200  # rows made between two turns of the event loop when a large tree is listed in steps
PLAIN_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's text without a walk's mark
DEPTH_ROLE = Qt.ItemDataRole.UserRole + 3  # how far the row is indented
LARGE_ROWS = 5_000  # from this many rows on, one line a row (the whole text in its tool tip)
MAX_NESTING = 24  # rows deeper than this are listed at this depth, their step named in words


class WrappingDelegate(QStyledItemDelegate):
    """Row heights that follow the wrapped text: Qt sizes tree rows as if the column were
    unbounded, so wrapped rows would otherwise be cut to one line."""

    def __init__(self, view: QTreeWidget) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        view = self.view
        if view.uniformRowHeights():  # a large tree: one line a row, placed by arithmetic
            return super().sizeHint(option, index)
        depth = index.data(DEPTH_ROLE) or 0
        width = max(view.columnWidth(0) - view.indentation() * (depth + 1) - 8, 60)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        rect = QFontMetrics(option.font).boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text)
        return QSize(width, rect.height() + 6)


class OutlineView(QTreeWidget):
    node_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outline")
        self.setAccessibleName("Tree outline")
        self.setHeaderHidden(True)
        self.setWordWrap(True)  # rows wrap rather than cut the text off
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # wrap at the pane's width
        self.header().setStretchLastSection(True)
        self.setItemDelegate(WrappingDelegate(self))
        self._first_row: dict[str, QTreeWidgetItem] = {}
        self._tree: Tree | None = None
        self._masked = False
        self._revealed: frozenset[str] = frozenset()
        self._marks: dict[str, str] = {}
        self.order: list[str] = []
        self.currentItemChanged.connect(self._on_current_item_changed)

    def set_tree(self, tree: Tree | None, rows: list[OutlineRow] | None = None) -> None:
        """List `tree` (`rows`: its `outline_rows`, when already worked out elsewhere)."""
        for _step in self.set_tree_in_steps(tree, rows):
            pass

    def set_tree_in_steps(self, tree: Tree | None, rows: list[OutlineRow] | None = None) -> Iterator[None]:
        """`set_tree` a few hundred rows at a time, yielding between them (a large tree's 10,000
        rows are run through `background.Slices`); the rows are made as items out of sight and
        shown together at the end, so the outline never shows half a tree."""
        rows = (rows if rows is not None else outline_rows(tree)) if tree is not None else []
        items: list[QTreeWidgetItem] = []
        if tree is not None:
            yield from self._make_items(tree, rows, items)
        self._tree = tree
        self._masked, self._revealed = False, frozenset()  # the rows list the tree as it is
        self.blockSignals(True)
        self.clear()
        self._first_row = {}
        self._marks = {}
        self.order = []
        if tree is not None:
            self._fill(rows, items)
        self.blockSignals(False)

    def _make_items(self, tree: Tree, rows: list[OutlineRow], items: list[QTreeWidgetItem]) -> Iterator[None]:
        """One item per row, each under its parent row's item; yields every ROWS_PER_STEP.
        Nesting stops at MAX_NESTING: a deeper row hangs under its ancestor at that depth and
        reads "step 1,234: …". Qt lays out and paints nested rows recursively, one call per level,
        so a 100,000-step chain nested row in row overflowed the stack and crashed the app."""
        anchors: list[int | None] = []  # per row: the row deeper rows hang under (its own index at the cap)
        for row in rows:
            node = tree.nodes[row.node_id]
            kind = "Outcome" if isinstance(node, Outcome) else "Question"
            via = f"{row.via} → " if row.via else ""
            step = f"step {row.depth + 1:,}: " if row.depth > MAX_NESTING else ""
            text = f"{step}{via}{'see ' if row.reference else ''}{kind}: {node.text}"
            item = QTreeWidgetItem([text])
            item.setData(0, NODE_ROLE, row.node_id)
            item.setToolTip(0, plain_tooltip(text))
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, text + (" (listed above)" if row.reference else ""))
            item.setData(0, PLAIN_ROLE, text)
            parent = row.parent_row
            if parent is not None and row.depth > MAX_NESTING:
                parent = anchors[parent]
            anchors.append(parent if row.depth > MAX_NESTING else len(items))
            if parent is not None:
                items[parent].addChild(item)
                item.setData(0, DEPTH_ROLE, min(row.depth, MAX_NESTING + 1))
            items.append(item)
            if len(items) % ROWS_PER_STEP == 0:
                yield

    def _fill(self, rows: list[OutlineRow], items: list[QTreeWidgetItem]) -> None:
        large = len(rows) >= LARGE_ROWS  # wrapped rows are measured one by one, in Python: too slow here
        self.setUniformRowHeights(large)
        self.setWordWrap(not large)
        self.setTextElideMode(Qt.TextElideMode.ElideRight if large else Qt.TextElideMode.ElideNone)
        self.addTopLevelItems([item for row, item in zip(rows, items, strict=True) if row.parent_row is None])
        for row, item in zip(rows, items, strict=True):
            if not row.reference:
                self._first_row[row.node_id] = item
                self.order.append(row.node_id)
        self.expandAll()

    def focusInEvent(self, event) -> None:
        """Taking the focus with no current row (a quiz cleared it), Qt makes the first row
        current: not the user's pick, so it is not reported (it would select in the quiz's graph,
        or move the walk when the quiz ends)."""
        self.blockSignals(True)
        try:
            super().focusInEvent(event)
        finally:
            self.blockSignals(False)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.doItemsLayout()  # re-wrap rows at the new width

    def set_masked(self, masked: bool, revealed: frozenset[str] = frozenset()) -> None:
        """While a quiz hides outcomes, their rows read "Outcome: ?" (text, tool tip and what a
        screen reader hears), and no row is current or marked: the row being studied would point
        at the answer. `revealed`: outcomes the feedback has just named, listed by name as the
        graph draws them. Unmasking lists the tree again as it is."""
        revealed = frozenset(revealed) if masked else frozenset()
        changed = masked != self._masked
        self._masked, before, self._revealed = masked, self._revealed, revealed
        if self._tree is None:
            return
        if not masked:
            self.set_marks({})
            self.set_tree(self._tree)
            return
        if changed:
            self.set_marks({})
            self.blockSignals(True)
            self.clear_current()
            self.blockSignals(False)
        self._name_outcomes(revealed, before, changed)
        if changed:
            self.scrollToTop()

    def _name_outcomes(self, revealed: frozenset[str], before: frozenset[str], every: bool) -> None:
        """Each outcome row "?" unless revealed: all of them (`every`, as masking starts) or only
        those whose naming changed. All rows are changed out of sight: a shown row measures its
        wrapped height again at every change, which a large tree would feel at the start of a
        quiz; then shown at once."""
        assert self._tree is not None
        self.blockSignals(True)
        taken = (self.takeTopLevelItem(0) for _ in range(self.topLevelItemCount()))
        roots = [root for root in taken if root is not None]
        rows = list(roots)
        while rows:
            row = rows.pop()
            rows.extend(child for i in range(row.childCount()) if (child := row.child(i)) is not None)
            node_id = row.data(0, NODE_ROLE)
            node = self._tree.nodes.get(node_id)
            if isinstance(node, Outcome) and (every or (node_id in revealed) != (node_id in before)):
                self._name_row(row, node, node_id in revealed)
        self.addTopLevelItems(roots)
        self.expandAll()
        self.blockSignals(False)

    def _name_row(self, row: QTreeWidgetItem, node: Outcome, named: bool) -> None:
        plain = row.data(0, PLAIN_ROLE)  # "via → [see ]Outcome: text", as listed unmasked
        prefix = plain[: len(plain) - len(f"Outcome: {node.text}")]
        if named:
            text, spoken, tip = plain, plain, plain_tooltip(plain)
        else:
            text, spoken = f"{prefix}Outcome: ?", f"{prefix}Outcome: hidden during the quiz"
            tip = "Outcome: hidden during the quiz"
        row.setText(0, text)
        row.setToolTip(0, tip)
        row.setData(0, Qt.ItemDataRole.AccessibleTextRole, spoken)

    def clear_current(self) -> None:
        """No row current or selected (signals are not blocked here: callers do that)."""
        self.clearSelection()
        self.setCurrentIndex(QModelIndex())

    def set_marks(self, marks: dict[str, str]) -> None:
        """Mark rows in words ("▶ you are here", "✔ visited"; trainer.study.walk.walk_marks), so the
        walk's state is read and seen without relying on colour."""
        changed = [n for n in set(self._marks) | set(marks) if self._marks.get(n) != marks.get(n)]
        quiet = len(changed) > ROWS_PER_STEP  # a jump deep into a long chain marks its whole way
        if quiet:  # one layout for all, not one per row (each row's wrapped height measured again)
            self.model().blockSignals(True)
        try:
            for node_id in changed:
                item = self._first_row.get(node_id)
                if item is not None:
                    text = marked(item.data(0, PLAIN_ROLE), marks.get(node_id, ""))
                    item.setText(0, text)
                    item.setData(0, Qt.ItemDataRole.AccessibleTextRole, text)
        finally:
            if quiet:
                self.model().blockSignals(False)
                self.doItemsLayout()
        self._marks = dict(marks)

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
