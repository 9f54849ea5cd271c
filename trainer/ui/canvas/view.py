"""The graph view: zoom around the cursor, drag or keys to pan, fit, animated focus, a minimap."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEasingCurve,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    Qt,
    QTimer,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsView, QWidget

from trainer.core.graph import neighbourhood
from trainer.ui.canvas.items import NodeItem, detail_zoom
from trainer.ui.canvas.minimap import Minimap
from trainer.ui.canvas.overview import caption_rect, paint_caption
from trainer.ui.canvas.scene import GraphScene

MIN_SCALE, MAX_SCALE = 0.005, 4.0  # a 10,000-node tree folded into strips is whole at about 1 %
ZOOM_STEP = 1.2
PAN_STEP = 60
FOCUS_MS = 280
MIN_USEFUL_FIT = 0.2  # below this, a whole-tree fit shows nothing readable: fit a neighbourhood ...
MIN_FILLED = 0.25  # ... when it would also leave most of the pane empty (a strip, not a picture)
READING_ZOOM = 1.0  # a node brought into view for reading is drawn at the interface's own text size
KEEP_MARGIN = 12  # pixels kept between the current node and the view's edge (or the legend)


class GraphView(QGraphicsView):
    node_double_clicked = Signal(str)
    viewport_moved = Signal()

    def __init__(self, scene: GraphScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.graph = scene
        self.reduced_motion = False
        self.setObjectName("graphView")
        self.setAccessibleName("Decision tree graph")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._animation = QVariantAnimation(self)
        self._animation.setDuration(FOCUS_MS)
        self._animation.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self._animation.valueChanged.connect(self.centerOn)
        self._reframe: Callable[[], None] | None = None
        self._settling = 0  # inside a compound move: make items once, where it ends
        self.minimap = Minimap(self, scene)
        self.viewport_moved.connect(self.minimap.schedule_place)
        scene.laid_out.connect(self._on_laid_out)
        self.horizontalScrollBar().valueChanged.connect(self._on_scrolled)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    # --- zoom ----------------------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self.transform().m11()

    @property
    def readable_zoom(self) -> float:
        """The least zoom at which the graph's text is drawn at a readable size (11 px at the
        interface's zoom of 100 %); below it the view shows the overview's blocks."""
        return detail_zoom(self.graph.style)

    def zoom_by(self, factor: float, anchor: QPoint | None = None) -> None:
        """Zoom keeping the scene point under `anchor` (a viewport point; default the centre)
        where it is. Done by hand: Qt's AnchorUnderMouse uses the last mouse *move*, which a
        wheel turned without moving the mouse does not update."""
        self._reframe = None
        target = min(max(self.zoom * factor, MIN_SCALE), MAX_SCALE)
        if target == self.zoom:
            return
        anchor = anchor if anchor is not None else self.viewport().rect().center()
        fixed = self.mapToScene(anchor)
        self._update_scroll_area(target)
        self.setTransform(QTransform.fromScale(target, target))
        self.graph.set_detail_shown(target >= detail_zoom(self.graph.style))
        self._materialize()
        drift = self.mapFromScene(fixed) - anchor
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + drift.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + drift.y())
        self.viewport_moved.emit()

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def fit(self) -> None:
        """The whole tree in view, never magnified (below the readable zoom, as the overview's
        blocks with the current node's caption). When the whole tree would be a strip a few
        pixels high across an empty pane (a wide drawing that could not be folded to the pane's
        shape), frame the neighbourhood of the current node instead."""
        rect = self.graph.content
        if rect.isEmpty():
            return
        zoom = self._fit_zoom(rect)
        port = self.viewport().rect()
        filled = rect.width() * rect.height() * zoom * zoom / max(port.width() * port.height(), 1)
        if zoom < MIN_USEFUL_FIT and filled < MIN_FILLED:
            rect = self._neighbourhood_rect() or rect
            zoom = self._fit_zoom(rect)
        self._settling += 1
        try:
            self.zoom_by(zoom / self.zoom)
            self.centerOn(rect.center())
        finally:
            self._settling -= 1
        self._materialize()
        self.viewport_moved.emit()

    def _fit_zoom(self, rect: QRectF, cap: float = 1.0) -> float:
        view = self.viewport().rect()
        return min(view.width() / rect.width(), view.height() / rect.height(), cap)

    def _neighbourhood_rect(self, centre: str | None = None, down: int = 2) -> QRectF | None:
        graph = self.graph
        if graph.tree is None or graph.layout_result is None:
            return None
        centre = centre or graph.highlight.current or graph.tree.start
        found = (graph.node_rect(n) for n in neighbourhood(graph.visible_children, centre, down))
        rects = [r for r in found if r is not None]
        if not rects:
            return None
        united = rects[0]
        for r in rects[1:]:
            united = united.united(r)
        return united.adjusted(-40, -40, 40, 40)

    def _on_laid_out(self) -> None:
        """A new layout: items are made once control returns to the event loop, so that the
        owner's framing (fit, centre on a node) that follows a new tree decides what is made."""
        self._update_scroll_area()
        self.graph.set_detail_shown(self.zoom >= detail_zoom(self.graph.style))
        QTimer.singleShot(0, self, self._materialize)

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        super().drawForeground(painter, rect)
        caption = self.overview_caption()
        if caption is not None:
            paint_caption(painter, *caption, self.graph.style)
        if self.graph.index_wanted:  # a large tree's first frame is on screen: index it next
            QTimer.singleShot(0, self.graph, self.graph.prepare_index)

    def overview_caption(self) -> tuple[QRectF, list[str]] | None:
        """Zoomed out to the overview's blocks: the current node's text as a caption at the
        interface's own size (viewport pixels, and its lines); None when the text is drawn."""
        graph = self.graph
        current = graph.highlight.current or (graph.tree.start if graph.tree is not None else None)
        if graph.detail_shown or current is None or graph.tree is None or graph.outcome_masked(current):
            return None  # a masked outcome's text never shows
        box = graph.node_rect(current)
        if box is None or current not in graph.tree.nodes:
            return None
        block = QRectF(self.mapFromScene(box).boundingRect())
        return caption_rect(block, graph.tree.nodes[current].text, graph.style, QRectF(self.viewport().rect()))

    def _materialize(self) -> None:
        """Make sure the items in and around the visible area exist (large trees make them on
        demand); zoomed out, the overview image stands in and nothing is made."""
        if self.graph.detail_shown and not self._settling:
            visible = self.visible_scene_rect()
            self.graph.materialize(
                visible.adjusted(-visible.width() / 2, -visible.height() / 2, visible.width() / 2, visible.height() / 2)
            )

    def _update_scroll_area(self, zoom: float | None = None) -> None:
        """Let the view scroll a viewport beyond the drawing, so any node can be centred."""
        content = self.graph.content
        if content.isEmpty():
            return
        zoom = zoom or self.zoom
        dx, dy = self.viewport().width() / zoom, self.viewport().height() / zoom
        self.setSceneRect(content.adjusted(-dx, -dy, dx, dy))

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP**steps, event.position().toPoint())
        event.accept()

    # --- panning and focus ---------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        pans: dict[int, tuple[int, int]] = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        selected = self.graph.selected_node()
        self._reframe = None
        if key in pans:
            dx, dy = pans[key]
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + dx * PAN_STEP)
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() + dy * PAN_STEP)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif key == Qt.Key.Key_0:
            self.fit()
        elif key == Qt.Key.Key_C and selected:
            self.graph.toggle_collapsed(selected)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focus_node(self, node_id: str, animate: bool = True) -> None:
        """Bring a node to the centre, readable; animated unless reduced motion is asked for."""
        rect = self.graph.node_rect(node_id)
        if rect is None:
            return
        self._settling += 1
        try:
            if self.zoom < self.readable_zoom:
                self.zoom_by(READING_ZOOM / self.zoom)
            self._move_to(rect.center(), animate)
        finally:
            self._settling -= 1
        self._materialize()

    def _move_to(self, target: QPointF, animate: bool = True) -> None:
        self._reframe = None
        if animate and not self.reduced_motion and self.isVisible():
            self._animation.stop()
            self._animation.setStartValue(self.mapToScene(self.viewport().rect().center()))
            self._animation.setEndValue(target)
            self._animation.start()
        else:
            self.centerOn(target)

    def focus_neighbourhood(self, node_id: str, animate: bool = True, max_zoom: float = 1.0) -> None:
        """Frame a node with the answers below it when they fit at a readable zoom (walking
        shows where each answer leads); otherwise bring just the node to the centre.
        `max_zoom` above 1 lets a small neighbourhood fill the view (a presentation)."""
        rect = self._neighbourhood_rect(node_id, down=1)
        if rect is None or min(self._fit_zoom(rect, max_zoom), max_zoom) < self.readable_zoom:
            self.focus_node(node_id, animate)
            return
        zoom = min(self._fit_zoom(rect, max_zoom), max_zoom)
        self._settling += 1
        try:
            if abs(zoom - self.zoom) > 0.05:
                self.zoom_by(zoom / self.zoom)
            self._move_to(rect.center(), animate)
        finally:
            self._settling -= 1
        self._materialize()

    def align_top(self, rect: QRectF, margin: float = 30.0) -> None:
        """Scroll so that `rect` sits just below the top edge (what comes after it fills the view)."""
        visible = self.visible_scene_rect()
        shift = (rect.top() - margin / self.zoom) - visible.top()
        centre = self.centre_point()
        self.centerOn(QPointF(centre.x(), centre.y() + shift))

    def frame_reading(self, node_id: str) -> None:
        """The first view of a tree (or of a walk back at its start): readable at the interface's
        own text size. The node sits at the top and the answers below it fill the pane's height;
        its children are framed across the width when they fit at a readable zoom, otherwise
        the node is centred across and its children run off the sides."""
        node = self.graph.node_rect(node_id)
        if node is None:
            return
        around = self._neighbourhood_rect(node_id, down=1) or node
        zoom = min(self.viewport().width() / around.width(), READING_ZOOM)
        if zoom < self.readable_zoom:  # the node alone, whole if it can be at a readable zoom
            zoom, around = max(min(self.viewport().width() / node.width(), READING_ZOOM), self.readable_zoom), node
        self._settling += 1
        try:
            self.zoom_by(zoom / self.zoom)
            self.centerOn(QPointF(around.center().x(), node.center().y()))
            self.align_top(node)
        finally:
            self._settling -= 1
        self._materialize()
        self.viewport_moved.emit()

    def keep_in_view(self, node_id: str, avoid: tuple[QRect, ...] = ()) -> None:
        """Pan as little as needed so that the node (with its pills) is wholly in view and clear
        of `avoid` (viewport rectangles of what floats over the view: the legend)."""
        item = self.graph.nodes.get(node_id)
        scene_rect = item.sceneBoundingRect() if item is not None else self.graph.node_rect(node_id)
        if scene_rect is None:
            return
        rect = self.mapFromScene(scene_rect).boundingRect()
        area = self.viewport().rect().adjusted(KEEP_MARGIN, KEEP_MARGIN, -KEEP_MARGIN, -KEEP_MARGIN)
        dx = dy = 0
        if rect.width() <= area.width():
            dx = min(rect.left() - area.left(), 0) or max(rect.right() - area.right(), 0)
        if rect.height() <= area.height():
            dy = min(rect.top() - area.top(), 0) or max(rect.bottom() - area.bottom(), 0)
        rect = rect.translated(-dx, -dy)
        for block in avoid:
            if rect.intersects(block):  # below it (the legend sits in the top-left corner)
                dy -= block.bottom() + KEEP_MARGIN - rect.top()
        if dx or dy:
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + dx)
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() + dy)

    def centre_point(self) -> QPointF:
        return self.mapToScene(self.viewport().rect().center())

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item = self.itemAt(event.position().toPoint())
        if isinstance(item, NodeItem):
            self.graph.cancel_pick()
            self.node_double_clicked.emit(item.node_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def frame_until_moved(self, frame: Callable[[], None]) -> None:
        """Frame the drawing now and again on every resize (the window is still settling its
        size when a tree opens) until the user zooms, pans or a walk moves the focus."""
        self._reframe = None
        frame()
        self._reframe = frame

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_scroll_area()
        self.minimap.place()
        if self._reframe is not None:
            reframe, self._reframe = self._reframe, None
            reframe()
            self._reframe = reframe

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._reframe = None
        self.graph.clicking = True
        try:
            super().mousePressEvent(event)
        finally:
            self.graph.clicking = False

    def _on_scrolled(self) -> None:
        if not self.graph.detail_shown:  # the caption is fixed to the screen: scrolled pixels would smear it
            self.viewport().update()
        self._materialize()
        self.viewport_moved.emit()
        self.minimap.update()
