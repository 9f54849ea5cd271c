"""The graph view: zoom around the cursor, drag or keys to pan, fit, animated focus, a minimap."""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QPoint, QPointF, QRectF, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPen, QTransform, QWheelEvent
from PySide6.QtWidgets import QFrame, QGraphicsView, QWidget

from trainer.ui.canvas.items import NodeItem
from trainer.ui.canvas.scene import GraphScene

MIN_SCALE, MAX_SCALE = 0.02, 4.0
ZOOM_STEP = 1.2
PAN_STEP = 60
FOCUS_MS = 280
READABLE_SCALE = 0.9  # focusing a node zooms in at least this far, so its text is readable


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
        self.minimap = Minimap(self)
        scene.laid_out.connect(self._update_scroll_area)
        self.horizontalScrollBar().valueChanged.connect(self._on_scrolled)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    # --- zoom ----------------------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float, anchor: QPoint | None = None) -> None:
        """Zoom keeping the scene point under `anchor` (a viewport point; default the centre)
        where it is. Done by hand: Qt's AnchorUnderMouse uses the last mouse *move*, which a
        wheel turned without moving the mouse does not update."""
        target = min(max(self.zoom * factor, MIN_SCALE), MAX_SCALE)
        if target == self.zoom:
            return
        anchor = anchor if anchor is not None else self.viewport().rect().center()
        fixed = self.mapToScene(anchor)
        self._update_scroll_area(target)
        self.setTransform(QTransform.fromScale(target, target))
        drift = self.mapFromScene(fixed) - anchor
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + drift.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + drift.y())
        self.viewport_moved.emit()

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def fit(self) -> None:
        """The whole tree in view (the minimap always shows it too), never magnified."""
        rect = self.graph.content
        if rect.isEmpty():
            return
        view = self.viewport().rect()
        zoom = min(view.width() / rect.width(), view.height() / rect.height(), 1.0)
        self.zoom_by(zoom / self.zoom)
        self.centerOn(rect.center())
        self.viewport_moved.emit()

    def _update_scroll_area(self, zoom: float | None = None) -> None:
        """Let the view scroll a viewport beyond the drawing, so any node can be centred."""
        content = self.graph.content
        if content.isEmpty():
            return
        zoom = zoom or self.zoom
        dx, dy = self.viewport().width() / zoom, self.viewport().height() / zoom
        self.setSceneRect(content.adjusted(-dx, -dy, dx, dy))

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP**steps, event.position().toPoint())
        event.accept()

    # --- panning and focus ---------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        pans = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
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
        elif key == Qt.Key.Key_C and self.graph.selected_node():
            self.graph.toggle_collapsed(self.graph.selected_node())
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focus_node(self, node_id: str, animate: bool = True) -> None:
        """Bring a node to the centre, readable; animated unless reduced motion is asked for."""
        rect = self.graph.node_rect(node_id)
        if rect is None:
            return
        if self.zoom < READABLE_SCALE:
            self.zoom_by(READABLE_SCALE / self.zoom)
        target = rect.center()
        if animate and not self.reduced_motion and self.isVisible():
            self._animation.stop()
            self._animation.setStartValue(self.mapToScene(self.viewport().rect().center()))
            self._animation.setEndValue(target)
            self._animation.start()
        else:
            self.centerOn(target)

    def centre_point(self) -> QPointF:
        return self.mapToScene(self.viewport().rect().center())

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        item = self.itemAt(event.position().toPoint())
        if isinstance(item, NodeItem):
            self.node_double_clicked.emit(item.node_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        super().resizeEvent(event)
        self._update_scroll_area()
        self.minimap.place()

    def _on_scrolled(self) -> None:
        self.viewport_moved.emit()
        self.minimap.viewport().update()


class Minimap(QGraphicsView):
    """The whole tree, small, in a corner, with the visible area outlined; click to go there."""

    SIZE = (200, 140)

    def __init__(self, view: GraphView) -> None:
        super().__init__(view.graph, view)
        self.main = view
        self.setObjectName("minimap")
        self.setAccessibleName("Minimap: the whole tree, with the visible area outlined")
        self.setInteractive(False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.Box)
        self.setFixedSize(*self.SIZE)
        view.graph.laid_out.connect(self.refit)
        view.viewport_moved.connect(self.viewport().update)

    def place(self) -> None:
        parent = self.main.viewport()
        self.move(parent.width() - self.width() - 8, parent.height() - self.height() - 8)

    def refit(self) -> None:
        rect = self.main.graph.content
        if not rect.isEmpty():
            self.setSceneRect(rect)
            self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        super().resizeEvent(event)
        self.refit()

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 - Qt override
        painter.setPen(QPen(QColor("#c2410c"), 0))
        painter.setBrush(QColor(194, 65, 12, 24))
        painter.drawRect(self.main.visible_scene_rect())

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self.main.centerOn(self.mapToScene(event.position().toPoint()))
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.main.centerOn(self.mapToScene(event.position().toPoint()))
        event.accept()
