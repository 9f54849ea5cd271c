"""The overview: the whole drawing as one image, for zoomed-out frames and the minimap. Every node
is a block and every edge a line, drawn in a few batched calls from the layout, so a frame of a
large tree never touches its per-node items. Painted on a QImage, it can be made off the GUI thread.
"""

from __future__ import annotations

from itertools import pairwise
from math import ceil, floor
from typing import TYPE_CHECKING

from PySide6.QtCore import QLine, QLineF, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from trainer.core.model import Outcome, Tree
from trainer.draw.layout import EdgeRoute, Layout
from trainer.draw.wrapping import WordWidths, wrap_text
from trainer.study.walk import Highlight
from trainer.ui.canvas.items import WEAK, mastery_colours, mastery_level
from trainer.ui.canvas.style import GraphStyle

if TYPE_CHECKING:  # the overlay's data type; importing it would load the quiz engine
    from trainer.study.mastery import Mastery

OVERVIEW_MAX_PIXELS = 4096  # the overview's longer side
OVERVIEW_MARK_PIXELS = 4.0  # a tested outcome's least size in the overview


class OverviewItem(QGraphicsItem):
    """The whole drawing as one image, for zoomed-out frames (and the minimap)."""

    def __init__(self, base: QImage, rect: QRectF) -> None:
        super().__init__()
        self.base = base  # the drawing without the lit path or the overlay (drawn once per layout)
        self.image = base  # what is shown: the base, or a copy of it with the path and the overlay
        self._rect = rect
        self.setZValue(-10)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(self._rect, self.image)


def _scales(image: QImage, rect: QRectF) -> tuple[float, float]:
    """Image pixels per drawing unit, across and down: apart for a drawing whose image was cut
    to one pixel across (a 100,000-step chain is 220 units wide and millions tall; one scale
    drew it 45,000 px down a 4,096 px image, most of it off the image)."""
    return image.width() / rect.width(), image.height() / rect.height()


def _overview_transform(painter: QPainter, image: QImage, rect: QRectF) -> tuple[float, float]:
    sx, sy = _scales(image, rect)
    painter.scale(sx, sy)
    painter.translate(-rect.left(), -rect.top())
    return sx, sy


def _pen(colour: QColor, pixels: float) -> QPen:
    """A pen as wide in the image's pixels whatever the scales (cosmetic)."""
    pen = QPen(colour, pixels)
    pen.setCosmetic(True)
    return pen


def overview_base(layout: Layout, rect: QRectF, style: GraphStyle, tree: Tree | None) -> QImage:
    scale = min(OVERVIEW_MAX_PIXELS / max(rect.width(), rect.height()), 1.0)
    image = QImage(
        max(int(rect.width() * scale), 1), max(int(rect.height() * scale), 1), QImage.Format.Format_ARGB32_Premultiplied
    )
    image.fill(style.background)
    painter = QPainter(image)
    try:
        _overview_transform(painter, image, rect)
        painter.setPen(_pen(style.edge, 1.0))
        painter.drawLines([QLineF(*a, *b) for e in layout.edges for a, b in pairwise(e.points)])
        painter.setPen(Qt.PenStyle.NoPen)
        outcomes = {n for n, node in (tree.nodes.items() if tree else ()) if isinstance(node, Outcome)}
        for fill, wanted in ((style.question_fill.darker(115), False), (style.outcome_fill.darker(115), True)):
            painter.setBrush(fill)
            painter.drawRects(
                [QRectF(b.x, b.y, b.width, b.height) for n, b in layout.nodes.items() if (n in outcomes) == wanted]
            )
    finally:
        painter.end()
    return image


def paint_mastery(image: QImage, layout: Layout, rect: QRectF, style: GraphStyle, mastery: Mastery) -> None:
    """The overlay in the overview: each tested outcome filled with its level's colour, and each
    answer edge drawn in it (weak ones dashed, as on the items), so weak branches stand out
    even when the whole tree is a few hundred pixels wide."""
    painter = QPainter(image)
    try:
        sx, sy = _overview_transform(painter, image, rect)
        for edge in layout.edges:
            level = mastery_level(mastery.edges.get((edge.source, edge.target)))
            if level is not None:
                pen = _pen(mastery_colours(level, style)[0], 1.0)  # as thin as the base lines
                pen.setStyle(Qt.PenStyle.DashLine if level == WEAK else Qt.PenStyle.SolidLine)
                painter.setPen(pen)
                painter.drawPolyline([QPointF(*p) for p in edge.points])
        painter.setPen(Qt.PenStyle.NoPen)
        least_w, least_h = OVERVIEW_MARK_PIXELS / sx, OVERVIEW_MARK_PIXELS / sy  # visible however small
        for node_id, value in mastery.outcomes.items():
            box, level = layout.nodes.get(node_id), mastery_level(value)
            if box is not None and level is not None:
                painter.setBrush(mastery_colours(level, style)[0])
                w, h = max(box.width, least_w), max(box.height, least_h)
                painter.drawRect(QRectF(box.x + (box.width - w) / 2, box.y + (box.height - h) / 2, w, h))
    finally:
        painter.end()


