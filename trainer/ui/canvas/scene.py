"""The graph scene mirrors a tree: one item per visible node and edge, placed by the domain
layout. It keeps `{node id: item}` and updates items from state it is given; items own no data.

Large trees stay fluid because zoomed-out frames never touch the per-node items: below readable
zoom they are hidden and a pre-rendered overview (drawn from the layout in a few batched calls)
stands in for them. The items stay top-level: under a common parent, Qt's index would find only
the parent and then walk every child on every frame.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QPointF, QRectF, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QGraphicsItem, QGraphicsScene, QGraphicsSceneMouseEvent, QWidget

from trainer.core.model import Outcome, Question, Tree
from trainer.draw.layout import EdgeRoute, Layout, Size
from trainer.draw.spatial import GridIndex, index_layout
from trainer.draw.themes import Theme
from trainer.infra.gcpause import gc_paused
from trainer.study.walk import NO_HIGHLIGHT, Highlight
from trainer.ui.canvas.drawing import (
    EAGER_NODES,
    Drawing,
    Measured,
    TextMeasure,
    box_size,
    content_rect,
    lay_out,
    prepare_drawing,
)
from trainer.ui.canvas.items import MASKED_WORDS, EdgeItem, NodeItem, TextBlock
from trainer.ui.canvas.overview import OverviewItem, overview_base, paint_mastery, paint_path
from trainer.ui.canvas.relayout import Relayouts
from trainer.ui.canvas.style import GraphStyle, graph_style

if TYPE_CHECKING:  # the overlay's data type; importing it would load the quiz engine
    from trainer.study.mastery import Mastery

__all__ = ["Drawing", "GraphScene", "prepare_drawing"]  # the drawing is made elsewhere, found here too


class GraphScene(QGraphicsScene):
    # `style` is the graph's look (colours, fonts, scale), read across the UI and its tests; it
    # shadows QGraphicsScene.style(), which nothing here calls
    style: GraphStyle  # type: ignore[assignment]
    node_selected = Signal(str)
    laid_out = Signal()
    overview_changed = Signal()
    pins_changed = Signal()  # the author dragged nodes: `pins` holds the new positions
    mastery_changed = Signal()  # the overlay was switched on, off or changed (see `mastery`)

    def __init__(self, parent: QWidget | None = None, theme: Theme | None = None) -> None:
        super().__init__(parent)
        self.theme = theme  # colours of its own (the presentation's); None follows the interface's theme
        self.style = graph_style(theme=theme)
        self.setBackgroundBrush(self.style.background)
        self.tree: Tree | None = None
        self.direction: Literal["down", "right"] = "down"
        self.collapsed: set[str] = set()
        self.highlight = NO_HIGHLIGHT
        self.matches: set[str] = set()
        self.pins: dict[str, tuple[float, float]] = {}  # hand-placed top-left corners
        self.arranging = False
        self.masked = False  # a quiz runs: outcomes draw as "?" (kept across set_tree)
        self.revealed: frozenset[str] = frozenset()  # while masked, the outcomes drawn named all the same
        self.mask_words = MASKED_WORDS  # what a masked outcome's tool tip says of it
        self.mastery: Mastery | None = None  # the overlay of the current tree (cleared by set_tree)
        self.flagged: set[str] = set()  # nodes with errors, while editing
        self.nodes: dict[str, NodeItem] = {}
        self.edges: dict[tuple[str, str], EdgeItem] = {}
        self.layout_result: Layout | None = None
        self._routes: dict[tuple[str, str], EdgeRoute] = {}
        self._lazy = False  # True: items are made as they come into view (large trees)
        self.index_wanted = False  # a lazy layout whose index is not built yet
        self._index: GridIndex | None = None  # where each lazy item lies; built when first needed
        self._ahead: set[str] = set()
        self.visible_children: dict[str, list[str]] = {}
        self.content = QRectF()  # the drawing's bounds; views may scroll beyond them
        self.detail_shown = True
        self.overview: OverviewItem | None = None
        self._blocks: dict[str, TextBlock] = {}
        self._labels: dict[tuple[str, str], str] = {}
        self._label_widths: dict[tuple[str, str], float] = {}
        self._measure = TextMeasure(self.style)
        self._prepared: Drawing | None = None  # a drawing made off the GUI thread, for the next rebuild
        self.relayouts = Relayouts(self, self)  # folds and direction changes of a large tree, laid out in a worker
        self.clicking = False  # set by a view while a mouse press selects: a question's pick waits
        self._pick = QTimer(self)  # a clicked question is picked once no double-click (a fold) came
        self._pick.setSingleShot(True)
        self._pick.timeout.connect(self._emit_pick)
        self.selectionChanged.connect(self._on_selection_changed)

    # --- what the owner asks for -------------------------------------------------------------
    def restyle(self) -> None:
        """The theme or the interface zoom changed: new colours and fonts, every text measured
        and wrapped again, and the tree laid out again (boxes grow with the text)."""
        self.style = graph_style(theme=self.theme)
        self.setBackgroundBrush(self.style.background)
        self._measure = TextMeasure(self.style)
        self._blocks = {}
        with gc_paused():
            self._labels, self._label_widths = self._measure.labels(self.tree) if self.tree else ({}, {})
        self.rebuild()

    def set_tree(
        self, tree: Tree | None, pins: dict[str, tuple[float, float]] | None = None, drawing: Drawing | None = None
    ) -> None:
        """Show `tree`; `drawing`, when given, is its text, layout and overview already made by
        `prepare_drawing` (off the GUI thread, for a large tree), so only the items remain."""
        self.tree = tree
        self.pins = dict(pins or {})
        self.collapsed = set()
        self.matches = set()
        self.highlight = NO_HIGHLIGHT
        if self.mastery is not None:  # it belongs to the previous tree
            self.mastery = None
            self.mastery_changed.emit()
        if drawing is not None and drawing.tree is tree:
            self._blocks = dict(drawing.blocks)
            self._labels, self._label_widths = drawing.labels, drawing.label_widths
            self._prepared = drawing
        else:
            self._blocks = {}
            with gc_paused():
                self._labels, self._label_widths = self._measure.labels(tree) if tree else ({}, {})
        self.rebuild()

    def set_direction(
        self, direction: Literal["down", "right"], pins: dict[str, tuple[float, float]] | None = None
    ) -> None:
        if direction != self.direction:
            self.direction = direction
            self.pins = dict(pins or {})
            self.relayouts.request()  # a large tree: in a worker, the old drawing shown meanwhile

    def set_arranging(self, arranging: bool) -> None:
        """While arranging, nodes can be dragged; each drop pins them where they were put."""
        self.arranging = arranging
        for item in self.nodes.values():
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, arranging)

    def offer_drawing(self, drawing: Drawing) -> None:
        """A drawing of the tree shown, made off the GUI thread for the next rebuild (used when
        it matches: the quiz prepares the masked drawing while it builds, so masking a large tree
        does not lay it out on the GUI thread)."""
        if drawing.tree is self.tree:
            self._prepared = drawing

    def set_masked(self, masked: bool, revealed: frozenset[str] = frozenset()) -> None:
        """While a quiz runs, outcome nodes draw as "?" and their tool tips hide their text
        (the overview draws no text at all). `revealed`: outcomes the room has already been
        shown (a presentation, an audience round), drawn named while the others stay masked."""
        revealed = frozenset(revealed) if masked else frozenset()
        if (masked, revealed) == (self.masked, self.revealed):
            return
        self.masked, self.revealed = masked, revealed
        if masked:
            self.set_mastery(None)  # a quiz and the overlay never show together
        self.rebuild()  # every masked outcome gets one size: a box's width would hint at its answer

    def outcome_masked(self, node_id: str) -> bool:
        """Whether the node is drawn masked now (an outcome not revealed while masking)."""
        if not self.masked or node_id in self.revealed or self.tree is None:
            return False
        return isinstance(self.tree.nodes.get(node_id), Outcome)

    def set_mastery(self, mastery: Mastery | None) -> None:
        """The mastery overlay: outcomes and answer edges get their 0..1 (None: overlay off).
        Ignored while a quiz masks the outcomes."""
        self.mastery = None if self.masked else mastery
        outcomes = self.mastery.outcomes if self.mastery is not None else {}
        edges = self.mastery.edges if self.mastery is not None else {}
        for node_id, node in self.nodes.items():
            node.set_mastery(outcomes.get(node_id))
        for edge, line in self.edges.items():
            line.set_mastery(edges.get(edge))
        self._render_overview()  # zoomed out and in the minimap, the overlay shows too
        self.mastery_changed.emit()

    def set_flagged(self, node_ids: set[str]) -> None:
        """Nodes the editor found errors in: drawn with a red border and a "✗ error" flag."""
        self.flagged = set(node_ids)
        for node_id, item in self.nodes.items():
            item.set_flagged(node_id in self.flagged)

    def set_pins(self, pins: dict[str, tuple[float, float]]) -> None:
        self.pins = dict(pins)
        self.rebuild()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if not self.arranging or self.layout_result is None:
            return
        boxes = self.layout_result.nodes
        moved = {
            n: (item.pos().x(), item.pos().y())
            for n, item in self.nodes.items()
            if n in boxes and (abs(item.pos().x() - boxes[n].x) > 0.5 or abs(item.pos().y() - boxes[n].y) > 0.5)
        }
        if moved:
            self.pins.update(moved)
            self.rebuild()
            self.pins_changed.emit()

    def toggle_collapsed(self, node_id: str) -> bool:
        """Collapse or expand a question's subtree; False when there is nothing to fold."""
        if self.tree is None or not isinstance(self.tree.nodes.get(node_id), Question):
            return False
        self.collapsed ^= {node_id}
        self.relayouts.request()
        return True

    def set_highlight(self, highlight: Highlight, render: bool = True) -> None:
        """`render` False: the caller paints the overview itself (once, after a rebuild)."""
        previous, self.highlight = self.highlight, highlight
        if highlight.edges or previous.edges or previous.current != highlight.current:
            self._ahead = set(self.visible_children.get(highlight.current or "", ()))  # the options now
            for node_id, node in self.nodes.items():
                node.set_state(**self._node_state(node_id))
            for edge, line in self.edges.items():
                line.set_state(**self._edge_state(edge))
            if render:
                self._render_overview()

    def _node_state(self, node_id: str) -> dict[str, bool]:
        h = self.highlight
        on_path = node_id in h.nodes
        return {
            "current": node_id == h.current,
            "on_path": on_path,
            "receded": bool(h.edges) and not (on_path or node_id in self._ahead),
        }

    def _edge_state(self, edge: tuple[str, str]) -> dict[str, bool]:
        h = self.highlight
        on_path = edge in h.edges
        return {"on_path": on_path, "receded": bool(h.edges) and not (on_path or edge[0] == h.current)}

    def set_matches(self, matches: set[str]) -> None:
        if not matches and not self.matches:
            return
        self.matches = matches
        for node_id, item in self.nodes.items():
            item.set_matched(node_id in matches)

    def set_detail_shown(self, shown: bool) -> None:
        """Per-node items when zoomed in enough to read them, the overview image otherwise
        (a one-off walk over the items each time the zoom crosses the threshold)."""
        if self.detail_shown == shown:
            return
        self.detail_shown = shown
        for item in self._detail_items():
            item.setVisible(shown)
        if self.overview is not None:
            self.overview.setVisible(not shown)

    def _detail_items(self) -> Iterator[QGraphicsItem]:
        yield from self.nodes.values()
        yield from self.edges.values()

    def select_node(self, node_id: str) -> None:
        self._make_node(node_id)
        item = self.nodes.get(node_id)
        if item is None or item.isSelected():
            return
        self.clearSelection()
        item.setSelected(True)

    def selected_node(self) -> str | None:
        items = [i for i in self.selectedItems() if isinstance(i, NodeItem)]
        return items[0].node_id if items else None

    def is_laid_out(self, node_id: str) -> bool:
        """Whether the node is in the drawing (not folded away), whether or not its item is made
        yet: a large tree makes items only where a view looks."""
        return self.layout_result is not None and node_id in self.layout_result.nodes

    def node_rect(self, node_id: str) -> QRectF | None:
        """Where a node is drawn (known from the layout even before its item exists)."""
        item = self.nodes.get(node_id)
        if item is not None:
            return item.sceneBoundingRect()
        box = self.layout_result.nodes.get(node_id) if self.layout_result else None
        return QRectF(box.x, box.y, box.width, box.height) if box is not None else None

    def materialize(self, rect: QRectF) -> None:
        """Create the items that lie in `rect` and do not exist yet. Large trees start with
        none: opening them costs the layout, not 20,000 items, and panning adds what comes in."""
        for _step in self.materialize_steps(rect):
            pass

    def materialize_steps(self, rect: QRectF, per_step: int = 0) -> Iterator[tuple[int, int]]:
        """`materialize`, yielding (made, to make) every `per_step` items (0: all at once): an
        export of a large tree makes all of its 20,000 items between turns of the event loop."""
        if not self._lazy:
            return
        keys = list(self._spatial_index().query(rect.left(), rect.top(), rect.right(), rect.bottom()))
        step = per_step or len(keys) or 1
        for start in range(0, len(keys), step):
            with gc_paused():
                for key in keys[start : start + step]:
                    if isinstance(key, tuple):  # ("edge", source, target)
                        self._make_edge((key[1], key[2]))
                    elif isinstance(key, str):  # a node id
                        self._make_node(key)
            yield min(start + step, len(keys)), len(keys)

    # --- building ------------------------------------------------------------------------------
    def rebuild(self) -> None:
        """Lay out the visible part of the tree and recreate the items (GC paused: building
        tens of thousands of items otherwise triggers collections that make it super-linear)."""
        self.relayouts.cancel()  # laid out here and now: a layout still being made is stale
        selected = self.selected_node()
        self.blockSignals(True)
        self.clear()
        self.nodes, self.edges = {}, {}
        self.content = QRectF()
        self.overview = None
        self._lazy, self._index, self.index_wanted = False, None, False
        self.blockSignals(False)
        prepared, self._prepared = self._prepared, None
        if self.tree is not None:
            with gc_paused():
                self._build(self.tree, prepared)
        highlight, self.highlight = self.highlight, NO_HIGHLIGHT
        self.set_highlight(highlight, render=False)
        self._render_overview()  # once, with the path lit (a copy of a large base costs 30 ms)
        matches, self.matches = self.matches, set()
        self.set_matches(matches)
        if selected:
            self.select_node(selected)
        self.laid_out.emit()

    def _build(self, tree: Tree, prepared: Drawing | None = None) -> None:
        wanted = (self.direction, self.pins, self.masked, frozenset(self.collapsed), self.revealed)
        if prepared is not None and prepared.made_for == wanted:
            visible, layout = prepared.visible, prepared.layout
        else:
            prepared = None
            visible, layout = lay_out(
                tree, self.collapsed, self.pins, self.direction, lambda n: self._node_size(tree, n), self._label_size
            )
        self.visible_children = visible
        self.layout_result = layout
        self._routes = {(r.source, r.target): r for r in layout.edges}
        self.content = content_rect(layout)
        self.setSceneRect(self.content)
        self._lazy = len(layout.nodes) > EAGER_NODES
        if not self._lazy:
            for node_id in layout.nodes:
                self._make_node(node_id)
            for edge in self._routes:
                self._make_edge(edge)
        elif prepared is not None and prepared.index is not None:
            self._index = prepared.index
        else:  # the first frame of a large tree is the overview; views index the items after it
            self.index_wanted = True
        if prepared is not None:
            self._show_overview(prepared.overview)

    def nodes_near(self, rect: QRectF) -> list[str]:
        """The ids of the nodes in or near `rect` (the grid index's cells it touches); none while
        a large tree's index waits for its first frame (building it first would delay that frame)."""
        if self._lazy and self._index is None:
            return []
        found = self._spatial_index().query(rect.left(), rect.top(), rect.right(), rect.bottom())
        return [key for key in found if isinstance(key, str) and self.layout_result and key in self.layout_result.nodes]

    def prepare_index(self) -> None:
        """Index the lazy items now (views call this once a large tree's first frame is shown,
        so that the first zoom into it does not have to)."""
        self._spatial_index()

    def _spatial_index(self) -> GridIndex:
        """The index of the lazy items, built on first use."""
        self.index_wanted = False
        if self._index is None and self.layout_result is not None:
            with gc_paused():
                self._index = index_layout(self.layout_result)
        return self._index if self._index is not None else GridIndex()

    def _make_node(self, node_id: str) -> None:
        box = self.layout_result.nodes.get(node_id) if self.layout_result else None
        if node_id in self.nodes or box is None or self.tree is None:
            return
        node = self.tree.nodes[node_id]
        item = NodeItem(
            node_id,
            node.text,
            isinstance(node, Outcome),
            self._block(self.tree, node_id),
            self.style,
            self._node_size(self.tree, node_id),
        )
        item.mask_words = self.mask_words
        item.set_masked(self.outcome_masked(node_id))
        if isinstance(node, Outcome) and node.continues:
            item.set_continues(node.continues)
        item.set_state(**self._node_state(node_id))
        if node_id in self.matches:
            item.set_matched(True)
        if node_id in self.collapsed:
            item.set_collapsed(True)
        if self.mastery is not None:
            item.set_mastery(self.mastery.outcomes.get(node_id))
        item.set_flagged(node_id in self.flagged)
        if self.arranging:
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
        item.setPos(box.x, box.y)
        item.setVisible(self.detail_shown)
        self.addItem(item)
        self.nodes[node_id] = item

    def _make_edge(self, edge: tuple[str, str]) -> None:
        route = self._routes.get(edge)
        if edge in self.edges or route is None:
            return
        points = [QPointF(x, y) for x, y in route.points]
        label_rect = (
            QRectF(route.label.x, route.label.y, route.label.width, route.label.height) if route.label else None
        )
        item = EdgeItem(route.source, route.target, points, self._labels.get(edge, ""), label_rect, self.style)
        item.set_state(**self._edge_state(edge))
        if self.mastery is not None:
            item.set_mastery(self.mastery.edges.get(edge))
        item.setVisible(self.detail_shown)
        self.addItem(item)
        self.edges[edge] = item

    def _node_size(self, tree: Tree, node_id: str) -> tuple[float, float]:
        return box_size(
            self._block(tree, node_id),
            isinstance(tree.nodes[node_id], Outcome),
            self.masked and node_id not in self.revealed,
            self.style.scale,
        )

    def _block(self, tree: Tree, node_id: str) -> TextBlock:
        block = self._blocks.get(node_id)
        if block is None:
            block = self._blocks[node_id] = self._measure.block(tree.nodes[node_id].text)
        return block

    def measured(self) -> Measured:
        """The text measured so far, for a layout made in a worker (copied: the worker reads it)."""
        return Measured(dict(self._blocks), self._labels, self._label_widths)

    def _label_size(self, edge: tuple[str, str]) -> Size:
        return self._measure.label_size(self._label_widths.get(edge, 0.0), self._labels.get(edge, "").count("\n") + 1)

    # --- the overview --------------------------------------------------------------------------
    def _render_overview(self) -> None:
        """Every node as a block and every edge as lines, in one image drawn in batched calls;
        the base is drawn once per layout and the lit path is painted over a copy of it."""
        layout, rect = self.layout_result, self.content
        if layout is None or rect.isEmpty():
            return
        overview = self.overview
        if overview is None:
            overview = self._show_overview(overview_base(layout, rect, self.style, self.tree))
        image = overview.base
        if self.highlight.nodes or self.mastery is not None:
            image = image.copy()
        if self.mastery is not None:
            paint_mastery(image, layout, rect, self.style, self.mastery)
        if self.highlight.nodes:
            paint_path(image, layout, rect, self.style, self.highlight)
        overview.image = image
        overview.update()
        self.overview_changed.emit()

    def _show_overview(self, base: QImage) -> OverviewItem:
        overview = self.overview = OverviewItem(base, QRectF(self.content))
        overview.setVisible(not self.detail_shown)
        self.addItem(overview)
        return overview

    def _on_selection_changed(self) -> None:
        node_id = self.selected_node()
        if node_id is None:
            return
        if self.clicking and self.tree is not None and isinstance(self.tree.nodes.get(node_id), Question):
            # the first click of a double-click (a fold) must not move the walk: wait and see
            self._pick.start(QApplication.doubleClickInterval())
            return
        self.node_selected.emit(node_id)

    def cancel_pick(self) -> None:
        """A double-click came: the click before it picks nothing (the walk stays)."""
        self._pick.stop()

    def _emit_pick(self) -> None:
        node_id = self.selected_node()
        if node_id is not None:
            self.node_selected.emit(node_id)
