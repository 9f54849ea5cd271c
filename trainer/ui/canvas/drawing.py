"""A tree's drawing up to its items: text measured and wrapped with the graph's fonts (edge
labels wrapped too, never cut), the layout of the visible part, and the overview image. `prepare_drawing`
makes all of it in a worker thread for a large tree; the scene then only makes the items.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QImage

from trainer.core.graph import children_of, edge_labels, hidden_by_collapse, roots_of
from trainer.core.model import Outcome, Tree
from trainer.draw.layout import Layout, LayoutInput, LayoutOptions, Size, compute_layout
from trainer.draw.layout.wrap import wrap_wide
from trainer.draw.spatial import GridIndex, index_layout
from trainer.draw.wrapping import WordWidths, wrap_text
from trainer.infra.gcpause import gc_paused
from trainer.infra.progress import Progress, advance, checkpoint, start
from trainer.ui.canvas.items import NODE_TEXT_WIDTH, TextBlock, node_size
from trainer.ui.canvas.overview import overview_base
from trainer.ui.canvas.style import GraphStyle

LABEL_MAX_WIDTH = 180.0
MASKED_OUTCOME_SIZE = (120.0, 44.0)  # during a quiz every outcome is this big
MARGIN = 40.0
EAGER_NODES = 2000  # up to this many nodes every item is made at once; beyond, on demand


def content_rect(layout: Layout) -> QRectF:
    """The drawing's bounds: the layout with a margin around it."""
    return QRectF(-MARGIN, -MARGIN, layout.width + 2 * MARGIN, layout.height + 2 * MARGIN)


class TextMeasure:
    """The graph's text measured with its fonts: node texts wrapped into blocks, edge labels
    wrapped to LABEL_MAX_WIDTH. QFontMetricsF is reentrant, not thread-safe: each thread makes its own."""

    def __init__(self, style: GraphStyle) -> None:
        self.scale = style.scale
        self.node_metrics = QFontMetricsF(style.font)
        self.label_metrics = QFontMetricsF(style.label_font)
        self.widths = WordWidths(self.node_metrics.horizontalAdvance)
        self.label_widths = WordWidths(self.label_metrics.horizontalAdvance)

    def block(self, text: str) -> TextBlock:
        lines, widest = wrap_text(text, NODE_TEXT_WIDTH * self.scale, self.widths)
        return TextBlock(tuple(lines), widest, self.node_metrics.lineSpacing(), self.node_metrics.ascent())

    def labels(self, tree: Tree) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], float]]:
        """Each edge's label wrapped to LABEL_MAX_WIDTH (lines joined by newlines, never cut),
        and its widest line's width (kept for the layout, which gets the wrapped size)."""
        wrapped: dict[tuple[str, str], str] = {}
        widths: dict[tuple[str, str], float] = {}
        fitted: dict[str, tuple[str, float]] = {}  # labels repeat a lot ("Yes", "No"): measure each once
        for edge, text in edge_labels(tree).items():
            done = fitted.get(text)
            if done is None:
                done = fitted[text] = self._fit_label(text)
            wrapped[edge], widths[edge] = done
        return wrapped, widths

    def _fit_label(self, text: str) -> tuple[str, float]:
        lines, widest = wrap_text(" ".join(text.split()), LABEL_MAX_WIDTH * self.scale, self.label_widths)
        return "\n".join(lines), widest

    def label_size(self, width: float, lines: int = 1) -> Size:
        """A label's box: its widest line and its lines, with a little room around the text."""
        if not width:
            return Size(0.0, 0.0)
        metrics = self.label_metrics
        return Size(width + 10, metrics.height() + metrics.lineSpacing() * (max(lines, 1) - 1) + 4)


def box_size(block: TextBlock, is_outcome: bool, masked: bool, scale: float) -> tuple[float, float]:
    """A node's box: its text's, or during a quiz one size for every outcome."""
    if masked and is_outcome:
        return MASKED_OUTCOME_SIZE[0] * scale, MASKED_OUTCOME_SIZE[1] * scale
    return node_size(block)


