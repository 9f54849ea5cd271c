"""The graph scene mirrors a tree: one item per visible node and edge, placed by the domain
layout. It keeps `{node id: item}` and updates items from state it is given; items own no data."""

from __future__ import annotations

import gc
from typing import Literal

from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtGui import QFontMetricsF, QStaticText
from PySide6.QtWidgets import QGraphicsScene, QWidget

from trainer.graph_state import NO_HIGHLIGHT, Highlight, children_of, edge_labels, hidden_by_collapse, roots_of
from trainer.layout import Layout, LayoutInput, LayoutOptions, Size, compute_layout
from trainer.model import Outcome, Question, Tree
from trainer.ui.canvas.items import EdgeItem, NodeItem, prepared_text
from trainer.ui.canvas.style import graph_style

LABEL_MAX_WIDTH = 180.0
MARGIN = 40.0


class GraphScene(QGraphicsScene):
    node_selected = Signal(str)
    laid_out = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.style = graph_style()
        self.setBackgroundBrush(self.style.background)
        self.tree: Tree | None = None
        self.direction: Literal["down", "right"] = "down"
        self.collapsed: set[str] = set()
        self.highlight = NO_HIGHLIGHT
        self.matches: set[str] = set()
        self.nodes: dict[str, NodeItem] = {}
        self.edges: dict[tuple[str, str], EdgeItem] = {}
        self.layout_result: Layout | None = None
        self.content = QRectF()  # the drawing's bounds; views may scroll beyond them
        self._texts: dict[str, QStaticText] = {}
        self._labels: dict[tuple[str, str], str] = {}
        self.selectionChanged.connect(self._on_selection_changed)

    # --- what the owner asks for -------------------------------------------------------------
    def set_tree(self, tree: Tree | None) -> None:
        self.tree = tree
        self.collapsed = set()
        self.matches = set()
        self._texts = {}
        self._labels = edge_labels(tree) if tree else {}
        self.rebuild()

    def set_direction(self, direction: Literal["down", "right"]) -> None:
        if direction != self.direction:
            self.direction = direction
            self.rebuild()

    def toggle_collapsed(self, node_id: str) -> bool:
        """Collapse or expand a question's subtree; False when there is nothing to fold."""
        if self.tree is None or not isinstance(self.tree.nodes.get(node_id), Question):
            return False
        self.collapsed ^= {node_id}
        self.rebuild()
        return True

    def set_highlight(self, highlight: Highlight) -> None:
        self.highlight = highlight
        walking = bool(highlight.edges)
        for node_id, item in self.nodes.items():
            on_path = node_id in highlight.nodes
            item.set_state(current=node_id == highlight.current, on_path=on_path, receded=walking and not on_path)
        for edge, item in self.edges.items():
            on_path = edge in highlight.edges
            item.set_state(on_path=on_path, receded=walking and not on_path)

    def set_matches(self, matches: set[str]) -> None:
        self.matches = matches
        for node_id, item in self.nodes.items():
            item.set_matched(node_id in matches)

    def select_node(self, node_id: str) -> None:
        item = self.nodes.get(node_id)
        if item is None or item.isSelected():
            return
        self.clearSelection()
        item.setSelected(True)

    def selected_node(self) -> str | None:
        items = [i for i in self.selectedItems() if isinstance(i, NodeItem)]
        return items[0].node_id if items else None

    def node_rect(self, node_id: str) -> QRectF | None:
        item = self.nodes.get(node_id)
        return item.sceneBoundingRect() if item is not None else None

    # --- building ------------------------------------------------------------------------------
    def rebuild(self) -> None:
        """Lay out the visible part of the tree and recreate the items (GC paused: building
        tens of thousands of items otherwise triggers collections that make it super-linear)."""
        selected = self.selected_node()
        self.blockSignals(True)
        self.clear()
        self.nodes, self.edges = {}, {}
        self.content = QRectF()
        self.blockSignals(False)
        if self.tree is not None:
            was_enabled = gc.isenabled()
            gc.disable()
            try:
                self._build(self.tree)
            finally:
                if was_enabled:
                    gc.enable()
        self.set_highlight(self.highlight)
        self.set_matches(self.matches)
        if selected:
            self.select_node(selected)
        self.laid_out.emit()

    def _build(self, tree: Tree) -> None:
        children = children_of(tree)
        hidden = hidden_by_collapse(children, roots_of(tree, children), self.collapsed)
        visible = {n: ([] if n in self.collapsed else [c for c in cs if c not in hidden]) for n, cs in children.items() if n not in hidden}
        inp = LayoutInput(
            start=tree.start,
            children=visible,
            node_sizes={n: self._node_size(tree, n) for n in visible},
            edge_label_sizes={e: self._label_size(e) for e in self._labels if e[0] in visible and e[1] in visible.get(e[0], ())},
        )
        self.layout_result = layout = compute_layout(inp, LayoutOptions(direction=self.direction))
        for node_id, box in layout.nodes.items():
            node = tree.nodes[node_id]
            item = NodeItem(node_id, node.text, isinstance(node, Outcome), self._texts[node_id], self.style)
            item.set_collapsed(node_id in self.collapsed)
            item.setPos(box.x, box.y)
            self.addItem(item)
            self.nodes[node_id] = item
        for route in layout.edges:
            points = [QPointF(x, y) for x, y in route.points]
            label_rect = QRectF(route.label.x, route.label.y, route.label.width, route.label.height) if route.label else None
            label = self._elided_label((route.source, route.target))
            item = EdgeItem(route.source, route.target, points, label, label_rect, self.style)
            self.addItem(item)
            self.edges[(route.source, route.target)] = item
        self.content = QRectF(-MARGIN, -MARGIN, layout.width + 2 * MARGIN, layout.height + 2 * MARGIN)
        self.setSceneRect(self.content)

    def _node_size(self, tree: Tree, node_id: str) -> Size:
        if node_id not in self._texts:
            self._texts[node_id] = prepared_text(tree.nodes[node_id].text, self.style.font)
        width, height = NodeItem.size_for(self._texts[node_id])
        return Size(width, height)

    def _label_size(self, edge: tuple[str, str]) -> Size:
        metrics = QFontMetricsF(self.style.label_font)
        return Size(metrics.horizontalAdvance(self._elided_label(edge)) + 10, metrics.height() + 4)

    def _elided_label(self, edge: tuple[str, str]) -> str:
        from PySide6.QtCore import Qt

        text = " ".join(self._labels.get(edge, "").split())
        return QFontMetricsF(self.style.label_font).elidedText(text, Qt.TextElideMode.ElideRight, LABEL_MAX_WIDTH)

    def _on_selection_changed(self) -> None:
        node_id = self.selected_node()
        if node_id is not None:
            self.node_selected.emit(node_id)
