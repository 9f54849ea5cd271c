"""The minimap: the whole tree, small, in a corner of the graph view, with the visible area
outlined; it keeps out of the way of the nodes."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QGraphicsView, QWidget

from trainer.ui.canvas.items import EdgeItem, NodeItem
from trainer.ui.canvas.scene import GraphScene


class Minimap(QWidget):
    """The whole tree, small, in a corner, with the visible area outlined; click or drag to go
    there. It paints the scene's pre-rendered overview, so it costs nothing per item. It is
    translucent, takes the corner of the view where it covers no node or answer (none covered at all:
    it steps aside until the view moves), and can be turned off (View > Show Minimap)."""

    SIZE = (200, 140)
    GAP = 8
    OPACITY = 0.88

    def __init__(self, view: QGraphicsView, graph: GraphScene) -> None:
        super().__init__(view)
        self.main = view
        self.graph = graph
        self.wanted = True  # the user's choice; `isVisible()` also says whether a corner is free
        self._dragging = False
        self._cache_key: tuple[int, int, int] | None = None
        self._cache = QImage()
        self.setObjectName("minimap")
        self.setAccessibleName("Minimap: the whole tree, with the visible area outlined")
        self.setFixedSize(*self.SIZE)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        graph.overview_changed.connect(self.update)
        self._placing = QTimer(self)  # the view moves many times in a row: place once they are done
        self._placing.setSingleShot(True)
        self._placing.timeout.connect(self.place)

    def schedule_place(self) -> None:
        """The view moved (often many times in a row): find a corner once it has settled."""
        self._placing.start()

    def set_wanted(self, wanted: bool) -> None:
        self.wanted = wanted
        self.place()

    def corners(self) -> list[QRect]:
        """Where it may sit, in the viewport's coordinates, best first."""
        port = self.main.viewport()
        w, h, gap = self.width(), self.height(), self.GAP
        right, bottom = port.width() - w - gap, port.height() - h - gap
        return [QRect(x, y, w, h) for x, y in ((right, bottom), (gap, bottom), (right, gap), (gap, gap))]

    def _covers_a_node(self, corner: QRect) -> bool:
        area = self.main.mapToScene(corner.adjusted(-4, -4, 4, 4)).boundingRect()
        graph = self.graph
        if graph.detail_shown:  # a node, or an answer's label (a label's box is not in its edge's shape)
            return any(
                isinstance(item, NodeItem)
                or (isinstance(item, EdgeItem) and item.label_rect is not None and item.label_rect.intersects(area))
                for item in graph.items(area, Qt.ItemSelectionMode.IntersectsItemBoundingRect)
            )
        overview = graph.overview  # zoomed out: what the overview image draws there (a few samples)
        content = graph.content
        if overview is None or content.isEmpty():
            return False
        image, background = overview.base, graph.style.background.rgb()
        sx, sy = image.width() / content.width(), image.height() / content.height()
        for i in range(13):
            for j in range(9):
                x = int((area.left() + area.width() * i / 12 - content.left()) * sx)
                y = int((area.top() + area.height() * j / 8 - content.top()) * sy)
                if (
                    0 <= x < image.width()
                    and 0 <= y < image.height()
                    and image.pixel(x, y) & 0xFFFFFF != background & 0xFFFFFF
                ):
                    return True
        return False

    def place(self) -> None:
        """Into the first corner that covers no node; hidden while none does, or when not wanted."""
        if self._dragging:
            self.update()
            return
        free = [c for c in self.corners() if not self._covers_a_node(c)] if self.wanted else []
        if free:
            self.move(free[0].topLeft())
        self.setVisible(bool(free) and not self.graph.content.isEmpty())
        self.update()

    def _frame(self) -> tuple[QRectF, float]:
        """Where the drawing sits inside the minimap, and scene units to minimap pixels."""
        content = self.graph.content
        if content.isEmpty():
            return QRectF(), 1.0
        scale = min((self.width() - 4) / content.width(), (self.height() - 4) / content.height())
        w, h = content.width() * scale, content.height() * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h), scale

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setOpacity(self.OPACITY)  # what lies behind shows through
        painter.fillRect(self.rect(), self.graph.style.background)
        painter.setPen(QPen(self.graph.style.border, 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        overview = self.graph.overview
        frame, scale = self._frame()
        if overview is None or frame.isEmpty():
            return
        painter.drawImage(frame.topLeft(), self._scaled(overview.image, frame))
        content = self.graph.content
        visible = self.main.mapToScene(self.main.viewport().rect()).boundingRect().intersected(content)
        shown = QRectF(
            frame.left() + (visible.left() - content.left()) * scale,
            frame.top() + (visible.top() - content.top()) * scale,
            max(visible.width() * scale, 3),
            max(visible.height() * scale, 3),
        )
        painter.setOpacity(1.0)  # the outline of what is in view stays in its full colour
        colour = QColor(self.graph.style.current_border)  # the theme's "you are here" colour
        painter.setPen(QPen(colour, 1.5))
        colour.setAlpha(24)
        painter.setBrush(colour)
        painter.drawRect(shown)

    def _scaled(self, image: QImage, frame: QRectF) -> QImage:
        """The overview at the minimap's size, scaled once per overview (drawing the 4096 px
        image scaled and translucent on every paint cost milliseconds)."""
        key = (image.cacheKey(), int(frame.width()), int(frame.height()))
        if self._cache_key != key:
            self._cache_key = key
            self._cache = image.scaled(
                max(int(frame.width()), 1),
                max(int(frame.height()), 1),
                Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        return self._cache

    def _go_to(self, point: QPointF) -> None:
        frame, scale = self._frame()
        if frame.isEmpty():
            return
        content = self.graph.content
        self.main.centerOn(
            QPointF(
                content.left() + (point.x() - frame.left()) / scale, content.top() + (point.y() - frame.top()) / scale
            )
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._dragging = True  # it stays in its corner while the user steers with it
        self._go_to(event.position())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._dragging = False
        self.place()
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._go_to(event.position())
        event.accept()
