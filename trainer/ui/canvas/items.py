"""Graph items: they draw what the scene tells them and own no data of their own.

Question and outcome nodes differ in shape, colour and a glyph (so colour is never the only
cue). At low zoom, nodes draw as plain blocks and labels are skipped, to keep frames fast.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QStyle,
    QStyleOptionGraphicsItem,
    QWidget,
)

from trainer.draw.themes import RECEDED_OPACITY
from trainer.ui.canvas.style import GraphStyle
from trainer.ui.common.plain import plain_tooltip

NODE_TEXT_WIDTH = 220.0
PADDING = 10.0
GLYPH_WIDTH = 22.0
DETAIL_LOD = 0.45  # below this zoom nothing but blocks, even when a large interface zoom keeps text readable
OUTCOME_GLYPH = "◆"  # an outcome's own mark: "✓" means "right" and "strong" elsewhere
QUESTION_GLYPH, FOLDED_GLYPH = "?", "+"


def detail_zoom(style: GraphStyle) -> float:
    """The least zoom at which items draw their text: where every text is readable (at least
    READABLE_PIXELS high) and never below DETAIL_LOD; below it, blocks and the overview."""
    return max(DETAIL_LOD, style.readable_zoom) - 1e-6


# The mastery overlay: three steps, each with a colour AND a second cue (a glyph and word on
# outcomes, a dash pattern on edges), so colour is never the only signal.
WEAK, LEARNING, STRONG = "weak", "learning", "strong"
FLAG_TEXT = "✗ error"
HERE_TEXT = "▶ you are here"  # the current node says so in words, not only by its colour


def link_text(tree_id: str) -> str:
    """The pill of an outcome whose decision goes on in another tree (`continue:`)."""
    return f"↪ next: {tree_id}"


MASTERY_GLYPHS = {WEAK: "✗", LEARNING: "~", STRONG: "✓"}
BADGE_HEIGHT = 18.0
MASKED_WORDS = "hidden during the quiz"  # a masked outcome's tool tip: "Outcome: hidden during the quiz"


def mastery_level(value: float | None) -> str | None:
    """weak below 0.5, learning below 0.8, strong from 0.8; None when never tested."""
    if value is None:
        return None
    return WEAK if value < 0.5 else LEARNING if value < 0.8 else STRONG


def mastery_badge(value: float | None) -> str:
    level = mastery_level(value)
    return "" if level is None or value is None else f"{MASTERY_GLYPHS[level]} {level} {round(value * 100)}%"


def mastery_colours(level: str, style: GraphStyle) -> tuple[QColor, QColor]:
    """(line, band fill) of a mastery level, from the theme (`graph_weak`, `graph_weak_fill`, …)."""
    line, fill = style.mastery[level]
    return QColor(line), QColor(fill)


def _inside(height: float) -> float:
    """How far a pill on a node's edge reaches into it: half its height, never past the node's
    padding (at 200 % the pills grow with the text and would cover the last line)."""
    return min(height / 2, PADDING - 2)


@dataclass(frozen=True)
class TextBlock:
    """A node's text already wrapped to lines (measured with the real font), ready to draw."""

    lines: tuple[str, ...]
    width: float
    line_height: float
    ascent: float

    @property
    def height(self) -> float:
        return self.line_height * len(self.lines)


def node_size(block: TextBlock) -> tuple[float, float]:
    return block.width + 2 * PADDING + GLYPH_WIDTH, block.height + 2 * PADDING