def lay_out(
    tree: Tree,
    collapsed: set[str],
    pins: dict[str, tuple[float, float]],
    direction: Literal["down", "right"],
    size_of: Callable[[str], tuple[float, float]],
    label_size: Callable[[tuple[str, str]], Size],
) -> tuple[dict[str, list[str]], Layout]:
    """The visible part of `tree` (folded subtrees left out) and its layout, folded into strips
    when it is far too wide for a screen (trainer.draw.layout.wrap)."""
    children = children_of(tree)
    hidden = hidden_by_collapse(children, roots_of(tree, children), collapsed)
    visible = {
        n: ([] if n in collapsed else [c for c in cs if c not in hidden])
        for n, cs in children.items()
        if n not in hidden
    }
    inp = LayoutInput(
        start=tree.start,
        children=visible,
        node_sizes={n: Size(*size_of(n)) for n in visible},
        edge_label_sizes={(s, t): label_size((s, t)) for s, targets in visible.items() for t in targets},
    )
    pinned = {n: p for n, p in pins.items() if n in visible}
    layout = compute_layout(inp, LayoutOptions(direction=direction), pinned=pinned)
    # a drawing far wider than a screen folded into strips (hand-placed nodes keep the plain layout)
    return visible, layout if pinned else wrap_wide(layout, direction)


@dataclass(frozen=True)
class Drawing:
    """Everything of a tree's drawing that is not an item: measured and wrapped text, the layout,
    the overview image and, for a large tree, the index of where its items will lie."""

    tree: Tree
    direction: str
    pins: dict[str, tuple[float, float]]
    masked: bool
    blocks: dict[str, TextBlock]
    labels: dict[tuple[str, str], str]
    label_widths: dict[tuple[str, str], float]
    visible: dict[str, list[str]]
    layout: Layout
    overview: QImage
    index: GridIndex | None
    collapsed: frozenset[str] = frozenset()  # the folded questions it was laid out with
    revealed: frozenset[str] = frozenset()  # the outcomes drawn named while masked

    @property
    def made_for(self) -> tuple[str, dict[str, tuple[float, float]], bool, frozenset[str], frozenset[str]]:
        """What a scene must show for this drawing to be its own: direction, pins, masking,
        folds and the outcomes revealed."""
        return self.direction, self.pins, self.masked, self.collapsed, self.revealed


@dataclass(frozen=True)
class Measured:
    """Text already measured on the GUI thread, handed to a new layout made in a worker (a
    fold or a change of direction re-lays the tree out; its text is the same)."""

    blocks: dict[str, TextBlock]
    labels: dict[tuple[str, str], str]
    label_widths: dict[tuple[str, str], float]


def prepare_drawing(
    tree: Tree,
    style: GraphStyle,
    direction: Literal["down", "right"] = "down",
    pins: dict[str, tuple[float, float]] | None = None,
    masked: bool = False,
    progress: Progress | None = None,
    *,
    collapsed: frozenset[str] = frozenset(),
    revealed: frozenset[str] = frozenset(),
    measured: Measured | None = None,
) -> Drawing:
    """A tree's drawing up to its items, safe to make in a worker thread: text is measured with
    the thread's own font metrics and the overview painted on a QImage (both allowed outside
    the GUI thread); no QGraphicsItem is made. `GraphScene.set_tree(tree, pins, drawing)` shows it.
    `collapsed` and `revealed` as the scene has them; `measured`: text measured already (what
    is missing from it is measured here)."""
    pins = dict(pins or {})
    with gc_paused():
        start(progress, "Measuring the text", len(tree.nodes))
        measure = TextMeasure(style)
        if measured is not None:
            labels, label_widths = measured.labels, measured.label_widths
            blocks = dict(measured.blocks)
        else:
            labels, label_widths = measure.labels(tree)
            blocks = {}
        for count, (node_id, node) in enumerate(tree.nodes.items(), 1):
            if node_id not in blocks:
                blocks[node_id] = measure.block(node.text)
            if count % 1000 == 0:
                advance(progress, 1000)
        start(progress, "Laying out the tree")
        scale = style.scale
        visible, layout = lay_out(
            tree,
            set(collapsed),
            pins,
            direction,
            lambda n: box_size(blocks[n], isinstance(tree.nodes[n], Outcome), masked and n not in revealed, scale),
            lambda edge: measure.label_size(label_widths.get(edge, 0.0), labels.get(edge, "").count("\n") + 1),
        )
        start(progress, "Drawing the overview")
        content = content_rect(layout)
        overview = overview_base(layout, content, style, tree)
        checkpoint(progress)
        index = index_layout(layout) if len(layout.nodes) > EAGER_NODES else None
    text = (blocks, labels, label_widths)
    return Drawing(tree, direction, pins, masked, *text, visible, layout, overview, index, collapsed, revealed)
