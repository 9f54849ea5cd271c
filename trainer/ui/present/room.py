"""What the slide and the audience round share to read from the back of a room: plain-text
labels, Markdown views measured at the column's width, the column of texts, type that shrinks
until it fits, and the read-only graph beside the text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QLabel, QLayout, QSizePolicy, QVBoxLayout, QWidget

from trainer.ui.canvas.scene import GraphScene
from trainer.ui.canvas.view import GraphView
from trainer.ui.common.markdown_view import SizedMarkdownView

SHRINK_STEP = 0.9  # a text that would not fit its box shrinks by this much at a time ...
MIN_SCALE = 0.45  # ... never below this share of its size
GRAPH_MAX_ZOOM = 2.5  # a small neighbourhood is magnified up to this to fill the graph's pane
TEXT_SHARE = 0.52  # of the window's width, for the text column (the graph has the rest)

PresentMarkdown = SizedMarkdownView  # measured at the column's width to choose the type size


def label(name: str, accessible: str, wrap: bool = True) -> QLabel:
    """A plain-text label (author text is never HTML)."""
    widget = QLabel()
    widget.setObjectName(name)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(wrap)
    widget.setAccessibleName(accessible)
    return widget


def answer_label(index: int, text: str, chosen: bool, margin: int) -> QLabel:
    """A slide's answer, numbered; the chosen one is said in words and a mark, not by colour alone."""
    widget = label("presentChosen" if chosen else "presentAnswer", f"Answer {index + 1}: {text}")
    widget.setText(f"{'▶ ' if chosen else ''}{index + 1}   {' '.join(text.split())}")
    widget.setAccessibleDescription("chosen" if chosen else "")
    widget.setContentsMargins(margin * 2, margin, margin * 2, margin)
    return widget


def layout_of(widget: QWidget) -> QLayout:
    """The layout `widget` was made with (each widget here sets one at construction)."""
    layout = widget.layout()
    assert layout is not None, widget.objectName()
    return layout


def room_markdown(name: str, accessible: str, open_link: Callable[[QUrl], None]) -> PresentMarkdown:
    view = PresentMarkdown(open_link=open_link)
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return view


def text_column(
    name: str, above: Sequence[QWidget], answers: QVBoxLayout, below: Sequence[QWidget], hint: QWidget
) -> QWidget:
    """The column of texts: `above` the answers, the answers, `below` them, and the hint at the foot."""
    widget = QWidget()
    widget.setObjectName(name)
    # the window's size is the screen's: the column never asks for more (its type shrinks)
    widget.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Ignored)
    column = QVBoxLayout(widget)
    column.setContentsMargins(0, 0, 0, 0)
    for text in above:
        column.addWidget(text)
    column.addLayout(answers)
    for text in below:
        column.addWidget(text)
    column.addStretch(1)
    column.addWidget(hint)
    return widget


def stacked_height(widgets: Sequence[QWidget], width: int, spacing: int) -> int:
    """The height of `widgets` stacked at `width`, as laid out (spacing included)."""
    total = 0
    for widget in widgets:
        if isinstance(widget, PresentMarkdown):
            total += widget.height_for(width)
        elif widget.hasHeightForWidth():
            total += widget.heightForWidth(width)
        else:
            total += widget.sizeHint().height()
        total += spacing
    return total


def fit_type(
    owner: QWidget,
    stylesheet: Callable[[float], str],
    texts: Callable[[], list[QWidget]],
    fits: Callable[[], bool],
    width: int,
) -> float:
    """The largest type scale (down to MIN_SCALE) at which `fits()`, applied to `owner`; long
    words that would not fit the width are broken by the label (word wrap) rather than clipped.
    The Markdown views then take `width`, so their heights are known before the layout runs."""
    scale = 1.0
    while True:
        owner.setStyleSheet(stylesheet(scale))
        for widget in texts():
            widget.ensurePolished()
        if scale <= MIN_SCALE or fits():
            break
        scale = max(MIN_SCALE, scale * SHRINK_STEP)
    for widget in texts():
        if isinstance(widget, PresentMarkdown):
            widget.fit_width = width
            widget._fit_height()
    return scale


def room_graph(scene: GraphScene, reduced_motion: bool, accessible: str) -> GraphView:
    """The graph beside the text, read-only: the presentation (and its audience round) has every key."""
    view = GraphView(scene)
    view.reduced_motion = reduced_motion
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # every key is the presentation's
    view.setInteractive(False)  # read-only: nothing to select or drag
    view.setAccessibleName(accessible)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
    view.minimap.set_wanted(False)  # it would cover nodes; G shows the whole tree instead
    return view
