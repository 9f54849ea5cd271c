"""A drawing far wider than a screen is folded into strips that fit a screen's shape (issue 15:
a 10,000-node tree was 1.36 million units wide and 2,600 high); drawings that fit are left alone."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from trainer.core.library import read_tree
from trainer.draw.layout import Box, Layout, LayoutInput, Size, compute_layout, input_from_tree
from trainer.draw.layout.wrap import SCREEN_SHAPE, wrap_wide

TREES = sorted((Path(__file__).parents[2] / "trees").glob("*.yaml"))


def wide_input(fans: int, leaves: int) -> LayoutInput:
    """A start with `fans` questions under it, each with `leaves` outcomes: wide and shallow."""
    children: dict[str, list[str]] = {"start": [f"q{i}" for i in range(fans)]}
    for i in range(fans):
        children[f"q{i}"] = [f"o{i}-{j}" for j in range(leaves)]
        for j in range(leaves):
            children[f"o{i}-{j}"] = []
    sizes = {n: Size(160, 44) for n in children}
    labels = {(s, t): Size(90, 20) for s, ts in children.items() for t in ts}
    return LayoutInput("start", children, sizes, labels)


def overlapping(boxes: list[Box]) -> list[tuple[Box, Box]]:
    """Pairs of boxes that overlap (a sweep over x: linear in practice)."""
    found, open_boxes = [], []
    for box in sorted(boxes, key=lambda b: b.x):
        open_boxes = [b for b in open_boxes if b.right > box.x]
        found += [(b, box) for b in open_boxes if b.overlaps(box)]
        open_boxes.append(box)
    return found


@pytest.mark.parametrize("direction", ["down", "right"])
def test_a_very_wide_drawing_is_folded_to_a_screens_shape(direction: str) -> None:
    plain = compute_layout(wide_input(40, 60))
    assert plain.width / plain.height > 100  # a line a few pixels high on any screen
    layout = compute_layout(wide_input(40, 60), options=_options(direction))
    folded = wrap_wide(layout, direction)  # type: ignore[arg-type]
    assert SCREEN_SHAPE / 2 < folded.width / folded.height < SCREEN_SHAPE * 2  # a screen's shape, either way
    assert folded.nodes.keys() == layout.nodes.keys() and folded.layers == layout.layers
    for node, box in folded.nodes.items():
        assert (box.width, box.height) == (layout.nodes[node].width, layout.nodes[node].height)
        assert box.x >= 0 and box.y >= 0
        assert box.right <= folded.width + 1e-6 and box.bottom <= folded.height + 1e-6
    labels = [e.label for e in folded.edges if e.label is not None]
    assert len(labels) == sum(e.label is not None for e in layout.edges)
    assert not overlapping([*folded.nodes.values(), *labels]), "nothing is drawn over anything else"
    for edge in folded.edges:  # each edge still leaves its source and reaches its target
        assert _touches(folded.nodes[edge.source], edge.points[0])
        assert _touches(folded.nodes[edge.target], edge.points[-1])


def test_a_long_chain_is_folded_across_into_strips_side_by_side() -> None:
    """Issue 15: a chain of thousands of questions is a column one node wide and millions high."""
    steps = 3000
    children = {f"q{i}": [f"q{i + 1}"] for i in range(steps)} | {f"q{steps}": []}
    sizes = {n: Size(160, 44) for n in children}
    layout = compute_layout(
        LayoutInput("q0", children, sizes, {(f"q{i}", f"q{i + 1}"): Size(60, 20) for i in range(steps)})
    )
    assert layout.height / layout.width > 1000
    folded = wrap_wide(layout)
    assert SCREEN_SHAPE / 2 < folded.width / folded.height < SCREEN_SHAPE * 2
    assert not overlapping([*folded.nodes.values(), *(e.label for e in folded.edges if e.label is not None)])
    tops = [folded.nodes[f"q{i}"].y for i in range(steps + 1)]
    assert sum(b < a for a, b in pairwise(tops)) < 60, "read down each strip, then the next"


def test_a_drawing_that_fits_is_left_exactly_as_it_is() -> None:
    for path in TREES:
        tree = read_tree(path).tree
        assert tree is not None
        layout = compute_layout(input_from_tree(tree, lambda _n: Size(180, 48), lambda _t: Size(120, 30)))
        assert wrap_wide(layout) is layout, path.name
    empty = Layout({}, (), {}, 0.0, 0.0)
    assert wrap_wide(empty) is empty


def _options(direction: str):  # type: ignore[no-untyped-def]
    from trainer.draw.layout import LayoutOptions

    return LayoutOptions(direction=direction)  # type: ignore[arg-type]


def _touches(box: Box, point: tuple[float, float], slack: float = 1.0) -> bool:
    x, y = point
    return box.x - slack <= x <= box.right + slack and box.y - slack <= y <= box.bottom + slack