class NodeItem(QGraphicsItem):
    def __init__(
        self,
        node_id: str,
        text: str,
        is_outcome: bool,
        block: TextBlock,
        style: GraphStyle,
        size: tuple[float, float] | None = None,
    ) -> None:
        super().__init__()
        self.node_id = node_id
        self.text = text
        self.is_outcome = is_outcome
        self._block = block
        self._style = style
        self._rect = QRectF(0, 0, *(size or node_size(block)))
        self.current = False
        self.on_path = False
        self.receded = False
        self.matched = False
        self.collapsed = False
        self.masked = False  # a quiz runs: an outcome draws as "?" with no text
        self.mask_words = MASKED_WORDS  # why, in its tool tip ("not shown yet" in a presentation)
        self.mastery: float | None = None  # the overlay's 0..1 for a tested outcome
        self.flagged = False  # the editor found an error here
        self.continues = ""  # the tree this outcome's decision goes on in, drawn as a pill
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)

    def hoverEnterEvent(self, event) -> None:
        if not self.toolTip():  # set on first hover: not 10,000 tool tips made up front
            self.setToolTip(self.tooltip_text())
        super().hoverEnterEvent(event)

    def tooltip_text(self) -> str:
        if self.is_outcome and self.masked:
            return plain_tooltip(f"Outcome: {self.mask_words}")
        kind = "Outcome" if self.is_outcome else "Question"
        goes_on = f"\nContinues in the tree “{self.continues}”" if self.continues else ""
        return plain_tooltip(f"{kind}: {self.text}{goes_on}")

    def drawn_lines(self) -> tuple[str, ...]:
        """The text lines paint() draws (empty for a masked outcome)."""
        return () if self.is_outcome and self.masked else self._block.lines

    def set_masked(self, masked: bool) -> None:
        if masked != self.masked:
            self.prepareGeometryChange()  # a mastery badge is not drawn while masked
            self.masked = masked
            self.setToolTip("")  # made again, masked or not, on the next hover
            self.update()

    @property
    def mastery_level(self) -> str | None:
        return mastery_level(self.mastery) if self.is_outcome and not self.masked else None

    @property
    def mastery_badge(self) -> str:
        """The badge the overlay draws ("✗ weak 40%"); empty when none is drawn."""
        return mastery_badge(self.mastery) if self.mastery_level is not None else ""

    def set_mastery(self, value: float | None) -> None:
        value = value if self.is_outcome else None
        if value != self.mastery:
            self.prepareGeometryChange()  # the badge hangs below the node
            self.mastery = value
            self.update()

    def _badge_rect(self) -> QRectF:
        width = QFontMetricsF(self._style.label_font).horizontalAdvance(self.mastery_badge) + 12
        height = BADGE_HEIGHT * self._style.scale
        return QRectF(self._rect.right() - width - 8, self._rect.bottom() - _inside(height), width, height)

    def _flag_rect(self) -> QRectF:
        width = QFontMetricsF(self._style.label_font).horizontalAdvance(FLAG_TEXT) + 12
        height = BADGE_HEIGHT * self._style.scale
        return QRectF(self._rect.right() - width - 8, self._rect.top() - height + _inside(height), width, height)

    def _link_rect(self) -> QRectF:
        """Above the node's left corner (the error flag takes the right one)."""
        width = QFontMetricsF(self._style.label_font).horizontalAdvance(link_text(self.continues)) + 12
        height = BADGE_HEIGHT * self._style.scale
        return QRectF(self._rect.left() + 8, self._rect.top() - height + _inside(height), width, height)

    @property
    def shows_link(self) -> bool:
        return bool(self.continues) and not (self.is_outcome and self.masked)

    def set_continues(self, tree_id: str) -> None:
        if tree_id != self.continues:
            self.prepareGeometryChange()  # the pill hangs above the node
            self.continues = tree_id
            self.setToolTip("")
            self.update()

    def _here_rect(self) -> QRectF:
        width = QFontMetricsF(self._style.label_font).horizontalAdvance(HERE_TEXT) + 12
        height = BADGE_HEIGHT * self._style.scale
        # below the node's left corner: incoming arrows and their labels are above, the answers
        # leave from the middle of the bottom edge, a mastery badge sits at the right
        return QRectF(self._rect.left() + 8, self._rect.bottom() - _inside(height), width, height)

    def set_flagged(self, flagged: bool) -> None:
        if flagged != self.flagged:
            self.prepareGeometryChange()  # the flag hangs above the node
            self.flagged = flagged
            self.update()

    def boundingRect(self) -> QRectF:
        rect = self._rect.adjusted(-4, -4, 4, 4)
        if self.flagged:
            rect = rect.united(self._flag_rect().adjusted(-2, -2, 2, 2))
        if self.current:
            rect = rect.united(self._here_rect().adjusted(-2, -2, 2, 2))
        if self.shows_link:
            rect = rect.united(self._link_rect().adjusted(-2, -2, 2, 2))
        return rect.united(self._badge_rect().adjusted(-2, -2, 2, 2)) if self.mastery_badge else rect

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self._rect)
        return path

    def set_state(self, *, current: bool, on_path: bool, receded: bool) -> None:
        if (current, on_path, receded) != (self.current, self.on_path, self.receded):
            if current != self.current:
                self.prepareGeometryChange()  # the "you are here" pill hangs below the node
            self.current, self.on_path, self.receded = current, on_path, receded
            self.update()

    def set_matched(self, matched: bool) -> None:
        if matched != self.matched:
            self.matched = matched
            self.update()

    def set_collapsed(self, collapsed: bool) -> None:
        if collapsed != self.collapsed:
            self.collapsed = collapsed
            self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        s = self._style
        fill = s.outcome_fill if self.is_outcome else s.question_fill
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        painter.setOpacity(RECEDED_OPACITY if self.receded else 1.0)
        if lod < detail_zoom(s):
            painter.fillRect(self._rect, s.current_border if self.current else fill)
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        border = s.current_border if self.current else s.match_border if self.matched else s.border
        width = 3.5 if self.current or self.matched or selected else 2.0 if self.on_path else 1.2
        painter.setPen(
            QPen(border, width, Qt.PenStyle.DashLine if selected and not self.current else Qt.PenStyle.SolidLine)
        )
        painter.setBrush(QBrush(fill))
        level = self.mastery_level
        if level is not None and not (self.current or self.matched or selected):
            border, fill = mastery_colours(level, s)
            painter.setPen(QPen(border, 2.5))
            painter.setBrush(QBrush(fill))
        if self.flagged:
            painter.setPen(QPen(s.error, 3.0))
        radius = 4.0 if self.is_outcome else 12.0
        painter.drawRoundedRect(self._rect, radius, radius)
        if self.is_outcome:  # a second, inner border: the outcome's shape cue
            painter.setPen(QPen(border, 1.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self._rect.adjusted(4, 4, -4, -4), 2.0, 2.0)
        painter.setPen(s.text)
        painter.setFont(s.glyph_font)
        glyph = OUTCOME_GLYPH if self.is_outcome else (FOLDED_GLYPH if self.collapsed else QUESTION_GLYPH)
        block = self._block
        if self.is_outcome and self.masked:  # a quiz runs: a big "?" and no text
            painter.setFont(s.glyph_font)
            painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, "?")
            return
        painter.drawText(QPointF(PADDING, PADDING + block.ascent), glyph)
        painter.setFont(s.font)
        x, y = PADDING + GLYPH_WIDTH, PADDING + block.ascent
        for line in block.lines:
            painter.drawText(QPointF(x, y), line)
            y += block.line_height
        if level is not None:
            self._paint_pill(painter, self._badge_rect(), self.mastery_badge, mastery_colours(level, s)[0])
        if self.flagged:
            self._paint_pill(painter, self._flag_rect(), FLAG_TEXT, s.error)
        if self.current:
            self._paint_pill(painter, self._here_rect(), HERE_TEXT, s.current_border)
        if self.shows_link:
            self._paint_pill(painter, self._link_rect(), link_text(self.continues), s.border)

    def _paint_pill(self, painter: QPainter, rect: QRectF, text: str, line: QColor) -> None:
        """A pill on the node's edge with a glyph and a word (a state never shown by colour
        alone): the mastery badge below, the editor's error flag above."""
        painter.setPen(QPen(line, 1.0))
        painter.setBrush(QBrush(self._style.label_fill))
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        painter.setPen(self._style.text)
        painter.setFont(self._style.label_font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


class EdgeItem(QGraphicsPathItem):
    """An answer: a polyline with an arrow head, and its label (drawn when zoomed in enough to
    read). `label` is the text as drawn, wrapped to lines; `full_label` the answer on one line,
    for its tool tip and for screen readers."""

    def __init__(
        self, source: str, target: str, points: list[QPointF], label: str, label_rect: QRectF | None, style: GraphStyle
    ) -> None:
        super().__init__()
        self.source, self.target, self.label = source, target, label
        self.full_label = " ".join(label.split())
        self._style = style
        self._label_rect = label_rect
        self._points = points
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        self.setPath(path)
        self._arrow = _arrow_head(points[-2], points[-1])
        self.on_path = False
        self.receded = False
        self.mastery: float | None = None  # the overlay's 0..1 for the outcomes reached through it
        self.setZValue(-1)
        self._update_pen()
        self.setAcceptHoverEvents(bool(label))

    @property
    def label_rect(self) -> QRectF | None:
        """Where the label's box is drawn (scene coordinates), when it has one."""
        return self._label_rect

    def hoverEnterEvent(self, event) -> None:
        if self.label and not self.toolTip():
            self.setToolTip(plain_tooltip(self.full_label))
        super().hoverEnterEvent(event)

    def boundingRect(self) -> QRectF:
        rect = super().boundingRect().united(self._arrow.boundingRect())
        return rect.united(self._label_rect) if self._label_rect is not None else rect

    def set_state(self, *, on_path: bool, receded: bool) -> None:
        if (on_path, receded) != (self.on_path, self.receded):
            self.on_path, self.receded = on_path, receded
            self._update_pen()

    @property
    def mastery_level(self) -> str | None:
        return mastery_level(self.mastery)

    def set_mastery(self, value: float | None) -> None:
        if value != self.mastery:
            self.mastery = value
            self._update_pen()

    def _update_pen(self) -> None:
        """The lit path keeps its colour; the overlay colours the rest and dashes weak edges."""
        level = self.mastery_level
        colour = (
            self._style.path_edge
            if self.on_path
            else mastery_colours(level, self._style)[0]
            if level
            else self._style.edge
        )
        width = 3.0 if self.on_path else 2.4 if level else 1.4
        pen = QPen(colour, width)
        if level == WEAK:
            pen.setStyle(Qt.PenStyle.DashLine)
        self.setPen(pen)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setOpacity(RECEDED_OPACITY if self.receded else 1.0)
        painter.setPen(self.pen())
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path())
        head = QPen(self.pen())
        head.setStyle(Qt.PenStyle.SolidLine)  # a solid head, also on dashed edges
        painter.setPen(head)
        painter.setBrush(self.pen().color())
        painter.drawPolygon(self._arrow)
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if self.label and self._label_rect is not None and lod >= detail_zoom(self._style):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._style.label_fill)
            painter.drawRoundedRect(self._label_rect, 3, 3)
            painter.setPen(self._style.text)
            painter.setFont(self._style.label_font)
            painter.drawText(self._label_rect, Qt.AlignmentFlag.AlignCenter, self.label)


def _arrow_head(before: QPointF, tip: QPointF, size: float = 9.0) -> QPolygonF:
    direction = tip - before
    length = max((direction.x() ** 2 + direction.y() ** 2) ** 0.5, 1e-6)
    ux, uy = direction.x() / length, direction.y() / length
    base = QPointF(tip.x() - ux * size, tip.y() - uy * size)
    normal = QPointF(-uy * size * 0.5, ux * size * 0.5)
    return QPolygonF([tip, base + normal, base - normal])