_routes: tuple[Layout, dict[tuple[str, str], EdgeRoute]] | None = None  # the last layout's edges by their ends


def _routes_of(layout: Layout) -> dict[tuple[str, str], EdgeRoute]:
    """Edges by (source, target), kept for the layout shown: the path is painted at every step
    of a walk, and scanning every edge of a 100,000-node chain for the few lit ones took 130 ms."""
    global _routes
    if _routes is None or _routes[0] is not layout:
        _routes = (layout, {(e.source, e.target): e for e in layout.edges})
    return _routes[1]


def paint_path(image: QImage, layout: Layout, rect: QRectF, style: GraphStyle, highlight: Highlight) -> None:
    """The lit path over the overview, worked out in the image's own pixels: a path of 100,000
    steps (a deep chain walked to its end) is a few thousand distinct lines and blocks there,
    and making a Qt shape per node and edge took 2 s at each step."""
    sx, sy = _scales(image, rect)
    left, top = rect.left(), rect.top()
    routes = _routes_of(layout)
    lines: set[tuple[int, int, int, int]] = set()
    for edge in highlight.edges:
        route = routes.get(edge)
        for (ax, ay), (bx, by) in pairwise(route.points if route is not None else ()):
            lines.add(
                (
                    round((ax - left) * sx),
                    round((ay - top) * sy),
                    round((bx - left) * sx),
                    round((by - top) * sy),
                )
            )
    blocks: set[tuple[int, int, int, int]] = set()
    for node_id in highlight.nodes:
        box = layout.nodes.get(node_id)
        if box is not None:
            x, y = floor((box.x - left) * sx), floor((box.y - top) * sy)
            right, bottom = ceil((box.x + box.width - left) * sx), ceil((box.y + box.height - top) * sy)
            blocks.add((x, y, max(right - x, 1), max(bottom - y, 1)))
    painter = QPainter(image)
    try:
        painter.setPen(QPen(style.path_edge, 3.0))
        painter.drawLines([QLine(*line) for line in lines])
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.path_edge)
        painter.drawRects([QRect(*block) for block in blocks])
    finally:
        painter.end()


CAPTION_WIDTH = 280  # the widest the overview's caption of the current node grows, in screen pixels
CAPTION_WORDS = "▶ you are here: "


def caption_rect(block: QRectF, text: str, style: GraphStyle, port: QRectF) -> tuple[QRectF, list[str]]:
    """Where the overview's caption of the current node goes (screen pixels, below its block,
    kept inside `port`) and its lines, wrapped at the interface's own text size."""
    metrics = QFontMetricsF(style.font)
    lines, widest = wrap_text(CAPTION_WORDS + text, CAPTION_WIDTH * style.scale, WordWidths(metrics.horizontalAdvance))
    width, height = widest + 16, metrics.lineSpacing() * len(lines) + 10
    x = min(max(block.center().x() - width / 2, port.left() + 4), port.right() - width - 4)
    y = block.bottom() + 6
    if y + height > port.bottom() - 4:  # no room below: above the block
        y = block.top() - 6 - height
    return QRectF(x, max(y, port.top() + 4), width, height), lines


def paint_caption(painter: QPainter, rect: QRectF, lines: list[str], style: GraphStyle) -> None:
    """The current node's text over the overview, readable however far the view is zoomed out
    (the overview draws blocks only: text that small could not be read)."""
    painter.save()
    painter.resetTransform()
    painter.setPen(QPen(style.current_border, 1.5))
    painter.setBrush(style.label_fill)
    painter.drawRoundedRect(rect, 6, 6)
    painter.setPen(style.text)
    painter.setFont(style.font)
    metrics = QFontMetricsF(style.font)
    y = rect.top() + 5 + metrics.ascent()
    for line in lines:
        painter.drawText(QPointF(rect.left() + 8, y), line)
        y += metrics.lineSpacing()
    painter.restore()
